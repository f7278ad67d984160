// The engine's state: personality, sockets, flag numbering, interfaces.
#include <algorithm>
#include <cerrno>
#include <ctime>
#include <string>

#include "impl.hpp"
#include "rtsock/backend/emulated.hpp"

namespace rtsock::kernel {
namespace {

const abi::Profile* personality_profile(std::string_view name) {
  if (const abi::Profile* p = abi::find_profile(name)) return p;
  // Semantics names such as "freebsd12" name a release; take its amd64 ABI.
  return abi::find_profile(std::string(name) + "-amd64");
}

std::uint8_t type_or_zero(const abi::Profile& p, std::string_view name) {
  return p.type_number(name).value_or(0);
}

}  // namespace

// ---- flags and addresses ----

std::uint64_t Engine::Impl::rtf_from_os(std::uint64_t os) const {
  std::uint64_t c = 0;
  for (std::size_t i = 0; i < 32; ++i)
    if ((os >> i) & 1u) c |= rtf_in[i] != 0 ? rtf_in[i] : 0;
  return c;
}

std::uint32_t Engine::Impl::rtf_to_os(std::uint64_t canon) const {
  std::uint32_t os = 0;
  for (std::size_t i = 0; i < 32; ++i)
    if (rtf_in[i] != 0 && (canon & rtf_in[i]) != 0) os |= 1u << i;
  return os;
}

std::uint32_t Engine::Impl::iff_from_os(std::uint32_t os) const {
  std::uint32_t c = 0;
  for (std::size_t i = 0; i < 32; ++i)
    if ((os >> i) & 1u) c |= iff_in[i];
  return c;
}

std::uint32_t Engine::Impl::iff_to_os(std::uint32_t canon) const {
  std::uint32_t os = 0;
  for (std::size_t i = 0; i < 32; ++i)
    if (iff_in[i] != 0 && (canon & iff_in[i]) != 0) os |= 1u << i;
  return os;
}

codec::Sockaddr Engine::Impl::sa_of(const fib::Addr& a) const {
  if (a.family == fib::Family::inet4)
    return codec::Sockaddr::inet4({a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]});
  // The table keeps a link-local zone KAME-style in bytes 2-3; the codec
  // carries it apart and embeds it again on the wire.
  auto s = codec::Sockaddr::inet6(a.bytes);
  if ((a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80) ||
      (a.bytes[0] == 0xff && ((a.bytes[1] & 0x0f) == 0x01 || (a.bytes[1] & 0x0f) == 0x02))) {
    const auto zone = static_cast<std::uint16_t>(a.bytes[2] << 8 | a.bytes[3]);
    // FreeBSD 10+ (net.inet6.ip6.deembed_scopeid=1) recovers the scope into
    // sin6_scope_id before export (sa6_recoverscope in rtsock_msg_buffer).
    if (is(abi::Os::freebsd) && p->os_version >= 10)
      s.scope_id = zone;
    else
      s.kame_zone = zone;
    s.addr[2] = s.addr[3] = 0;
  }
  return s;
}

codec::Sockaddr Engine::Impl::sa_of(const fib::Gateway& g) const {
  if (g.is_addr()) return sa_of(g.addr);
  if (!g.is_link()) return {};
  auto s = codec::Sockaddr::link(g.ifindex, g.iftype, g.ifname,
                                 std::span<const std::uint8_t>(g.lladdr.data(), g.lladdr_len));
  // NetBSD's arp/nd6 prototype gateway ("link#N") is measured for the
  // interface's name and address but carries neither: sdl_len = 8 + name +
  // address length, nlen = alen = 0 (arp_setgate, sockaddr_dl_init).
  if (p->sdl_compact && g.ifname.empty() && g.lladdr_len == 0)
    if (const fib::Interface* ifp = fib->interface(g.ifindex))
      s.wire_len = static_cast<std::int16_t>(8 + ifp->name.size() + ifp->lladdr.size());
  return s;
}

