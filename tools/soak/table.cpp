// Tables from dumps and messages, the address plan, and the final checks.
#include "table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rtsock/codec/sockaddr.hpp"

namespace rtsock::soak {
namespace {

std::uint64_t rtf_bit(const abi::Profile& p, std::string_view name) {
  for (std::size_t i = 0; i < p.rtf.size(); ++i)
    if (p.rtf[i] == name) return std::uint64_t{1} << i;
  return 0;
}

Key make_key(const codec::Sockaddr& dst, int plen) {
  Key k;
  k.family = dst.kind == codec::SaKind::inet4 ? 4 : 6;
  k.plen = static_cast<std::uint8_t>(plen);
  std::copy_n(dst.addr.begin(), dst.addr_size(), k.addr.begin());
  return k;
}

}  // namespace

// ---- the address plan ----

std::string str(const Key& k) {
  auto sa = k.family == 4 ? codec::Sockaddr::inet4({k.addr[0], k.addr[1], k.addr[2], k.addr[3]})
                          : codec::Sockaddr::inet6(k.addr);
  return fmt::format("{}/{}", codec::ip_string(sa), k.plen);
}

std::string str(const Path& p) {
  std::string s;
  if (p.kind == 4)
    s = codec::ip_string(codec::Sockaddr::inet4({p.addr[0], p.addr[1], p.addr[2], p.addr[3]}));
  else if (p.kind == 6)
    s = codec::ip_string(codec::Sockaddr::inet6(p.addr));
  else if (p.kind == 1)
    s = fmt::format("link#{}", p.ifindex);
  else
    s = "-";
  if (p.priority != 0) s += fmt::format(" prio {}", p.priority);
  return s;
}

Key key_of(const std::string& cidr) {
  const auto slash = cidr.find('/');
  const auto sa = codec::Sockaddr::parse_ip(cidr.substr(0, slash));
  const int max = sa->kind == codec::SaKind::inet4 ? 32 : 128;
  return make_key(*sa, slash == std::string::npos ? max : std::stoi(cidr.substr(slash + 1)));
}

Path path_of(const std::string& ip) {
  const auto sa = codec::Sockaddr::parse_ip(ip);
  Path p;
  p.kind = sa->kind == codec::SaKind::inet4 ? 4 : 6;
  std::copy_n(sa->addr.begin(), sa->addr_size(), p.addr.begin());
  return p;
}

bool contains(const Key& outer, const Key& inner) {
  if (outer.family != inner.family || outer.plen > inner.plen) return false;
  for (int bit = 0; bit < outer.plen; ++bit) {
    const auto i = static_cast<std::size_t>(bit / 8);
    const auto m = static_cast<std::uint8_t>(0x80 >> (bit % 8));
    if ((outer.addr[i] & m) != (inner.addr[i] & m)) return false;
  }
  return true;
}

std::vector<Key> Plan::owned_keys(unsigned w) {
  std::vector<Key> keys;
  if (w == 0) keys.push_back(key_of("10.0.0.0/8"));
  keys.push_back(key_of(fmt::format("10.{}.0.0/16", w)));
  for (unsigned j = 0; j < 24; ++j) keys.push_back(key_of(fmt::format("10.{}.{}.0/24", w, j)));
  for (unsigned j = 0; j < 4; ++j)
    for (unsigned h = 1; h < 9; ++h) keys.push_back(key_of(fmt::format("10.{}.{}.{}/32", w, j, h * 7)));
  keys.push_back(key_of(fmt::format("2001:db8:{:x}::/48", 0x100 + w)));
  for (unsigned j = 0; j < 8; ++j)
    keys.push_back(key_of(fmt::format("2001:db8:{:x}:{:x}::/64", 0x100 + w, j)));
  for (unsigned h = 1; h < 5; ++h)
    keys.push_back(key_of(fmt::format("2001:db8:{:x}:1::{:x}/128", 0x100 + w, h)));
  return keys;
}

bool Plan::in_owner_range(const Key& k) {
  return contains(key_of("10.0.0.0/8"), k) || contains(key_of("2001:db8:100::/40"), k);
}

std::vector<Key> Plan::killed_keys(unsigned killer, unsigned victim) {
  std::vector<Key> keys;
  const unsigned b = 64 + killer % 64, c = victim % 256;
  for (unsigned j = 0; j < 4; ++j) keys.push_back(key_of(fmt::format("100.{}.{}.{}/28", b, c, j * 16)));
  for (unsigned h = 1; h < 5; ++h) keys.push_back(key_of(fmt::format("100.{}.{}.{}/32", b, c, 64 + h)));
  return keys;
}

bool Plan::in_killed_range(const Key& k) { return contains(key_of("100.64.0.0/10"), k); }

bool Plan::in_iface_range(const Key& k) {
  return contains(key_of("198.18.0.0/15"), k) || contains(key_of("2001:db8:ff00::/40"), k);
}

// ---- tables ----

std::optional<Entry> entry_of(const abi::Profile& p, const codec::Message& m) {
  const codec::Sockaddr* dst = m.addr(abi::kDst);
  if (dst == nullptr || (dst->kind != codec::SaKind::inet4 && dst->kind != codec::SaKind::inet6))
    return std::nullopt;
  const int max = dst->kind == codec::SaKind::inet4 ? 32 : 128;
  int plen = max;
  const bool host = (static_cast<std::uint64_t>(m.get(abi::Field::flags)) & rtf_bit(p, "HOST")) != 0;
  if (!host) {
    if (const codec::Sockaddr* mask = m.addr(abi::kNetmask)) {
      auto l = codec::prefix_length(*mask);
      if (!l) return std::nullopt;
      plen = *l;
    }
  }
  Entry e;
  e.key = make_key(*dst, plen);
  if (const codec::Sockaddr* gw = m.addr(abi::kGateway)) {
    if (gw->kind == codec::SaKind::inet4 || gw->kind == codec::SaKind::inet6) {
      e.path.kind = gw->kind == codec::SaKind::inet4 ? 4 : 6;
      std::copy_n(gw->addr.begin(), gw->addr_size(), e.path.addr.begin());
    } else if (gw->kind == codec::SaKind::link) {
      e.path.kind = 1;
      e.path.ifindex = gw->link_index;
    }
  }
  if (p.os == abi::Os::openbsd)
    e.path.priority = static_cast<std::uint8_t>(m.get(abi::Field::priority) & 0x7f);
  return e;
}

Table table_of(const abi::Profile& p, std::span<const std::byte> dump, Findings& f,
               const std::string& what) {
  Table t;
  for (const auto& r : codec::RibView(dump, p)) {
    if (!r) {
      f.add(fmt::format("{}: a message does not decode: {}", what, r.error().message()));
      break;
    }
    if (auto e = entry_of(p, r->to_message())) t.push_back(*e);
  }
  std::sort(t.begin(), t.end());
  return t;
}

std::set<std::string> interfaces_of(const abi::Profile& p, std::span<const std::byte> dump) {
  std::set<std::string> names;
  const auto ifinfo = p.type_number("RTM_IFINFO");
  for (const auto& r : codec::RibView(dump, p)) {
    if (!r || !ifinfo || r->type() != *ifinfo) continue;
    const codec::Sockaddr sdl = r->addr(abi::kIfp);
    if (sdl.kind == codec::SaKind::link) names.emplace(sdl.link_name());
  }
  return names;
}

std::size_t diff_tables(const Table& want, const Table& got, const std::string& what, Findings& f,
                        std::size_t limit) {
  std::vector<Entry> missing, extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  std::size_t n = 0;
  for (const Entry& e : missing)
    if (n++ < limit) f.add(fmt::format("{}: {} via {} missing", what, str(e.key), str(e.path)));
  for (const Entry& e : extra)
    if (n++ < limit) f.add(fmt::format("{}: {} via {} unexpected", what, str(e.key), str(e.path)));
  if (n > limit) f.add(fmt::format("{}: {} differences in all", what, n));
  return n;
}

Verdict check_table(const Table& start, const Table& end, const Model& model,
                    const std::vector<Path>& allowed, const std::set<Key>& killable,
                    const std::vector<Path>& killed_paths, Findings& f) {
  Verdict v;
  // Priorities are the kernel's choice (OpenBSD): gateways only.
  auto among = [](const std::vector<Path>& ps, Path p) {
    p.priority = 0;
    return std::find(ps.begin(), ps.end(), p) != ps.end();
  };
  auto special = [](const Key& k) {
    return Plan::in_owner_range(k) || Plan::in_killed_range(k) || Plan::in_iface_range(k);
  };
  Table want, got;
  for (const Entry& e : start)
    if (!special(e.key)) want.push_back(e);
  for (const auto& [k, st] : model)
    if (st.is == KeyState::Is::present) want.push_back({k, st.path});
  for (const Entry& e : end) {
    if (Plan::in_killed_range(e.key)) {
      ++v.either;
      if (!killable.contains(e.key) || !among(killed_paths, e.path))
        f.add(fmt::format("table: {} via {} in the killed clients' range was never written",
                          str(e.key), str(e.path)));
      continue;
    }
    if (Plan::in_iface_range(e.key)) {
      f.add(fmt::format("table: {} via {} outlived its interface", str(e.key), str(e.path)));
      continue;
    }
    if (Plan::in_owner_range(e.key)) {
      auto it = model.find(e.key);
      if (it == model.end()) {
        f.add(fmt::format("table: {} via {} was never written", str(e.key), str(e.path)));
        continue;
      }
      if (it->second.is == KeyState::Is::unknown) {
        ++v.either;
        if (!among(allowed, e.path))
          f.add(fmt::format("table: {} has gateway {}, which no write gave it", str(e.key),
                            str(e.path)));
        continue;
      }
    }
    got.push_back(e);
  }
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  // OpenBSD priorities of owned routes are the kernel's choice: compare
  // owned keys without them.
  for (auto* t : {&want, &got})
    for (Entry& e : *t)
      if (Plan::in_owner_range(e.key)) e.path.priority = 0;
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  v.compared = got.size();
  diff_tables(want, got, "table vs model", f);
  return v;
}

// ---- the journal ----

Journal::Journal(const abi::Profile& p, const Table& start) : p_(p), start_(start) {
  add_ = p.type_number("RTM_ADD").value_or(0);
  del_ = p.type_number("RTM_DELETE").value_or(0);
  change_ = p.type_number("RTM_CHANGE").value_or(0);
  done_ = rtf_bit(p, "DONE");
  if (p.os == abi::Os::freebsd && p.os_version >= 8) lle_ = rtf_bit(p, "LLINFO");
}

std::vector<Path>& Journal::paths(const Key& k) {
  auto [it, fresh] = touched_.try_emplace(k);
  if (fresh) {
    auto lo = std::lower_bound(start_.begin(), start_.end(), Entry{k, Path{}},
                               [](const Entry& a, const Entry& b) { return a.key < b.key; });
    for (; lo != start_.end() && lo->key == k; ++lo) it->second.push_back(lo->path);
  }
  return it->second;
}

void Journal::apply(const codec::Message& m) {
  if (m.type != add_ && m.type != del_ && m.type != change_) return;
  // Only what the kernel did: errors and raw echoes of refused writes carry
  // rtm_errno or lack RTF_DONE.
  if (m.get(abi::Field::err) != 0 || m.get(abi::Field::version) != p_.rtm_version) return;
  const auto flags = static_cast<std::uint64_t>(m.get(abi::Field::flags));
  if ((flags & done_) == 0 || (flags & lle_) != 0) return;
  auto e = entry_of(p_, m);
  if (!e) return;
  ++applied_;
  std::vector<Path>& ps = paths(e->key);
  auto same_gateway = [&](const Path& q) {
    return q.kind == e->path.kind && q.addr == e->path.addr && q.ifindex == e->path.ifindex;
  };
  if (m.type == add_) {
    ps.push_back(e->path);
  } else if (m.type == del_) {
    auto it = std::find_if(ps.begin(), ps.end(), same_gateway);
    if (it != ps.end())
      ps.erase(it);
    else
      ps.clear();
  } else if (e->path.kind != 0) {  // RTM_CHANGE to a new gateway
    ps.assign(1, e->path);
  }
}

Table Journal::replay() const {
  Table t;
  for (const Entry& e : start_)
    if (!touched_.contains(e.key)) t.push_back(e);
  // A route through a churned interface's address may go unreported:
  // in_ifadown (FreeBSD, DragonFly, xnu) deletes it silently when the
  // interface goes down or the address goes. check_table sees that none
  // outlives its interface.
  for (const auto& [k, ps] : touched_)
    for (const Path& p : ps)
      if (!(Plan::in_iface_range(k) && (p.kind == 4 || p.kind == 6))) t.push_back({k, p});
  std::sort(t.begin(), t.end());
  return t;
}

}  // namespace rtsock::soak
