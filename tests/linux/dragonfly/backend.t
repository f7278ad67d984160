# rtsockd --backend linux, dragonfly personality: the namespace's own tables
# through route(8) and ifconfig(8), checked with ip(8). v0 shows as em0.
route -n get 192.0.2.77
route -n get -inet6 2001:db8::99
route -n get -inet6 fe80::1%em0
# add, get, change, delete, as the kernel holds them
route add 10.0.0.0/8 192.0.2.1
ip route show 10.0.0.0/8
route -n get 10.1.2.3
route add 10.0.0.0/8 192.0.2.1
route change 10.0.0.0/8 192.0.2.2 -mtu 1400
ip route show 10.0.0.0/8
route delete 10.0.0.0/8
route delete 10.0.0.0/8
ip route show 10.0.0.0/8
route add 10.1.0.0/16 203.0.113.1
route add -host 10.9.9.9 192.0.2.10 -interface
route add 10.7.0.0/16 127.0.0.1 -blackhole
route add 10.8.0.0/16 127.0.0.1 -reject
route add -inet6 2001:db8:1::/48 fe80::1%em0
route add -inet6 default 2001:db8::1
ip route
ip -6 route
route -n list
# changes made by others arrive as the BSD kernel's messages, pid 0
bg mon route -n monitor
ip route add 172.16.0.0/12 via 192.0.2.1
ip addr add 198.51.100.1/24 dev v0
ip link set v2 down
fg mon 7
# our own change arrives once, with its pid
bg mon route -n monitor
route add 172.20.0.0/16 192.0.2.1
fg mon 1
# interfaces are the namespace's links
ifconfig em0
ifconfig em0 mtu 9000
ip link show v0 | grep -o 'mtu [0-9]*'
ifconfig em0 inet 203.0.113.5/24 alias
ip -4 addr show dev v0 | grep -o 'inet [0-9./]*'
ifconfig em0 inet 203.0.113.5 -alias
ifconfig epair0 create
ip -br link show epair0a | cut -d' ' -f1
ifconfig epair0a destroy
ip -br link show | cut -d" " -f1
# the interface route a BSD pins; route(8) may delete it
route delete 192.0.2.0/24
ip route show 192.0.2.0/24
