// Longest-prefix match of fib::Fib against a naive oracle (spec section C).
//
// The oracle is a list of paths (prefix + gateway) with its own address
// arithmetic; its LPM scans every path: a host entry or a longer mask wins,
// the default route comes last. Random operation sequences (add, duplicate
// add, multipath add, delete, delete of a missing prefix, lookup, walk, sync,
// match4_bulk) run on both; after each one the table must agree with the
// oracle through lookup(), get() without a mask, match4()+route4(), forward(),
// walk() and size(). Addresses come from a few /16s (IPv4) or /64s (IPv6) and
// prefix lengths from a short list so that equal keys, host routes beside
// networks, /0, /31-/32 and /127-/128 are common. Checks run right after a
// change or only after several (the IPv4 lookup structure is rebuilt lazily
// per 64 Ki-address chunk).
//
// Set-up: "em0" with 192.0.2.10/24 and 2001:db8::10/64; the routes that
// add_address installs are read back with walk() and are part of the oracle.
// Requests for exactly those prefixes are not generated (they are pinned).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "rtsock/fib/fib.hpp"

using namespace rtsock::fib;

namespace {

using Bytes = std::array<std::uint8_t, 16>;

// ---------------------------------------------------------------------------
// The oracle's own address arithmetic (nothing from the library under test).

int width(Family f) { return f == Family::inet4 ? 32 : 128; }

Bytes mask_bytes(const Bytes& b, int plen) {
  Bytes r{};
  for (std::size_t i = 0; i < r.size(); ++i) {
    const int bits = plen - 8 * static_cast<int>(i);
    if (bits >= 8) {
      r[i] = b[i];
    } else if (bits > 0) {
      r[i] = static_cast<std::uint8_t>(b[i] & (0xff << (8 - bits)));
    }
  }
  return r;
}

Addr make_addr(Family f, const Bytes& b) {
  Addr a;
  a.family = f;
  a.bytes = b;
  if (f == Family::inet4) std::fill(a.bytes.begin() + 4, a.bytes.end(), std::uint8_t{0});
  return a;
}

Addr ip4(std::uint32_t host_order) {
  Bytes b{};
  b[0] = static_cast<std::uint8_t>(host_order >> 24);
  b[1] = static_cast<std::uint8_t>(host_order >> 16);
  b[2] = static_cast<std::uint8_t>(host_order >> 8);
  b[3] = static_cast<std::uint8_t>(host_order);
  return make_addr(Family::inet4, b);
}

std::uint32_t host4(const Addr& a) {
  return (std::uint32_t{a.bytes[0]} << 24) | (std::uint32_t{a.bytes[1]} << 16) |
         (std::uint32_t{a.bytes[2]} << 8) | std::uint32_t{a.bytes[3]};
}

Addr ip6(std::uint64_t hi, std::uint64_t lo) {
  Bytes b{};
  for (std::size_t i = 0; i < 8; ++i) {
    b[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
    b[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
  }
  return make_addr(Family::inet6, b);
}

// The address with every bit past plen set (the last address of a prefix).
Addr fill_host_bits(const Addr& a, int plen) {
  Bytes b = a.bytes;
  const int w = width(a.family);
  for (int bit = plen; bit < w; ++bit) {
    const auto i = static_cast<std::size_t>(bit / 8);
    b[i] = static_cast<std::uint8_t>(b[i] | (0x80 >> (bit % 8)));
  }
  return make_addr(a.family, b);
}

// a + delta (delta is +1 or -1), wrapping inside the family's width.
Addr step(const Addr& a, int delta) {
  Bytes b = a.bytes;
  const std::size_t n = a.family == Family::inet4 ? 4 : 16;
  for (std::size_t k = n; k-- > 0;) {
    if (delta > 0) {
      b[k] = static_cast<std::uint8_t>(b[k] + 1);
      if (b[k] != 0) break;
    } else {
      b[k] = static_cast<std::uint8_t>(b[k] - 1);
      if (b[k] != 0xff) break;
    }
  }
  return make_addr(a.family, b);
}

// FreeBSD 13+ normalisation of a request: no mask or a full-length mask is a
// host entry; otherwise dst is masked.
Prefix key_of(const Addr& dst, std::optional<int> plen) {
  const int w = width(dst.family);
  if (!plen || *plen >= w)
    return Prefix{make_addr(dst.family, dst.bytes), static_cast<std::uint8_t>(w), true};
  return Prefix{make_addr(dst.family, mask_bytes(dst.bytes, *plen)),
                static_cast<std::uint8_t>(*plen), false};
}

bool covers(const Prefix& p, const Addr& a) {
  return a.family == p.addr.family && mask_bytes(a.bytes, p.plen) == p.addr.bytes;
}

// Spec C: key ascending, the host entry first, then longer masks first.
bool oracle_radix_less(const Prefix& a, const Prefix& b) {
  if (a.addr.bytes != b.addr.bytes) return a.addr.bytes < b.addr.bytes;
  if (a.host != b.host) return a.host;
  return a.plen > b.plen;
}

// ---- printing (own code, so that a broken str() cannot hide a failure) ----

std::string hex(unsigned v) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), digits[v % 16]);
    v /= 16;
  } while (v != 0);
  return s;
}

std::string show_addr(const Addr& a) {
  std::string s;
  if (a.family == Family::inet4) {
    for (std::size_t i = 0; i < 4; ++i) {
      if (i != 0) s += '.';
      s += std::to_string(a.bytes[i]);
    }
    return s;
  }
  for (std::size_t i = 0; i < 16; i += 2) {
    if (i != 0) s += ':';
    s += hex(static_cast<unsigned>(a.bytes[i]) * 256u + a.bytes[i + 1]);
  }
  return s;
}

std::string show_prefix(const Prefix& p) {
  return show_addr(p.addr) + (p.host ? std::string(" (host)") : "/" + std::to_string(p.plen));
}

