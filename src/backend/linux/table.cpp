// LinuxTable: opening, loading, notices, resynchronisation, reads.
#include "table.hpp"

#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cerrno>

#include "rtsock/fib/flags.hpp"

namespace rtsock::backend {

Result<std::unique_ptr<Table>> open_linux(const fib::Config& config, const LinuxOptions& options) {
  auto ch = rtnl::Channel::open(options.netns, options.rcvbuf);
  if (!ch) return tl::unexpected(ch.error());
  auto t = std::make_unique<rtnl::LinuxTable>(config, options, std::move(*ch));
  if (auto r = t->load(); !r) return tl::unexpected(r.error());
  return std::unique_ptr<Table>(std::move(t));
}

}  // namespace rtsock::backend

namespace rtsock::backend::rtnl {
namespace {

Renames renames_of(const LinuxOptions& o) {
  Renames r;
  for (const auto& [from, to] : o.ifnames) {
    r.to_bsd[from] = to;
    r.to_linux[to] = from;
  }
  return r;
}

}  // namespace

LinuxTable::LinuxTable(const fib::Config& config, const LinuxOptions& options,
                       std::unique_ptr<Channel> ch)
    : cfg_(config),
      names_(renames_of(options)),
      ch_(std::move(ch)),
      mirror_(fresh_mirror()) {}

Mirror LinuxTable::fresh_mirror() const {
  return Mirror(cfg_.semantics, cfg_.fibs, names_, [this] { return now(); });
}

Result<void> LinuxTable::load() {
  auto m = dump_all();
  if (!m) return tl::unexpected(m.error());
  std::vector<fib::Change> none;
  mirror_.take_all(std::move(*m), none);
  return {};
}

Result<Mirror> LinuxTable::dump_routes() {
  Mirror m = mirror_.links_only();
  std::vector<fib::Change> scratch;
  Effects fx;
  auto into = [&](Message& msg) { m.apply(msg, scratch, fx); scratch.clear(); };
  for (int af : {AF_INET, AF_INET6})
    if (auto r = ch_->dump(RTM_GETROUTE, af, into); !r) return tl::unexpected(r.error());
  return m;
}

Result<Mirror> LinuxTable::dump_all() {
  Mirror m = fresh_mirror();
  std::vector<fib::Change> scratch;
  Effects fx;
  auto into = [&](Message& msg) { m.apply(msg, scratch, fx); scratch.clear(); };
  // Links before their addresses, both before the routes that name them.
  if (auto r = ch_->dump(RTM_GETLINK, AF_UNSPEC, into); !r) return tl::unexpected(r.error());
  if (auto r = ch_->dump(RTM_GETADDR, AF_UNSPEC, into); !r) return tl::unexpected(r.error());
  for (int af : {AF_INET, AF_INET6})
    if (auto r = ch_->dump(RTM_GETROUTE, af, into); !r) return tl::unexpected(r.error());
  return m;
}

Result<void> LinuxTable::take_events(std::vector<fib::Change>& out) {
  Effects fx;
  const std::uint32_t me = ch_->portid();
  auto r = ch_->read_events([&](Message& m) {
    // Our own route requests are reported by the request itself.
    if ((m.type == RTM_NEWROUTE || m.type == RTM_DELROUTE) && m.pid == me && me != 0) return;
    mirror_.apply(m, out, fx);
  });
  if (!r) return tl::unexpected(r.error());
  if (*r) {
    lost_ = true;
    auto fresh = dump_all();
    if (!fresh) return tl::unexpected(fresh.error());
    mirror_.take_all(std::move(*fresh), out);
  } else if (fx.routes_stale) {
    // IPv4 drops the routes of a link that went down without a notice.
    auto fresh = dump_routes();
    if (!fresh) return tl::unexpected(fresh.error());
    mirror_.take_routes(std::move(*fresh), out);
  }
  return {};
}

void LinuxTable::emit(std::vector<fib::Change>& changes) {
  bsd_order(changes);
  if (listener_)
    for (const auto& c : changes) listener_(c);
  changes.clear();
}

Result<bool> LinuxTable::poll() {
  std::vector<fib::Change> out;
  auto r = take_events(out);
  emit(out);
  if (!r) fatal_ = r.error();
  if (fatal_) return tl::unexpected(*fatal_);
  const bool lost = lost_;
  lost_ = false;
  return lost;
}

void LinuxTable::settle() {
  std::vector<fib::Change> out;
  if (auto r = take_events(out); !r) fatal_ = r.error();
  emit(out);
}

std::optional<fib::RouteInfo> LinuxTable::own(const std::vector<Message>& msgs, fib::Cause cause) {
  std::vector<fib::Change> out;
  Effects fx;
  for (const auto& m : msgs) mirror_.apply(m, out, fx);
  std::optional<fib::RouteInfo> first;
  for (auto& c : out) {
    c.cause = cause;
    if (!first && c.new_route) first = c.new_route;
  }
  emit(out);
  return first;
}

// ---- reads ----

std::optional<fib::RouteInfo> LinuxTable::lookup(std::uint32_t fib, const fib::Addr& dst) const {
  if (const Path* p = mirror_.lpm(fib, dst)) return p->info;
  return std::nullopt;
}

void LinuxTable::walk(std::uint32_t fib, fib::Family family, std::uint64_t flag_mask,
                      const std::function<bool(const fib::RouteInfo&)>& fn) const {
  mirror_.walk(fib, family, [&](const fib::RouteInfo& r) {
    if (flag_mask != 0 && (r.flags & flag_mask) == 0) return true;
    return fn(r);
  });
}

fib::Forward LinuxTable::forward(std::uint32_t fib, const fib::Addr& dst) {
  // What the table says; the kernel forwards, and counts nothing for us.
  fib::Forward f;
  const Path* p = mirror_.lpm(fib, dst);
  if (p == nullptr) {
    f.error = EHOSTUNREACH;
    return f;
  }
  const fib::RouteInfo& r = p->info;
  f.route = r;
  f.ifindex = r.ifindex;
  if ((r.flags & fib::rtf::blackhole) != 0) {
    f.verdict = fib::Forward::Verdict::blackhole;
  } else if ((r.flags & fib::rtf::reject) != 0) {
    f.verdict = fib::Forward::Verdict::reject;
    f.error = r.prefix.host ? EHOSTUNREACH : ENETUNREACH;
  } else {
    f.verdict = fib::Forward::Verdict::deliver;
    f.next_hop = r.gateway.is_addr() ? r.gateway.addr : dst;
  }
  return f;
}

Result<fib::RouteInfo> LinuxTable::redirect(std::uint32_t, const fib::Addr&, const fib::Addr&,
                                            const fib::Addr&) {
  // ICMP redirects are the kernel's business, not a request's.
  return tl::unexpected(Error::from_errno(EOPNOTSUPP));
}

}  // namespace rtsock::backend::rtnl
