# -interface routes (issue 17 item 5): FreeBSD 13+ nexthops keep only the
# interface's index and type of an AF_LINK gateway without RTF_GATEWAY
# (nhop_set_direct_gw), so netstat -rn says link#2, not em0's MAC address;
# (RTM_GET and the dump carry the nexthop's; the RTM_ADD that route and the
# listeners read is the request as written, send_rtm_reply)
bg mon route -n monitor
route -n add -net 10.9.0.0/16 -interface em0
fg mon 2
route -n add -host 10.7.0.1 -iface em0
route -n add -inet6 -net 2001:db8:9::/48 -interface em0
route -n add -net 10.6.0.0/16 192.0.2.1
route -n change -net 10.6.0.0/16 -interface em0
route -n list
route -n -v get 10.9.0.1
route -n dump -4
route -n add -net 10.5.0.0/16 -interface em9
route -n delete -net 10.9.0.0/16 -interface em0
route -n delete -net 10.6.0.0/16
route -n list -4