std::string show_gw(const Gateway& g) {
  switch (g.kind) {
    case Gateway::Kind::addr:
      return show_addr(g.addr);
    case Gateway::Kind::link:
      return "link#" + std::to_string(g.ifindex);
    case Gateway::Kind::none:
      break;
  }
  return "none";
}

std::string show_route(const RouteInfo& r) {
  return show_prefix(r.prefix) + " via " + show_gw(r.gateway) + " flags 0x" +
         hex(static_cast<unsigned>(r.flags & 0xffffffffu));
}

bool same_gateway(const Gateway& a, const Gateway& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Gateway::Kind::addr) return a.addr == b.addr;
  if (a.kind == Gateway::Kind::link) return a.ifindex == b.ifindex;
  return true;
}

template <class T>
int err_of(const rtsock::Result<T>& r) {
  if (r) return 0;
  if (r.error().code().category() != std::generic_category()) return -1;
  return r.error().code().value();
}

std::string err_name(int e) {
  if (e == 0) return "success";
  return std::to_string(e) + " (" + std::generic_category().message(e) + ")";
}

// ---------------------------------------------------------------------------
// The oracle.

struct Path {
  Prefix prefix;
  Gateway gateway;
  std::uint64_t flags = 0;
  bool base = false;  // installed by add_address
};

struct Oracle {
  std::vector<Path> paths;

  // The paths of the longest match (several for a multipath prefix).
  std::vector<const Path*> lpm(const Addr& a) const {
    const Path* best = nullptr;
    for (const Path& p : paths) {
      if (!covers(p.prefix, a)) continue;
      if (best == nullptr || p.prefix.plen > best->prefix.plen ||
          (p.prefix.plen == best->prefix.plen && p.prefix.host && !best->prefix.host)) {
        best = &p;
      }
    }
    std::vector<const Path*> out;
    if (best == nullptr) return out;
    for (const Path& p : paths) {
      if (p.prefix == best->prefix) out.push_back(&p);
    }
    return out;
  }

  std::vector<std::size_t> find(const Prefix& k) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (paths[i].prefix == k) out.push_back(i);
    }
    return out;
  }

  bool is_base(const Prefix& k) const {
    return std::any_of(paths.begin(), paths.end(),
                       [&](const Path& p) { return p.base && p.prefix == k; });
  }

  std::vector<std::size_t> non_base() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (!paths[i].base) out.push_back(i);
    }
    return out;
  }

  std::size_t count(Family f) const {
    return static_cast<std::size_t>(std::count_if(
        paths.begin(), paths.end(), [&](const Path& p) { return p.prefix.family() == f; }));
  }
};

// ---------------------------------------------------------------------------
// The table under test and its set-up.

const Addr kGw4a = ip4(0xc0000201);  // 192.0.2.1
const Addr kGw4b = ip4(0xc0000202);  // 192.0.2.2
const Addr kGw4x = ip4(0xc0000203);  // 192.0.2.3, never used by a route
const Addr kGw6a = ip6(0x20010db800000000ull, 1);
const Addr kGw6b = ip6(0x20010db800000000ull, 2);
const Addr kGw6x = ip6(0x20010db800000000ull, 3);

const Addr& gw_a(Family f) { return f == Family::inet4 ? kGw4a : kGw6a; }
const Addr& gw_b(Family f) { return f == Family::inet4 ? kGw4b : kGw6b; }
const Addr& gw_x(Family f) { return f == Family::inet4 ? kGw4x : kGw6x; }

RouteRequest gw_request(const Addr& dst, std::optional<int> plen, const Addr& gw) {
  RouteRequest r;
  r.dst = dst;
  r.plen = plen;
  r.gateway = Gateway::address(gw);
  r.flags = rtf::gateway | rtf::static_;
  return r;
}

struct Harness {
  std::unique_ptr<Fib> fib = std::make_unique<Fib>();
  std::uint16_t em0 = 0;
  Oracle oracle;
  // IPv4 slots seen through match4, per prefix: stable while the route exists.
  std::vector<std::pair<Prefix, std::uint32_t>> slots;

  Harness() {
    IfSpec spec;
    spec.name = "em0";
    spec.type = ift::ether;
    spec.flags = iff::up | iff::broadcast | iff::running;
    spec.mtu = 1500;
    const auto idx = fib->attach(spec);
    if (!idx) RC_FAIL("attach(em0) failed: " + idx.error().message());
    em0 = *idx;
    IfAddress a4;
    a4.addr = ip4(0xc000020a);  // 192.0.2.10/24
    a4.plen = 24;
    a4.broadcast = ip4(0xc00002ff);
    const auto r4 = fib->add_address(em0, a4);
    if (!r4) RC_FAIL("add_address(192.0.2.10/24) failed: " + r4.error().message());
    IfAddress a6;
    a6.addr = ip6(0x20010db800000000ull, 0x10);  // 2001:db8::10/64
    a6.plen = 64;
    const auto r6 = fib->add_address(em0, a6);
    if (!r6) RC_FAIL("add_address(2001:db8::10/64) failed: " + r6.error().message());
    for (const Family f : {Family::inet4, Family::inet6}) {
      fib->walk(0, f, 0, [&](const RouteInfo& ri) {
        oracle.paths.push_back({ri.prefix, ri.gateway, ri.flags, true});
        return true;
      });
    }
    // The connected routes must be there, or no gateway below could resolve.
    const Prefix net4{ip4(0xc0000200), 24, false};
    const Prefix net6{ip6(0x20010db800000000ull, 0), 64, false};
    RC_ASSERT(oracle.is_base(net4));
    RC_ASSERT(oracle.is_base(net6));
  }
};

// ---------------------------------------------------------------------------
// Checks.

std::string expect_text(const std::vector<const Path*>& exp) {
  if (exp.empty()) return "no route";
  std::string s = show_prefix(exp.front()->prefix) + " via";
  for (const Path* p : exp) s += " " + show_gw(p->gateway);
  return s;
}

