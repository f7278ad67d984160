// Fib: construction, listener and clock, nexthop interning, references,
// expiry, accounting.
#include "rtsock/fib/fib.hpp"

#include <cerrno>
#include <functional>

#include "impl.hpp"

namespace rtsock::fib {
namespace detail {

std::size_t NexthopHash::operator()(const Nexthop& n) const noexcept {
  std::size_t h = std::hash<std::string>{}(n.gw.ifname);
  const auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x100000001b3ull + (h >> 17); };
  mix(static_cast<std::uint64_t>(n.gw.kind) | static_cast<std::uint64_t>(n.gw.ifindex) << 8 |
      static_cast<std::uint64_t>(n.gw.iftype) << 24 | static_cast<std::uint64_t>(n.ifindex) << 32);
  for (std::size_t i = 0; i < 16; i += 8) {
    std::uint64_t a = 0, b = 0;
    for (std::size_t j = 0; j < 8; ++j) {
      a = a << 8 | n.gw.addr.bytes[i + j];
      b = b << 8 | n.ifa.bytes[i + j];
    }
    mix(a);
    mix(b);
  }
  mix(static_cast<std::uint64_t>(n.mtu) << 32 | n.hopcount);
  mix(static_cast<std::uint64_t>(n.rtt) << 32 | n.rttvar);
  mix(static_cast<std::uint64_t>(n.ssthresh) << 32 | n.locks);
  mix(static_cast<std::uint64_t>(n.recvpipe) << 32 | n.sendpipe);
  return h;
}

std::uint32_t NexthopPool::intern(const Nexthop& n) {
  if (const auto it = index_.find(n); it != index_.end()) {
    ++refs_[it->second];
    return it->second;
  }
  std::uint32_t id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
    items_[id] = n;
  } else {
    id = static_cast<std::uint32_t>(items_.size());
    items_.push_back(n);
    refs_.push_back(0);
  }
  refs_[id] = 1;
  index_.emplace(n, id);
  return id;
}

void NexthopPool::unref(std::uint32_t id) {
  if (--refs_[id] != 0) return;
  index_.erase(items_[id]);
  free_.push_back(id);
}

std::size_t NexthopPool::memory_bytes() const {
  return items_.capacity() * sizeof(Nexthop) + refs_.capacity() * 4 + free_.capacity() * 4 +
         index_.size() * (sizeof(Nexthop) + 32) + index_.bucket_count() * sizeof(void*);
}

}  // namespace detail

Fib::Impl::Impl(Config c) : cfg(std::move(c)) {
  if (cfg.fibs == 0) cfg.fibs = 1;
  ifs.resize(1);
  v4.resize(cfg.fibs);
  v6.resize(cfg.fibs);
  for (std::uint32_t f = 0; f < cfg.fibs; ++f) rdomain.push_back(f);
}

void Fib::grow(std::uint32_t fibs) {
  auto& im = *impl_;
  if (fibs <= im.cfg.fibs) return;
  im.v4.resize(fibs);
  im.v6.resize(fibs);
  for (std::uint32_t f = im.cfg.fibs; f < fibs; ++f) im.rdomain.push_back(f);
  im.cfg.fibs = fibs;
}

std::uint32_t Fib::rdomain(std::uint32_t fib) const {
  return fib < impl_->cfg.fibs ? impl_->rdomain[fib] : 0;
}

Result<void> Fib::set_rdomain(std::uint32_t fib, std::uint32_t dom) {
  auto& im = *impl_;
  if (fib >= im.cfg.fibs || dom >= im.cfg.fibs) return tl::unexpected(Error::from_errno(EINVAL));
  im.rdomain[fib] = dom;
  return {};
}

