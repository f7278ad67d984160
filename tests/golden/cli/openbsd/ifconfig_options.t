# ifconfig create names (issue 17 items 8, 12): OpenBSD wants a unit
ifconfig -S /nonexistent --help
ifconfig -j x
ifconfig lo create
ifconfig 'em%d' create
ifconfig lo5 create
ifconfig lo5
ifconfig --json lo5
