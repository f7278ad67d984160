// LinuxTable's route requests: RTM_ADD/DELETE/CHANGE/GET/LOCK as
// RTM_NEWROUTE (create, replace) and RTM_DELROUTE, the kernel's verdict
// theirs; routes found through the mirror by the personality's rules.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cerrno>

#include "request.hpp"
#include "rtsock/fib/flags.hpp"
#include "table.hpp"

namespace rtsock::backend::rtnl {
namespace {

tl::unexpected<Error> err(int e) { return tl::unexpected(Error::from_errno(e)); }

// The kernel's errors as a BSD kernel would say them: a nexthop device
// that does not exist is an unreachable network.
tl::unexpected<Error> verdict(const Error& e) {
  const int v = e.code().value();
  if (v == ENODEV) return err(ENETUNREACH);
  return tl::unexpected(e);
}

std::uint32_t table_of(std::uint32_t fib) { return fib == 0 ? RT_TABLE_MAIN : fib; }

bool link_local(const fib::Addr& a) {
  return a.family == fib::Family::inet6 && a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80;
}

int zone_of(const fib::Addr& a) { return link_local(a) ? a.bytes[2] << 8 | a.bytes[3] : 0; }

bool same_gateway(const fib::Gateway& have, const fib::Gateway& want) {
  if (want.is_addr()) return have.is_addr() && have.addr == want.addr;
  if (want.is_link()) return have.is_link() && (want.ifindex == 0 || have.ifindex == want.ifindex);
  return true;
}

}  // namespace

fib::Prefix LinuxTable::prefix_of(const fib::RouteRequest& r) const {
  // Linux has no mask-less host entry: a host route is the full-length prefix.
  const int max = fib::max_plen(r.dst.family);
  const bool host = !r.plen || *r.plen == max ||
                    (!cfg_.semantics.normalize_host && (r.flags & fib::rtf::host) != 0);
  fib::Prefix p = fib::Prefix::net(r.dst, host ? max : *r.plen);
  p.host = host;
  return p;
}

Result<const Path*> LinuxTable::pick(const std::vector<const Path*>& paths,
                                     const fib::RouteRequest& r, bool ambiguous_fails) const {
  const fib::Semantics& s = cfg_.semantics;
  std::vector<const Path*> fit;
  for (const Path* p : paths) {
    if (s.priorities && r.priority != 0 && r.priority != fib::rtp::any &&
        p->info.priority != (r.priority & 0x7f))
      continue;
    if (!same_gateway(p->info.gateway, r.gateway)) continue;
    fit.push_back(p);
  }
  if (fit.empty()) return err(ESRCH);
  if (ambiguous_fails && fit.size() > 1 && r.gateway.kind == fib::Gateway::Kind::none &&
      (s.multipath || s.priorities))
    return err(ESRCH);
  return fit.front();
}

// The nexthop a request names: a gateway (RTF_GATEWAY), the interface that
// holds an address (an interface route given by its address), or a link.
Result<Nexthop> LinuxTable::nexthop_for(const fib::RouteRequest& r,
                                        std::optional<fib::Addr>& prefsrc) const {
  Nexthop nh;
  if (r.ifp_index) {
    if (mirror_.link(*r.ifp_index) == nullptr) return err(ENETUNREACH);
    nh.oif = *r.ifp_index;
  } else if (!r.ifp_name.empty()) {
    const fib::Interface* ifp = mirror_.link(r.ifp_name);
    if (ifp == nullptr) return err(ENETUNREACH);
    nh.oif = ifp->index;
  }
  const fib::Gateway& g = r.gateway;
  if (g.is_addr() && (r.flags & fib::rtf::gateway) != 0) {
    nh.gateway = g.addr;
    if (zone_of(g.addr) != 0) nh.oif = zone_of(g.addr);
  } else if (g.is_addr()) {
    const fib::Interface* owner = nullptr;
    for (const fib::Interface* ifp : mirror_.links())
      for (const auto& a : ifp->addrs)
        if (a.addr == g.addr) owner = ifp;
    if (owner == nullptr) return err(ENETUNREACH);
    if (nh.oif == 0) nh.oif = owner->index;
    if (!prefsrc) prefsrc = g.addr;
  } else if (g.is_link()) {
    const fib::Interface* ifp =
        g.ifindex != 0 ? mirror_.link(g.ifindex) : mirror_.link(std::string_view(g.ifname));
    if (ifp == nullptr) return err(ENETUNREACH);
    nh.oif = ifp->index;
  }
  if (nh.oif == 0 && !nh.gateway) return err(EINVAL);
  return nh;
}

// ---- RTM_ADD ----

Result<fib::RouteInfo> LinuxTable::add(const fib::RouteRequest& rq) {
  const fib::Semantics& s = cfg_.semantics;
  if (rq.fib >= cfg_.fibs) return err(EINVAL);
  if (rq.plen && (*rq.plen < 0 || *rq.plen > fib::max_plen(rq.dst.family))) return err(EINVAL);
  if (s.local_broadcast_einval && (rq.flags & (fib::rtf::local | fib::rtf::broadcast)) != 0)
    return err(EINVAL);
  const bool reject = (rq.flags & fib::rtf::reject) != 0;
  const bool blackhole = (rq.flags & fib::rtf::blackhole) != 0;
  if (reject && blackhole && s.reject_blackhole_einval) return err(EINVAL);
  const fib::Prefix p = prefix_of(rq);
  Route r;
  r.family = rq.dst.family;
  r.dst = p.addr;
  r.dst_len = p.plen;
  r.table = table_of(rq.fib);
  r.protocol = (rq.flags & fib::rtf::static_) != 0 ? RTPROT_STATIC : RTPROT_UNSPEC;
  r.type = blackhole ? RTN_BLACKHOLE : reject ? RTN_UNREACHABLE : RTN_UNICAST;
  r.scope = RT_SCOPE_UNIVERSE;
  if (rq.ifa) r.prefsrc = *rq.ifa;
  if (r.type == RTN_UNICAST) {
    auto nh = nexthop_for(rq, r.prefsrc);
    if (!nh) return tl::unexpected(nh.error());
    if (!nh->gateway) r.scope = RT_SCOPE_LINK;
    r.paths.push_back(*nh);
  }
  if ((rq.inits & fib::rtv::mtu) != 0) r.mtu = rq.rmx.mtu;
  if ((rq.locks & fib::rtv::mtu) != 0) r.locks |= 1u << RTAX_MTU;
  if (s.priorities && rq.priority != 0)
    r.priority = rq.priority;
  else if ((rq.inits & fib::rtv::hopcount) != 0)
    r.priority = rq.rmx.hopcount;
  std::int64_t expire = (rq.inits & fib::rtv::expire) != 0 ? rq.rmx.expire : 0;
  std::uint32_t expires = 0;
  if (expire != 0 && r.family == fib::Family::inet6)
    expires = static_cast<std::uint32_t>(std::clamp<std::int64_t>(expire - now(), 1, 0x7fffffff));
  // A link-local destination is named by its interface, not by its bytes.
  if (link_local(r.dst) && zone_of(r.dst) != 0 && r.paths.size() == 1 && r.paths[0].oif == 0)
    r.paths[0].oif = zone_of(r.dst);
  auto q = route_request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ECHO, r, expires);
  std::vector<Message> echo;
  if (auto res = ch_->request(q.header(), &echo); !res) return verdict(res.error());
  auto made = own(echo, fib::Cause::request);
  if (!made) return err(EIO);  // the kernel did not describe the route it made
  if (expire != 0 && r.family == fib::Family::inet4) {
    for (const auto& m : echo)
      if (const auto* er = std::get_if<Route>(&m.body))
        for (const auto& [key, path] : mirror_.faces(*er)) {
          expiries_[key] = expire;
          mirror_.set_expire(key, expire);
        }
    made->rmx.expire = expire;
  }
  return *made;
}

