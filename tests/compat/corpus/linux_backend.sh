#!/bin/sh
# Run inside `unshare -rn`: a namespace of our own with one veth pair, then
# rtsock-run --backend linux serves the program from this namespace's real
# tables (routes an `ip route` added are what the BSD program reads).
#   linux_backend.sh RTSOCK_RUN PERSONALITY
set -eu
run=$1 p=$2
ip link set lo up
# No automatic link-local addresses and no DAD: every run sees the same.
# (/proc/sys directly: procps' sysctl may not be installed.)
echo 1 >/proc/sys/net/ipv6/conf/default/addr_gen_mode
echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip addr add 192.0.2.10/24 dev v0
ip link set v0 up
ip link set v1 up
ip route add default via 192.0.2.1
ip route add 198.51.100.0/24 via 192.0.2.7
set +e
$run --backend linux -p "$p" -- ./netstat_rn
echo "netstat_rn: exit $?"
$run --backend linux -p "$p" -- ./rtget 198.51.100.20
echo "rtget: exit $?"
