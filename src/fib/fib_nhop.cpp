// FreeBSD 13+ nexthop objects and groups (nhop_ctl.c, nhop.c, nhgrp_ctl.c,
// nhgrp.c): routes of a (FIB, family) with the same gateway, interfaces,
// source, MTU and nexthop flags share one object; a multipath prefix holds
// a group of its paths' objects. Indices come from per-table bitmasks, the
// lowest free first, and return when the last reference goes.
// Facts and sources: docs/research/freebsd-nexthops.md.
#include <algorithm>
#include <bit>

#include "impl.hpp"

namespace rtsock::fib {

using detail::kNone;
using detail::Members;
using detail::NhKey;
using detail::Table;
using detail::u128;

namespace {

// NHOP_RT_FLAG_MASK (route_var.h): the route flags a nexthop keeps.
constexpr std::uint64_t kNhopFlags = rtf::gateway | rtf::host | rtf::reject | rtf::dynamic |
                                     rtf::modified | rtf::static_ | rtf::blackhole | rtf::proto1 |
                                     rtf::proto2 | rtf::proto3 | rtf::fixedmtu | rtf::pinned |
                                     rtf::broadcast;
constexpr std::size_t kMaxMpathWidth = 64;  // RIB_MAX_MPATH_WIDTH

template <class K>
detail::PfxKey pfx_key(K key, std::uint8_t code) {
  detail::PfxKey p;
  p.hi = static_cast<std::uint64_t>(static_cast<u128>(key) >> 64);
  p.lo = static_cast<std::uint64_t>(key);
  p.code = code;
  return p;
}

template <class K>
NhKey key_of(const detail::Route<K>& r) {
  // NHF_DEFAULT (rib4_set_nh_pfxflags, rib6_preadd): a /0 that is no host route.
  return {r.nh, static_cast<std::uint32_t>(r.flags & kNhopFlags), r.code == 0};
}

}  // namespace

namespace detail {

std::uint32_t IndexSpace::alloc() {
  if (used_.empty()) used_.push_back(1);  // index 0 is never handed out
  for (std::size_t w = hint_;; ++w) {
    if (w == used_.size()) used_.push_back(0);
    if (used_[w] != ~std::uint64_t{0}) {
      const int bit = std::countr_one(used_[w]);
      used_[w] |= std::uint64_t{1} << bit;
      hint_ = w;
      return static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(bit));
    }
  }
}

void IndexSpace::free(std::uint32_t idx) {
  const std::size_t w = idx / 64;
  if (idx == 0 || w >= used_.size()) return;
  used_[w] &= ~(std::uint64_t{1} << (idx % 64));
  hint_ = std::min(hint_, w);
}

std::uint32_t NhCtl::acquire(const NhKey& k) {
  if (const auto it = by_key.find(k); it != by_key.end()) {
    ++objs[it->second].refs;
    return it->second;
  }
  const std::uint32_t idx = ids.alloc();
  if (objs.size() <= idx) objs.resize(idx + 1);
  objs[idx] = {k, 1};
  by_key.emplace(k, idx);
  return idx;
}

void NhCtl::release(std::uint32_t idx) {
  if (idx == 0 || idx >= objs.size() || objs[idx].refs == 0) return;
  if (--objs[idx].refs != 0) return;
  // An object changed in place may share its key with another: erase only
  // the map entry that is ours.
  if (const auto it = by_key.find(objs[idx].key); it != by_key.end() && it->second == idx)
    by_key.erase(it);
  ids.free(idx);
}

std::uint32_t NhCtl::acquire_group(const Members& m) {
  if (const auto it = group_by_members.find(m); it != group_by_members.end()) {
    ++groups[it->second].refs;
    return it->second;
  }
  // ref_nhgrp_nhops: the group holds each of its nexthops.
  for (const auto& [nh, w] : m) ++objs[nh].refs;
  const std::uint32_t idx = gids.alloc();
  if (groups.size() <= idx) groups.resize(idx + 1);
  groups[idx] = {m, 1};
  group_by_members.emplace(m, idx);
  return idx;
}

void NhCtl::release_group(std::uint32_t idx) {
  if (idx == 0 || idx >= groups.size() || groups[idx].refs == 0) return;
  if (--groups[idx].refs != 0) return;
  group_by_members.erase(groups[idx].members);
  gids.free(idx);
  // free_nhgrp_nhops, after the group left the table.
  const Members m = std::move(groups[idx].members);
  groups[idx].members.clear();
  for (const auto& [nh, w] : m) release(nh);
}

std::size_t NhCtl::memory_bytes() const {
  std::size_t n = objs.capacity() * sizeof(NhObj) + by_key.size() * (sizeof(NhKey) + 24) +
                  by_key.bucket_count() * sizeof(void*) + ids.memory_bytes() +
                  gids.memory_bytes() + groups.capacity() * sizeof(NhGroup) +
                  group_of.size() * (sizeof(PfxKey) + 24) + group_of.bucket_count() * sizeof(void*);
  for (const auto& g : groups) n += g.members.capacity() * 8;
  return n;
}

}  // namespace detail

