# ifconfig options and create names (issue 17 items 8, 11, 12)
# --help needs no daemon; -j is FreeBSD's jail, JSON is --json
ifconfig -S /nonexistent --help
ifconfig -S /nonexistent -x
ifconfig -j
ifconfig -j myjail
ifconfig --json lo0
ifconfig --json -a inet6
# a name without a unit takes the first free one, and is printed
ifconfig lo create
ifconfig lo1
ifconfig lo create inet 127.0.0.2/8 up
ifconfig --json lo2
# names a cloner refuses: no driver, a bogus unit, a padded unit
ifconfig 'em%d' create
ifconfig em01 create
ifconfig 0 create
ifconfig em0x create
ifconfig em0.7 create
ifconfig -l
