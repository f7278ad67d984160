// Gateway printing, in route(8)/netstat's words.
#include "rtsock/fib/route.hpp"

#include <fmt/format.h>

namespace rtsock::fib {

std::string Gateway::str() const {
  switch (kind) {
    case Kind::none:
      return "-";
    case Kind::addr:
      return addr.str();
    case Kind::link:
      break;
  }
  std::string s = fmt::format("link#{}", ifindex);
  if (lladdr_len == 0) return s;
  s += ' ';
  for (std::uint8_t i = 0; i < lladdr_len && i < lladdr.size(); ++i)
    s += fmt::format("{}{:x}", i ? ":" : "", lladdr[i]);
  return s;
}

}  // namespace rtsock::fib