std::vector<std::uint32_t> compile_group(const Members& members) {
  // calc_min_mpath_slots_fast: the smallest weight step divides everything,
  // else (or beyond 64 slots) 64 slots.
  std::vector<std::uint32_t> sorted;
  std::uint64_t total = 0;
  for (const auto& [nh, w] : members) {
    sorted.push_back(w);
    total += w;
  }
  if (members.empty() || total == 0) return {};
  std::sort(sorted.begin(), sorted.end());
  std::uint32_t xmin = sorted[0], last = 0;
  for (std::uint32_t w : sorted) {
    if (w != last && (w - last < xmin || xmin == 0)) xmin = w - last;
    last = w;
  }
  std::uint64_t slots = 0;
  if (xmin != 0 && total % xmin == 0 &&
      std::all_of(members.begin(), members.end(), [&](const auto& m) { return m.second % xmin == 0; }))
    slots = total / xmin;
  if (slots == 0 || slots > kMaxMpathWidth) slots = kMaxMpathWidth;
  // compile_nhgrp: each nexthop its share of what is left, in list order.
  std::vector<std::uint32_t> out;
  std::uint64_t rem_sum = total, rem_slots = slots;
  for (const auto& [nh, w] : members) {
    const std::uint64_t n = rem_sum > 0 ? std::uint64_t{w} * rem_slots / rem_sum : 0;
    rem_sum -= w;
    rem_slots -= n;
    out.insert(out.end(), n, nh);
  }
  return out;
}

detail::NhCtl& Fib::Impl::nh_ctl(std::uint32_t table_id) {
  if (nhctl.size() <= table_id) nhctl.resize(table_id + 1);
  return nhctl[table_id];
}

template <class K>
void Fib::Impl::nh_resync(std::uint32_t fib, K key, std::uint8_t code, std::uint32_t departed) {
  auto& t = table<K>(fib);
  auto& ctl = nh_ctl(fib * 2 + (detail::KeyOps<K>::family == Family::inet6 ? 1u : 0u));
  const detail::PfxKey pk = pfx_key(key, code);
  std::uint32_t old_group = 0;
  if (!ctl.group_of.empty())
    if (const auto it = ctl.group_of.find(pk); it != ctl.group_of.end()) old_group = it->second;
  const std::uint32_t head = t.find(key, code);
  if (old_group == 0 && (head == kNone || t.routes[head].next == kNone)) {
    // One path or none, before and after (the common case; no allocation).
    if (head != kNone) {
      auto& r = t.routes[head];
      const std::uint32_t fresh = ctl.acquire(key_of(r));
      ctl.release(r.knh);
      r.knh = fresh;
    }
    ctl.release(departed);
    return;
  }
  std::vector<std::uint32_t> paths;
  for (std::uint32_t s = head; s != kNone; s = t.routes[s].next) paths.push_back(s);
  // New objects (nhop_get) before anything is released, as the kernel
  // builds the new nexthop while the old one is still held.
  std::vector<std::uint32_t> fresh(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) fresh[i] = ctl.acquire(key_of(t.routes[paths[i]]));
  std::uint32_t new_group = 0;
  if (paths.size() >= 2) {
    Members m;
    for (std::size_t i = 0; i < paths.size(); ++i) m.emplace_back(fresh[i], t.routes[paths[i]].weight);
    std::sort(m.begin(), m.end());  // sort_weightened_nhops: by index
    new_group = ctl.acquire_group(m);
  }
  if (old_group != 0) {
    ctl.release_group(old_group);
  } else {
    for (std::uint32_t s : paths) ctl.release(t.routes[s].knh);  // the old single path
    ctl.release(departed);
  }
  // A group holds its nexthops; the paths' own references go (rt_free of
  // the request's rtentry).
  if (new_group != 0)
    for (std::uint32_t idx : fresh) ctl.release(idx);
  for (std::size_t i = 0; i < paths.size(); ++i) t.routes[paths[i]].knh = fresh[i];
  if (new_group != 0)
    ctl.group_of[pk] = new_group;
  else if (old_group != 0)
    ctl.group_of.erase(pk);
}

