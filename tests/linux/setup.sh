#!/usr/bin/env bash
# The network every linux-backend case starts from, built inside the case's
# own namespace before rtsockd starts: loopback, two veth pairs with fixed
# MACs (v0/v1 with IPv4 and IPv6, v2/v3 IPv4 only), no DAD and no
# automatic link-local addresses, so that every run sees the same events.
set -eu
ip link set lo up
sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 net.ipv6.conf.all.accept_dad=0 \
	net.ipv6.conf.default.accept_dad=0
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link add v2 address 02:00:00:00:00:03 type veth peer name v3 address 02:00:00:00:00:04
sysctl -qw net.ipv6.conf.v2.disable_ipv6=1 net.ipv6.conf.v3.disable_ipv6=1
ip addr add 192.0.2.10/24 dev v0
ip addr add 2001:db8::10/64 dev v0 nodad
ip addr add fe80::10/64 dev v0 nodad
ip addr add 198.18.0.1/24 dev v2
for l in v0 v1 v2 v3; do ip link set "$l" up; done
