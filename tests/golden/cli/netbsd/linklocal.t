# NetBSD's automatic link-local addresses (in6_if_up -> in6_ifattach; facts
# in docs/research/kame-link-local.md): lo0 holds ::1 and fe80::1 (local
# route UHl, fe80::%lo0/64 through the address); an interface coming up gets
# fe80::/64 from its MAC (RTM_IFINFO, RTM_NEWADDR, the local route, then the
# connected prefix route), so a route through a link-local gateway on it is
# accepted; a gif (no MAC, none to borrow) gets MD5 of the empty hostname.
ifconfig lo0 inet6
route -n show -inet6 | grep -E '^(::1|fe80::1%lo0|fe80::%lo0/64) '
ifconfig tap0 create
ifconfig tap0 inet6
route -n add -inet6 2001:db8:9::/64 fe80::1%tap0
bg mon route -n monitor
ifconfig tap0 up
fg mon 5
ifconfig tap0 inet6
route -n add -inet6 2001:db8:9::/64 fe80::1%tap0
route -n get -inet6 2001:db8:9::1
# in6_ifattach: an MTU below IPV6_MMTU gets none; 1280 does.
ifconfig gif0 create
ifconfig gif0 mtu 1279 up
ifconfig gif0 inet6
ifconfig gif1 create
ifconfig gif1 up
ifconfig gif1 inet6
# in6_purgeaddr: the prefix route, the local route, then RTM_DELADDR
bg mon2 route -n monitor
ifconfig tap0 inet6 fe80::ff:fe00:3%tap0 delete
fg mon2 3