bool matches(const RouteInfo& r, const std::vector<const Path*>& exp) {
  if (exp.empty() || !(r.prefix == exp.front()->prefix)) return false;
  return std::any_of(exp.begin(), exp.end(),
                     [&](const Path* p) { return same_gateway(p->gateway, r.gateway); });
}

void remember_slot(Harness& h, const Prefix& p, std::uint32_t slot) {
  for (auto& [prefix, s] : h.slots) {
    if (prefix == p) return;  // the first one seen is the one that must stay valid
  }
  h.slots.emplace_back(p, slot);
}

void forget_slots(Harness& h, const Prefix& p) {
  std::erase_if(h.slots, [&](const auto& e) { return e.first == p; });
}

// Every way of asking for the longest match of `a` agrees with the oracle.
void check_addr(Harness& h, const Addr& a, const std::string& ctx) {
  const auto exp = h.oracle.lpm(a);
  const std::string what = ctx + ": " + show_addr(a) + ": expected " + expect_text(exp);

  const auto got = h.fib->lookup(0, a);
  if (exp.empty()) {
    if (got) RC_FAIL(what + ", lookup() gave " + show_route(*got));
  } else {
    if (!got) RC_FAIL(what + ", lookup() gave no route");
    if (!matches(*got, exp)) RC_FAIL(what + ", lookup() gave " + show_route(*got));
    if ((got->flags & rtf::up) == 0) RC_FAIL(what + ", lookup() gave a route without RTF_UP");
  }

  // RTM_GET without a netmask is a longest match on FreeBSD 13+ (B.6).
  RouteRequest q;
  q.dst = a;
  const auto g = h.fib->get(q);
  if (exp.empty()) {
    if (g) RC_FAIL(what + ", get() without mask gave " + show_route(*g));
    if (err_of(g) != ESRCH) RC_FAIL(what + ", get() without mask: " + err_name(err_of(g)));
  } else {
    if (!g) RC_FAIL(what + ", get() without mask failed: " + err_name(err_of(g)));
    if (!matches(*g, exp)) RC_FAIL(what + ", get() without mask gave " + show_route(*g));
  }

  if (a.family == Family::inet4) {
    const std::uint32_t slot = h.fib->match4(0, host4(a));
    if (exp.empty()) {
      if (slot != Fib::no_route) {
        RC_FAIL(what + ", match4() gave slot " + std::to_string(slot) + " = " +
                show_route(h.fib->route4(0, slot)));
      }
    } else {
      if (slot == Fib::no_route) RC_FAIL(what + ", match4() gave no_route");
      const RouteInfo r = h.fib->route4(0, slot);
      if (!matches(r, exp)) RC_FAIL(what + ", match4()+route4() gave " + show_route(r));
      remember_slot(h, r.prefix, slot);
    }
  }

  const Forward fw = h.fib->forward(0, a);
  if (exp.empty()) {
    if (fw.verdict != Forward::Verdict::miss) RC_FAIL(what + ", forward() did not miss");
    if (fw.error != EHOSTUNREACH) RC_FAIL(what + ", forward() miss error " + err_name(fw.error));
  } else {
    if (fw.verdict == Forward::Verdict::miss) RC_FAIL(what + ", forward() missed");
    if (!fw.route) RC_FAIL(what + ", forward() reported no route");
    if (!matches(*fw.route, exp)) RC_FAIL(what + ", forward() used " + show_route(*fw.route));
    if (!exp.front()->base) {
      if (fw.verdict != Forward::Verdict::deliver) RC_FAIL(what + ", forward() did not deliver");
      if (!(fw.next_hop == fw.route->gateway.addr)) {
        RC_FAIL(what + ", forward() next hop " + show_addr(fw.next_hop));
      }
      if (fw.ifindex != h.em0) RC_FAIL(what + ", forward() ifindex " + std::to_string(fw.ifindex));
    }
  }
}

// The interesting addresses of a prefix: its first and last address and
// their neighbours outside it.
void check_edges(Harness& h, const Prefix& p, const std::string& ctx) {
  const Addr first = p.addr;
  const Addr last = fill_host_bits(p.addr, p.plen);
  check_addr(h, first, ctx);
  check_addr(h, last, ctx);
  check_addr(h, step(first, -1), ctx);
  check_addr(h, step(last, +1), ctx);
}

std::vector<RouteInfo> walk_all(const Fib& f, Family fam, std::uint64_t mask) {
  std::vector<RouteInfo> v;
  f.walk(0, fam, mask, [&](const RouteInfo& ri) {
    v.push_back(ri);
    return true;
  });
  return v;
}

