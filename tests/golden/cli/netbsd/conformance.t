# NetBSD's own routing tests, re-expressed: the expectations (not the code) of
# NetBSD src/tests/net/route/{t_flags,t_flags6,t_change,t_route}.sh, run with
# route(8) and ifconfig(8) against the netbsd personality. Each block names its
# case; docs/conformance.md tabulates them. The tests grep the listing for one
# destination and match its flags, as the originals do with netstat -rn.
#
# t_flags.sh route_flags_lo: 127.0.0.1 is Up, Host, local
route -n show -inet | grep '^127\.0\.0\.1 '
# t_flags.sh route_flags_connected: the own address UHl, the prefix UC
ifconfig shmif0 create
ifconfig shmif0 inet 10.0.0.2/24 up
route -n show -inet | grep -E '^10\.0\.0(/24|\.2) '
# t_flags6.sh route_flags_connected: the same for fc00::2
ifconfig shmif0 inet6 fc00::2/64
route -n show -inet6 | grep -E '^fc00::(/64|2) '
# t_flags6.sh route_flags_lo: ::1 stays Up, Host; fe80::1 (lo0's automatic
# link-local, in6_ifattach) is Up, Host, local
route -n show -inet6 | grep '^::1 '
route -n show -inet6 | grep '^fe80::1'
# t_flags.sh route_flags_default_gateway: UGS
route delete default
route add default 10.0.0.1
route -n show -inet | grep '^default '
# t_flags.sh route_flags_static: UGHS host, UGS net
route add 10.0.1.1 10.0.0.1
route -n show -inet | grep '^10\.0\.1\.1 '
route add -net 10.0.2.0/24 10.0.0.1
route -n show -inet | grep '^10\.0\.2/24 '
# t_flags6.sh route_flags_static
route add -inet6 fc00::1:1 fc00::1
route -n show -inet6 | grep '^fc00::1:1 '
route add -inet6 -net fc00::/24 fc00::1
route -n show -inet6 | grep '^fc00::/24 '
# t_flags.sh route_flags_blackhole: UGBS through 127.0.0.1
route delete -net 10.0.0.0/24
route add -net 10.0.0.0/24 127.0.0.1 -blackhole
route -n show -inet | grep '^10\.0\.0/24 '
# t_flags.sh route_flags_reject: UGRS, twice; a host route through lo0 UHRS
route delete -net 10.0.0.0/24
route add -net 10.0.0.0/24 10.0.0.1 -reject
route -n show -inet | grep '^10\.0\.0/24 '
route delete -net 10.0.0.0/24
route add -net 10.0.0.0/24 127.0.0.1 -reject
route -n show -inet | grep '^10\.0\.0/24 '
route delete -net 10.0.0.0/24
route add -host 10.0.0.1/24 127.0.0.1 -iface -reject
route -n show -inet | grep '^10\.0\.0\.1 '
# t_flags.sh route_flags_announce: -proxy is RTF_ANNOUNCE, 'p'
route delete -host 10.0.0.1
route add -net 10.0.0.0/24 10.0.0.1 -proxy
route -n show -inet | grep '^10\.0\.0/24 '
# t_flags6.sh route_flags_blackhole, route_flags_reject, route_flags_announce
route delete -inet6 -net fc00::/64
route add -inet6 -net fc00::/64 ::1 -blackhole
route -n show -inet6 | grep '^fc00::/64 '
route delete -inet6 -net fc00::/64
route add -inet6 -net fc00::/64 fc00::1 -reject
route -n show -inet6 | grep '^fc00::/64 '
route delete -inet6 -net fc00::/64
route add -inet6 -net fc00::/64 fc00::1 -proxy
route -n show -inet6 | grep '^fc00::/64 '
# t_change.sh route_change_reject2blackhole
route add 207.46.197.32 127.0.0.1 -reject
route -n show -inet | grep '^207\.46'
route change 207.46.197.32 127.0.0.1 -blackhole
route -n show -inet | grep '^207\.46'
# t_change.sh route_change_gateway
route add -net 192.168.0.0/24 10.0.0.1
route change -net 192.168.0.0/24 10.0.0.254
route -n show -inet | grep '^192\.168'
# t_change.sh route_change_ifa: the local address follows -ifa
ifconfig shmif0 inet 10.0.0.11/24 alias
route -n get 192.168.0.1
route change -net 192.168.0.0/24 10.0.0.1 -ifa 10.0.0.11
route -n get 192.168.0.1
# t_change.sh route_change_ifp: -ifp moves the route and its local address
ifconfig shmif3 create
ifconfig shmif3 inet 10.0.0.12/24 up
route change -net 192.168.0.0/24 10.0.0.1 -ifp shmif3
route -n get 192.168.0.1
# t_change.sh route_change_ifp_ifa: -ifa naming no local address, -ifp decides
route change -net 192.168.0.0/24 -ifa 10.0.0.1 -ifp shmif0
route -n get 192.168.0.1
# t_change.sh route_change_flags: UC, -reject URCS, -noreject UCS
ifconfig shmif1 create
ifconfig shmif1 inet 10.5.0.10/24 up
route -n show -inet | grep '^10\.5\.0/24 '
route change -net 10.5.0.0/24 -reject
route -n show -inet | grep '^10\.5\.0/24 '
route change -net 10.5.0.0/24 -noreject
route -n show -inet | grep '^10\.5\.0/24 '
# t_change.sh route_change_default_flags
route change default -reject
route -n show -inet | grep '^default '
route change default -noreject
route -n show -inet | grep '^default '
# t_route.sh route_command_get: local, neighbour, remote host
ifconfig shmif4 create
ifconfig shmif4 inet 10.6.0.10/24 up
route -n get 10.0.0.2
route -n get 10.6.0.1
route -n get 10.9.9.9
# t_route.sh route_command_get6: local and the IPv6 default
route -n get -inet6 fc00::2
# (t_flags6.sh route_flags_default_gateway: UGS)
route delete -inet6 default
route add -inet6 default fc00::1
route -n show -inet6 | grep '^default '
route -n get -inet6 2001:db9::9
# t_route.sh route_command_add: accepted and refused gateways
ifconfig shmif2 create
ifconfig shmif2 inet 10.7.0.1/24
route add -net 10.7.1.0/24 10.7.0.2
route add -host 10.7.2.1 10.7.0.3
route add -net 10.7.3.0/24 -connected -link -iface shmif2
route add -net 10.7.4.0/24 10.7.3.1
route add -net 10.7.1.0/26 10.7.5.1
route add -net 10.7.6.0/24 10.7.1.1
# t_route.sh route_command_add6
ifconfig shmif2 inet6 fc07::1/64
route add -inet6 -net fc07:1::0/64 fc07::2
route add -inet6 -host fc07:2::1 fc07::3
route add -inet6 -net fc07:3::0/64 -connected -link -iface shmif2
route add -inet6 -net fc07:4::0/64 fc07:3::1
route add -inet6 -net fc07::4/128 fc07:5::1
route add -inet6 -net fc07:6::0/64 fc07:1::1
# t_route.sh route_non_subnet_gateway: the add message drops /32
route add -net 10.8.0.1/32 -link -cloning -iface shmif2
# t_route.sh route_default_reject
route add -inet6 ::0.0.0.0 -prefixlen 104 ::1 -reject
route change -inet6 default -reject
