// Fuzz target: the forwarding database under an arbitrary sequence of
// operations (interfaces, addresses, ADD/DELETE/CHANGE/GET/LOCK, redirects,
// forwarding, expiry, flush) for an arbitrary kernel personality, plus the
// address/prefix text parsers. Invariants checked after every step: the IPv4
// lookup structure agrees with the authoritative table, walk() sees exactly
// size() routes in radix order, and no reference or trash count goes astray.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rtsock/fib/fib.hpp"

namespace {

using namespace rtsock::fib;

class Input {
 public:
  Input(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
  bool empty() const { return i_ >= n_; }
  std::uint8_t u8() { return i_ < n_ ? d_[i_++] : 0; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v = v << 8 | u8();
    return v;
  }
  // Addresses from a small universe so that operations collide.
  Addr addr4() {
    static constexpr std::uint32_t bases[] = {0x0a000000, 0xc0000200, 0xc6336400, 0x00000000,
                                              0x7f000000, 0xffffff00, 0x0a010000, 0xcb007100};
    return Addr::v4(bases[u8() & 7] | (u8() & 0x3f));
  }
  Addr addr6() {
    Addr a;
    a.family = Family::inet6;
    a.bytes[0] = 0x20;
    a.bytes[1] = 0x01;
    a.bytes[2] = 0x0d;
    a.bytes[3] = 0xb8;
    a.bytes[7] = u8() & 3;
    a.bytes[15] = u8() & 0x1f;
    return a;
  }
  Addr addr(bool v6) { return v6 ? addr6() : addr4(); }

 private:
  const std::uint8_t* d_;
  std::size_t n_;
  std::size_t i_ = 0;
};

void check_tables(Fib& f, Input& in, bool rtable) {
  for (Family fam : {Family::inet4, Family::inet6}) {
    std::size_t n = 0;
    std::optional<Prefix> last;
    f.walk(0, fam, 0, [&](const RouteInfo& r) {
      // OpenBSD walks its ART (art_order.hpp; tests/fib/openbsd_test.cpp)
      // and its rt_if_track clears RTF_UP on the routes over a down
      // interface but keeps them listed; the radix kernels walk in radix
      // order and never list a route that is not up.
      if (!rtable && last && radix_less(r.prefix, *last)) __builtin_trap();
      if (!rtable && (r.flags & rtf::up) == 0) __builtin_trap();
      last = r.prefix;
      ++n;
      return true;
    });
    if (n != f.size(0, fam)) __builtin_trap();
  }
  // FreeBSD 13+ nexthops: every route names a live nexthop, and each
  // nexthop is held exactly by its single-path routes and its groups.
  for (Family fam : {Family::inet4, Family::inet6}) {
    const auto nhs = f.nexthops(0, fam);
    const auto groups = f.nexthop_groups(0, fam);
    if (!f.semantics().nexthop_objects) {
      if (!nhs.empty() || !groups.empty()) __builtin_trap();
      continue;
    }
    std::map<std::uint32_t, std::uint32_t> want;
    std::map<std::pair<std::string, int>, std::vector<std::uint32_t>> paths;
    f.walk(0, fam, 0, [&](const RouteInfo& r) {
      paths[{r.prefix.addr.str(), r.prefix.host ? 255 : r.prefix.plen}].push_back(r.nhidx);
      return true;
    });
    std::size_t multipath = 0;
    for (const auto& [pfx, idx] : paths) {
      if (idx.size() == 1) ++want[idx[0]];
      if (idx.size() > 1) ++multipath;
      for (std::uint32_t i : idx)
        if (i == 0) __builtin_trap();
    }
    std::uint32_t group_refs = 0;
    for (const auto& g : groups) {
      group_refs += g.refcount;
      for (const auto& [i, w] : g.members) want[i] += 1;
    }
    if (group_refs != multipath) __builtin_trap();
    if (nhs.size() != want.size()) __builtin_trap();
    for (const auto& n : nhs)
      if (want[n.index] != n.refcount) __builtin_trap();
  }
  for (int k = 0; k < 4; ++k) {
    const Addr a = in.addr4();
    const auto slow = f.lookup(0, a);
    const std::uint32_t slot = f.match4(0, a.v4());
    if (slow.has_value() != (slot != Fib::no_route)) __builtin_trap();
    if (slow && f.route4(0, slot).prefix != slow->prefix) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  // The text parsers get the raw bytes once.
  const std::string_view text(reinterpret_cast<const char*>(data), size < 64 ? size : 64);
  if (auto p = Prefix::parse(text)) {
    const auto again = Prefix::parse(p->str());
    if (!again || !(*again == *p)) __builtin_trap();
  }
  static constexpr const char* kernels[] = {"freebsd", "freebsd12", "openbsd", "netbsd",
                                            "darwin",  "dragonfly", "hpux",    "freebsd10"};
  Config cfg;
  cfg.semantics = *semantics_for(kernels[in.u8() & 7]);
  const bool rtable = cfg.semantics.route_model == RouteModel::rtable;
  Fib f(cfg);
  std::int64_t now = 0;
  f.set_clock([&now] { return now; });
  std::size_t changes = 0;
  f.set_listener([&changes](const Change&) { ++changes; });
  std::vector<RouteRef> refs;
  (void)f.attach({"lo0", ift::loop, iff::up | iff::loopback, 16384, {}, 0});
  (void)f.attach({"em0", ift::ether, iff::up | iff::broadcast, 1500, {0, 1, 2, 3, 4, 5}, 0});
  int steps = 0;
  while (!in.empty() && steps++ < 64) {
    const std::uint8_t op = in.u8();
    const bool v6 = (op & 0x80) != 0;
    RouteRequest r;
    r.dst = in.addr(v6);
    const std::uint8_t pl = in.u8();
    if (pl & 0x80) r.plen = static_cast<int>(pl & 0x7f) - (v6 ? 0 : 90);  // some out of range
    const std::uint8_t g = in.u8();
    if (g & 1) r.gateway = Gateway::address(in.addr((g & 2) ? !v6 : v6));
    if (g & 4) r.gateway = Gateway::link(static_cast<std::uint16_t>(in.u8() & 3), ift::ether);
    r.flags = static_cast<std::uint64_t>(in.u32()) | (static_cast<std::uint64_t>(g >> 5) << 32);
    r.fmask = in.u32();
    r.inits = in.u8();
    r.locks = in.u8();
    r.rmx.mtu = in.u8() * 16u;
    r.rmx.expire = in.u8();
    r.rmx.weight = in.u8();
    if (g & 8) r.ifp_index = static_cast<std::uint16_t>(in.u8() & 3);
    if (g & 16) r.ifa = in.addr(v6);
    r.priority = in.u8();
    switch (op & 0x1f) {
      case 0:
      case 1:
      case 2:
        (void)f.add(r);
        break;
      case 3:
      case 4:
        (void)f.remove(r);
        break;
      case 5:
        (void)f.change(r);
        break;
      case 6:
        (void)f.get(r);
        break;
      case 7:
        (void)f.lock(r);
        break;
      case 8:
        (void)f.forward(0, r.dst);
        break;
      case 9:
        (void)f.redirect(0, r.dst, in.addr(v6), in.addr(v6));
        break;
      case 10:
        refs.push_back(f.acquire(0, r.dst));
        break;
      case 11:
        if (!refs.empty()) refs.erase(refs.begin());
        break;
      case 12:
        now += in.u8();
        (void)f.expire();
        (void)f.next_expiry();
        break;
      case 13:
        (void)f.flush(0, v6 ? Family::inet6 : Family::inet4, (op & 0x20) != 0);
        break;
      case 14:
        (void)f.add_address(static_cast<std::uint16_t>(in.u8() & 3),
                            {r.dst, static_cast<std::uint8_t>(pl & 0x7f), {}, {}});
        break;
      case 15:
        (void)f.delete_address(static_cast<std::uint16_t>(in.u8() & 3), r.dst);
        break;
      case 16:
        (void)f.attach({"tun0", ift::tunnel, iff::up | iff::pointopoint, 1400, {}, 0});
        break;
      case 17:
        (void)f.detach(static_cast<std::uint16_t>(in.u8() & 3));
        break;
      case 18:
        (void)f.set_flags(static_cast<std::uint16_t>(in.u8() & 3), in.u32());
        break;
      case 19:
        (void)f.set_mtu(static_cast<std::uint16_t>(in.u8() & 3), in.u32());
        break;
      case 20: {
        IfAddress a{r.dst, static_cast<std::uint8_t>(pl & 0x7f), {}, in.addr(v6)};
        (void)f.add_address(static_cast<std::uint16_t>(in.u8() & 3), a);
        break;
      }
      case 21:
        f.sync();
        break;
      case 22:
      case 23: {
        // Multicast memberships (FreeBSD, Darwin, DragonFly): a group of the
        // destination's family, joined or left on some interface.
        Addr g = r.dst;
        g.bytes[0] = v6 ? std::uint8_t{0xff} : static_cast<std::uint8_t>(0xe0 | (g.bytes[0] & 0x0f));
        const auto ifi = static_cast<std::uint16_t>(in.u8() & 3);
        (void)((op & 0x1f) == 22 ? f.join_group(ifi, g) : f.leave_group(ifi, g));
        break;
      }
      case 24:
      case 25: {
        std::array<std::uint8_t, 6> mac{};
        for (auto& b : mac) b = in.u8();
        mac[0] |= 1;
        const auto ifi = static_cast<std::uint16_t>(in.u8() & 3);
        (void)((op & 0x1f) == 24 ? f.join_link_group(ifi, mac) : f.leave_link_group(ifi, mac));
        break;
      }
      default:
        (void)f.lookup(0, r.dst);
        break;
    }
    check_tables(f, in, rtable);
  }
  const std::size_t held = refs.size();
  if (f.trash() > held) __builtin_trap();
  refs.clear();
  if (f.trash() != 0) __builtin_trap();
  (void)changes;
  return 0;
}