void check_walk(Harness& h, Family fam, const std::string& ctx) {
  const std::vector<RouteInfo> got = walk_all(*h.fib, fam, 0);
  std::vector<Path> exp;
  for (const Path& p : h.oracle.paths) {
    if (p.prefix.family() == fam) exp.push_back(p);
  }
  auto describe = [&] {
    std::string s = "\n  walk():";
    for (const RouteInfo& r : got) s += "\n    " + show_route(r);
    std::vector<Path> sorted = exp;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Path& a, const Path& b) {
      return oracle_radix_less(a.prefix, b.prefix);
    });
    s += "\n  oracle:";
    for (const Path& p : sorted)
      s += "\n    " + show_prefix(p.prefix) + " via " + show_gw(p.gateway);
    return s;
  };
  if (got.size() != exp.size()) {
    RC_FAIL(ctx + ": walk() gave " + std::to_string(got.size()) + " routes, oracle has " +
            std::to_string(exp.size()) + describe());
  }
  for (std::size_t i = 1; i < got.size(); ++i) {
    if (oracle_radix_less(got[i].prefix, got[i - 1].prefix)) {
      RC_FAIL(ctx + ": walk() out of radix order at " + show_prefix(got[i].prefix) + describe());
    }
  }
  // Same multiset of (prefix, gateway): multipath paths of one prefix may come in any order.
  auto gw_key = [](const Gateway& g) { return std::make_tuple(g.kind, g.addr.bytes, g.ifindex); };
  std::vector<std::pair<Prefix, Gateway>> a;
  std::vector<std::pair<Prefix, Gateway>> b;
  for (const RouteInfo& r : got) a.emplace_back(r.prefix, r.gateway);
  for (const Path& p : exp) b.emplace_back(p.prefix, p.gateway);
  auto less = [&](const std::pair<Prefix, Gateway>& x, const std::pair<Prefix, Gateway>& y) {
    if (oracle_radix_less(x.first, y.first)) return true;
    if (oracle_radix_less(y.first, x.first)) return false;
    return gw_key(x.second) < gw_key(y.second);
  };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i].first == b[i].first) || !same_gateway(a[i].second, b[i].second)) {
      RC_FAIL(ctx + ": walk() differs from the oracle at " + show_prefix(a[i].first) + describe());
    }
  }
  if (h.fib->size(0, fam) != exp.size()) {
    RC_FAIL(ctx + ": size() = " + std::to_string(h.fib->size(0, fam)) + ", oracle has " +
            std::to_string(exp.size()));
  }
  // A flag mask selects the routes with one of those flags, in the same order.
  for (const std::uint64_t mask : {rtf::gateway, rtf::static_ | rtf::host}) {
    const std::vector<RouteInfo> sel = walk_all(*h.fib, fam, mask);
    std::vector<RouteInfo> want;
    for (const RouteInfo& r : got) {
      if ((r.flags & mask) != 0) want.push_back(r);
    }
    RC_ASSERT(sel.size() == want.size());
    for (std::size_t i = 0; i < sel.size(); ++i) {
      RC_ASSERT(sel[i].prefix == want[i].prefix);
      RC_ASSERT(same_gateway(sel[i].gateway, want[i].gateway));
    }
  }
  // The callback stops the walk.
  std::size_t calls = 0;
  h.fib->walk(0, fam, 0, [&](const RouteInfo&) { return ++calls < 2; });
  RC_ASSERT(calls == std::min<std::size_t>(2, got.size()));
}

void check_bulk(Harness& h, const std::vector<std::uint32_t>& keys, const std::string& ctx) {
  std::vector<std::uint32_t> out(keys.size(), 0xdeadbeefu);
  h.fib->match4_bulk(0, keys, out);  // first, while chunks may be stale
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Addr a = ip4(keys[i]);
    const auto exp = h.oracle.lpm(a);
    const std::string what = ctx + ": match4_bulk key " + std::to_string(i) + " " + show_addr(a) +
                             ": expected " + expect_text(exp);
    if (exp.empty()) {
      if (out[i] != Fib::no_route) RC_FAIL(what + ", got slot " + std::to_string(out[i]));
    } else {
      if (out[i] == Fib::no_route) RC_FAIL(what + ", got no_route");
      const RouteInfo r = h.fib->route4(0, out[i]);
      if (!matches(r, exp)) RC_FAIL(what + ", got " + show_route(r));
    }
    const std::uint32_t one = h.fib->match4(0, keys[i]);
    if (one != out[i]) {
      RC_FAIL(what + ", match4_bulk slot " + std::to_string(out[i]) + " but match4 slot " +
              std::to_string(one));
    }
  }
}

void check_size(const Harness& h, const std::string& ctx) {
  for (const Family f : {Family::inet4, Family::inet6}) {
    if (h.fib->size(0, f) != h.oracle.count(f)) {
      RC_FAIL(ctx + ": size(" + (f == Family::inet4 ? "inet4" : "inet6") +
              ") = " + std::to_string(h.fib->size(0, f)) + ", oracle has " +
              std::to_string(h.oracle.count(f)));
    }
  }
}

// ---------------------------------------------------------------------------
// Operations.

enum class OpKind : std::uint8_t {
  add,
  add_dup,
  add_alt,
  del,
  del_missing,
  lookup,
  walk,
  sync,
  bulk
};

struct Op {
  OpKind kind = OpKind::lookup;
  Addr addr;               // dst, or the address to look up
  int plen = -1;           // -1: no mask (a host route)
  std::uint32_t pick = 0;  // which existing route the operation is about
  bool flag = false;       // del: give the gateway; add_dup: full-length mask instead of none
  bool probe = false;      // look up the affected addresses right after a change
};

const char* kind_name(OpKind k) {
  switch (k) {
    case OpKind::add:
      return "add";
    case OpKind::add_dup:
      return "add_dup";
    case OpKind::add_alt:
      return "add_alt_gateway";
    case OpKind::del:
      return "delete";
    case OpKind::del_missing:
      return "delete_missing";
    case OpKind::lookup:
      return "lookup";
    case OpKind::walk:
      return "walk";
    case OpKind::sync:
      return "sync";
    case OpKind::bulk:
      return "match4_bulk";
  }
  return "?";
}

void showValue(const Op& op, std::ostream& os) {
  os << kind_name(op.kind) << " " << show_addr(op.addr);
  if (op.plen >= 0) os << "/" << op.plen;
  os << " pick=" << op.pick << (op.flag ? " flag" : "") << (op.probe ? " probe" : "");
}

std::optional<int> plen_of(int p) { return p < 0 ? std::nullopt : std::optional<int>(p); }

// dst for a request about prefix k: k's key with the host bits of `noise`.
Addr dst_for(const Prefix& k, const Addr& noise) {
  if (k.host || noise.family != k.family()) return k.addr;
  Bytes b = k.addr.bytes;
  const Bytes m = mask_bytes(Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff},
                             k.plen);
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i] = static_cast<std::uint8_t>(b[i] | (noise.bytes[i] & ~m[i]));
  }
  return make_addr(k.family(), b);
}

