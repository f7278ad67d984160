# rttest38 of OpenBSD regress/sbin/route (reconstructed from its .ok (the Makefile revision that added rttest34-38 is not in the sources read)): short forms without a length take the class of the first octet (inet_net_pton).
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
route -T 5 -n add 10 192.0.2.4
route -T 5 -n add 10.0.0.5 192.0.2.1
route -T 5 -n add 10.4.2 192.0.2.2
route -T 5 -n add 10.5 192.0.2.3
route -T 5 -n add 172 192.0.2.4
route -T 5 -n add 172.16.1.8 192.0.2.1
route -T 5 -n add 172.17.2 192.0.2.2
route -T 5 -n add 172.28 192.0.2.3
route -T 5 -n add 192 192.0.2.4
route -T 5 -n add 192.168.7.9 192.0.2.1
route -T 5 -n add 192.168.2 192.0.2.2
route -T 5 -n add 192.168 192.0.2.3
route -T 5 -n show -inet 2>&1 | diff -u $CASEDIR/ref/rttest38.ok -
