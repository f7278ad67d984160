# rttest35 of OpenBSD regress/sbin/route (reconstructed from its .ok (the Makefile revision that added rttest34-38 is not in the sources read)): the same with the default route written as 0.0.0.0/0.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
ifconfig vether99 rdomain 5 lladdr fe:e1:ba:d4:c8:1d up
ifconfig vether99 192.168.3.23/24
route -T 5 -n add 0.0.0.0/0 192.168.3.1
route -T 5 -n show -inet 2>&1 | sed -e "s,link\#[0-9 ]*U,link#              U," | diff -u $CASEDIR/ref/rttest35.ok -
