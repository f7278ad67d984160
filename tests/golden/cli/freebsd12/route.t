# FreeBSD 12's route(8): the classful short forms of inet_makenetandmask
route add 10/8 192.0.2.1
route add 128.32 192.0.2.1
route add -net 128.32 192.0.2.1
route add 192.168.64/20 192.0.2.1
route add 172.17.0.0 192.0.2.1
route add 192.168.7.0 192.0.2.1
route add -host 10.40.0.0 192.0.2.1
route add -net 10.50 -netmask 255.255.0.0 192.0.2.1
route add 10.60.0.0 192.0.2.1 255.255.0.0
route add foo 192.0.2.1
route add 10.70/16 192.0.2.1 -fib 0,0
route add 10/8 192.0.2.1
route -n list -4
route -n get 128.32.1.1
route -vn get 128.0.0.32
route delete 10/8
route -n flush
route -j -n list
