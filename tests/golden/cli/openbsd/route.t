# OpenBSD route(8): classless short forms, show, -priority, -label, -mpath
route
route foo
route add 10.1.0.0/16
route add 10.1.0.0/16 192.0.2.1 -netmask
route add 10 192.0.2.1
route add 10 192.0.2.1
route add 192.168.64/20 192.0.2.1
route add 192.168.2.0 192.0.2.1
route add 172.16 192.0.2.1 -priority 12
route add 172.17/16 192.0.2.1 -priority 99
route add 10.9.9.9 bogus
route add 2001:db8:7::/48 2001:db8::1
route add 2001:db8:8::/48 2001:db8::1 -label vpn
route add -mpath 203.0.113.0/24 192.0.2.1
route -n get 10.1.2.3
route get 172.16.0.9
route get 203.0.113.77
route get 198.18.0.1
route -n get 2001:db8:8::1
route delete 10
route delete 10
route get 10.1.2.3
route -n show
route show -inet6
route -n flush
route -n show
bg mon route -n monitor
route add 10.20/16 192.0.2.1
fg mon 1