std::optional<int> mask_for(const Prefix& k, bool full_mask) {
  if (k.host) return full_mask ? std::optional<int>(width(k.family())) : std::nullopt;
  return k.plen;
}

void expect_err(int got, int want, const std::string& what) {
  if (got != want) RC_FAIL(what + ": expected " + err_name(want) + ", got " + err_name(got));
}

void probe_after(Harness& h, const Op& op, const Prefix& k, const std::string& ctx) {
  if (!op.probe) return;
  check_addr(h, op.addr, ctx);
  check_edges(h, k, ctx);
}

void apply(Harness& h, const Op& op, std::size_t step_no) {
  const Family fam = op.addr.family;
  std::string ctx = "step " + std::to_string(step_no) + " (" + kind_name(op.kind) + ")";
  const auto existing = h.oracle.non_base();
  const Path* picked =
      existing.empty() ? nullptr : &h.oracle.paths[existing[op.pick % existing.size()]];
  switch (op.kind) {
    case OpKind::add: {
      const Prefix k = key_of(op.addr, plen_of(op.plen));
      if (h.oracle.is_base(k)) return;  // pinned address routes are not this test's subject
      ctx += " " + show_prefix(k);
      const auto same = h.oracle.find(k);
      const bool dup = std::any_of(same.begin(), same.end(), [&](std::size_t i) {
        return same_gateway(h.oracle.paths[i].gateway, Gateway::address(gw_a(fam)));
      });
      const auto r = h.fib->add(gw_request(op.addr, plen_of(op.plen), gw_a(fam)));
      if (dup) {
        expect_err(err_of(r), EEXIST, ctx + " (duplicate)");
      } else {
        expect_err(err_of(r), 0, ctx);
        if (!(r->prefix == k)) RC_FAIL(ctx + ": add() stored " + show_route(*r));
        h.oracle.paths.push_back({k, Gateway::address(gw_a(fam)), r->flags, false});
      }
      check_size(h, ctx);
      probe_after(h, op, k, ctx);
      return;
    }
    case OpKind::add_dup: {
      if (picked == nullptr) return;
      const Path p = *picked;
      ctx += " " + show_prefix(p.prefix) + " via " + show_gw(p.gateway);
      const auto r = h.fib->add(
          gw_request(dst_for(p.prefix, op.addr), mask_for(p.prefix, op.flag), p.gateway.addr));
      expect_err(err_of(r), EEXIST, ctx);
      check_size(h, ctx);
      probe_after(h, op, p.prefix, ctx);
      return;
    }
    case OpKind::add_alt: {
      // FreeBSD 13+ multipath: the same prefix through another gateway is a second path.
      if (picked == nullptr) return;
      const Path p = *picked;
      // The path's own family: in a mixed sequence op.addr may be of the other one.
      const Family pf = p.prefix.family();
      const Addr other = p.gateway.addr == gw_a(pf) ? gw_b(pf) : gw_a(pf);
      ctx += " " + show_prefix(p.prefix) + " via " + show_addr(other);
      const auto same = h.oracle.find(p.prefix);
      const bool dup = std::any_of(same.begin(), same.end(), [&](std::size_t i) {
        return same_gateway(h.oracle.paths[i].gateway, Gateway::address(other));
      });
      const auto r =
          h.fib->add(gw_request(dst_for(p.prefix, op.addr), mask_for(p.prefix, op.flag), other));
      if (dup) {
        expect_err(err_of(r), EEXIST, ctx + " (duplicate)");
      } else {
        expect_err(err_of(r), 0, ctx);
        if (!(r->prefix == p.prefix)) RC_FAIL(ctx + ": add() stored " + show_route(*r));
        h.oracle.paths.push_back({p.prefix, Gateway::address(other), r->flags, false});
      }
      check_size(h, ctx);
      probe_after(h, op, p.prefix, ctx);
      return;
    }
    case OpKind::del: {
      if (picked == nullptr) return;
      const std::size_t idx = existing[op.pick % existing.size()];
      const Path p = *picked;
      ctx +=
          " " + show_prefix(p.prefix) + (op.flag ? " via " + show_gw(p.gateway) : " (no gateway)");
      const auto group = h.oracle.find(p.prefix);
      RouteRequest rq;
      rq.dst = dst_for(p.prefix, op.addr);
      rq.plen = mask_for(p.prefix, op.pick % 2 == 0);
      if (op.flag) {
        rq.gateway = p.gateway;
        rq.flags = rtf::gateway | rtf::static_;
      }
      const auto r = h.fib->remove(rq);
      if (!op.flag && group.size() > 1) {
        // B.5 / B.13: a multipath prefix needs the gateway to pick a path.
        expect_err(err_of(r), ESRCH, ctx + " (multipath prefix without gateway)");
      } else {
        expect_err(err_of(r), 0, ctx);
        if (!(r->prefix == p.prefix) || !same_gateway(r->gateway, p.gateway)) {
          RC_FAIL(ctx + ": remove() reported " + show_route(*r));
        }
        h.oracle.paths.erase(h.oracle.paths.begin() + static_cast<std::ptrdiff_t>(idx));
        forget_slots(h, p.prefix);
      }
      check_size(h, ctx);
      probe_after(h, op, p.prefix, ctx);
      return;
    }
    case OpKind::del_missing: {
      const Prefix k = key_of(op.addr, plen_of(op.plen));
      if (h.oracle.is_base(k)) return;
      const auto group = h.oracle.find(k);
      RouteRequest rq;
      rq.dst = op.addr;
      rq.plen = plen_of(op.plen);
      if (!group.empty() || op.flag) {
        // Present: a gateway no path has selects nothing (B.5).
        rq.gateway = Gateway::address(gw_x(fam));
        rq.flags = rtf::gateway | rtf::static_;
      }
      ctx += " " + show_prefix(k) + (group.empty() ? " (absent)" : " via unused gateway");
      expect_err(err_of(h.fib->remove(rq)), ESRCH, ctx);
      check_size(h, ctx);
      probe_after(h, op, k, ctx);
      return;
    }
    case OpKind::sync:
      h.fib->sync();
      [[fallthrough]];
    case OpKind::lookup:
      check_addr(h, op.addr, ctx);
      if (picked != nullptr) check_edges(h, picked->prefix, ctx);
      return;
    case OpKind::walk:
      check_walk(h, fam, ctx);
      return;
    case OpKind::bulk: {
      if (fam != Family::inet4) {
        check_addr(h, op.addr, ctx);
        return;
      }
      std::vector<std::uint32_t> keys{host4(op.addr)};
      for (const Path& p : h.oracle.paths) {
        if (p.prefix.family() != Family::inet4) continue;
        keys.push_back(host4(p.prefix.addr) - 1u);
        keys.push_back(host4(p.prefix.addr));
        keys.push_back(host4(fill_host_bits(p.prefix.addr, p.prefix.plen)));
        keys.push_back(host4(fill_host_bits(p.prefix.addr, p.prefix.plen)) + 1u);
      }
      check_bulk(h, keys, ctx);
      return;
    }
  }
}

