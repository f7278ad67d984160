# Duplicate address detection (docs/research/dad.md), dad_count 2: ifconfig
# shows a new address `tentative` (SIOCGIFAFLAG_IN6) until its DAD ends;
# FreeBSD tells no routing socket then (nd6_dad_timer), so the monitor sees
# only the add. An interface with no_dad skips DAD (in6if_do_dad); an
# address added while the interface is down stays tentative until it comes
# up (in6_if_up starts its DAD).
ifconfig tap0 create
ifconfig tap1 create
ifconfig tap2 create
ifconfig tap1 inet6 no_dad
ifconfig tap0 up
ifconfig tap1 up
ifconfig tap2 inet6 2001:db8:79::1 prefixlen 64
bg mon route -n monitor
ifconfig tap0 inet6 2001:db8:77::1 prefixlen 64
ifconfig tap1 inet6 2001:db8:78::1 prefixlen 64
ifconfig tap0 inet6
ifconfig tap1 inet6
ifconfig tap2 inet6
sleep 3
ifconfig tap0 inet6
ifconfig tap2 inet6
fg mon 10
ifconfig tap2 up
ifconfig tap2 inet6
sleep 3
ifconfig tap2 inet6
