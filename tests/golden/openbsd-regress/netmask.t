# netmask of OpenBSD regress/sbin/route (Makefile 1.28): the -net/-dst forms of add and delete, written with route -t (no socket).
# Set-up of the suite's .BEGIN: four loopbacks in routing domain 5.
ifconfig lo5 rdomain 5 -inet6 down
ifconfig lo10001 up rdomain 5 192.0.2.1/32
ifconfig lo10002 up rdomain 5 192.0.2.2/32
ifconfig lo10003 up rdomain 5 192.0.2.3/32
ifconfig lo10004 up rdomain 5 192.0.2.4/32
route -T 5 -n -t add -net 192.0.3/24 192.0.2.1
route -T 5 -n -t add -net 192.0.4.0 -netmask 255.255.255.0 192.0.2.1
route -T 5 -n -t delete -net 192.0.3/24 192.0.2.1
route -T 5 -n -t delete -net 192.0.4.0 -netmask 255.255.255.0 192.0.2.1
route -T 5 -n -t add -dst 192.0.3/24 192.0.2.1
route -T 5 -n -t add -dst 192.0.4.0 -netmask 255.255.255.0 192.0.2.1
route -T 5 -n -t delete -dst 192.0.3/24 192.0.2.1
route -T 5 -n -t delete -dst 192.0.4.0 -netmask 255.255.255.0 192.0.2.1
