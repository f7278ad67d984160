# A uid rtsockd does not hold privileged (unprivileged.rtsockd names another
# uid): HP-UX's route(1M) says only "You must have appropriate privileges";
# its texts are not documented, so the routing socket's error is reported as
# for any failed write (issue 17 item 7)
route add 10.0.0.0 192.0.2.1
route delete default 192.0.2.1
route -n list
