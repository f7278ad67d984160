# route(8) of FreeBSD 14: usage, keywords and bad arguments
route
route foo
route add
route add 10.0.0.0/8 -netmask
route -x get default
route get -cloning default
# route get
route -n get default
route get default
route -n get 192.0.2.77
route -n get 2001:db8::99
route -n get 198.51.100.1 -fib 0
route -j -n get default
# add, change, delete and their errors
route add -net 10.0.0.0/8 192.0.2.1
route add -net 10.0.0.0/8 192.0.2.1
route -q add 10.1.0.0/16 192.0.2.1
route -q add 10.1.0.0/16 192.0.2.1
route add 10/8 192.0.2.1
route add 192.168.64/20 192.0.2.1
route add 128.32 192.0.2.1
route add -net 172.16.0.0 -netmask 255.240.0.0 192.0.2.1
route add -host 203.0.113.9 192.0.2.1 -mtu 1400 -lock -hopcount 3 -rtt 20000 -weight 5
route -n get 203.0.113.9
route add 198.51.100.0/24 -interface em0
route add 198.51.100.128/25 -interface em9
route -n get 198.51.100.7
route -6 add 2001:db8:1::/48 2001:db8::1
route add -inet6 -net 2001:db8:2:: -prefixlen 64 2001:db8::1
route add 2001:db8:3::/48 2001:db8::1
route add -6 -net 2001:db8:4:: -prefixlen 129 2001:db8::1
route add 10.5.0.0/16 192.0.2.1 -mtu 9x
route add 10.5.0.0/16 192.0.2.1 -mtu 99999999999999999999
route add 10.9.0.0/33 192.0.2.1
route add 10.6.0.0/16 192.0.2.1 -fib 1
route add 10.6.0.0/16 192.0.2.1 -fib 0
route change 10.6.0.0/16 192.0.2.2
route -n get 10.6.0.1
route del 10.6.0.0/16
route delete 10.6.0.0/16
route add -net 10.7.0.0/16 192.0.2.1 -reject
route add -net 10.8.0.0/16 192.0.2.1 -blackhole -proto1 -xresolve
route add 10.99.0.0/16 198.51.100.200
route -j add 10.11.0.0/16 192.0.2.1
route -j add 10.11.0.0/16 192.0.2.1
# debug (-d) and test (-t) modes send nothing
route -dv add 10.12.0.0/16 192.0.2.1 -lockrest -mtu 1280 -expire 100
route -t add 10.13.0.0/16 192.0.2.1
route -n get 10.12.0.1
# the table
route -n list
route list -6
route -j -n list -4
# flush, then the table again
route -n flush -inet6
route -n flush
route -n list
# monitor sees every change
bg mon route -n monitor
route add 10.20.0.0/16 192.0.2.1
route -n get 10.20.0.1
route delete 10.20.0.0/16
fg mon 3
bg monj route -j monitor
route add 10.21.0.0/16 192.0.2.1
fg monj 1
route monitor -foo
# sysctl dumps
route dump -4
route -j dump -6
route dump --iflist
route dump --raw -4 | od -An -tx1 | head -4
route dump --bogus
