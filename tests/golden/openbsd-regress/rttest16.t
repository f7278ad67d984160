# rttest16 of OpenBSD regress/sbin/route (Makefile 1.28): changing ifp should not change the gw.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
ifconfig lo10001 inet6 eui64
ifconfig lo10002 inet6 fd88::1/64
ifconfig lo10003 inet6 fd99::1/64
route -T 5 -n add -inet6 fd88::666 fd99::1
route -T 5 -n change fd88::666 -ifp lo10002
route -T 5 -n show -inet6 2>&1 | diff -u $CASEDIR/ref/rttest16.ok -
