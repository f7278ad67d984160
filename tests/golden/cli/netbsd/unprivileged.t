# A uid rtsockd does not hold privileged (unprivileged.rtsockd names another
# uid): NetBSD's route(8) has no root check; the kernel refuses the write
# (kauth: EACCES) and route reports it as for any failed write; a flush
# stops at the first refused delete, and one with nothing to delete
# succeeds; get, show and monitor work (issue 17 item 7)
route -n add 10.0.0.0/8 192.0.2.1
route -n add -bogus
route -n change default 192.0.2.2
route -n delete default
route -q -n delete default
route -j -n delete default
route -n flush
route -j -n flush
route -n flushall
route -n flush -link
route -d -n add 10.0.0.0/8 192.0.2.1
route -n get default
route -n show -inet
bg mon route -n monitor
fg mon 0
