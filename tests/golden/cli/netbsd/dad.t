# Duplicate address detection (docs/research/dad.md), with dad_count 3 and
# net.inet.ip.dad_count 1: a new address is tentative (inet6 flags
# 0x2<TENTATIVE>, inet 0x1<TENTATIVE>) and its RTM_NEWADDR says so in
# ifam_addrflags; when DAD ends a second RTM_NEWADDR carries the flags
# without it (nd6_dad_timer, arp_dad_timer). ifconfig -w waits for that
# (first for the boot configuration's own addresses).
ifconfig tap0 create
ifconfig tap0 up
ifconfig -w 10
bg mon route -n monitor
ifconfig tap0 inet 198.51.100.1/24
ifconfig tap0 inet6 2001:db8:77::1 prefixlen 64
ifconfig tap0
ifconfig -w 10
ifconfig tap0
fg mon 8
# ifconfig down (in_if_down, in6_if_down: the link-down hooks) detaches
# every address; one added while IFF_UP is clear but the link is not down
# gets neither mark (if_do_dad wants IFF_UP|IFF_RUNNING); up makes the
# detached ones tentative again.
ifconfig tap0 down
ifconfig tap0 inet6 2001:db8:78::1 prefixlen 64
ifconfig tap0
ifconfig tap0 up
ifconfig tap0
ifconfig -w 10
ifconfig tap0
