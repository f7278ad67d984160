# rttest37 of OpenBSD regress/sbin/route (reconstructed from its .ok (the Makefile revision that added rttest34-38 is not in the sources read)): explicit prefix lengths on short forms.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
route -T 5 -n add 10/8 192.0.2.3
route -T 5 -n add 10.2/16 192.0.2.2
route -T 5 -n add 10.1.0/24 192.0.2.1
route -T 5 -n add 172/8 192.0.2.3
route -T 5 -n add 172.30/16 192.0.2.2
route -T 5 -n add 172.25.8/24 192.0.2.1
route -T 5 -n add 192/8 192.0.2.3
route -T 5 -n add 192.168/16 192.0.2.2
route -T 5 -n add 192.168.5/24 192.0.2.1
route -T 5 -n show -inet 2>&1 | diff -u $CASEDIR/ref/rttest37.ok -
