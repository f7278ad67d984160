// The 2015 RouteViews table shipped by Debian's python3-pyasn (606,138 IPv4
// + 27,693 IPv6 prefixes with their origin AS), as fib prefixes. Shared by
// the full-table test and the benchmarks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "rtsock/fib/addr.hpp"

namespace rtsock::test {

inline constexpr const char* kPyasnTable =
    "/usr/lib/python3/dist-packages/data/ipasn6_20151101.dat.gz";

struct AsPrefix {
  fib::Prefix prefix;
  std::uint32_t asn = 0;
};

// Reads the table through gzip, in file order; nullopt when the file is absent.
inline std::optional<std::vector<AsPrefix>> load_pyasn(const char* path = kPyasnTable) {
  if (std::FILE* f = std::fopen(path, "rb")) {
    std::fclose(f);
  } else {
    return std::nullopt;
  }
  const std::string cmd = std::string("gzip -dc ") + path;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return std::nullopt;
  std::vector<AsPrefix> out;
  out.reserve(640000);
  char line[256];
  while (std::fgets(line, sizeof line, p)) {
    if (line[0] == ';') continue;
    const std::string s(line);
    const auto slash = s.find('/');
    const auto tab = s.find('\t');
    if (slash == std::string::npos || tab == std::string::npos || tab < slash) continue;
    const auto a = fib::Addr::parse(s.substr(0, slash));
    if (!a) continue;
    const int plen = std::stoi(s.substr(slash + 1, tab - slash - 1));
    out.push_back(
        {fib::Prefix::net(*a, plen), static_cast<std::uint32_t>(std::stoul(s.substr(tab + 1)))});
  }
  ::pclose(p);
  return out;
}

}  // namespace rtsock::test
