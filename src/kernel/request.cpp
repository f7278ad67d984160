// route_output: a message written to a routing socket (spec B.1–B.7).
#include <cerrno>
#include <cstring>

#include "impl.hpp"

namespace rtsock::kernel {

using abi::Field;

namespace {

std::uint64_t load(const abi::Profile& p, const std::byte* b, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto x =
        std::to_integer<std::uint64_t>(b[p.order == abi::ByteOrder::little ? n - 1 - i : i]);
    v = v << 8 | x;
  }
  return v;
}

void store(const abi::Profile& p, std::vector<std::byte>& buf, const abi::FieldLoc* f,
           std::int64_t v) {
  if (f == nullptr || f->in_data || f->off + f->size > buf.size()) return;
  const auto u = static_cast<std::uint64_t>(v);
  for (std::size_t i = 0; i < f->size; ++i) {
    const std::size_t at = p.order == abi::ByteOrder::little ? i : f->size - 1 - i;
    buf[f->off + at] = std::byte(static_cast<std::uint8_t>(u >> (8 * i)));
  }
}

// How the sender learns the outcome. errno_only: rtm_errno without rtm_pid
// (xnu route_output fails some checks before it writes rtm_pid).
enum class Reply : std::uint8_t { none, raw, with_errno, errno_only };

}  // namespace

