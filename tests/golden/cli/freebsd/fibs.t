# FIBs in the freebsd personality (issue 17 item 4), rtsockd --fibs 4:
# -fib on add/get/delete/flush/list; -T is OpenBSD's and a usage error here
route -T 1 -n add 10.1.0.0/16 192.0.2.1
route -T1 -n list
# net.add_addr_allfibs=0 (FreeBSD 12+): em0's subnet is in FIB 0 alone, so a
# gateway on it is unreachable from FIB 1 (ifa_ifwithnet(gw, 0, fibnum),
# kern/187552) until the subnet is routed there too
route -n add 10.1.0.0/16 192.0.2.1 -fib 1
route -n add -net 192.0.2.0/24 -iface em0 -fib 1,2
route -n add 10.1.0.0/16 192.0.2.1 -fib 1
route -n add 10.2.0.0/16 192.0.2.1 -fib 0,2
route -n get 10.1.0.1 -fib 1
route -n get 10.1.0.1
route -n list -fib 1
route -n list -fib 2 -4
route -j -n list -fib 1
route -n list -fib 4
route -n list -fib 1,2
route -n list -fib
route -n flush -fib 2
route -n list -fib 2 -4
route -n delete 10.1.0.0/16 -fib 1
route -n list -fib 1
