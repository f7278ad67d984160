# FreeBSD's automatic link-local addresses (in6_if_up): an interface coming
# up gets fe80::/64 from its MAC, so a route through a link-local gateway on
# it is accepted; a tun (no MAC) gets MD5 of the empty hostname.
ifconfig lo0 inet6
ifconfig tap create
ifconfig tap0 inet6
route -n add -inet6 2001:db8:9::/64 fe80::1%tap0
bg mon route -n monitor
ifconfig tap0 up
fg mon 7
ifconfig tap0 inet6
route -n add -inet6 2001:db8:9::/64 fe80::1%tap0
route -n get -inet6 2001:db8:9::1
ifconfig tun create up
ifconfig tun0 inet6
route -n list -6
# nd6 flags: -auto_linklocal keeps an interface coming up without one;
# auto_linklocal adds it at once.
ifconfig tap create
ifconfig tap1 inet6 -auto_linklocal up
ifconfig tap1 inet6
ifconfig tap1 inet6 auto_linklocal
ifconfig tap1 inet6
ifconfig tap1 inet6 ifdisabled -no_dad
