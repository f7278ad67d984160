# rttest26 of OpenBSD regress/sbin/route (Makefile 1.28): can change the MTU of an non-mpath route without gateway.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
route -T 5 -n add -mpath 10.8.1/24 192.0.2.3
route -T 5 -n change -mpath -mtu 1000 10.8.1/24
route -T 5 -n show -inet 2>&1 | diff -u $CASEDIR/ref/rttest26.ok -
