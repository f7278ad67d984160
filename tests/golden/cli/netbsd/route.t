# NetBSD route(8): botched keywords, snprintb flags, show, flushall
route
route add -netmask
route add -xresolve 10.9/16 192.0.2.1
route add 10.1/16 192.0.2.1
route add 10.1/16 192.0.2.1
route add -net 128.32 192.0.2.1
route add 192.168.64/20 192.0.2.1
route -n get 10.1.2.3
route -n get 128.32.0.1
route delete 10.1/16
route delete 10.1/16
route -n show
route -n flush
route -n show
route -n flushall
route -n show
bg mon route -n monitor
route add 10.20/16 192.0.2.1
fg mon 1
