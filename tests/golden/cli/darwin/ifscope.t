# macOS scoped routes (RTF_IFSCOPE): route(8) -ifscope on add, get, change
# and delete, netstat's I flag, route monitor's IFSCOPE (issue 16).
ifconfig em1 create
ifconfig em1 inet 198.51.100.10/24 up
# a scoped default per interface beside the unscoped one
route add default 198.51.100.1 -ifscope em1
route add default 192.0.2.1 -ifscope em0
route add default 198.51.100.1 -ifscope em1
route add default 192.0.2.1 -ifscope em1
route add 10/8 198.51.100.1 -ifscope em1
route add 10/8 192.0.2.1
route -n list
# scoped lookups see the scope's routes; unscoped ones the primary's
route -n get 10.1.2.3 -ifscope em1
route -n get 10.1.2.3
route -n get 192.0.2.55 -ifscope em1
route -n get -net 10.0.0.0/8 -ifscope em1
route change 10/8 198.51.100.2 -ifscope em1
route -n get 10.1.2.3 -ifscope em1
# delete names one scope
route delete 10/8 -ifscope em1
route delete 10/8 -ifscope em1
route -n get 10.1.2.3
# a link-local prefix is scoped to its zone
ifconfig em1 inet6 fe80::10%em1/64
route -n get -inet6 fe80::99%em1
bg mon route -n monitor
route add 172.20/16 198.51.100.1 -ifscope em1
route delete 172.20/16 -ifscope em1
fg mon 2
# the interface goes, and its scoped routes with it
ifconfig em1 destroy
route -n list
