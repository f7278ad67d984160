# ifconfig(8) in the netbsd personality: listing, clones, addresses, errors.
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
# not an error here: in_control re-initialises an address em1 has
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
# an address two interfaces hold: when one lets it go, the prefix route moves
# and the loopback route is kept for the other (rt_ifa_remlocal: RTM_CHANGE,
# no RTM_DELADDR)
ifconfig vlan6 create
ifconfig vlan6 inet 10.9.0.1/24 up
bg mon2 route -n monitor
ifconfig vlan5 inet 10.9.0.1 delete
fg mon2 3
route -n get 10.9.0.1
