# ifconfig(8) in the dragonfly personality: listing, clones, addresses, errors.
ifconfig
ifconfig -l
ifconfig lo0
ifconfig em0 inet6
ifconfig em9
# create, up, an address with its mask, mtu, in one command
ifconfig em1 create
ifconfig em1
ifconfig em1 inet 10.0.0.1/24 up mtu 9000
ifconfig em1
# without alias, inet replaces the first IPv4 address
ifconfig em1 inet 10.0.0.2 netmask 255.255.255.0 broadcast 10.0.0.255
ifconfig em1 inet 10.0.0.3/24 alias
ifconfig em1 inet6 2001:db8:1::1 prefixlen 64
ifconfig em1 inet6 fe80::1%em1/64
ifconfig em1
ifconfig em1 inet 10.0.0.3 -alias
ifconfig em1 inet6 2001:db8:1::1 delete
ifconfig em1 lladdr 02:aa:bb:cc:dd:ee
ifconfig em1 metric 3
ifconfig em1 down
ifconfig em1
# point-to-point
ifconfig gif0 create
ifconfig gif0 inet 10.1.1.1/32 10.1.1.2 up
ifconfig gif0 inet6 2001:db8:2::1 2001:db8:2::2 prefixlen 128
ifconfig gif0
# rtsock extension: JSON, one interface a line
ifconfig --json em1
# errors
ifconfig em1 inet 10.0.0.3 delete
ifconfig em1 inet 10.0.0.2/24 alias
ifconfig em1 inet 10.0.0.300/24
ifconfig em1 inet 10.0.0.1/40
ifconfig em1 inet6 2001:db8::zz
ifconfig em1 mtu abc
ifconfig em1 mtu
ifconfig em1 netmask
ifconfig em0 create
ifconfig em9 up
ifconfig em9 mtu 1400
ifconfig -z
ifconfig -a bogus
# destroy
ifconfig em1 destroy
ifconfig gif0 destroy
ifconfig em1
ifconfig em1 destroy
ifconfig
# the routing messages a change causes (route monitor)
bg mon route -n monitor
ifconfig vlan5 create
ifconfig vlan5 inet 10.9.0.1/24 up
fg mon 6
# multicast memberships (issue 16): vlan5's 224.0.0.1 above (in_ifinit: a
# reference per IPv4 address, never dropped). An IPv6 address joins its
# solicited-node group and, once per interface, ff02::1 (in6_update_ifa; no
# ff01::1 off the loopback); a second address with the same low 24 bits
# only takes a reference; the last to go leaves the solicited-node group
# alone (in6_purgeaddr); ff02::1 goes at the interface's detach
# (in6_ifdetach), 224.0.0.1 unreported
bg mon route -n monitor
ifconfig vlan5 inet6 2001:db8:5::1/64 alias
ifconfig vlan5 inet6 2001:db8:6::1/64 alias
ifconfig vlan5 inet6 2001:db8:5::1 delete
ifconfig vlan5 inet6 2001:db8:6::1 delete
ifconfig vlan5 destroy
fg mon 20
