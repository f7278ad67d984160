# DragonFly route(8): the FreeBSD 4 lineage with msl/iw metrics
route
route add 10/8 192.0.2.1
route add 10/8 192.0.2.1
route add -net 128.32 192.0.2.1
route -n get 10.1.2.3
route get 198.51.100.1
route delete 10/8
route delete 10/8
route -n list
route -n flush
