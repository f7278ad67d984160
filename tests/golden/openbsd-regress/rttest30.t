# rttest30 of OpenBSD regress/sbin/route (Makefile 1.28): ensure that all MPATH routes on vlan99 are taken down (the suite's sleep for SRP references is not needed).
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
ifconfig vether99 rdomain 5 lladdr fe:e1:ba:d4:c8:1d up
ifconfig vlan99 rdomain 5 parent vether99 vnetid 3 up
ifconfig vether99 10.1.254.56/14
ifconfig vlan99 inet alias 10.1.255.1/14
ifconfig vlan99 inet alias 10.1.255.2/14
ifconfig vlan99 inet alias 10.1.255.3/14
ifconfig vlan99 down
route -T 5 -n show -inet 2>&1 | diff -u $CASEDIR/ref/rttest30.ok -
