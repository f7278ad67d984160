// The mirror of the kernel's links, addresses and routes: lookups,
// notifications applied as change records, and dumps diffed into them.
#include "mirror.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <tuple>

#include "rtsock/fib/flags.hpp"

namespace rtsock::backend::rtnl {

std::string Renames::bsd_of(const std::string& linux_name) const {
  auto it = to_bsd.find(linux_name);
  return it == to_bsd.end() ? linux_name : it->second;
}

std::string Renames::linux_of(const std::string& bsd_name) const {
  auto it = to_linux.find(bsd_name);
  return it == to_linux.end() ? bsd_name : it->second;
}

bool operator<(const PathKey& a, const PathKey& b) {
  // Radix order: by address, then longer masks first.
  if (a.fib != b.fib) return a.fib < b.fib;
  if (a.addr != b.addr) return a.addr < b.addr;
  if (a.plen != b.plen) return a.plen > b.plen;
  return std::tie(a.rank, a.tos, a.priority, a.type, a.oif, a.gateway) <
         std::tie(b.rank, b.tos, b.priority, b.type, b.oif, b.gateway);
}

namespace {

// The first key of a prefix, and whether a key belongs to it.
PathKey first_of(std::uint32_t fib, const fib::Addr& addr, int plen) {
  PathKey k;
  k.fib = fib;
  k.addr = addr;
  k.plen = static_cast<std::uint8_t>(plen);
  k.oif = -1;
  return k;
}

bool same_prefix(const PathKey& k, std::uint32_t fib, const fib::Addr& addr, int plen) {
  return k.fib == fib && k.addr == addr && k.plen == plen;
}

// The kernel's own identity of a route: what NLM_F_REPLACE replaces.
bool same_entry(const PathKey& a, const PathKey& b) {
  return a.fib == b.fib && a.addr == b.addr && a.plen == b.plen && a.rank == b.rank &&
         a.tos == b.tos && a.priority == b.priority;
}

fib::Change route_change(fib::ChangeKind kind, fib::Cause cause, const fib::RouteInfo* before,
                         const fib::RouteInfo* after) {
  fib::Change c;
  c.kind = kind;
  c.cause = cause;
  if (before != nullptr) {
    c.old_route = *before;
    if (kind == fib::ChangeKind::route_delete) c.old_route->flags &= ~fib::rtf::up;
  }
  if (after != nullptr) c.new_route = *after;
  c.fib = after != nullptr ? after->fib : before->fib;
  return c;
}

fib::Change iface_change(fib::ChangeKind kind, const fib::Interface& i, bool with_addrs) {
  fib::Change c;
  c.kind = kind;
  c.cause = fib::Cause::interface;
  c.ifindex = i.index;
  c.fib = i.fib;
  c.iface = i;
  if (!with_addrs) c.iface->addrs.clear();
  return c;
}

fib::Change addr_change(fib::ChangeKind kind, const fib::Interface& i, const fib::IfAddress& a) {
  fib::Change c = iface_change(kind, i, false);
  c.cause = fib::Cause::address;
  c.address = a;
  return c;
}

}  // namespace

Mirror::Mirror(const fib::Semantics& sem, std::uint32_t fibs, const Renames& names, Clock clock)
    : sem_(sem), fibs_(fibs), names_(&names), clock_(std::move(clock)) {}

Mirror Mirror::links_only() const {
  Mirror m(sem_, fibs_, *names_, clock_);
  m.links_ = links_;
  m.linux_names_ = linux_names_;
  return m;
}

// ---- interfaces ----

const fib::Interface* Mirror::link(std::uint16_t index) const {
  auto it = links_.find(index);
  return it == links_.end() ? nullptr : &it->second;
}

const fib::Interface* Mirror::link(std::string_view bsd_name) const {
  for (const auto& [i, l] : links_)
    if (l.name == bsd_name) return &l;
  return nullptr;
}

std::vector<const fib::Interface*> Mirror::links() const {
  std::vector<const fib::Interface*> out;
  for (const auto& [i, l] : links_) out.push_back(&l);
  return out;
}

std::uint16_t Mirror::loopback() const {
  for (const auto& [i, l] : links_)
    if ((l.flags & fib::iff::loopback) != 0) return l.index;
  return 0;
}

const std::string& Mirror::linux_name(std::uint16_t index) const {
  static const std::string none;
  auto it = linux_names_.find(index);
  return it == linux_names_.end() ? none : it->second;
}

void Mirror::set_metric(std::uint16_t index, std::uint32_t metric) {
  if (auto it = links_.find(index); it != links_.end()) it->second.metric = metric;
}

void Mirror::set_expire(const PathKey& key, std::int64_t when) {
  if (auto it = paths_.find(key); it != paths_.end()) it->second.info.rmx.expire = when;
}

// ---- routes ----

std::vector<const Path*> Mirror::prefix(std::uint32_t fib, const fib::Prefix& p) const {
  std::vector<const Path*> out;
  for (auto it = paths_.lower_bound(first_of(fib, p.addr, p.plen));
       it != paths_.end() && same_prefix(it->first, fib, p.addr, p.plen); ++it)
    out.push_back(&it->second);
  return out;
}

const Path* Mirror::lpm(std::uint32_t fib, const fib::Addr& dst) const {
  for (int plen = fib::max_plen(dst.family); plen >= 0; --plen) {
    const fib::Addr a = dst.masked(plen);
    auto it = paths_.lower_bound(first_of(fib, a, plen));
    if (it != paths_.end() && same_prefix(it->first, fib, a, plen)) return &it->second;
  }
  return nullptr;
}

void Mirror::walk(std::uint32_t fib, fib::Family family,
                  const std::function<bool(const fib::RouteInfo&)>& fn) const {
  fib::Addr zero;
  zero.family = family;
  for (auto it = paths_.lower_bound(first_of(fib, zero, fib::max_plen(family)));
       it != paths_.end() && it->first.fib == fib && it->first.addr.family == family; ++it)
    if (!fn(it->second.info)) return;
}

// ---- notifications ----

void Mirror::apply(const Message& m, std::vector<fib::Change>& out, Effects& fx) {
  // A nexthop object changed: the routes through it are re-read.
  if (m.type == RTM_NEWNEXTHOP || m.type == RTM_DELNEXTHOP) fx.routes_stale = true;
  if (const auto* l = std::get_if<Link>(&m.body)) apply_link(m, *l, out, fx);
  if (const auto* a = std::get_if<Address>(&m.body)) apply_address(m, *a, out);
  if (const auto* r = std::get_if<Route>(&m.body)) apply_route(m, *r, out);
}

void Mirror::apply_link(const Message& m, const Link& l, std::vector<fib::Change>& out,
                        Effects& fx) {
  // Bridge port notices (AF_BRIDGE) describe a port, not the link.
  if (l.family != 0 || l.index <= 0 || l.index > 0xffff) return;
  auto it = links_.find(l.index);
  if (m.type == RTM_DELLINK) {
    if (it == links_.end()) return;
    for (const auto& a : it->second.addrs)
      out.push_back(addr_change(fib::ChangeKind::addr_delete, it->second, a));
    out.push_back(iface_change(fib::ChangeKind::if_departure, it->second, false));
    links_.erase(it);
    linux_names_.erase(l.index);
    fx.routes_stale = true;
    return;
  }
  if (l.name.empty()) return;  // not a full description: wait for the next
  const fib::Interface* before = it == links_.end() ? nullptr : &it->second;
  fib::Interface now = face(l, before);
  linux_names_[l.index] = l.name;
  if (before == nullptr) {
    out.push_back(iface_change(fib::ChangeKind::if_arrival, now, false));
  } else if (before->name != now.name) {
    // A rename is a departure and an arrival, as FreeBSD's if_rename says.
    out.push_back(iface_change(fib::ChangeKind::if_departure, *before, false));
    out.push_back(iface_change(fib::ChangeKind::if_arrival, now, false));
  } else if (before->flags != now.flags || before->mtu != now.mtu || before->link != now.link) {
    out.push_back(iface_change(fib::ChangeKind::if_change, now, false));
  }
  if (before != nullptr && before->up() && !now.up()) fx.routes_stale = true;
  links_[l.index] = std::move(now);
}

void Mirror::apply_address(const Message& m, const Address& a, std::vector<fib::Change>& out) {
  auto it = links_.find(a.index);
  if (it == links_.end()) return;
  fib::Interface& ifp = it->second;
  const fib::IfAddress x = face(a);
  auto have = std::find_if(ifp.addrs.begin(), ifp.addrs.end(),
                           [&](const fib::IfAddress& y) { return y.addr == x.addr; });
  if (m.type == RTM_DELADDR) {
    if (have == ifp.addrs.end()) return;
    const fib::IfAddress gone = *have;
    ifp.addrs.erase(have);
    out.push_back(addr_change(fib::ChangeKind::addr_delete, ifp, gone));
    return;
  }
  if (have != ifp.addrs.end()) {
    *have = x;  // new lifetimes or flags: nothing a BSD reports
    return;
  }
  ifp.addrs.push_back(x);
  out.push_back(addr_change(fib::ChangeKind::addr_add, ifp, x));
}

void Mirror::erase_route_of(const Route& r, std::vector<fib::Change>& out,
                            std::vector<Path>* removed) {
  for (auto& [key, path] : faces(r)) {
    auto it = paths_.find(key);
    if (it == paths_.end()) continue;
    if (removed != nullptr)
      removed->push_back(std::move(it->second));
    else
      out.push_back(route_change(fib::ChangeKind::route_delete, fib::Cause::external,
                                 &it->second.info, nullptr));
    paths_.erase(it);
  }
}

void Mirror::apply_route(const Message& m, const Route& r, std::vector<fib::Change>& out) {
  if (m.type == RTM_DELROUTE) {
    erase_route_of(r, out, nullptr);
    return;
  }
  auto fresh = faces(r);
  if (fresh.empty()) return;
  std::vector<std::pair<PathKey, Path>> replaced;
  if ((m.flags & NLM_F_REPLACE) != 0) {
    const PathKey& id = fresh.front().first;
    auto it = paths_.lower_bound(first_of(id.fib, id.addr, id.plen));
    while (it != paths_.end() && same_prefix(it->first, id.fib, id.addr, id.plen)) {
      if (same_entry(it->first, id)) {
        replaced.emplace_back(it->first, std::move(it->second));
        it = paths_.erase(it);
      } else {
        ++it;
      }
    }
  }
  // A replacement of one path by one is a change; otherwise the paths that
  // went are deletions, those that came additions.
  if (replaced.size() == 1 && fresh.size() == 1) {
    const Path& was = replaced.front().second;
    if (!(was.info == fresh.front().second.info))
      out.push_back(route_change(fib::ChangeKind::route_change, fib::Cause::external, &was.info,
                                 &fresh.front().second.info));
    paths_[fresh.front().first] = std::move(fresh.front().second);
    return;
  }
  for (const auto& old : replaced) {
    const auto& was = old.second;
    const bool stays = std::any_of(fresh.begin(), fresh.end(),
                                   [&](const auto& f) { return f.first == old.first; });
    if (!stays)
      out.push_back(
          route_change(fib::ChangeKind::route_delete, fib::Cause::external, &was.info, nullptr));
  }
  for (auto& [key, path] : fresh) {
    auto it = paths_.find(key);
    const fib::RouteInfo* was = nullptr;
    for (const auto& [k, p] : replaced)
      if (k == key) was = &p.info;
    if (it != paths_.end()) was = &it->second.info;
    if (was == nullptr)
      out.push_back(
          route_change(fib::ChangeKind::route_add, fib::Cause::external, nullptr, &path.info));
    else if (!(*was == path.info))
      out.push_back(
          route_change(fib::ChangeKind::route_change, fib::Cause::external, was, &path.info));
    paths_[key] = std::move(path);
  }
}

// ---- dumps ----

namespace {

// The differences between two sets of paths: deletions to dels, additions
// and changes to adds.
void diff_paths(const std::map<PathKey, Path>& was, const std::map<PathKey, Path>& now,
                std::vector<fib::Change>& dels, std::vector<fib::Change>& adds) {
  auto a = was.begin();
  auto b = now.begin();
  while (a != was.end() || b != now.end()) {
    if (b == now.end() || (a != was.end() && a->first < b->first)) {
      dels.push_back(route_change(fib::ChangeKind::route_delete, fib::Cause::external,
                                  &a->second.info, nullptr));
      ++a;
    } else if (a == was.end() || b->first < a->first) {
      adds.push_back(
          route_change(fib::ChangeKind::route_add, fib::Cause::external, nullptr, &b->second.info));
      ++b;
    } else {
      if (!(a->second.info == b->second.info))
        adds.push_back(route_change(fib::ChangeKind::route_change, fib::Cause::external,
                                    &a->second.info, &b->second.info));
      ++a;
      ++b;
    }
  }
}

}  // namespace

void Mirror::take_routes(Mirror&& fresh, std::vector<fib::Change>& out) {
  std::vector<fib::Change> adds;
  diff_paths(paths_, fresh.paths_, out, adds);
  out.insert(out.end(), adds.begin(), adds.end());
  paths_ = std::move(fresh.paths_);
}

void Mirror::take_all(Mirror&& fresh, std::vector<fib::Change>& out) {
  // Routes first (their deletions lead), then the links and addresses.
  std::vector<fib::Change> route_adds;
  diff_paths(paths_, fresh.paths_, out, route_adds);
  std::vector<fib::Change> later;
  for (const auto& [index, was] : links_) {
    auto it = fresh.links_.find(index);
    if (it != fresh.links_.end() && it->second.name == was.name) continue;
    for (const auto& a : was.addrs) out.push_back(addr_change(fib::ChangeKind::addr_delete, was, a));
    out.push_back(iface_change(fib::ChangeKind::if_departure, was, false));
  }
  for (const auto& [index, now] : fresh.links_) {
    auto it = links_.find(index);
    const bool arrived = it == links_.end() || it->second.name != now.name;
    if (arrived) {
      out.push_back(iface_change(fib::ChangeKind::if_arrival, now, false));
      for (const auto& a : now.addrs) later.push_back(addr_change(fib::ChangeKind::addr_add, now, a));
      continue;
    }
    const fib::Interface& was = it->second;
    for (const auto& a : was.addrs)
      if (std::find(now.addrs.begin(), now.addrs.end(), a) == now.addrs.end())
        out.push_back(addr_change(fib::ChangeKind::addr_delete, now, a));
    if (was.flags != now.flags || was.mtu != now.mtu || was.link != now.link)
      out.push_back(iface_change(fib::ChangeKind::if_change, now, false));
    for (const auto& a : now.addrs)
      if (std::find(was.addrs.begin(), was.addrs.end(), a) == was.addrs.end())
        later.push_back(addr_change(fib::ChangeKind::addr_add, now, a));
  }
  out.insert(out.end(), later.begin(), later.end());
  out.insert(out.end(), route_adds.begin(), route_adds.end());
  // Metrics are the mirror's own (Linux has none): keep them.
  for (auto& [index, now] : fresh.links_)
    if (auto it = links_.find(index); it != links_.end()) now.metric = it->second.metric;
  links_ = std::move(fresh.links_);
  linux_names_ = std::move(fresh.linux_names_);
  paths_ = std::move(fresh.paths_);
}

// ---- order ----

void bsd_order(std::vector<fib::Change>& changes) {
  using K = fib::ChangeKind;
  std::vector<std::size_t> anchors;  // address deletions, departures, interface changes
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const K k = changes[i].kind;
    if (k == K::addr_delete || k == K::if_departure || k == K::if_change) anchors.push_back(i);
  }
  if (anchors.empty()) return;
  // (position, 0 = moved before it / 1 = stays, original index)
  std::vector<std::tuple<std::size_t, int, std::size_t>> order;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    std::size_t at = i;
    int rank = 1;
    const fib::Change& c = changes[i];
    if (c.kind == K::route_delete && c.old_route) {
      const fib::RouteInfo& r = *c.old_route;
      for (std::size_t j : anchors) {
        if (j >= i) break;
        const fib::Change& a = changes[j];
        const bool related =
            a.kind == K::addr_delete
                ? (a.address && ((r.ifa && *r.ifa == a.address->addr) ||
                                 (r.prefix.host && r.prefix.addr == a.address->addr)))
                : (r.ifindex == a.ifindex || (r.gateway.is_link() && r.gateway.ifindex == a.ifindex));
        if (related) {
          at = j;
          rank = 0;
          break;
        }
      }
    }
    order.emplace_back(at, rank, i);
  }
  std::stable_sort(order.begin(), order.end());
  std::vector<fib::Change> sorted;
  sorted.reserve(changes.size());
  for (const auto& [at, rank, i] : order) sorted.push_back(std::move(changes[i]));
  changes = std::move(sorted);
}

}  // namespace rtsock::backend::rtnl
