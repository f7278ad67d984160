# rttest29 of OpenBSD regress/sbin/route (Makefile 1.28): can't change/set expire on a RTF_LOCAL route.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
! route -T 5 -n change -expire 30 192.0.2.1 192.0.2.2
