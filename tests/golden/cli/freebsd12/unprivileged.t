# A uid rtsockd does not hold privileged (unprivileged.rtsockd names another
# uid): FreeBSD 12's route(8), as 14's, refuses add, change, delete and flush itself,
# before reading their arguments: errx(EX_NOPERM), exit 77; -d and -t skip
# the check; get, show, monitor and the listing work (issue 17 item 7)
route -n add 10.0.0.0/8 192.0.2.1
route -n add -bogus
route -n change default 192.0.2.2
route -n delete default
route -n del default
route -q -n delete default
route -j -n delete default
route -n flush
route -n flush -inet6
route -n flush -bogus
route -d -n add 10.0.0.0/8 192.0.2.1
route -t -n add 10.0.0.0/8 192.0.2.1
route -t -n flush
route -n get default
route -n show 192.0.2.1
route -n list
bg mon route -n monitor
fg mon 0
