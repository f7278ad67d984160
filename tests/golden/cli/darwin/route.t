# macOS route(8): classful addresses, -ifscope, no show/del/fib
route
route show default
route del 10/8
route add -fib 0 10/8 192.0.2.1
route add 10/8 192.0.2.1
route add 10/8 192.0.2.1
route add -net 128.32 192.0.2.1
route add 192.168.64/20 192.0.2.1
route add 172.17.0.0 192.0.2.1 -ifscope em0
route add 172.18.0.0 192.0.2.1 -ifscope em7
route add -inet6 2001:db8:5::/48 2001:db8::1
route add 10.9.0.0 192.0.2.1 -mtu 1400x
route -n get 10.1.2.3
route get 198.51.100.1
route -n get 203.0.113.1 -hopcount 2
route delete 10/8
route delete 10/8
route change 128.32 192.0.2.2
route -n list
route -n flush
bg mon route -n monitor
route add 10.20/16 192.0.2.1
fg mon 1
