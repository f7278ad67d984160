#!/usr/bin/env bash
# Installs the Debian packages the build, tests, fuzzing and benchmarks need,
# only those missing. Safe to re-run. Needs root (or sudo) when it installs.
set -euo pipefail
pkgs=(cmake ninja-build gcc g++ binutils make pkg-config clang libclang-rt-14-dev
      libfmt-dev libexpected-dev nlohmann-json3-dev libgtest-dev libgmock-dev
      libbenchmark-dev librapidcheck-dev libcli11-dev python3-pyasn
      libmnl-dev iproute2 util-linux mandoc)
# Optional extras by name, e.g. `deps.sh dpdk-dev` for the DPDK benchmark.
pkgs+=("$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
