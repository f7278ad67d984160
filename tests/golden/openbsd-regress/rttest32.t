# rttest32 of OpenBSD regress/sbin/route (Makefile 1.28): check that next-hop L2 cache are cloned using the correct MPATH route.
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
ifconfig vether99 rdomain 5 lladdr fe:e1:ba:d4:c8:1d up
ifconfig vether99 130.102.71.68/27
ifconfig vlan99 rdomain 5 parent vether99 vnetid 3 up
ifconfig vlan99 130.102.71.70/27
route -T 5 -n add -net 192.168.67.0/25 130.102.71.67 -priority 9 -ifp vether99
route -T 5 -n add -net 192.168.67.128/25 130.102.71.67 -priority 3 -ifp vlan99
route -T 5 -n show -inet 2>&1 | sed -e "s,link\#[0-9 ]*U,link#              U," | diff -u $CASEDIR/ref/rttest32.ok -