template <class K>
void Fib::Impl::nh_rekey(std::uint32_t fib, std::uint32_t slot) {
  auto& r = table<K>(fib).routes[slot];
  auto& ctl = nh_ctl(fib * 2 + (detail::KeyOps<K>::family == Family::inet6 ? 1u : 0u));
  if (r.knh == 0 || r.knh >= ctl.objs.size()) return;
  auto& obj = ctl.objs[r.knh];
  const NhKey k = key_of(r);
  if (obj.key == k) return;
  // Changed in place: same index, new contents. Where an equal object
  // exists already, both stay (the kernel's hash then holds two alike).
  if (const auto it = ctl.by_key.find(obj.key); it != ctl.by_key.end() && it->second == r.knh)
    ctl.by_key.erase(it);
  obj.key = k;
  ctl.by_key.emplace(k, r.knh);
}

template void Fib::Impl::nh_resync<std::uint32_t>(std::uint32_t, std::uint32_t, std::uint8_t,
                                                  std::uint32_t);
template void Fib::Impl::nh_resync<u128>(std::uint32_t, u128, std::uint8_t, std::uint32_t);
template void Fib::Impl::nh_rekey<std::uint32_t>(std::uint32_t, std::uint32_t);
template void Fib::Impl::nh_rekey<u128>(std::uint32_t, std::uint32_t);

// ---- the public view ----

namespace {

template <class K>
void collect(const Fib::Impl& im, std::uint32_t fib, const detail::NhCtl& ctl,
             std::vector<NexthopInfo>& out) {
  const auto& t = im.table<K>(fib);
  std::vector<std::uint64_t> pksent(ctl.objs.size(), 0);
  for (std::uint32_t s = 0; s < t.routes.size(); ++s) {
    const auto& r = t.routes[s];
    if (r.state == detail::kLinked && r.knh < pksent.size()) pksent[r.knh] += r.pksent;
  }
  for (std::uint32_t idx = 1; idx < ctl.objs.size(); ++idx) {
    const detail::NhObj& o = ctl.objs[idx];
    if (o.refs == 0) continue;
    const detail::Nexthop& n = im.nh[o.key.pool];
    NexthopInfo i;
    i.index = idx;
    i.gateway = n.gw;
    i.ifindex = n.ifindex;
    // get_aifp: a loopback route with a link gateway names the interface
    // its address belongs to.
    i.aifindex = n.ifindex;
    if (const Interface* ifp = im.iface(n.ifindex);
        ifp != nullptr && (ifp->flags & iff::loopback) != 0 && n.gw.is_link() && n.gw.ifindex != 0)
      i.aifindex = n.gw.ifindex;
    if (n.has_ifa) i.ifa = n.ifa;
    i.mtu = n.mtu;
    i.flags = o.key.flags;
    i.default_route = o.key.dflt;
    i.refcount = o.refs;
    i.pksent = pksent[idx];
    out.push_back(std::move(i));
  }
}

}  // namespace

std::vector<NexthopInfo> Fib::nexthops(std::uint32_t fib, Family family) const {
  std::vector<NexthopInfo> out;
  const auto& im = *impl_;
  const std::uint32_t tid = fib * 2 + (family == Family::inet6 ? 1u : 0u);
  if (!im.sem().nexthop_objects || fib >= im.cfg.fibs || tid >= im.nhctl.size()) return out;
  if (family == Family::inet4)
    collect<std::uint32_t>(im, fib, im.nhctl[tid], out);
  else
    collect<u128>(im, fib, im.nhctl[tid], out);
  return out;
}

std::vector<NexthopGroupInfo> Fib::nexthop_groups(std::uint32_t fib, Family family) const {
  std::vector<NexthopGroupInfo> out;
  const auto& im = *impl_;
  const std::uint32_t tid = fib * 2 + (family == Family::inet6 ? 1u : 0u);
  if (!im.sem().nexthop_objects || fib >= im.cfg.fibs || tid >= im.nhctl.size()) return out;
  const auto& ctl = im.nhctl[tid];
  for (std::uint32_t idx = 1; idx < ctl.groups.size(); ++idx) {
    const detail::NhGroup& g = ctl.groups[idx];
    if (g.refs == 0) continue;
    NexthopGroupInfo i;
    i.index = idx;
    i.refcount = g.refs;
    i.members = g.members;
    i.slots = compile_group(g.members);
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace rtsock::fib
