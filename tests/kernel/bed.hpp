// Test bed of the engine tests: an engine with lo0 and em0 booted, and
// helpers to build requests and read what the engine delivers.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/abi/errno.hpp"
#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/interface.hpp"
#include "rtsock/fib/route.hpp"
#include "rtsock/kernel/engine.hpp"

using Bytes = std::vector<std::byte>;

// ---- helpers ----

inline rtsock::fib::Addr addr(std::string_view text) {
  auto a = rtsock::fib::Addr::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.value_or(rtsock::fib::Addr{});
}

inline rtsock::codec::Sockaddr sa4(std::string_view text) {
  auto s = rtsock::codec::Sockaddr::parse_ip(text);
  EXPECT_TRUE(s.has_value()) << text;
  return s.value_or(rtsock::codec::Sockaddr{});
}

inline rtsock::codec::Sockaddr mask4(int plen) {
  return rtsock::codec::Sockaddr::mask(rtsock::codec::SaKind::inet4, plen);
}

// An RTF_* bit in the OS's numbering, by its header name ("DONE").
inline std::int64_t osflag(const rtsock::abi::Profile& p, std::string_view name) {
  for (std::size_t i = 0; i < p.rtf.size(); ++i)
    if (p.rtf[i] == name) return std::int64_t{1} << i;
  ADD_FAILURE() << p.name << " has no RTF_" << name;
  return 0;
}

inline std::uint8_t type_of(const rtsock::abi::Profile& p, std::string_view name) {
  auto t = p.type_number(name);
  EXPECT_TRUE(t.has_value()) << p.name << " has no " << name;
  return t.value_or(0);
}

inline int os_err(const rtsock::abi::Profile& p, int host) { return rtsock::abi::os_errno(p, host); }

// A 4-byte int in the profile's byte order (setsockopt argument).
inline Bytes u32(const rtsock::abi::Profile& p, std::uint32_t v) {
  Bytes b(4);
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t shift = p.order == rtsock::abi::ByteOrder::little ? i : 3 - i;
    b[i] = static_cast<std::byte>((v >> (8 * shift)) & 0xffu);
  }
  return b;
}

inline Bytes wire(const rtsock::abi::Profile& p, const rtsock::codec::Message& m) {
  auto r = rtsock::codec::marshal(p, m);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
  return r.value_or(Bytes{});
}

// A route request: DST, optional GATEWAY and NETMASK, flags by name.
inline rtsock::codec::Message route_msg(const rtsock::abi::Profile& p, std::string_view type,
                                 std::string_view dst, std::optional<std::string_view> gw,
                                 std::optional<int> plen,
                                 std::initializer_list<std::string_view> flags, int seq) {
  auto m = rtsock::codec::Message::make(p, type_of(p, type));
  if (!dst.empty()) m.set_addr(rtsock::abi::kDst, sa4(dst));
  if (gw) m.set_addr(rtsock::abi::kGateway, sa4(*gw));
  if (plen) m.set_addr(rtsock::abi::kNetmask, mask4(*plen));
  std::int64_t f = 0;
  for (auto n : flags) f |= osflag(p, n);
  m.set(rtsock::abi::Field::flags, f);
  m.set(rtsock::abi::Field::seq, seq);
  return m;
}

inline rtsock::codec::MessageView view(const rtsock::kernel::Delivery& d, const rtsock::abi::Profile& p) {
  auto r = rtsock::codec::parse_message(std::span<const std::byte>(*d.bytes), p);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
  return r.value_or(rtsock::codec::MessageView{});
}

inline std::vector<const rtsock::kernel::Delivery*> to(const std::vector<rtsock::kernel::Delivery>& out,
                                                rtsock::kernel::SockId s) {
  std::vector<const rtsock::kernel::Delivery*> r;
  for (const auto& d : out)
    if (d.to == s) r.push_back(&d);
  return r;
}

inline std::string dst_of(const rtsock::codec::MessageView& v) {
  return rtsock::codec::ip_string(v.addr(rtsock::abi::kDst));
}

// An engine with lo0 127.0.0.1/8, em0 192.0.2.10/24 and a default route via
// 192.0.2.1.
struct Bed {
  std::unique_ptr<rtsock::kernel::Engine> eng;
  const rtsock::abi::Profile* p = nullptr;
  std::int64_t now = 1'700'000'000;

  explicit Bed(const std::string& personality, bool with_default = true) {
    rtsock::kernel::Options o;
    o.personality = personality;
    o.clock = [this] { return now; };
    auto e = rtsock::kernel::Engine::create(o);
    EXPECT_TRUE(e.has_value()) << personality;
    if (!e) return;
    eng = std::move(*e);
    p = &eng->profile();
    rtsock::fib::IfSpec lo;
    lo.name = "lo0";
    lo.type = rtsock::fib::ift::loop;
    lo.flags = rtsock::fib::iff::up | rtsock::fib::iff::loopback | rtsock::fib::iff::multicast;
    lo.mtu = 16384;
    EXPECT_TRUE(eng->boot_interface(lo).has_value());
    EXPECT_TRUE(eng->boot_address("lo0", {addr("127.0.0.1"), 8, {}, {}}).has_value());
    rtsock::fib::IfSpec em;
    em.name = "em0";
    em.type = rtsock::fib::ift::ether;
    em.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast | rtsock::fib::iff::multicast |
               rtsock::fib::iff::simplex;
    em.lladdr = {0x00, 0x0c, 0x29, 0x66, 0x2c, 0xdc};
    EXPECT_TRUE(eng->boot_interface(em).has_value());
    EXPECT_TRUE(eng->boot_address("em0", {addr("192.0.2.10"), 24, {}, {}}).has_value());
    if (with_default) {
      rtsock::fib::RouteRequest r;
      r.dst = addr("0.0.0.0");
      r.plen = 0;
      r.gateway = rtsock::fib::Gateway::address(addr("192.0.2.1"));
      r.flags = rtsock::fib::rtf::up | rtsock::fib::rtf::gateway | rtsock::fib::rtf::static_;
      EXPECT_TRUE(eng->boot_route(r).has_value());
    }
  }

  rtsock::kernel::SockId open(std::uint32_t uid, std::int32_t pid, int protocol = 0) {
    auto s = eng->open({uid, pid}, protocol);
    EXPECT_TRUE(s.has_value());
    return s.value_or(0);
  }

  rtsock::kernel::WriteResult write(rtsock::kernel::SockId s, const rtsock::codec::Message& m,
                                    std::vector<rtsock::kernel::Delivery>& out) {
    return eng->write(s, wire(*p, m), out);
  }
};

inline const std::string kAll[] = {"freebsd", "freebsd12", "darwin", "openbsd",
                            "netbsd",  "dragonfly", "hpux"};
inline const std::string kBsd[] = {"freebsd", "freebsd12", "darwin", "openbsd", "netbsd", "dragonfly"};

inline std::string param_name(const testing::TestParamInfo<std::string>& i) { return i.param; }

inline std::vector<rtsock::codec::MessageView> views_to(const std::vector<rtsock::kernel::Delivery>& out,
                                                 rtsock::kernel::SockId s,
                                                 const rtsock::abi::Profile& p) {
  std::vector<rtsock::codec::MessageView> r;
  for (auto* d : to(out, s)) r.push_back(view(*d, p));
  return r;
}

inline std::ptrdiff_t first_of(const std::vector<rtsock::codec::MessageView>& v, std::uint8_t type) {
  auto it = std::find_if(v.begin(), v.end(), [&](const auto& m) { return m.type() == type; });
  return it == v.end() ? -1 : it - v.begin();
}