// ---- RTM_DELETE ----

Result<fib::RouteInfo> LinuxTable::remove(const fib::RouteRequest& rq) {
  const fib::Semantics& s = cfg_.semantics;
  if (rq.fib >= cfg_.fibs) return err(EINVAL);
  auto paths = mirror_.prefix(rq.fib, prefix_of(rq));
  if (paths.empty()) return err(s.missing_errno);
  auto chosen = pick(paths, rq, true);
  if (!chosen) return tl::unexpected(chosen.error());
  const Path& p = **chosen;
  if (s.pinned && (p.info.flags & fib::rtf::pinned) != 0 && (rq.flags & fib::rtf::pinned) == 0)
    return err(EADDRINUSE);
  if (s.local_broadcast_einval && (p.info.flags & (fib::rtf::local | fib::rtf::broadcast)) != 0)
    return err(EINVAL);
  const fib::RouteInfo was = p.info;
  Route r = p.route;
  std::vector<Message> done;
  if (r.paths.size() > 1 && r.family == fib::Family::inet4) {
    // IPv4 cannot delete one path of a multipath route: replace the route
    // by the others.
    r.paths.erase(r.paths.begin() + static_cast<std::ptrdiff_t>(p.nexthop));
    auto q = route_request(RTM_NEWROUTE, NLM_F_REPLACE | NLM_F_ECHO, r, 0);
    if (auto res = ch_->request(q.header(), &done); !res) return verdict(res.error());
  } else {
    if (!r.paths.empty()) r.paths = {r.paths[p.nexthop]};
    auto q = route_request(RTM_DELROUTE, 0, r, 0);
    if (auto res = ch_->request(q.header()); !res) return verdict(res.error());
    Message m;
    m.type = RTM_DELROUTE;
    m.body = r;
    done.push_back(std::move(m));
  }
  own(done, fib::Cause::request);
  fib::RouteInfo out = was;
  out.flags &= ~fib::rtf::up;
  return out;
}

