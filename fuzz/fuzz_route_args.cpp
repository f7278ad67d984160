// Fuzz target: route(8)'s argument grammar (parse_route) in every dialect.
// Input: byte 0 picks the profile and global options, the rest is argv
// split at newlines. Invariants: a parsed request marshals, and a failure
// carries an exit status and a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "args.hpp"
#include "rtsock/codec/marshal.hpp"

namespace {

const char* const kProfiles[] = {"freebsd14-amd64", "freebsd12-amd64", "darwin", "openbsd",
                                 "netbsd",          "dragonfly",       "hpux",   "freebsd10-i386"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rtsock;
  if (size == 0) return 0;
  const auto* p = abi::find_profile(kProfiles[data[0] & 7]);
  if (p == nullptr) __builtin_trap();
  route::Options opt;
  opt.family = (data[0] >> 3) & 1 ? 6 : (data[0] >> 4) & 1 ? 4 : 0;
  opt.numeric = (data[0] >> 5) & 1;
  route::Env env;
  env.profile = p;
  env.dialect = route::dialect_of(*p);
  env.numfibs = (data[0] >> 6) + 1;
  env.now = 1700000000;
  env.find_link = [](std::string_view name) -> std::optional<codec::Sockaddr> {
    if (name != "em0") return std::nullopt;
    const std::uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
    return codec::Sockaddr::link(2, 6, "em0", mac);
  };
  std::vector<std::string> args(1);
  for (std::size_t i = 1; i < size; ++i) {
    if (data[i] == '\n')
      args.emplace_back();
    else
      args.back() += static_cast<char>(data[i]);
  }
  if (args.size() > 64) return 0;
  auto r = route::parse_route(opt, env, args);
  if (r) {
    if (r->fibs.empty()) __builtin_trap();
    auto wire = codec::marshal(*p, r->msg);
    if (!wire && r->msg.present != 0 && args[0] != "")
      (void)wire;  // unencodable input is reported, not fatal
  } else {
    if (r.error().status == 0 || r.error().err.empty()) __builtin_trap();
  }
  for (const auto& a : args) {
    (void)route::inet_aton_bsd(a);
    (void)route::inet_network_bsd(a);
    (void)route::parse_fib_list(a, env.numfibs, 0);
  }
  return 0;
}