// Everything, at the end of a sequence.
void final_check(Harness& h) {
  for (const Family f : {Family::inet4, Family::inet6}) check_walk(h, f, "final");
  const std::vector<Path> paths = h.oracle.paths;
  for (const Path& p : paths) check_edges(h, p.prefix, "final");
  for (const Addr& a : {ip4(0), ip4(0xffffffffu), ip4(0x0a000000), ip4(0x0affffff), kGw4a,
                        ip6(0, 0), ip6(~0ull, ~0ull), kGw6a, ip6(0x20010db800000000ull, 0x10)}) {
    check_addr(h, a, "final");
  }
  for (const auto& [prefix, slot] : h.slots) {
    const RouteInfo r = h.fib->route4(0, slot);
    if (!(r.prefix == prefix)) {
      RC_FAIL("final: slot " + std::to_string(slot) + " was " + show_prefix(prefix) +
              " and the route still exists, but route4() now gives " + show_route(r));
    }
  }
  h.fib->sync();
  for (const Path& p : paths) check_edges(h, p.prefix, "final, after sync()");
}

// ---------------------------------------------------------------------------
// Generators: small universes so that keys collide.

rc::Gen<Addr> gen_addr4() {
  return rc::gen::map(
      rc::gen::pair(
          // 10.0/16, 10.1/16, 10.255/16, 11.0/16 (neighbouring lookup chunks), 192.0/16
          // (holds em0's subnet), and the two ends of the space.
          rc::gen::element<std::uint32_t>(0x0a00u, 0x0a01u, 0x0affu, 0x0b00u, 0xc000u, 0x0000u,
                                          0xffffu),
          rc::gen::weightedOneOf<std::uint32_t>(
              {{5, rc::gen::element<std::uint32_t>(
                       0x0000u, 0x0001u, 0x0002u, 0x0003u, 0x00ffu, 0x0100u, 0x0180u, 0x01ffu,
                       0x0200u, 0x0201u, 0x020au, 0x02ffu, 0x7fffu, 0x8000u, 0xfffeu, 0xffffu)},
               {3, rc::gen::inRange<std::uint32_t>(0, 0x400)},
               {1, rc::gen::inRange<std::uint32_t>(0, 0x10000)}})),
      [](const std::pair<std::uint32_t, std::uint32_t>& p) {
        return ip4((p.first << 16) | p.second);
      });
}

rc::Gen<int> gen_plen4() {
  return rc::gen::weightedElement<int>({{4, -1},
                                        {2, 0},
                                        {1, 1},
                                        {1, 7},
                                        {3, 8},
                                        {1, 9},
                                        {2, 15},
                                        {4, 16},
                                        {2, 17},
                                        {2, 23},
                                        {4, 24},
                                        {2, 25},
                                        {1, 30},
                                        {3, 31},
                                        {4, 32}});
}

rc::Gen<Addr> gen_addr6() {
  return rc::gen::map(
      rc::gen::pair(
          rc::gen::element<std::uint64_t>(
              0x20010db800000000ull,  // em0's /64
              0x20010db800000001ull, 0x20010db800010000ull, 0x20010db880000000ull,
              0x20010db8ffffffffull, 0x20010db900000000ull, 0xfd00000000000000ull, 0ull, ~0ull),
          rc::gen::weightedOneOf<std::uint64_t>(
              {{5, rc::gen::element<std::uint64_t>(0ull, 1ull, 2ull, 3ull, 0x10ull, 0xffull,
                                                   0x10000ull, 0x8000000000000000ull,
                                                   0xfffffffffffffffeull, ~0ull)},
               {3, rc::gen::inRange<std::uint64_t>(0, 0x400)},
               {1, rc::gen::arbitrary<std::uint64_t>()}})),
      [](const std::pair<std::uint64_t, std::uint64_t>& p) { return ip6(p.first, p.second); });
}

rc::Gen<int> gen_plen6() {
  return rc::gen::weightedElement<int>({{4, -1},
                                        {2, 0},
                                        {1, 1},
                                        {1, 16},
                                        {1, 31},
                                        {3, 32},
                                        {1, 33},
                                        {1, 47},
                                        {3, 48},
                                        {2, 63},
                                        {4, 64},
                                        {2, 65},
                                        {1, 96},
                                        {1, 112},
                                        {1, 120},
                                        {1, 126},
                                        {3, 127},
                                        {4, 128}});
}

