# rttest20 of OpenBSD regress/sbin/route (Makefile 1.28): RTM_GET for mpath routes does not need a gateway argument.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
ifconfig lo10001 inet6 fd88::1/64
ifconfig lo10002 inet6 fd88::2/64
route -T 5 -n add -inet6 2001:ee0:2001:c0::/64 fd88::1
route -T 5 -n add -inet6 -mpath 2001:ee0:2001:c0::/64 fd88::2
route -T 5 -n get -inet6 2001:ee0:2001:c0::/64 2>&1 | diff -u $CASEDIR/ref/rttest20.ok -