codec::Sockaddr Engine::Impl::ifp_sa(const fib::Interface& ifp) const {
  auto sa = codec::Sockaddr::link(ifp.index, ifp.type, ifp.name, ifp.lladdr);
  // FreeBSD and DragonFly if_attach size the interface's own sockaddr_dl for
  // any name (FreeBSD: IFNAMSIZ), at least sizeof(struct sockaddr_dl), then
  // round it to a long: sdl_len 56 on LP64, where a bare one says 54.
  if (is(abi::Os::freebsd) || is(abi::Os::dragonfly)) {
    const std::size_t word = p->lp64 ? 8 : 4;
    const std::size_t name = is(abi::Os::freebsd) ? 16 : ifp.name.size();
    std::size_t len = std::max<std::size_t>(8 + name + ifp.lladdr.size(), p->sdl_size);
    len = (len + word - 1) / word * word;
    sa.wire_len = static_cast<std::int16_t>(len);
  }
  return sa;
}

std::optional<fib::Addr> Engine::Impl::addr_of(const codec::Sockaddr& s) const {
  if (s.kind == codec::SaKind::inet4) {
    fib::Addr a;
    a.family = fib::Family::inet4;
    for (std::size_t i = 0; i < 4; ++i) a.bytes[i] = s.addr[i];
    return a;
  }
  if (s.kind == codec::SaKind::inet6) {
    fib::Addr a = fib::Addr::v6(s.addr);
    const std::uint32_t zone = s.zone();
    const bool scoped = (a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80) ||
                        (a.bytes[0] == 0xff && ((a.bytes[1] & 0x0f) <= 0x02));
    if (scoped && zone != 0) {
      a.bytes[2] = static_cast<std::uint8_t>(zone >> 8);
      a.bytes[3] = static_cast<std::uint8_t>(zone);
    }
    return a;
  }
  return std::nullopt;
}

