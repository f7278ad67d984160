# HP-UX personality: the 4.4BSD grammar on HP-UX's wire format and errno
route
route add 10/8 192.0.2.1
route add 10/8 192.0.2.1
route add -net 128.32 192.0.2.1
route -n list
route delete 10/8
route delete 10/8
