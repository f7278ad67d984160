# rtsockd --backend linux, hpux personality: HP-UX route(1M) adds and
# deletes only; the namespace's tables checked with ip(8). v0 shows as em0.
route add 10.0.0.0/8 192.0.2.1
ip route show 10.0.0.0/8
route add 10.0.0.0/8 192.0.2.1
route delete 10.0.0.0/8 192.0.2.1
route delete 10.0.0.0/8 192.0.2.1
ip route show 10.0.0.0/8
route add 10.1.0.0/16 203.0.113.1
route -n list
# changes made by others are in the table at once
ip route add 172.16.0.0/12 via 192.0.2.1
route -n list
# interfaces are the namespace's links
ifconfig em0
ifconfig em0 mtu 9000
ip link show v0 | grep -o 'mtu [0-9]*'
ifconfig em0 inet 203.0.113.5/24 alias
ip -4 addr show dev v0 | grep -o 'inet [0-9./]*'
ifconfig em0 inet 203.0.113.5 -alias
ifconfig em0 down
ip -br link show v0 | cut -c1-22
