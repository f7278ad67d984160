# cloned interfaces (issue 16): the first free unit, printed; epair(4)
# makes a pair, prints its a half, and either half destroys both
bg mon route -n monitor
ifconfig tap create
ifconfig tap create
ifconfig tap5 create
ifconfig tap5 create
ifconfig tap0
ifconfig tun create
ifconfig tun0
ifconfig epair create
ifconfig epair0a
ifconfig epair0b
ifconfig epair create
ifconfig epair5 create
ifconfig epair5 create
ifconfig epair1a create
ifconfig epair1c create
ifconfig -l
ifconfig epair0b destroy
ifconfig epair create
ifconfig epair1a destroy
ifconfig tap0 destroy
ifconfig -l
fg mon 29
