# NetBSD's route(8) has no -fib (its -T, MPLS tags, takes no table) (issue 17 item 4): usage errors
route -n add 10.1.0.0/16 192.0.2.1 -fib 1
route -n show -fib 1
