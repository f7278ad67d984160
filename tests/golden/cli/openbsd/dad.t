# Duplicate address detection (docs/research/dad.md), dad_count 2: ifconfig
# shows a new inet6 address `tentative` (SIOCGIFAFLAG_IN6) until its DAD
# ends, and then OpenBSD sends RTM_CHGADDRATTR for it (nd6_dad_timer:
# rtm_addr). An interface that is down gets no DAD (in6if_do_dad).
# (The boot configuration's addresses finish their DAD first.)
sleep 3
ifconfig vether0 create
ifconfig vether0 up
bg mon route -n monitor
ifconfig vether0 inet6 2001:db8:77::1 prefixlen 64
ifconfig vether0 inet6
sleep 3
ifconfig vether0 inet6
fg mon 8
ifconfig vether1 create
ifconfig vether1 inet6 2001:db8:78::1 prefixlen 64
ifconfig vether1 inet6
