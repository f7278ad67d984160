# FreeBSD's own routing tests, re-expressed: the expectations (not the code)
# of FreeBSD's tests/sys/net/routing/{test_rtsock_l3.c,test_routing_l3.py,
# test_rtsock_multipath.py}, sbin/route/tests/basic.sh,
# tests/sys/netinet/{lpm.sh,fibs_test.sh} and tests/sys/netinet6/lpm6.sh, run
# with route(8) and ifconfig(8) against the freebsd personality (FreeBSD 14).
# Each block names its file and case; docs/conformance.md tabulates them.
# The raw-message parts (rtm_index, exact rtm_flags, pid 0, no netmask) are
# checked in tests/kernel/freebsd_conformance_test.cpp, one test per case.
# Where the originals read netstat -rn we read route -n list (the same
# columns), netstat --libxo json is route -j list, setfib N is -fib N. FIBs:
# this case's rtsockd runs with --fibs 4 (conformance.rtsockd).
#
# Set-up of test_rtsock_l3.c (config_setup, presetup_ipv4_iface): an epair
# interface up (the suite's epair create, with a fixed unit: epair10 makes
# epair10a and epair10b; destroying the a half takes both). The suite's prefixes are configuration variables
# (rtsock.v4prefix, rtsock.v6prefix); 203.0.113.0/24 and 2001:db8:1::/48 keep
# clear of em0's subnets. The smaller network is the prefix one bit longer,
# its gateway the prefix's last address minus one.
ifconfig epair10 create
ifconfig epair10a up
# test_rtsock_l3.c rtm_add_v4_gu_ifa_ordered_success: RTM_NEWADDR before
# the prefix route; (unregistered) rtm_add_v4_gu_ifa_prefixroute_success:
# the prefix route is <UP,DONE,PINNED> through the interface's link
bg mon route -n monitor
ifconfig epair10a inet 203.0.113.1/24
fg mon 4
# rtm_get_v4_exact_success: the interface prefix, <UP,DONE,PINNED>
route -n get -net 203.0.113.0/24
# rtm_get_v4_lpm_success: the network address alone finds the /24
route -n get 203.0.113.0
# rtm_add_v4_gw_direct_success: a /25 through a gateway on the /24
route -n add -net 203.0.113.0/25 203.0.113.254
route -n get -net 203.0.113.0/25
# rtm_del_v4_prefix_nogw_success: delete without a gateway; the reply names it
bg mon route -n monitor
route -n delete -net 203.0.113.0/25
fg mon 1
# rtm_change_v4_gw_success: the gateway moves to the second interface's subnet
ifconfig epair11 create
ifconfig epair11a inet 198.51.100.1/24 up
route -n add -net 203.0.113.0/25 203.0.113.254
route -n change -net 203.0.113.0/25 198.51.100.2
route -n get -net 203.0.113.0/25
# rtm_change_v4_mtu_success
route -n change -net 203.0.113.0/25 -mtu 1442
route -n get -net 203.0.113.0/25
# rtm_change_v4_flags_success: PROTO1-3 and STATIC given at add time go with
# a change that does not repeat them (route(8) -nostatic; FreeBSD's route(8)
# has no -proto3 keyword, the kernel test sets RTF_PROTO3 too)
route -n delete -net 203.0.113.0/25
route -n add -net 203.0.113.0/25 203.0.113.254 -proto1 -proto2
route -n get -net 203.0.113.0/25
route -n change -net 203.0.113.0/25 -nostatic
route -n get -net 203.0.113.0/25
route -n delete -net 203.0.113.0/25
# rtm_add_v4_temporal1_success: an expiry in the past; the route is deleted
bg mon route -n monitor
route -n add -net 203.0.113.0/25 203.0.113.254 -expire 1
fg mon 2
route -n get -net 203.0.113.0/25
# rtm_add_v6_gu_ifa_hostroute_success, rtm_add_v6_gu_ifa_prefixroute_success,
# rtm_add_v6_gu_ifa_ordered_success: RTM_NEWADDR first; the /128 through lo0
# <UP,HOST,DONE,STATIC,PINNED> without a netmask, the prefix <UP,DONE,PINNED>
bg mon route -n monitor
ifconfig epair10a inet6 2001:db8:1::1/48
fg mon 6
# rtm_add_v6_gu_gw_gu_direct_success
route -n add -inet6 -net 2001:db8:1::/49 2001:db8:1:ffff:ffff:ffff:ffff:fffe
route -n get -inet6 -net 2001:db8:1::/49
# rtm_del_v6_gu_prefix_nogw_success
bg mon route -n monitor
route -n delete -inet6 -net 2001:db8:1::/49
fg mon 1
# rtm_change_v6_gw_success
ifconfig epair11a inet6 2001:db8:4242::1/64
route -n add -inet6 -net 2001:db8:1::/49 2001:db8:1:ffff:ffff:ffff:ffff:fffe
route -n change -inet6 -net 2001:db8:1::/49 2001:db8:4242::4242
route -n get -inet6 -net 2001:db8:1::/49
# rtm_change_v6_mtu_success
route -n change -inet6 -net 2001:db8:1::/49 -mtu 1442
route -n get -inet6 -net 2001:db8:1::/49
# rtm_change_v6_flags_success
route -n delete -inet6 -net 2001:db8:1::/49
route -n add -inet6 -net 2001:db8:1::/49 2001:db8:1:ffff:ffff:ffff:ffff:fffe -proto1 -proto2
route -n get -inet6 -net 2001:db8:1::/49
route -n change -inet6 -net 2001:db8:1::/49 -nostatic
route -n get -inet6 -net 2001:db8:1::/49
route -n delete -inet6 -net 2001:db8:1::/49
# rtm_add_v6_temporal1_success
bg mon route -n monitor
route -n add -inet6 -net 2001:db8:1::/49 2001:db8:1:ffff:ffff:ffff:ffff:fffe -expire 1
fg mon 2
# rtm_del_v6_gu_ifa_hostroute_success, rtm_del_v6_gu_ifa_prefixroute_success:
# the /128 goes <HOST,DONE,STATIC,PINNED>, the prefix <DONE,PINNED>
bg mon route -n monitor
ifconfig epair10a inet6 2001:db8:1::1 -alias
fg mon 5
# rtm_del_v4_gu_ifa_prefixroute_success: the prefix goes <DONE,PINNED>
bg mon route -n monitor
ifconfig epair10a inet 203.0.113.1 -alias
fg mon 3
ifconfig epair10a destroy
ifconfig epair11a destroy
#
# test_routing_l3.py TestIfOps test_change_prefix_route[inet]: the prefix
# route moves to the interface that still has an address on it (the suite's
# 192.0.2.0/24 is em0's here: 198.19.0.0/24 stands in)
ifconfig if1 create
ifconfig if2 create
ifconfig if1 inet 198.19.0.1/24 up
ifconfig if2 inet 198.19.0.2/24 up
route -n list -4 | grep '^198\.19\.0\.0/24 '
ifconfig if1 inet 198.19.0.1 -alias
route -n list -4 | grep '^198\.19\.0\.0/24 '
# test_change_prefix_route[inet6]
ifconfig if1 inet6 2001:db8:3::1/64
ifconfig if2 inet6 2001:db8:3::2/64
route -n list -6 | grep '^2001:db8:3::/64 '
ifconfig if1 inet6 2001:db8:3::1 -alias
route -n list -6 | grep '^2001:db8:3::/64 '
ifconfig if2 inet 198.19.0.2 -alias
ifconfig if2 inet6 2001:db8:3::2 -alias
# test_change_prefix_route_same_iface[inet]: the prefix stays on the
# interface; its source address (the nexthop's ifa, netstat -o in the
# suite) becomes the second address: route -j get's if-address
ifconfig if1 inet 198.19.0.1/24
ifconfig if1 inet 198.19.0.2/24 alias
route -n list -4 | grep '^198\.19\.0\.0/24 '
ifconfig if1 inet 198.19.0.1 -alias
route -n list -4 | grep '^198\.19\.0\.0/24 '
route -n -j get 198.19.0.7 | grep -o '"interface":"[^"]*","if-address":"[^"]*"'
# test_change_prefix_route_same_iface[inet6] (the suite adds a route through
# the second address to refresh the nexthop)
ifconfig if1 inet6 2001:db8:3::1/64
ifconfig if1 inet6 2001:db8:3::2/64 alias
ifconfig if1 inet6 2001:db8:3::1 -alias
route -n add -inet6 -net 2002:db8::/64 2001:db8:3::2
route -n list -6 | grep '^2001:db8:3::/64 '
route -n -j get -inet6 2001:db8:3::7 | grep -o '"interface":"[^"]*","if-address":"[^"]*"'
ifconfig if1 destroy
ifconfig if2 destroy
# test_routing_l3.py TestRouteCornerCase1 test_add_direct_route_p2p_wo_ifa
# [inet, inet6]: a prefix through the link of a tun without an address
ifconfig tun0 create
route -n add -net 172.16.0.0/12 -iface tun0
route -n add -inet6 -net 2a02:6b8::/64 -iface tun0
route -n list | grep -E '^(172\.16\.0\.0/12|2a02:6b8::/64) '
ifconfig tun0 destroy
#
# sbin/route/tests/basic.sh basic_v4: add, change, delete a host route
# (em0's 192.0.2.10/24 stands for the jail's 192.0.2.1/24)
route -n add 192.0.2.3 192.0.2.2
route -n -j list -4 | grep -o '{[^{}]*"192\.0\.2\.3"[^{}]*}'
route -n change 192.0.2.3 192.0.2.4
route -n -j list -4 | grep -o '{[^{}]*"192\.0\.2\.3"[^{}]*}'
route -n delete 192.0.2.3
route -n -j list -4 | grep -c '"192\.0\.2\.3"'
# basic_v6
ifconfig epair12 create
ifconfig epair12a inet6 2001:db8:cc4b::2/64 up
route -n add -6 2001:db8:cc4b::3 2001:db8:cc4b::1
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:cc4b::3"[^{}]*}'
route -n change -6 2001:db8:cc4b::3 2001:db8:cc4b::4
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:cc4b::3"[^{}]*}'
route -n -6 delete 2001:db8:cc4b::3
route -n -j list -6 | grep -c '"2001:db8:cc4b::3"'
# interface_route_v4, interface_route_v6: a host route through an interface
# that has no address; its gateway is the interface's link
ifconfig epair13 create
ifconfig epair13a up
route -n add 192.0.2.1 -iface epair13a
route -n -j list -4 | grep -o '{[^{}]*"192\.0\.2\.1"[^{}]*}'
route -n add -6 2001:db8:cc4b::1 -iface epair13a
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:cc4b::1"[^{}]*}'
ifconfig epair12a destroy
ifconfig epair13a destroy
#
# tests/sys/netinet/lpm.sh lpm_test1_success: 198.51.100.0 leaves by the /31,
# 198.51.100.2 by the /30 (the suite counts pings per interface; route get
# names the interface the lookup picks)
ifconfig lpm0 create
ifconfig lpm1 create
ifconfig lpm0 inet 203.0.113.1/30 up
ifconfig lpm1 inet 203.0.113.5/30 up
route -n add -4 -net 198.51.100.0/30 203.0.113.2
route -n add -4 -net 198.51.100.0/31 203.0.113.6
route -n get 198.51.100.0 | grep -E 'gateway|interface'
route -n get 198.51.100.2 | grep -E 'gateway|interface'
route -n delete -4 -net 198.51.100.0/30
route -n delete -4 -net 198.51.100.0/31
# lpm_test2_success: host routes
route -n add -4 -host 198.51.100.0 203.0.113.2
route -n add -4 -host 198.51.100.1 203.0.113.6
route -n get 198.51.100.0 | grep -E 'gateway|interface'
route -n get 198.51.100.1 | grep -E 'gateway|interface'
# tests/sys/netinet6/lpm6.sh lpm6_test1_success: host routes through the
# neighbours' link-local addresses
ifconfig lpm0 inet6 fe80::1/64
ifconfig lpm1 inet6 fe80::1/64
route -n add -6 -host 2001:db8::2:0 fe80::2%lpm0
route -n add -6 -host 2001:db8::2:1 fe80::2%lpm1
route -n get -6 2001:db8::2:0 | grep -E 'gateway|interface'
route -n get -6 2001:db8::2:1 | grep -E 'gateway|interface'
route -n delete -6 -host 2001:db8::2:0
route -n delete -6 -host 2001:db8::2:1
# lpm6_test2_success: /126 and /127
route -n add -6 -net 2001:db8::2:0/126 fe80::2%lpm0
route -n add -6 -net 2001:db8::2:0/127 fe80::2%lpm1
route -n get -6 2001:db8::2:0 | grep -E 'gateway|interface'
route -n get -6 2001:db8::2:2 | grep -E 'gateway|interface'
ifconfig lpm0 destroy
ifconfig lpm1 destroy
#
# tests/sys/netinet/fibs_test.sh (net.add_addr_allfibs=0): an interface's
# addresses route in the interface's FIB (ifconfig ... fib N)
# loopback_and_network_routes_on_nondefault_fib: 192.0.2.2 UHS lo0 and the
# /24 via the tap in FIB 1 only (FIB 0's 192.0.2.0/24 is em0's)
ifconfig tap0 create
ifconfig tap0 inet 192.0.2.2/24 fib 1
route -n list -fib 1 -4 | grep -E '^192\.0\.2\.(2|0/24) '
route -n list -fib 0 -4 | grep -E '^192\.0\.2\.2 |tap0'
# loopback_and_network_routes_on_nondefault_fib_inet6
ifconfig tap0 inet6 2001:db8::2/64
route -n list -fib 1 -6 | grep -E '^2001:db8::(2|/64) '
route -n list -fib 0 -6 | grep -E '^2001:db8::2 |tap0'
ifconfig tap0 destroy
# default_route_with_multiple_fibs_on_same_subnet: each FIB's default leaves
# by its own tap
ifconfig tap1 create
ifconfig tap2 create
ifconfig tap1 inet 192.0.2.2/24 fib 1
ifconfig tap2 inet 192.0.2.3/24 fib 2
route -n add default 192.0.2.1 -fib 1
route -n add default 192.0.2.1 -fib 2
route -n list -fib 1 -4 | grep '^default '
route -n list -fib 2 -4 | grep '^default '
# subnet_route_with_multiple_fibs_on_same_subnet: both FIBs route the subnet
route -n get 192.0.2.3 -fib 1 | grep -E 'destination|interface'
route -n get 192.0.2.2 -fib 2 | grep -E 'destination|interface'
# default_route_with_multiple_fibs_on_same_subnet_inet6,
# subnet_route_with_multiple_fibs_on_same_subnet_inet6
ifconfig tap1 inet6 2001:db8::2/64 fib 1
ifconfig tap2 inet6 2001:db8::3/64 fib 2
route -n add -6 default 2001:db8::1 -fib 1
route -n add -6 default 2001:db8::1 -fib 2
route -n list -fib 1 -6 | grep '^default '
route -n list -fib 2 -6 | grep '^default '
route -n get -6 2001:db8::3 -fib 1 | grep -E 'destination|interface'
route -n get -6 2001:db8::2 -fib 2 | grep -E 'destination|interface'
ifconfig tap1 destroy
ifconfig tap2 destroy
# same_ip_multiple_ifaces_fib0: one address on two interfaces of FIB 0, a
# /32 alias refused or not; the kernel must stay up (route get answers)
ifconfig tap3 create
ifconfig tap4 create
ifconfig tap3 inet 192.0.2.2/24
ifconfig tap4 inet 192.0.2.3/24
ifconfig tap4 alias 192.0.2.2 netmask 255.255.255.255 || true
route -n get 192.0.2.2 | grep -E 'destination|interface'
ifconfig tap3 destroy
ifconfig tap4 destroy
# (in.c in_aifaddr_ioctl, in_localip_more, in_scrubprefix): the same /24 on a
# second interface of the FIB is accepted; the loopback route stays with the
# first holder, then switches to the second (ifa_switch_loopback_route), as
# the prefix route moves to it
ifconfig tap3 create
ifconfig tap4 create
ifconfig tap3 inet 198.51.100.2/24 up
ifconfig tap4 inet 198.51.100.2/24 up
route -n list -4 | grep '^198\.51\.100\.'
ifconfig tap3 -alias 198.51.100.2
route -n list -4 | grep '^198\.51\.100\.'
ifconfig tap4 -alias 198.51.100.2
route -n list -4 | grep -c '^198\.51\.100\.'
ifconfig tap3 destroy
ifconfig tap4 destroy
# same_ip_multiple_ifaces (FreeBSD expects this to fail: kern/189088): the
# same address in FIBs 1 and 2; removing it from one interface leaves no
# host route in that interface's FIB
ifconfig tap5 create
ifconfig tap6 create
ifconfig tap5 inet 192.0.2.2/24 fib 1
ifconfig tap6 inet 192.0.2.2/32 fib 2
route -n list -fib 2 -4 | grep '^192\.0\.2\.2 '
route -n list -fib 1 -4 | grep '^192\.0\.2\.2 '
ifconfig tap6 -alias 192.0.2.2
route -n list -fib 2 -4 | grep -c '^192\.0\.2\.2 '
ifconfig tap6 inet 192.0.2.2/32
ifconfig tap5 -alias 192.0.2.2
route -n list -fib 1 -4 | grep -c '^192\.0\.2\.2 '
ifconfig tap5 destroy
ifconfig tap6 destroy
# same_ip_multiple_ifaces_inet6
ifconfig tap7 create
ifconfig tap8 create
ifconfig tap7 inet6 2001:db8::2/64 fib 1
ifconfig tap8 inet6 2001:db8::2/128 fib 2
route -n list -fib 2 -6 | grep '^2001:db8::2 '
ifconfig tap8 inet6 2001:db8::2 -alias
route -n list -fib 2 -6 | grep -c '^2001:db8::2 '
ifconfig tap8 inet6 2001:db8::2/128
ifconfig tap7 inet6 2001:db8::2 -alias
route -n list -fib 1 -6 | grep -c '^2001:db8::2 '
ifconfig tap7 destroy
ifconfig tap8 destroy
#
# tests/sys/net/routing/test_rtsock_multipath.py (SingleVnetTestTemplate:
# one interface, 192.0.2.1/24 and 2001:db8::1/64 in the suite; em0 holds
# those subnets here, so mp0 takes 198.18.0.1/24 and 2001:db8:2::1/64, and
# each parametrisation its own prefix). Each step is followed, as in the
# suite, by the prefix's paths with their weights (netstat --libxo json).
ifconfig mp0 create
ifconfig mp0 inet 198.18.0.1/24 up
ifconfig mp0 inet6 2001:db8:2::1/64
# test_rtsock_multipath.py test_rtm_multipath4[transition_multi]: +10=2 +5=3
route -n add -net 128.66.1.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.1\.0/24"[^{}]*}'
route -n add -net 128.66.1.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.1\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[transition_single1]: +10=2 +5=3 -10=2
route -n add -net 128.66.2.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.2\.0/24"[^{}]*}'
route -n add -net 128.66.2.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.2\.0/24"[^{}]*}'
route -n delete -net 128.66.2.0/24 198.18.0.10
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.2\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[transition_single2]: +10=2 +5=3 -5=3
route -n add -net 128.66.3.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.3\.0/24"[^{}]*}'
route -n add -net 128.66.3.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.3\.0/24"[^{}]*}'
route -n delete -net 128.66.3.0/24 198.18.0.5
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.3\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[correctness1]: +10 +11 +50 +13 +145 +72
route -n add -net 128.66.4.0/24 198.18.0.10
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.4\.0/24"[^{}]*}'
route -n add -net 128.66.4.0/24 198.18.0.11
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.4\.0/24"[^{}]*}'
route -n add -net 128.66.4.0/24 198.18.0.50
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.4\.0/24"[^{}]*}'
route -n add -net 128.66.4.0/24 198.18.0.13
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.4\.0/24"[^{}]*}'
route -n add -net 128.66.4.0/24 198.18.0.145
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.4\.0/24"[^{}]*}'
route -n add -net 128.66.4.0/24 198.18.0.72
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.4\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[correctness2]: +10 +11 +50 -50 +145 +72
route -n add -net 128.66.5.0/24 198.18.0.10
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.5\.0/24"[^{}]*}'
route -n add -net 128.66.5.0/24 198.18.0.11
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.5\.0/24"[^{}]*}'
route -n add -net 128.66.5.0/24 198.18.0.50
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.5\.0/24"[^{}]*}'
route -n delete -net 128.66.5.0/24 198.18.0.50
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.5\.0/24"[^{}]*}'
route -n add -net 128.66.5.0/24 198.18.0.145
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.5\.0/24"[^{}]*}'
route -n add -net 128.66.5.0/24 198.18.0.72
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.5\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[weight1]: +10=1 +5=2
route -n add -net 128.66.6.0/24 198.18.0.10 -weight 1
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.6\.0/24"[^{}]*}'
route -n add -net 128.66.6.0/24 198.18.0.5 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.6\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[weight2]: +10=2 +5=7
route -n add -net 128.66.7.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.7\.0/24"[^{}]*}'
route -n add -net 128.66.7.0/24 198.18.0.5 -weight 7
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.7\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[weight3_max]: +10=13 +5=21
route -n add -net 128.66.8.0/24 198.18.0.10 -weight 13
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.8\.0/24"[^{}]*}'
route -n add -net 128.66.8.0/24 198.18.0.5 -weight 21
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.8\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[change_new_weight1]: +10=2 +5=3 ~5=4
route -n add -net 128.66.9.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.9\.0/24"[^{}]*}'
route -n add -net 128.66.9.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.9\.0/24"[^{}]*}'
route -n change -net 128.66.9.0/24 198.18.0.5 -weight 4
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.9\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[change_new_weight2]: +10=2 +5=3 ~10=3
route -n add -net 128.66.10.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.10\.0/24"[^{}]*}'
route -n add -net 128.66.10.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.10\.0/24"[^{}]*}'
route -n change -net 128.66.10.0/24 198.18.0.10 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.10\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[change_new_weight3]: +10=2 +5=3 +7=4 ~10=3
route -n add -net 128.66.11.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.11\.0/24"[^{}]*}'
route -n add -net 128.66.11.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.11\.0/24"[^{}]*}'
route -n add -net 128.66.11.0/24 198.18.0.7 -weight 4
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.11\.0/24"[^{}]*}'
route -n change -net 128.66.11.0/24 198.18.0.10 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.11\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[change_same_weight1]: +10=2 +5=3 ~5=3
route -n add -net 128.66.12.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.12\.0/24"[^{}]*}'
route -n add -net 128.66.12.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.12\.0/24"[^{}]*}'
route -n change -net 128.66.12.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.12\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath4[change_same_weight2]: +10=2 +5=3 +7=4 ~5=3
route -n add -net 128.66.13.0/24 198.18.0.10 -weight 2
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.13\.0/24"[^{}]*}'
route -n add -net 128.66.13.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.13\.0/24"[^{}]*}'
route -n add -net 128.66.13.0/24 198.18.0.7 -weight 4
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.13\.0/24"[^{}]*}'
route -n change -net 128.66.13.0/24 198.18.0.5 -weight 3
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.13\.0/24"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[transition_multi]: +10=2 +5=3
route -n add -inet6 -net 2001:db8:2:dd1::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd1::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd1::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd1::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[transition_single1]: +10=2 +5=3 -10=2
route -n add -inet6 -net 2001:db8:2:dd2::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd2::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd2::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd2::/64"[^{}]*}'
route -n delete -inet6 -net 2001:db8:2:dd2::/64 2001:db8:2::10
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd2::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[transition_single2]: +10=2 +5=3 -5=3
route -n add -inet6 -net 2001:db8:2:dd3::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd3::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd3::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd3::/64"[^{}]*}'
route -n delete -inet6 -net 2001:db8:2:dd3::/64 2001:db8:2::5
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd3::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[correctness1]: +10 +11 +50 +13 +145 +72
route -n add -inet6 -net 2001:db8:2:dd4::/64 2001:db8:2::10
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd4::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd4::/64 2001:db8:2::11
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd4::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd4::/64 2001:db8:2::50
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd4::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd4::/64 2001:db8:2::13
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd4::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd4::/64 2001:db8:2::145
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd4::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd4::/64 2001:db8:2::72
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd4::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[correctness2]: +10 +11 +50 -50 +145 +72
route -n add -inet6 -net 2001:db8:2:dd5::/64 2001:db8:2::10
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd5::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd5::/64 2001:db8:2::11
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd5::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd5::/64 2001:db8:2::50
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd5::/64"[^{}]*}'
route -n delete -inet6 -net 2001:db8:2:dd5::/64 2001:db8:2::50
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd5::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd5::/64 2001:db8:2::145
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd5::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd5::/64 2001:db8:2::72
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd5::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[weight1]: +10=1 +5=2
route -n add -inet6 -net 2001:db8:2:dd6::/64 2001:db8:2::10 -weight 1
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd6::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd6::/64 2001:db8:2::5 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd6::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[weight2]: +10=2 +5=7
route -n add -inet6 -net 2001:db8:2:dd7::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd7::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd7::/64 2001:db8:2::5 -weight 7
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd7::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[weight3_max]: +10=13 +5=21
route -n add -inet6 -net 2001:db8:2:dd8::/64 2001:db8:2::10 -weight 13
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd8::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd8::/64 2001:db8:2::5 -weight 21
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd8::/64"[^{}]*}'
# (test_rtm_multipath6 lists weight3_max twice: weight3_max0 and weight3_max1 run the same steps)
# test_rtsock_multipath.py test_rtm_multipath6[change_new_weight1]: +10=2 +5=3 ~5=4
route -n add -inet6 -net 2001:db8:2:dd9::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd9::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd9::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd9::/64"[^{}]*}'
route -n change -inet6 -net 2001:db8:2:dd9::/64 2001:db8:2::5 -weight 4
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd9::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[change_new_weight2]: +10=2 +5=3 ~10=3
route -n add -inet6 -net 2001:db8:2:dd10::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd10::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd10::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd10::/64"[^{}]*}'
route -n change -inet6 -net 2001:db8:2:dd10::/64 2001:db8:2::10 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd10::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[change_new_weight3]: +10=2 +5=3 +7=4 ~10=3
route -n add -inet6 -net 2001:db8:2:dd11::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd11::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd11::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd11::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd11::/64 2001:db8:2::7 -weight 4
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd11::/64"[^{}]*}'
route -n change -inet6 -net 2001:db8:2:dd11::/64 2001:db8:2::10 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd11::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[change_same_weight1]: +10=2 +5=3 ~5=3
route -n add -inet6 -net 2001:db8:2:dd12::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd12::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd12::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd12::/64"[^{}]*}'
route -n change -inet6 -net 2001:db8:2:dd12::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd12::/64"[^{}]*}'
# test_rtsock_multipath.py test_rtm_multipath6[change_same_weight2]: +10=2 +5=3 +7=4 ~5=3
route -n add -inet6 -net 2001:db8:2:dd13::/64 2001:db8:2::10 -weight 2
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd13::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd13::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd13::/64"[^{}]*}'
route -n add -inet6 -net 2001:db8:2:dd13::/64 2001:db8:2::7 -weight 4
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd13::/64"[^{}]*}'
route -n change -inet6 -net 2001:db8:2:dd13::/64 2001:db8:2::5 -weight 3
route -n -j list -6 | grep -o '{[^{}]*"2001:db8:2:dd13::/64"[^{}]*}'
# test_rtm_multipath4_add_same_eexist, test_rtm_multipath6_add_same_eexist:
# the third, repeated path is EEXIST
route -n add -net 128.66.100.0/24 198.18.0.10
route -n add -net 128.66.100.0/24 198.18.0.11
route -n add -net 128.66.100.0/24 198.18.0.11
route -n add -inet6 -net 2001:db8:2:d100::/64 2001:db8:2::10
route -n add -inet6 -net 2001:db8:2:d100::/64 2001:db8:2::11
route -n add -inet6 -net 2001:db8:2:d100::/64 2001:db8:2::11
# test_rtm_multipath{4,6}_del_unknown_esrch: a path not in the group is ESRCH
route -n delete -net 128.66.100.0/24 198.18.0.7
route -n delete -inet6 -net 2001:db8:2:d100::/64 2001:db8:2::7
# test_rtm_multipath{4,6}_change_unknown_esrch
route -n change -net 128.66.100.0/24 198.18.0.7
route -n change -inet6 -net 2001:db8:2:d100::/64 2001:db8:2::7
# test_rtm_multipath4_add_zero_weight: weight 0 is the default weight, 1
route -n add -net 128.66.101.0/24 198.18.0.10 -weight 0
route -n add -net 128.66.101.0/24 198.18.0.11 -weight 0
route -n add -net 128.66.101.0/24 198.18.0.13 -weight 0
route -n -j list -4 | grep -o '{[^{}]*"128\.66\.101\.0/24"[^{}]*}'
# test_rtm_multipath{4,6}_getroute: RTM_GET of the prefix after each path
# answers with the prefix and one of the paths so far
route -n add -net 128.66.102.0/24 198.18.0.10
route -n get -net 128.66.102.0/24 | grep -E 'destination|mask|gateway'
route -n add -net 128.66.102.0/24 198.18.0.11
route -n get -net 128.66.102.0/24 | grep -E 'destination|mask|gateway'
route -n add -net 128.66.102.0/24 198.18.0.13
route -n get -net 128.66.102.0/24 | grep -E 'destination|mask|gateway'
route -n add -inet6 -net 2001:db8:2:d102::/64 2001:db8:2::10
route -n get -inet6 -net 2001:db8:2:d102::/64 | grep -E 'destination|mask|gateway'
route -n add -inet6 -net 2001:db8:2:d102::/64 2001:db8:2::11
route -n get -inet6 -net 2001:db8:2:d102::/64 | grep -E 'destination|mask|gateway'
route -n add -inet6 -net 2001:db8:2:d102::/64 2001:db8:2::13
route -n get -inet6 -net 2001:db8:2:d102::/64 | grep -E 'destination|mask|gateway'