WriteResult Engine::Impl::write(SockId sid, std::span<const std::byte> msg,
                                std::vector<Delivery>& out) {
  ++stats.writes;
  auto it = socks.find(sid);
  if (it == socks.end()) return {err(EBADF), false, false};
  const SockState& so = it->second;
  const abi::Layout& L = p->layout(abi::HdrKind::route);
  const bool openbsd = is(abi::Os::openbsd), darwin = is(abi::Os::darwin);
  const bool dragonfly = is(abi::Os::dragonfly);
  const bool netbsd = is(abi::Os::netbsd);
  const std::size_t start = out.size();

  Tag tag;
  tag.fib = so.fib;
  tag.route_msg = true;
  std::optional<codec::MessageView> view;

  auto sender_got_copy = [&] {
    for (std::size_t i = start; i < out.size(); ++i)
      if (out[i].to == sid) return true;
    return false;
  };
  // Answers the write. raw: the bytes as written; with_errno: the header
  // patched with rtm_errno and rtm_pid.
  auto finish = [&](int error, Reply how) -> WriteResult {
    if (error != 0) ++stats.write_errors;
    if (how != Reply::none) {
      auto bytes = std::make_shared<std::vector<std::byte>>(msg.begin(), msg.end());
      if (how == Reply::with_errno || how == Reply::errno_only)
        store(*p, *bytes, L.find(Field::err), error);
      if (how == Reply::with_errno) store(*p, *bytes, L.find(Field::pid), so.creds.pid);
      if (msg.size() >= 4) tag.type = static_cast<std::uint8_t>(std::to_integer<int>(msg[3]));
      deliver(bytes, tag, sid, out);
    }
    WriteResult r;
    r.error = error;
    r.sender_copy = sender_got_copy();
    r.reply_has_error = r.sender_copy && (how == Reply::with_errno || how == Reply::errno_only);
    return r;
  };
  // Errors after the header was read: OpenBSD answers none of its early
  // checks; the others echo the header with rtm_errno.
  auto early = [&](int host_errno) {
    return finish(err(host_errno), openbsd ? Reply::none : Reply::with_errno);
  };

  // ---- length and version ----
  const std::size_t word = p->lp64 ? 8 : 4;
  if (is(abi::Os::freebsd) && msg.size() < word) return finish(err(ENOBUFS), Reply::none);
  if (msg.size() < 4) return finish(err(EINVAL), Reply::none);
  const std::size_t msglen = load(*p, msg.data(), 2);
  const std::uint8_t version = std::to_integer<std::uint8_t>(msg[2]);
  const std::uint8_t type = std::to_integer<std::uint8_t>(msg[3]);
  tag.type = type;
  if (openbsd) {
    if (msglen != msg.size()) return finish(err(EINVAL), Reply::none);
    if (version != p->rtm_version) return finish(err(EPROTONOSUPPORT), Reply::none);
    if (msg.size() < L.size) return finish(err(EINVAL), Reply::none);
    if (msg.size() > 2048) return finish(err(EMSGSIZE), Reply::none);
    if (type != t.add && type != t.del && type != t.get && type != t.change && type != t.proposal &&
        type != t.source)
      return finish(err(EOPNOTSUPP), Reply::none);
  } else {
    if (msg.size() < L.size || msglen != msg.size()) return finish(err(EINVAL), Reply::raw);
    // xnu route_output sets rtm_pid only once the version, RTM_GET_SILENT
    // and privilege checks have passed: their errors echo the caller's pid.
    // DragonFly's route_output checks the version before it sets the pid.
    if (version != p->rtm_version)
      return finish(err(EPROTONOSUPPORT), freebsd13()             ? Reply::raw
                                          : darwin || dragonfly ? Reply::errno_only
                                                                : Reply::with_errno);
  }
  if (darwin && type == t.get_silent && !so.useloopback)
    return finish(err(EINVAL), Reply::errno_only);
  if (darwin && type != t.get && type != t.get_silent && !so.privileged)
    return finish(err(EPERM), Reply::errno_only);
  if (openbsd && type != t.get && !so.privileged) return early(EACCES);
  // xnu route_output: any type its switch lacks is EOPNOTSUPP (after the
  // sockaddrs were taken apart; here before, as some have no rt_msghdr).
  if (darwin && type != t.add && type != t.del && type != t.change && type != t.get &&
      type != t.get_silent && type != t.lock)
    return early(EOPNOTSUPP);

  auto parsed = codec::parse_message(msg, *p);
  if (!parsed) return early(EINVAL);
  view = *parsed;
  const codec::MessageView& v = *view;

  const std::uint32_t fibnum = openbsd ? static_cast<std::uint32_t>(v.get(Field::tableid)) : so.fib;
  tag.fib = fibnum;
  if (!table_exists(fibnum)) {
    // OpenBSD: RTM_ADD creates a missing table (rtable_add), others fail.
    if (!openbsd || type != t.add) return early(EINVAL);
    if (int e = rtable_add(fibnum)) return early(e);
  }
  std::uint64_t flags = rtf_from_os(static_cast<std::uint64_t>(v.get(Field::flags)));
  std::uint8_t priority = 0;
  if (openbsd) {
    if ((flags & (fib::rtf::local | fib::rtf::broadcast)) != 0) return early(EINVAL);
    priority = static_cast<std::uint8_t>(v.get(Field::priority) & 0x7f);
    if (priority != 0 && (priority > fib::rtp::max || priority == fib::rtp::local))
      return early(EINVAL);
    flags &= ~(fib::rtf::done | fib::rtf::cloned | fib::rtf::cached);
    if (priority == 0 && type == t.add && (flags & fib::rtf::static_) == 0)
      priority = fib::rtp::default_;
    if (priority == 0 && type != t.add) priority = fib::rtp::any;
  }
  if (openbsd && (type == t.proposal || type == t.source)) {
    // Not stored: a proposal is broadcast to listeners as written.
    auto bytes = std::make_shared<std::vector<std::byte>>(msg.begin(), msg.end());
    store(*p, *bytes, L.find(Field::pid), so.creds.pid);
    deliver(bytes, tag, sid, out);
    return finish(0, Reply::none);
  }

  // ---- addresses ----
  auto sa_len = [&](int slot) {
    auto b = v.sockaddr_bytes(slot);
    return b.empty() ? 0u : std::to_integer<unsigned>(b[0]);
  };
  const codec::Sockaddr dst_sa = v.addr(abi::kDst);
  if (!v.has_addr(abi::kDst)) return early(EINVAL);
  if (darwin) {
    // xnu route_output: a DST or GATEWAY of a family at or past AF_MAX (41
    // in xnu's socket.h) is EINVAL, before any table is looked for.
    const auto family = [&](int slot) {
      auto b = v.sockaddr_bytes(slot);
      return b.size() >= 2 ? std::to_integer<unsigned>(b[1]) : 0u;
    };
    constexpr unsigned kXnuAfMax = 41;
    if (family(abi::kDst) >= kXnuAfMax ||
        (v.has_addr(abi::kGateway) && family(abi::kGateway) >= kXnuAfMax))
      return early(EINVAL);
  }
  // xnu route_output tags a reply with the DST's family only where it
  // widens a short AF_INET DST and on the report: path (a successful
  // RTM_GET/RTM_DELETE); other replies reach no socket opened for a family.
  const int dst_family = dst_sa.kind == codec::SaKind::inet4   ? p->af_inet
                         : dst_sa.kind == codec::SaKind::inet6 ? p->af_inet6
                                                               : 0;
  if (!darwin || (dst_sa.kind == codec::SaKind::inet4 && sa_len(abi::kDst) != 16))
    tag.family = dst_family;
  if (dst_sa.kind != codec::SaKind::inet4 && dst_sa.kind != codec::SaKind::inet6)
    return early(EAFNOSUPPORT);
  const unsigned min4 = openbsd ? 16 : 8;
  if ((dst_sa.kind == codec::SaKind::inet4 && sa_len(abi::kDst) < min4) ||
      (dst_sa.kind == codec::SaKind::inet6 && sa_len(abi::kDst) < 28))
    return early(EINVAL);

  fib::RouteRequest rq;
  rq.fib = fibnum;
  rq.dst = *addr_of(dst_sa);
  if (v.has_addr(abi::kNetmask)) {
    auto plen = codec::prefix_length(v.addr(abi::kNetmask));
    if (!plen) return early(EINVAL);  // non-contiguous: no kernel here keeps those
    rq.plen = *plen;
  }
  if (v.has_addr(abi::kGateway)) {
    const codec::Sockaddr g = v.addr(abi::kGateway);
    if (g.kind == codec::SaKind::inet4 || g.kind == codec::SaKind::inet6) {
      if ((g.kind == codec::SaKind::inet4 && sa_len(abi::kGateway) < min4) ||
          (g.kind == codec::SaKind::inet6 && sa_len(abi::kGateway) < 28))
        return early(EINVAL);
      rq.gateway = fib::Gateway::address(*addr_of(g));
    } else if (g.kind == codec::SaKind::link) {
      if (sa_len(abi::kGateway) < 8) return early(EINVAL);
      rq.gateway = fib::Gateway::link(g.link_index, g.link_type);
      rq.gateway.ifname = std::string(g.link_name());
      longest_gw_name = std::max(longest_gw_name, rq.gateway.ifname.size());
      auto ll = g.link_addr();
      rq.gateway.lladdr_len = static_cast<std::uint8_t>(std::min<std::size_t>(ll.size(), 8));
      std::memcpy(rq.gateway.lladdr.data(), ll.data(), rq.gateway.lladdr_len);
      if (openbsd && (flags & fib::rtf::cloning) == 0) flags |= fib::rtf::llinfo;
    } else if (g.kind != codec::SaKind::empty) {
      return early(EINVAL);
    }
  }
  if (v.has_addr(abi::kIfp)) {
    const codec::Sockaddr i = v.addr(abi::kIfp);
    if (i.kind == codec::SaKind::link) {
      if (i.link_index != 0) rq.ifp_index = i.link_index;
      rq.ifp_name = std::string(i.link_name());
    } else if (openbsd && i.kind != codec::SaKind::empty) {
      return early(EAFNOSUPPORT);
    }
  }
  if (v.has_addr(abi::kIfa)) {
    const codec::Sockaddr a = v.addr(abi::kIfa);
    if (auto x = addr_of(a))
      rq.ifa = *x;
    else if (openbsd && a.kind != codec::SaKind::empty)
      return early(EAFNOSUPPORT);
  }
  if (darwin && (flags & fib::rtf::proxy) != 0) return early(EINVAL);
  // xnu route_output: RTF_IFSCOPE makes rtm_index the scope, unchecked (an
  // index of no interface finds no ifa on RTM_ADD: ENETUNREACH).
  if (darwin && (flags & fib::rtf::ifscope) != 0)
    rq.ifscope = static_cast<std::uint16_t>(v.get(Field::index));
  rq.flags = flags;
  rq.fmask = rtf_from_os(static_cast<std::uint64_t>(v.get(Field::fmask)));
  rq.inits = static_cast<std::uint32_t>(v.get(Field::inits));
  rq.locks = static_cast<std::uint32_t>(v.get(Field::rmx_locks));
  rq.rmx.mtu = static_cast<std::uint32_t>(v.get(Field::rmx_mtu));
  rq.rmx.hopcount = static_cast<std::uint32_t>(v.get(Field::rmx_hopcount));
  rq.rmx.expire = v.get(Field::rmx_expire);
  rq.rmx.recvpipe = static_cast<std::uint32_t>(v.get(Field::rmx_recvpipe));
  rq.rmx.sendpipe = static_cast<std::uint32_t>(v.get(Field::rmx_sendpipe));
  rq.rmx.ssthresh = static_cast<std::uint32_t>(v.get(Field::rmx_ssthresh));
  rq.rmx.rtt = static_cast<std::uint32_t>(v.get(Field::rmx_rtt));
  rq.rmx.rttvar = static_cast<std::uint32_t>(v.get(Field::rmx_rttvar));
  rq.rmx.weight = static_cast<std::uint32_t>(v.get(Field::rmx_weight));
  rq.priority = priority;

  // ---- privilege: FreeBSD checks after parsing, NetBSD's kauth says EACCES ----
  const bool is_get = type == t.get || (darwin && type == t.get_silent);
  if (!is_get && !so.privileged) return early(netbsd ? EACCES : EPERM);

  // ---- FreeBSD 8+: ARP/ND entries (lla_rt_output), never the routing table ----
  if (sem.lltable && (flags & fib::rtf::llinfo) != 0) {
    const int e = lla_rt_output(type, rq, out);
    // The request rebuilt from its cleaned addresses (cleanup_xaddrs,
    // update_rtm_from_info): DST anew with its scope recovered, no NETMASK;
    // RTF_DONE, or rtm_errno.
    codec::Message m = v.to_message();
    m.set_addr(abi::kDst, sa_of(rq.dst));
    m.clear_addr(abi::kNetmask);
    m.set(Field::pid, so.creds.pid);
    if (e == 0)
      m.set(Field::flags, m.get(Field::flags) | rtf_to_os(fib::rtf::done));
    else
      m.set(Field::err, err(e));
    tag.flags = static_cast<std::uint32_t>(m.get(Field::flags));
    if (e != 0) ++stats.write_errors;
    deliver(pack(m), tag, sid, out);
    WriteResult wr;
    wr.error = e == 0 ? 0 : err(e);
    wr.sender_copy = sender_got_copy();
    wr.reply_has_error = wr.sender_copy && e != 0;
    return wr;
  }

  // ---- dispatch ----
  if ((type == t.add || type == t.change) && rq.gateway.is_addr() &&
      rq.gateway.addr.family != rq.dst.family)
    return finish(err(EINVAL), Reply::with_errno);
  Result<fib::RouteInfo> res = tl::unexpected(Error::from_errno(EOPNOTSUPP));
  if (type == t.add) {
    if (rq.gateway.kind == fib::Gateway::Kind::none)
      res = tl::unexpected(Error::from_errno(EINVAL));
    else
      res = fib->add(rq);
  } else if (type == t.del) {
    res = fib->remove(rq);
  } else if (is_get) {
    res = fib->get(rq);
  } else if (type == t.change) {
    res = fib->change(rq);
  } else if (type == t.lock && t.lock != 0) {
    res = fib->lock(rq);
  }
  if (!res) {
    pending.clear();
    // A host kernel's table may refuse a privileged socket's request for
    // want of its own privilege: that is the personality's privilege error.
    int e = res.error().code().value();
    if (e == EPERM && (openbsd || netbsd)) e = EACCES;
    return finish(err(e), Reply::with_errno);
  }

  // ---- the reply (B.3) ----
  const fib::RouteInfo& r = *res;
  const bool asked_if = v.has_addr(abi::kIfp) || v.has_addr(abi::kIfa);
  const bool rebuilt = openbsd || type == t.del || is_get;
  const bool renormalised = !rebuilt && freebsd13() && (type == t.add || type == t.change);
  // One prvalue initialises m: a Message is kilobytes of arrays, and a
  // default one assigned later costs a clear and a copy per write.
  codec::Message m =
      rebuilt ? route_message(darwin && type == t.get_silent ? t.get : type, r,
                              openbsd || asked_if)
              : renormalised ? v.to_message() : codec::Message{};
  Packet pkt;
  if (rebuilt) {
    // NetBSD answers in the caller's own header: rtm_index changes only
    // where IFP/IFA were asked for.
    if (netbsd && !asked_if) m.set(Field::index, v.get(Field::index));
    // xnu route_output report, DragonFly _fillrtmsg: the reply is built in
    // the request's own header; rtm_use, rtm_inits and rtm_errno are never
    // rewritten.
    if (darwin || dragonfly)
      for (Field x : {Field::use, Field::inits, Field::err}) m.set(x, v.get(x));
  } else if (renormalised) {
    // 13+ rebuilds the request from its normalised addresses.
    m.set_addr(abi::kDst, sa_of(r.prefix.addr));
    if (r.prefix.host) m.clear_addr(abi::kNetmask);
    std::uint64_t f = r.flags;
    if ((f & fib::rtf::gwflag_compat) != 0) f = (f & ~fib::rtf::gwflag_compat) | fib::rtf::gateway;
    m.set(Field::flags, rtf_to_os(f));
    m.set(Field::index, r.ifindex);
    // rt_getmetrics: the reply's rt_metrics are the route's (weight 1 by
    // default, the nexthop's MTU and index), nothing of the request's.
    for (Field x : {Field::rmx_locks, Field::rmx_hopcount, Field::rmx_recvpipe,
                    Field::rmx_sendpipe, Field::rmx_ssthresh, Field::rmx_rtt, Field::rmx_rttvar,
                    Field::rmx_pksent})
      m.set(x, 0);
    set_metrics(m, r);
  }
  if (rebuilt || renormalised) {
    m.set(Field::pid, so.creds.pid);
    m.set(Field::seq, v.get(Field::seq));
    m.set(Field::flags, m.get(Field::flags) | rtf_to_os(fib::rtf::done));
    if (!((darwin || dragonfly) && rebuilt)) m.set(Field::err, 0);
    pkt = pack(m);
  } else {
    // The message as written, with RTF_DONE (and the interface on FreeBSD
    // 7-12, DragonFly and HP-UX).
    auto bytes = std::make_shared<std::vector<std::byte>>(msg.begin(), msg.end());
    store(*p, *bytes, L.find(Field::pid), so.creds.pid);
    store(*p, *bytes, L.find(Field::flags),
          static_cast<std::int64_t>(
              load(*p, msg.data() + L.find(Field::flags)->off, L.find(Field::flags)->size) |
              rtf_to_os(fib::rtf::done)));
    if (!darwin && !netbsd && (type == t.add || type == t.change))
      store(*p, *bytes, L.find(Field::index), r.ifindex);
    pkt = bytes;
  }
  tag.flags = rtf_to_os(r.flags);
  tag.priority = r.priority;
  if (darwin && rebuilt) tag.family = dst_family;
  deliver(pkt, tag, sid, out, darwin && type == t.get_silent);
  flush_changes(out, true);
  WriteResult wr;
  wr.sender_copy = sender_got_copy();
  return wr;
}

}  // namespace rtsock::kernel
