# route -j flush: one JSON object a line per route flushed (issue 17 item 6)
route -n add -net 10.1.0.0/16 192.0.2.1
route -n add -host 10.2.0.1 192.0.2.1
route -n add -inet6 2001:db8:5::/48 2001:db8::1
route -j flush -inet
route -j flush
route -j flush
route -nv -j flush
route -n list