// ---- RTM_CHANGE ----

Result<fib::RouteInfo> LinuxTable::change(const fib::RouteRequest& rq) {
  const fib::Semantics& s = cfg_.semantics;
  if (!s.change_supported) return err(EOPNOTSUPP);
  if (rq.fib >= cfg_.fibs) return err(EINVAL);
  std::vector<const Path*> paths;
  const bool lpm = !rq.plen && (s.change_lookup == fib::ChangeLookup::lpm ||
                                s.change_lookup == fib::ChangeLookup::lpm_strict);
  if (lpm) {
    if (const Path* best = mirror_.lpm(rq.fib, rq.dst)) paths = mirror_.prefix(rq.fib, best->info.prefix);
  } else {
    paths = mirror_.prefix(rq.fib, prefix_of(rq));
  }
  if (paths.empty()) return err(ESRCH);
  fib::RouteRequest select = rq;
  select.gateway = fib::Gateway::none();  // the gateway of a change is the new one
  auto chosen = pick(paths, select, false);
  if (!chosen) return tl::unexpected(chosen.error());
  const Path& p = **chosen;
  Route r = p.route;
  // Flags RTM_CHANGE may toggle, per kernel.
  std::uint64_t flags = p.info.flags;
  if (s.change_flags == fib::ChangeFlags::fmask_const)
    flags = (flags & ~fib::rtf::freebsd_fmask) | (rq.flags & fib::rtf::freebsd_fmask);
  else if (s.change_flags == fib::ChangeFlags::fmask_request)
    flags = (flags & ~(rq.fmask & fib::rtf::openbsd_fmask)) |
            (rq.flags & rq.fmask & fib::rtf::openbsd_fmask);
  if (r.type == RTN_UNICAST || r.type == RTN_BLACKHOLE || r.type == RTN_UNREACHABLE ||
      r.type == RTN_PROHIBIT) {
    r.type = (flags & fib::rtf::blackhole) != 0 ? RTN_BLACKHOLE
             : (flags & fib::rtf::reject) != 0  ? RTN_UNREACHABLE
                                                : RTN_UNICAST;
    if ((flags & fib::rtf::static_) != 0 && r.protocol == RTPROT_UNSPEC) r.protocol = RTPROT_STATIC;
    if ((flags & fib::rtf::static_) == 0 && r.protocol == RTPROT_STATIC) r.protocol = RTPROT_UNSPEC;
  }
  if (rq.ifa) r.prefsrc = *rq.ifa;
  if (r.type != RTN_UNICAST) {
    r.paths.clear();
    r.scope = RT_SCOPE_UNIVERSE;
  } else if (rq.gateway.kind != fib::Gateway::Kind::none || rq.ifp_index || !rq.ifp_name.empty() ||
             r.paths.empty()) {
    fib::RouteRequest want = rq;
    if (rq.gateway.kind == fib::Gateway::Kind::none) want.gateway = p.info.gateway;
    if (want.gateway.is_addr()) want.flags |= fib::rtf::gateway;
    auto nh = nexthop_for(want, r.prefsrc);
    if (!nh) return tl::unexpected(nh.error());
    if (r.paths.empty())
      r.paths.push_back(*nh);
    else
      r.paths[p.nexthop] = Nexthop{nh->gateway, nh->oif, r.paths[p.nexthop].hops, 0};
    r.scope = r.paths.size() == 1 && !r.paths[0].gateway ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
  }
  if ((rq.inits & fib::rtv::mtu) != 0) r.mtu = rq.rmx.mtu;
  if ((rq.locks & fib::rtv::mtu) != 0) r.locks |= 1u << RTAX_MTU;
  std::int64_t expire = (rq.inits & fib::rtv::expire) != 0 ? rq.rmx.expire : 0;
  std::uint32_t expires = 0;
  if (expire != 0 && r.family == fib::Family::inet6)
    expires = static_cast<std::uint32_t>(std::clamp<std::int64_t>(expire - now(), 1, 0x7fffffff));
  auto q = route_request(RTM_NEWROUTE, NLM_F_REPLACE | NLM_F_ECHO, r, expires);
  std::vector<Message> echo;
  if (auto res = ch_->request(q.header(), &echo); !res) return verdict(res.error());
  auto made = own(echo, fib::Cause::request);
  if (expire != 0 && r.family == fib::Family::inet4) {
    for (const auto& [key, path] : mirror_.faces(r)) {
      expiries_[key] = expire;
      mirror_.set_expire(key, expire);
    }
    if (made) made->rmx.expire = expire;
  }
  return made ? *made : p.info;
}