// ---- creation ----

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::create(Options opt) {
  const abi::Profile* p = personality_profile(opt.personality);
  if (p == nullptr) return fail(codec_errc::unknown_profile);
  auto sem = fib::semantics_for(p->name);
  if (!sem) return fail(codec_errc::unknown_profile);
  if (opt.fibs == 0 || opt.fibs > kMaxFibs) return tl::unexpected(Error::from_errno(EINVAL));

  auto impl = std::make_unique<Impl>();
  impl->p = p;
  impl->sem = *sem;
  if (!opt.clock) opt.clock = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
  impl->opt = std::move(opt);

  fib::Config cfg;
  cfg.semantics = impl->sem;
  cfg.fibs = impl->opt.fibs;
  cfg.add_addr_allfibs = impl->opt.add_addr_allfibs;
  cfg.dad_count = impl->opt.dad_count;
  cfg.ip_dad_count = impl->opt.ip_dad_count;
  if (impl->opt.table) {
    auto table = impl->opt.table(cfg);
    if (!table) return tl::unexpected(table.error());
    impl->fib = std::move(*table);
  } else {
    impl->fib = std::make_unique<backend::Emulated>(cfg);
  }
  impl->fib->set_clock(impl->opt.clock);
  if (p->os == abi::Os::openbsd) impl->rtables.assign(impl->opt.fibs, true);
  Impl* raw = impl.get();
  impl->fib->set_listener([raw](const fib::Change& c) { raw->pending.push_back(c); });

  for (std::size_t i = 0; i < 32; ++i) {
    for (const auto& fn : fib::rtf_names())
      if (!p->rtf[i].empty() && p->rtf[i] == fn.name) impl->rtf_in[i] = fn.bit;
    for (const auto& fn : fib::iff_names())
      if (!p->iff[i].empty() && p->iff[i] == fn.name)
        impl->iff_in[i] = static_cast<std::uint32_t>(fn.bit);
  }
  auto& t = impl->t;
  t.add = type_or_zero(*p, "RTM_ADD");
  t.del = type_or_zero(*p, "RTM_DELETE");
  t.change = type_or_zero(*p, "RTM_CHANGE");
  t.get = type_or_zero(*p, "RTM_GET");
  t.lock = type_or_zero(*p, "RTM_LOCK");
  t.miss = type_or_zero(*p, "RTM_MISS");
  t.resolve = type_or_zero(*p, "RTM_RESOLVE");
  t.redirect = type_or_zero(*p, "RTM_REDIRECT");
  t.losing = type_or_zero(*p, "RTM_LOSING");
  t.newaddr = type_or_zero(*p, "RTM_NEWADDR");
  t.deladdr = type_or_zero(*p, "RTM_DELADDR");
  t.chgaddrattr = type_or_zero(*p, "RTM_CHGADDRATTR");
  t.ifinfo = type_or_zero(*p, "RTM_IFINFO");
  t.ifannounce = type_or_zero(*p, "RTM_IFANNOUNCE");
  t.newmaddr = type_or_zero(*p, "RTM_NEWMADDR");
  t.delmaddr = type_or_zero(*p, "RTM_DELMADDR");
  t.desync = type_or_zero(*p, "RTM_DESYNC");
  t.get2 = type_or_zero(*p, "RTM_GET2");
  t.ifinfo2 = type_or_zero(*p, "RTM_IFINFO2");
  t.newmaddr2 = type_or_zero(*p, "RTM_NEWMADDR2");
  t.get_silent = type_or_zero(*p, "RTM_GET_SILENT");
  t.proposal = type_or_zero(*p, "RTM_PROPOSAL");
  t.source = type_or_zero(*p, "RTM_SOURCE");
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const abi::Profile& Engine::profile() const { return *impl_->p; }
const backend::Table& Engine::fib() const { return *impl_->fib; }
const EngineStats& Engine::stats() const { return impl_->stats; }

// ---- sockets ----

Result<SockId> Engine::open(const Creds& c, int protocol) {
  const abi::Profile& p = *impl_->p;
  if (protocol != 0 && protocol != p.af_inet && protocol != p.af_inet6)
    return tl::unexpected(Error::from_errno(impl_->err(EPROTONOSUPPORT)));
  SockState s;
  s.creds = c;
  s.privileged = impl_->opt.privileged_uids.count(c.uid) != 0;
  s.protocol = protocol;
  const SockId id = impl_->next_id++;
  impl_->socks.emplace(id, s);
  return id;
}

void Engine::close(SockId s) { impl_->socks.erase(s); }

const SockState* Engine::socket(SockId s) const {
  auto it = impl_->socks.find(s);
  return it == impl_->socks.end() ? nullptr : &it->second;
}

std::size_t Engine::sockets() const { return impl_->socks.size(); }

void Engine::shutdown_read(SockId s) {
  if (auto it = impl_->socks.find(s); it != impl_->socks.end()) it->second.shut_rd = true;
}

WriteResult Engine::write(SockId s, std::span<const std::byte> msg, std::vector<Delivery>& out) {
  return impl_->write(s, msg, out);
}

WriteResult Engine::write_as(SockId s, const Creds& writer, std::span<const std::byte> msg,
                             std::vector<Delivery>& out) {
  auto it = impl_->socks.find(s);
  if (it == impl_->socks.end()) return impl_->write(s, msg, out);
  SockState& so = it->second;
  const Creds opener = so.creds;
  const bool opener_privileged = so.privileged;
  so.creds = writer;
  so.privileged = impl_->opt.privileged_uids.count(writer.uid) != 0;
  WriteResult r = impl_->write(s, msg, out);
  so.creds = opener;
  so.privileged = opener_privileged;
  return r;
}

int Engine::sysctl(SockId s, std::span<const int> mib, SysctlOut& out) {
  auto it = impl_->socks.find(s);
  if (it == impl_->socks.end()) return impl_->err(EBADF);
  return impl_->sysctl(it->second, mib, out);
}

int Engine::sysctl_size(SockId s, std::span<const int> mib, std::size_t& size) {
  auto it = impl_->socks.find(s);
  if (it == impl_->socks.end()) return impl_->err(EBADF);
  SysctlOut out;
  std::optional<std::size_t> bound;
  const int e = impl_->sysctl(it->second, mib, out, &bound);
  size = bound ? *bound : out.size();
  return e;
}

int Engine::sysctl(SockId s, std::span<const int> mib, std::vector<std::byte>& out) {
  SysctlOut o;
  const int e = sysctl(s, mib, o);
  auto bytes = o.take();
  out.insert(out.end(), bytes.begin(), bytes.end());
  return e;
}

Packet Engine::desync_message() const {
  if (impl_->t.desync == 0) return std::make_shared<const std::vector<std::byte>>();
  auto m = codec::Message::make(*impl_->p, impl_->t.desync);
  return impl_->pack(m);
}

// ---- interfaces ----

namespace {

int privileged(const Engine::Impl& im, SockId s) {
  auto it = im.socks.find(s);
  if (it == im.socks.end()) return im.err(EBADF);
  return it->second.privileged ? 0 : im.err(EPERM);
}

template <class F>
int with_iface(Engine::Impl& im, std::string_view name, F&& f) {
  const fib::Interface* ifp = im.fib->interface(name);
  if (ifp == nullptr) return im.err(ENXIO);
  return f(*ifp);
}

int result_errno(const Engine::Impl& im, const Result<void>& r) {
  return r ? 0 : im.err(r.error().code().value());
}

}  // namespace

int Engine::if_create(SockId s, const fib::IfSpec& spec, std::vector<Delivery>& out,
                      std::uint16_t* created) {
  if (int e = privileged(*impl_, s)) return e;
  auto r = impl_->fib->attach(spec);
  impl_->flush_changes(out, false);
  if (r && created != nullptr) *created = *r;
  return r ? 0 : impl_->err(r.error().code().value());
}

int Engine::if_destroy(SockId s, std::string_view name, std::vector<Delivery>& out) {
  if (int e = privileged(*impl_, s)) return e;
  int e = with_iface(*impl_, name, [&](const fib::Interface& ifp) {
    return result_errno(*impl_, impl_->fib->detach(ifp.index));
  });
  impl_->flush_changes(out, false);
  return e;
}

int Engine::if_change(SockId s, std::string_view name, const IfChange& c,
                      std::vector<Delivery>& out) {
  if (int e = privileged(*impl_, s)) return e;
  int e = with_iface(*impl_, name, [&](const fib::Interface& ifp) {
    const std::uint16_t idx = ifp.index;
    if (c.mtu) {
      if (*c.mtu < 72 || *c.mtu > 65535) return impl_->err(EINVAL);
      if (auto r = impl_->fib->set_mtu(idx, *c.mtu); !r) return result_errno(*impl_, r);
    }
    if (c.up) {
      std::uint32_t flags = impl_->fib->interface(idx)->flags;
      flags = *c.up ? flags | fib::iff::up | fib::iff::running
                    : flags & ~(fib::iff::up | fib::iff::running);
      if (auto r = impl_->fib->set_flags(idx, flags); !r) return result_errno(*impl_, r);
    }
    if (c.link)
      if (auto r = impl_->fib->set_link(idx, *c.link); !r) return result_errno(*impl_, r);
    if (c.lladdr)
      if (auto r = impl_->fib->set_lladdr(idx, *c.lladdr); !r) return result_errno(*impl_, r);
    if (c.metric)
      if (auto r = impl_->fib->set_metric(idx, *c.metric); !r) return result_errno(*impl_, r);
    if (c.nd6_on != 0 || c.nd6_off != 0) {
      const std::uint32_t nd6 = (impl_->fib->interface(idx)->nd6 | c.nd6_on) & ~c.nd6_off;
      if (auto r = impl_->fib->set_nd6(idx, nd6); !r) return result_errno(*impl_, r);
    }
    if (c.parent) {
      // vlan(4) takes its parent's MAC.
      const fib::Interface* parent = impl_->fib->interface(*c.parent);
      if (parent == nullptr) return impl_->err(ENXIO);
      if (auto r = impl_->fib->set_lladdr(idx, parent->lladdr); !r) return result_errno(*impl_, r);
    }
    if (c.rdomain)
      if (int re = impl_->set_rdomain(*impl_->fib->interface(idx), *c.rdomain))
        return impl_->err(re);
    if (c.fib) {
      if (impl_->p->os != abi::Os::freebsd) return impl_->err(EOPNOTSUPP);
      if (*c.fib >= impl_->opt.fibs) return impl_->err(EINVAL);  // rt_numfibs
      if (auto r = impl_->fib->set_interface_fib(idx, *c.fib); !r) return result_errno(*impl_, r);
    }
    if (c.inet6 && *c.inet6)
      if (auto r = impl_->fib->attach_inet6(idx); !r) return result_errno(*impl_, r);
    if (c.inet6 && !*c.inet6) {
      // SIOCIFAFDETACH: every inet6 address goes.
      for (;;) {
        const auto& addrs = impl_->fib->interface(idx)->addrs;
        auto it = std::find_if(addrs.begin(), addrs.end(), [](const fib::IfAddress& a) {
          return a.addr.family == fib::Family::inet6;
        });
        if (it == addrs.end()) break;
        if (auto r = impl_->fib->delete_address(idx, it->addr); !r) return result_errno(*impl_, r);
      }
    }
    return 0;
  });
  impl_->flush_changes(out, false);
  return e;
}

int Engine::if_add_address(SockId s, std::string_view name, const fib::IfAddress& a,
                           std::vector<Delivery>& out) {
  if (int e = privileged(*impl_, s)) return e;
  int e = with_iface(*impl_, name, [&](const fib::Interface& ifp) {
    return result_errno(*impl_, impl_->fib->add_address(ifp.index, a));
  });
  impl_->flush_changes(out, false);
  return e;
}

int Engine::if_delete_address(SockId s, std::string_view name, const fib::Addr& a,
                              std::vector<Delivery>& out) {
  if (int e = privileged(*impl_, s)) return e;
  int e = with_iface(*impl_, name, [&](const fib::Interface& ifp) {
    return result_errno(*impl_, impl_->fib->delete_address(ifp.index, a));
  });
  impl_->flush_changes(out, false);
  return e;
}

Result<std::uint16_t> Engine::boot_interface(const fib::IfSpec& spec) {
  // OpenBSD: an interface of a domain not seen yet brings its table.
  if (impl_->is(abi::Os::openbsd) && !impl_->table_exists(spec.fib)) {
    if (int e = impl_->rtable_add(spec.fib)) return tl::unexpected(Error::from_errno(e));
    (void)impl_->fib->set_rdomain(spec.fib, spec.fib);
  }
  auto r = impl_->fib->attach(spec);
  impl_->pending.clear();
  return r;
}

Result<void> Engine::boot_address(std::string_view name, const fib::IfAddress& a) {
  const fib::Interface* ifp = impl_->fib->interface(name);
  if (ifp == nullptr) return tl::unexpected(Error::from_errno(ENXIO));
  auto r = impl_->fib->add_address(ifp->index, a);
  impl_->pending.clear();
  return r;
}

Result<void> Engine::boot_route(const fib::RouteRequest& r) {
  if (impl_->is(abi::Os::openbsd) && !impl_->table_exists(r.fib))
    if (int e = impl_->rtable_add(r.fib)) return tl::unexpected(Error::from_errno(e));
  auto res = impl_->fib->add(r);
  impl_->pending.clear();
  if (!res) return tl::unexpected(res.error());
  return {};
}

}  // namespace rtsock::kernel
