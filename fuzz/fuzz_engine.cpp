// Fuzz target: the routing-socket engine under hostile clients. The input
// picks a personality, then feeds a sequence of operations: routing messages
// (arbitrary bytes, or a valid RTM_ADD/DELETE/GET with fuzzed fields),
// socket options, sysctl MIBs and control-packet headers. Invariants: nothing
// crashes, every successful write's deliveries decode, and the engine still
// answers an RTM_GET at the end.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/kernel/engine.hpp"
#include "rtsock/proto/control.hpp"

namespace {

namespace abi = rtsock::abi;
namespace codec = rtsock::codec;
namespace fib = rtsock::fib;
namespace kernel = rtsock::kernel;

constexpr const char* kPersonalities[] = {"freebsd", "freebsd12", "darwin", "openbsd",
                                          "netbsd",  "dragonfly", "hpux"};

class Input {
 public:
  Input(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
  bool empty() const { return i_ >= n_; }
  std::uint8_t u8() { return i_ < n_ ? d_[i_++] : 0; }
  std::span<const std::byte> bytes(std::size_t n) {
    n = std::min(n, n_ - std::min(i_, n_));
    auto s = std::span<const std::byte>(reinterpret_cast<const std::byte*>(d_ + i_), n);
    i_ += n;
    return s;
  }

 private:
  const std::uint8_t* d_;
  std::size_t n_, i_ = 0;
};

void check(bool ok) {
  if (!ok) std::abort();
}

std::vector<std::byte> request(const abi::Profile& p, std::uint8_t type, Input& in) {
  auto m = codec::Message::make(p, type);
  m.set_addr(abi::kDst, codec::Sockaddr::inet4({10, in.u8(), in.u8(), 0}));
  if (in.u8() & 1) m.set_addr(abi::kGateway, codec::Sockaddr::inet4({192, 0, 2, in.u8()}));
  if (in.u8() & 1) m.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, in.u8() % 33));
  m.set(abi::Field::flags, in.u8() | in.u8() << 8);
  m.set(abi::Field::inits, in.u8());
  m.set(abi::Field::rmx_expire, in.u8());
  auto b = codec::marshal(p, m);
  return b ? *b : std::vector<std::byte>{};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  std::int64_t now = 0;
  kernel::Options o;
  o.personality = kPersonalities[in.u8() % std::size(kPersonalities)];
  o.fibs = 2;
  o.clock = [&now] { return now; };
  auto eng = kernel::Engine::create(o);
  check(eng.has_value());
  kernel::Engine& e = **eng;
  const abi::Profile& p = e.profile();
  check(e.boot_interface({"lo0", fib::ift::loop, fib::iff::up | fib::iff::loopback, 16384, {}, 0})
            .has_value());
  check(e.boot_interface({"em0", fib::ift::ether, fib::iff::up | fib::iff::broadcast, 1500, {}, 0})
            .has_value());
  check(e.boot_address("lo0", {*fib::Addr::parse("127.0.0.1"), 8, {}, {}}).has_value());
  check(e.boot_address("em0", {*fib::Addr::parse("192.0.2.10"), 24, {}, {}}).has_value());
  std::vector<kernel::SockId> socks;
  for (int i = 0; i < 3; ++i) socks.push_back(*e.open({static_cast<std::uint32_t>(i == 2 ? 1000 : 0), i + 1}));

  std::vector<kernel::Delivery> out;
  const std::uint8_t types[] = {p.type_number("RTM_ADD").value_or(1),
                                p.type_number("RTM_DELETE").value_or(2),
                                p.type_number("RTM_GET").value_or(4),
                                p.type_number("RTM_CHANGE").value_or(3)};
  while (!in.empty()) {
    const std::uint8_t op = in.u8();
    const kernel::SockId s = socks[op % socks.size()];
    out.clear();
    switch ((op >> 2) % 7) {
      case 0:
      case 1: {
        auto msg = request(p, types[in.u8() % 4], in);
        auto r = e.write(s, msg, out);
        if (r.error == 0)
          for (const auto& d : out) check(codec::parse_message(*d.bytes, p).has_value());
        break;
      }
      case 2: {  // arbitrary bytes, or a valid message with some bytes overwritten
        std::vector<std::byte> msg;
        if (in.u8() & 1) {
          auto b = in.bytes(in.u8());
          msg.assign(b.begin(), b.end());
        } else {
          msg = request(p, types[in.u8() % 4], in);
          for (int k = in.u8() % 4; k > 0 && !msg.empty(); --k)
            msg[in.u8() % msg.size()] = std::byte{in.u8()};
        }
        (void)e.write(s, msg, out);
        break;
      }
      case 3: {
        const int level = in.u8() & 1 ? 0xffff : p.af_route;
        const int name = in.u8() & 1 ? in.u8() : 0x40;
        (void)e.setsockopt(s, level, name, in.bytes(in.u8() % 8));
        break;
      }
      case 4: {
        std::vector<int> mib = {4, p.af_route, 0, in.u8() % 40, in.u8() % 12, in.u8() % 4 - 1};
        if (in.u8() & 1) mib.push_back(in.u8() % 4 - 1);
        std::vector<std::byte> dump;
        // OpenBSD's NET_RT_STATS, NET_RT_TABLE and NET_RT_IFNAMES (4-6)
        // answer with structs, not routing messages.
        // FreeBSD 13+ NET_RT_NHOP/NHGRP (6, 7): RTM_GET headers followed by
        // nhop_external / nhgrp_external; the records must tile the dump.
        const bool nexthops = p.os == abi::Os::freebsd && p.os_version >= 13 &&
                              (mib[4] == 6 || mib[4] == 7);
        const bool messages = (p.os != abi::Os::openbsd || mib[4] < 4) && !nexthops;
        const int err = e.sysctl(s, mib, dump);
        if (err == 0 && nexthops) {
          std::size_t off = 0;
          while (off + 4 <= dump.size()) {
            const auto b0 = std::to_integer<std::size_t>(dump[off]);
            const auto b1 = std::to_integer<std::size_t>(dump[off + 1]);
            const std::size_t len = p.order == abi::ByteOrder::little ? b0 | b1 << 8 : b1 | b0 << 8;
            check(len > 4 && std::to_integer<int>(dump[off + 2]) == p.rtm_version);
            off += len;
          }
          check(off == dump.size());
          std::size_t size = 0;
          check(e.sysctl_size(s, mib, size) == 0 && size == dump.size());
        }
        if (err == 0 && messages)
          for (auto r : codec::RibView(dump, p, {.long_if = p.os == abi::Os::freebsd && mib[4] == 5}))
            check(r.has_value());
        break;
      }
      case 5: {
        auto b = in.bytes(in.u8() % 40);
        if (auto h = rtsock::proto::parse_header(b)) (void)rtsock::proto::payload(b);
        (void)rtsock::proto::from_hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
        break;
      }
      case 6:
        now += in.u8();
        (void)e.expire(out);
        (void)e.forward(0, fib::Addr::v4(0x0a000000u | in.u8()), out);
        break;
    }
  }
  out.clear();
  auto get = codec::Message::make(p, types[2]);
  get.set_addr(abi::kDst, codec::Sockaddr::inet4({127, 0, 0, 1}));
  auto bytes = codec::marshal(p, get);
  check(bytes.has_value());
  check(e.write(socks[0], *bytes, out).error == 0);
  return 0;
}