rc::Gen<Op> gen_op(Family fam) {
  auto kind = rc::gen::weightedElement<OpKind>({{30, OpKind::add},
                                                {5, OpKind::add_dup},
                                                {5, OpKind::add_alt},
                                                {14, OpKind::del},
                                                {5, OpKind::del_missing},
                                                {20, OpKind::lookup},
                                                {3, OpKind::walk},
                                                {3, OpKind::sync},
                                                {3, OpKind::bulk}});
  return rc::gen::map(rc::gen::tuple(kind, fam == Family::inet4 ? gen_addr4() : gen_addr6(),
                                     fam == Family::inet4 ? gen_plen4() : gen_plen6(),
                                     rc::gen::inRange<std::uint32_t>(0, 1u << 16),
                                     rc::gen::arbitrary<bool>(), rc::gen::arbitrary<bool>()),
                      [](const std::tuple<OpKind, Addr, int, std::uint32_t, bool, bool>& t) {
                        Op op;
                        std::tie(op.kind, op.addr, op.plen, op.pick, op.flag, op.probe) = t;
                        return op;
                      });
}

// An add request (dst, plen; -1 = no mask).
struct Req {
  Addr dst;
  int plen = -1;
};

void showValue(const Req& r, std::ostream& os) {
  os << show_addr(r.dst);
  if (r.plen >= 0) os << "/" << r.plen;
}

rc::Gen<Req> gen_req(Family fam) {
  return rc::gen::map(rc::gen::pair(fam == Family::inet4 ? gen_addr4() : gen_addr6(),
                                    fam == Family::inet4 ? gen_plen4() : gen_plen6()),
                      [](const std::pair<Addr, int>& p) {
                        return Req{p.first, p.second};
                      });
}

void run(const std::vector<Op>& ops) {
  Harness h;
  for (std::size_t i = 0; i < ops.size(); ++i) apply(h, ops[i], i);
  final_check(h);
}

}  // namespace

// ---------------------------------------------------------------------------
// Spec section C by example.

namespace {

// Runs a fixed scenario once; the RC_ASSERT/RC_FAIL of the shared checks
// become a gtest failure.
template <class F>
void once(F f) {
  try {
    f();
  } catch (const rc::detail::CaseResult& r) {
    FAIL() << r.description;
  }
}

}  // namespace

TEST(FibLpm, host_entry_and_networks_on_one_key) {
  once([] {
    Harness h;
    auto add = [&](std::uint32_t dst, std::optional<int> plen) {
      const auto r = h.fib->add(gw_request(ip4(dst), plen, kGw4a));
      RC_ASSERT(err_of(r) == 0);
      RC_ASSERT(r->prefix == key_of(ip4(dst), plen));
      h.oracle.paths.push_back({key_of(ip4(dst), plen), Gateway::address(kGw4a), r->flags, false});
      return r->prefix;
    };
    const Prefix host = add(0x0a000000, std::nullopt);  // 10.0.0.0
    const Prefix n8 = add(0x0a000000, 8);
    const Prefix n24 = add(0x0a000000, 24);
    const Prefix n31 = add(0x0a000002, 31);
    const Prefix def = add(0, 0);
    RC_ASSERT(host == (Prefix{ip4(0x0a000000), 32, true}));
    RC_ASSERT(n8 == (Prefix{ip4(0x0a000000), 8, false}));
    auto best = [&](std::uint32_t a) {
      const auto r = h.fib->lookup(0, ip4(a));
      RC_ASSERT(r.has_value());
      return r->prefix;
    };
    RC_ASSERT(best(0x0a000000) == host);  // the host entry beats every network on its key
    RC_ASSERT(best(0x0a000001) == n24);
    RC_ASSERT(best(0x0a000003) == n31);
    RC_ASSERT(best(0x0a000004) == n24);
    RC_ASSERT(best(0x0a000100) == n8);
    RC_ASSERT(best(0x0b000000) == def);  // the default route last
    // A full-length mask is the host entry (FreeBSD 13+ normalisation).
    RC_ASSERT(err_of(h.fib->add(gw_request(ip4(0x0a000000), 32, kGw4a))) == EEXIST);
    // Walk: key ascending, host entry first, then longer masks.
    std::vector<Prefix> order;
    for (const RouteInfo& r : walk_all(*h.fib, Family::inet4, rtf::gateway)) {
      if (same_gateway(r.gateway, Gateway::address(kGw4a))) order.push_back(r.prefix);
    }
    RC_ASSERT(order == (std::vector<Prefix>{def, host, n24, n8, n31}));
    final_check(h);
    // Deleting /32 deletes the host entry; 10.0.0.0 then falls to the /24.
    RouteRequest del;
    del.dst = ip4(0x0a000000);
    del.plen = 32;
    RC_ASSERT(err_of(h.fib->remove(del)) == 0);
    std::erase_if(h.oracle.paths, [&](const Path& p) { return p.prefix == host; });
    RC_ASSERT(best(0x0a000000) == n24);
    RC_ASSERT(err_of(h.fib->remove(del)) == ESRCH);
    final_check(h);
  });
}

TEST(FibLpm, ipv6_host_127_128_and_default) {
  once([] {
    Harness h;
    const std::uint64_t hi = 0x20010db800010000ull;  // 2001:db8:1::
    for (const std::optional<int> plen :
         {std::optional<int>(0), std::optional<int>(48), std::optional<int>(64),
          std::optional<int>(127), std::optional<int>(128), std::optional<int>()}) {
      const Addr dst = plen && *plen == 128 ? ip6(hi, 5) : ip6(hi, 4);
      const auto r = h.fib->add(gw_request(dst, plen, kGw6a));
      RC_ASSERT(err_of(r) == 0);
      RC_ASSERT(r->prefix == key_of(dst, plen));
      h.oracle.paths.push_back({key_of(dst, plen), Gateway::address(kGw6a), r->flags, false});
    }
    auto best = [&](std::uint64_t a_hi, std::uint64_t a_lo) {
      const auto r = h.fib->lookup(0, ip6(a_hi, a_lo));
      RC_ASSERT(r.has_value());
      return r->prefix;
    };
    RC_ASSERT(best(hi, 4) == key_of(ip6(hi, 4), std::nullopt));  // host beats /127 and /64
    RC_ASSERT(best(hi, 5) == key_of(ip6(hi, 5), 128));           // /128 is the host entry
    RC_ASSERT(best(hi, 6) == key_of(ip6(hi, 0), 64));
    RC_ASSERT(best(hi, 3) == key_of(ip6(hi, 0), 64));
    RC_ASSERT(best(hi + 1, 0) == key_of(ip6(hi, 0), 48));
    RC_ASSERT(best(0x30000000000000ull, 0) == key_of(ip6(0, 0), 0));
    final_check(h);
  });
}

