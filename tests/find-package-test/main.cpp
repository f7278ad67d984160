// A downstream program against an installed rtsock: encodes a FreeBSD 14
// amd64 RTM_ADD for 10.0.0.0/8 via 192.0.2.1, decodes it with RibView and
// checks what comes back. Exits non-zero on any mismatch. Built both through
// find_package(rtsock) and through `pkg-config rtsock`.
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include <rtsock/abi/profile.hpp>
#include <rtsock/codec/marshal.hpp>
#include <rtsock/codec/message.hpp>
#include <rtsock/codec/parse.hpp>
#include <rtsock/codec/render.hpp>
#include <rtsock/codec/sockaddr.hpp>
#include <rtsock/client/routing_socket.hpp>
#include <rtsock/fib/fib.hpp>
#include <rtsock/kernel/engine.hpp>
#include <rtsock/server/server.hpp>

namespace abi = rtsock::abi;
namespace codec = rtsock::codec;

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAIL: %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  const abi::Profile* p = abi::find_profile("freebsd14-amd64");
  check(p != nullptr, "profile freebsd14-amd64 exists");
  if (p == nullptr) return 1;

  constexpr std::uint8_t kRtmAdd = 1;
  const auto dst = codec::Sockaddr::inet4({10, 0, 0, 0});
  const auto gw = codec::Sockaddr::inet4({192, 0, 2, 1});
  const auto mask = codec::Sockaddr::mask(codec::SaKind::inet4, 8);

  codec::Message m = codec::Message::make(*p, kRtmAdd);
  m.set_addr(abi::kDst, dst);
  m.set_addr(abi::kGateway, gw);
  m.set_addr(abi::kNetmask, mask);

  auto wire = codec::marshal(*p, m);
  check(wire.has_value(), "marshal succeeds");
  if (!wire) {
    std::fprintf(stderr, "marshal: %s\n", wire.error().message().c_str());
    return 1;
  }
  // rt_msghdr is 152 bytes on amd64; three 16-byte sockaddr_in, the netmask
  // compressed to one 8-byte unit.
  const std::vector<std::byte>& buf = *wire;
  check(buf.size() >= 152 + 16 + 16, "message holds header and sockaddrs");
  check(static_cast<std::uint8_t>(buf[2]) == 5, "rtm_version 5");
  check(static_cast<std::uint8_t>(buf[3]) == kRtmAdd, "rtm_type RTM_ADD");

  int seen = 0;
  for (const auto& r : codec::RibView(buf, *p)) {
    ++seen;
    check(r.has_value(), "message parses");
    if (!r) {
      std::fprintf(stderr, "parse: %s\n", r.error().message().c_str());
      continue;
    }
    check(r->type() == kRtmAdd, "parsed type is RTM_ADD");
    check(r->length() == buf.size(), "parsed length matches rtm_msglen");
    check(r->has_addr(abi::kDst), "DST present");
    check(r->addr(abi::kDst) == dst, "DST is 10.0.0.0");
    check(codec::ip_string(r->addr(abi::kDst)) == "10.0.0.0", "DST text is 10.0.0.0");
    check(r->addr(abi::kGateway) == gw, "GATEWAY is 192.0.2.1");
    check(codec::prefix_length(r->addr(abi::kNetmask)) == 8, "NETMASK is /8");
    check(r->to_message() == m, "parse(marshal(m)) == m");

    // Rendering pulls in the parts of the library built on fmt and
    // nlohmann_json, so the consumer's link proves those dependencies carry.
    const std::string text = codec::monitor_text(*p, r->to_message());
    check(text.find("RTM_ADD") != std::string::npos, "monitor text names RTM_ADD");
    const auto j = codec::message_json(*p, r->to_message());
    check(j.value("type", std::string{}) == "RTM_ADD", "JSON type is RTM_ADD");
  }
  check(seen == 1, "exactly one message in the buffer");

  // The forwarding database: an interface, a route through it, a lookup.
  rtsock::fib::Fib fib;
  const auto em0 = fib.attach({"em0", rtsock::fib::ift::ether,
                               rtsock::fib::iff::up | rtsock::fib::iff::broadcast, 1500, {}, 0});
  check(em0.has_value(), "fib attach em0");
  if (em0) {
    check(fib.add_address(*em0, {*rtsock::fib::Addr::parse("192.0.2.10"), 24, {}, {}}).has_value(),
          "fib add address");
    rtsock::fib::RouteRequest req;
    req.dst = *rtsock::fib::Addr::parse("10.0.0.0");
    req.plen = 8;
    req.gateway = rtsock::fib::Gateway::address(*rtsock::fib::Addr::parse("192.0.2.1"));
    req.flags = rtsock::fib::rtf::gateway | rtsock::fib::rtf::static_;
    check(fib.add(req).has_value(), "fib add 10/8");
    const auto hit = fib.lookup(0, *rtsock::fib::Addr::parse("10.1.2.3"));
    check(hit && hit->prefix.str() == "10.0.0.0/8", "fib lookup finds 10/8");
  }

  // The routing-socket engine answers the encoded RTM_ADD; the client and
  // server libraries link (their socket paths agree).
  auto eng = rtsock::kernel::Engine::create({});
  check(eng.has_value(), "engine created");
  if (eng) {
    auto lo = (*eng)->boot_interface({"em0", rtsock::fib::ift::ether,
                                      rtsock::fib::iff::up | rtsock::fib::iff::broadcast, 1500, {}, 0});
    check(lo && (*eng)->boot_address("em0", {*rtsock::fib::Addr::parse("192.0.2.10"), 24, {}, {}}),
          "engine boot em0");
    auto sock = (*eng)->open({0, 1});
    std::vector<rtsock::kernel::Delivery> out;
    check(sock && (*eng)->write(*sock, buf, out).error == 0 && out.size() == 1, "engine RTM_ADD");
  }
  check(rtsock::client::default_socket_path() == rtsock::server::default_socket_path(),
        "client and server agree on the socket path");

  if (failures != 0) {
    std::fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  std::printf("ok: RTM_ADD %zu bytes, dst %s\n", buf.size(),
              codec::ip_string(dst).c_str());
  return 0;
}