// ---- RTM_GET, RTM_LOCK ----

Result<fib::RouteInfo> LinuxTable::get(const fib::RouteRequest& rq) const {
  if (rq.fib >= cfg_.fibs) return err(EINVAL);
  std::vector<const Path*> paths;
  if (!rq.plen) {
    if (const Path* best = mirror_.lpm(rq.fib, rq.dst)) paths = mirror_.prefix(rq.fib, best->info.prefix);
  } else {
    paths = mirror_.prefix(rq.fib, prefix_of(rq));
  }
  if (paths.empty()) return err(ESRCH);
  auto chosen = pick(paths, rq, false);
  if (!chosen) return tl::unexpected(chosen.error());
  return (*chosen)->info;
}

Result<fib::RouteInfo> LinuxTable::lock(const fib::RouteRequest& rq) {
  // Linux locks metrics only as part of a route (RTAX_LOCK); an RTM_LOCK of
  // its own changes nothing there. Kernels where it is a no-op answer so.
  if (cfg_.semantics.lock != fib::LockMode::noop) return err(EOPNOTSUPP);
  return get(rq);
}

// ---- expiry of IPv4 routes (Linux keeps no expiry for them) ----

std::size_t LinuxTable::expire() {
  const std::int64_t t = now();
  std::size_t n = 0;
  for (auto it = expiries_.begin(); it != expiries_.end();) {
    if (it->second > t) {
      ++it;
      continue;
    }
    auto p = mirror_.paths().find(it->first);
    if (p != mirror_.paths().end()) {
      Route r = p->second.route;
      if (!r.paths.empty()) r.paths = {r.paths[p->second.nexthop]};
      auto q = route_request(RTM_DELROUTE, 0, r, 0);
      if (ch_->request(q.header())) {
        Message m;
        m.type = RTM_DELROUTE;
        m.body = r;
        own({m}, fib::Cause::expiry);
        ++n;
      }
    }
    it = expiries_.erase(it);
  }
  return n;
}

std::optional<std::int64_t> LinuxTable::next_expiry() const {
  std::optional<std::int64_t> t;
  for (const auto& [key, when] : expiries_)
    if (!t || when < *t) t = when;
  return t;
}

}  // namespace rtsock::backend::rtnl