TEST(FibLpm, ipv4_lookups_right_after_each_change) {
  once([] {
    Harness h;
    const Addr a = ip4(0x0a010203);  // 10.1.2.3
    auto change = [&](bool add, std::uint32_t dst, int plen) {
      const auto req = gw_request(ip4(dst), plen, kGw4a);
      if (add) {
        const auto r = h.fib->add(req);
        RC_ASSERT(err_of(r) == 0);
        h.oracle.paths.push_back(
            {key_of(ip4(dst), plen), Gateway::address(kGw4a), r->flags, false});
      } else {
        const Prefix k = key_of(ip4(dst), plen);
        RC_ASSERT(err_of(h.fib->remove(req)) == 0);
        std::erase_if(h.oracle.paths, [&](const Path& p) { return p.prefix == k; });
        forget_slots(h, k);
      }
      check_addr(h, a, "after change");
      check_edges(h, key_of(ip4(dst), plen), "after change");
    };
    check_addr(h, a, "empty");
    change(true, 0x0a000000, 8);
    change(true, 0x0a010200, 24);
    change(true, 0x0a010000, 16);
    change(true, 0x0a010203, 32);
    change(false, 0x0a010203, 32);
    change(false, 0x0a010200, 24);
    change(true, 0x00000000, 0);
    change(false, 0x0a010000, 16);
    change(false, 0x0a000000, 8);
    change(false, 0x00000000, 0);
    final_check(h);
  });
}

// ---------------------------------------------------------------------------
// Properties.

RC_GTEST_PROP(FibLpm, ipv4_random_operations_match_naive_oracle, ()) {
  run(*rc::gen::container<std::vector<Op>>(gen_op(Family::inet4)));
}

RC_GTEST_PROP(FibLpm, ipv6_random_operations_match_naive_oracle, ()) {
  run(*rc::gen::container<std::vector<Op>>(gen_op(Family::inet6)));
}

// Both families in one table, longer sequences (denser tables).
RC_GTEST_PROP(FibLpm, mixed_families_long_sequences_match_naive_oracle, ()) {
  run(*rc::gen::scale(3.0, rc::gen::container<std::vector<Op>>(
                               rc::gen::oneOf(gen_op(Family::inet4), gen_op(Family::inet6)))));
}

// Inserts only, then sync() and every check: a dense table built without any
// lookup in between.
RC_GTEST_PROP(FibLpm, sync_then_lookups_match_naive_oracle, ()) {
  auto adds = *rc::gen::scale(2.0, rc::gen::container<std::vector<Req>>(rc::gen::oneOf(
                                       gen_req(Family::inet4), gen_req(Family::inet6))));
  Harness h;
  for (const auto& [dst, plen] : adds) {
    const Prefix k = key_of(dst, plen_of(plen));
    if (h.oracle.is_base(k)) continue;
    const auto r = h.fib->add(gw_request(dst, plen_of(plen), gw_a(dst.family)));
    expect_err(err_of(r), h.oracle.find(k).empty() ? 0 : EEXIST, "add " + show_prefix(k));
    if (r) h.oracle.paths.push_back({k, Gateway::address(gw_a(dst.family)), r->flags, false});
  }
  h.fib->sync();
  final_check(h);
}

// match4_bulk gives what match4 gives key by key, also while chunks are stale.
RC_GTEST_PROP(FibLpm, match4_bulk_equals_per_key_match4, ()) {
  const auto adds = *rc::gen::container<std::vector<Req>>(gen_req(Family::inet4));
  const auto dels =
      *rc::gen::container<std::vector<std::uint32_t>>(rc::gen::arbitrary<std::uint32_t>());
  const auto n_random = *rc::gen::inRange<std::size_t>(0, 3000);
  auto keys = *rc::gen::container<std::vector<std::uint32_t>>(
      n_random, rc::gen::weightedOneOf<std::uint32_t>(
                    {{3, rc::gen::map(gen_addr4(), [](const Addr& a) { return host4(a); })},
                     {1, rc::gen::arbitrary<std::uint32_t>()}}));
  Harness h;
  check_bulk(h, keys, "base table");
  for (const auto& [dst, plen] : adds) {
    const Prefix k = key_of(dst, plen_of(plen));
    if (h.oracle.is_base(k) || !h.oracle.find(k).empty()) continue;
    const auto r = h.fib->add(gw_request(dst, plen_of(plen), kGw4a));
    expect_err(err_of(r), 0, "add " + show_prefix(k));
    h.oracle.paths.push_back({k, Gateway::address(kGw4a), r->flags, false});
    keys.push_back(host4(k.addr));
    keys.push_back(host4(fill_host_bits(k.addr, k.plen)) + 1u);
  }
  check_bulk(h, keys, "after adds");
  check_bulk(h, {}, "no keys");
  for (const std::uint32_t d : dels) {
    const auto mine = h.oracle.non_base();
    if (mine.empty()) break;
    const Path p = h.oracle.paths[mine[d % mine.size()]];
    RouteRequest rq;
    rq.dst = p.prefix.addr;
    rq.plen = mask_for(p.prefix, d % 2 == 0);
    expect_err(err_of(h.fib->remove(rq)), 0, "delete " + show_prefix(p.prefix));
    std::erase_if(h.oracle.paths, [&](const Path& q) { return q.prefix == p.prefix; });
  }
  check_bulk(h, keys, "after deletes");
  h.fib->sync();
  check_bulk(h, keys, "after sync");
}