Fib::Fib(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Fib::~Fib() = default;

const Config& Fib::config() const { return impl_->cfg; }
const Semantics& Fib::semantics() const { return impl_->cfg.semantics; }
void Fib::set_listener(Listener l) { impl_->listener = std::move(l); }
void Fib::set_clock(Clock c) { impl_->clock = std::move(c); }
std::int64_t Fib::now() const { return impl_->now(); }
const Stats& Fib::stats() const { return impl_->stats; }
std::size_t Fib::trash() const { return impl_->trash; }

std::size_t Fib::size(std::uint32_t fib, Family family) const {
  if (fib >= impl_->cfg.fibs) return 0;
  return family == Family::inet4 ? impl_->v4[fib].t.paths : impl_->v6[fib].t.paths;
}

std::size_t Fib::memory_bytes() const {
  std::size_t b = sizeof(Impl) + impl_->nh.memory_bytes() +
                  impl_->v4.capacity() * sizeof(detail::V4) +
                  impl_->v6.capacity() * sizeof(detail::V6);
  for (const auto& t : impl_->v4) b += t.t.memory_bytes() + t.dxr.memory_bytes();
  for (const auto& t : impl_->v6) b += t.t.memory_bytes();
  for (const auto& c : impl_->nhctl) b += sizeof(c) + c.memory_bytes();
  for (const auto& i : impl_->ifs)
    if (i) b += sizeof(Interface) + i->addrs.capacity() * sizeof(IfAddress);
  return b;
}

void Fib::sync() {
  for (auto& t : impl_->v4) t.dxr.sync(t.t);
}

// ---- references ----

void Fib::Impl::ref_slot(std::uint32_t table, std::uint32_t slot) {
  if (table & 1)
    ++v6[table / 2].t.routes[slot].refcnt;
  else
    ++v4[table / 2].t.routes[slot].refcnt;
}

namespace {
template <class K>
bool drop_ref(detail::Table<K>& t, std::uint32_t slot, detail::NexthopPool& nh,
              std::size_t& trash) {
  auto& r = t.routes[slot];
  if (--r.refcnt != 0 || r.state != detail::kTrash) return false;
  nh.unref(r.nh);
  t.release(slot);
  --trash;
  return true;
}
}  // namespace

void Fib::Impl::unref_slot(std::uint32_t table, std::uint32_t slot) {
  if (table & 1)
    drop_ref(v6[table / 2].t, slot, nh, trash);
  else
    drop_ref(v4[table / 2].t, slot, nh, trash);
}

RouteRef::RouteRef(Fib* f, std::uint32_t table, std::uint32_t slot)
    : fib_(f), table_(table), slot_(slot) {}

RouteRef::RouteRef(const RouteRef& o) : fib_(o.fib_), table_(o.table_), slot_(o.slot_) {
  if (fib_) fib_->impl_->ref_slot(table_, slot_);
}

RouteRef::RouteRef(RouteRef&& o) noexcept : fib_(o.fib_), table_(o.table_), slot_(o.slot_) {
  o.fib_ = nullptr;
}

RouteRef& RouteRef::operator=(RouteRef o) noexcept {
  std::swap(fib_, o.fib_);
  std::swap(table_, o.table_);
  std::swap(slot_, o.slot_);
  return *this;
}

RouteRef::~RouteRef() { reset(); }

void RouteRef::reset() {
  if (fib_) fib_->impl_->unref_slot(table_, slot_);
  fib_ = nullptr;
}

bool RouteRef::up() const { return fib_ && (info().flags & rtf::up) != 0; }

RouteInfo RouteRef::info() const { return fib_->impl_->info_any(table_, slot_); }

RouteRef Fib::acquire(std::uint32_t fib, const Addr& dst) {
  if (fib >= impl_->cfg.fibs) return {};
  const std::uint32_t slot = impl_->lpm_slot(fib, dst);
  if (slot == detail::kNone) {
    ++impl_->stats.unreach;
    return {};
  }
  const std::uint32_t table = fib * 2 + (dst.family == Family::inet6 ? 1u : 0u);
  impl_->ref_slot(table, slot);
  return RouteRef(this, table, slot);
}

// ---- expiry ----

std::size_t Fib::expire() {
  auto& im = *impl_;
  const std::int64_t now = im.now();
  std::size_t n = 0;
  while (!im.expiries.empty() && im.expiries.top().when <= now) {
    const detail::Expiry e = im.expiries.top();
    im.expiries.pop();
    const std::uint32_t fib = e.table / 2;
    const auto due = [&](const auto& t) {
      if (e.slot >= t.routes.size()) return false;
      const auto& r = t.routes[e.slot];
      return r.state == detail::kLinked && r.gen == e.gen && e.when != 0 && t.expire(e.slot) == e.when;
    };
    if (e.table & 1) {
      if (!due(im.v6[fib].t)) continue;
      im.unlink<detail::u128>(fib, e.slot, Cause::expiry);
    } else {
      if (!due(im.v4[fib].t)) continue;
      im.unlink<std::uint32_t>(fib, e.slot, Cause::expiry);
    }
    ++n;
  }
  im.dad_expire();
  return n;
}

std::optional<std::int64_t> Fib::next_expiry() const {
  auto& im = *impl_;
  std::optional<std::int64_t> dad = im.dad_next();
  const auto earliest = [&](std::int64_t when) { return dad && *dad < when ? *dad : when; };
  while (!im.expiries.empty()) {
    const detail::Expiry& e = im.expiries.top();
    const std::uint32_t fib = e.table / 2;
    const auto live = [&](const auto& t) {
      if (e.slot >= t.routes.size()) return false;
      const auto& r = t.routes[e.slot];
      return r.state == detail::kLinked && r.gen == e.gen && t.expire(e.slot) == e.when;
    };
    if ((e.table & 1) ? live(im.v6[fib].t) : live(im.v4[fib].t)) return earliest(e.when);
    im.expiries.pop();
  }
  return dad;
}

}  // namespace rtsock::fib
