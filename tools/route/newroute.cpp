// route add|delete|change|get: newroute(), rtmsg() and print_getmsg().
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "rtsock/abi/errno.hpp"
#include "rtsock/codec/render.hpp"
#include "session.hpp"

namespace rtsock::route {
namespace {

using abi::Field;
using json = nlohmann::ordered_json;

// The outcome of rtmsg() for one FIB.
struct Attempt {
  int fib = 0;
  int error = 0;  // host errno; 0 on success
  bool sent = false;
  std::optional<codec::Message> reply;
};

bool has_name(const codec::Sockaddr* sa) {
  return sa != nullptr && sa->kind == codec::SaKind::link && !sa->link_name().empty();
}

// OpenBSD's rtm_priority names (RTP_*).
std::string_view priority_name(std::int64_t prio) {
  switch (prio) {
    case 0:
      return "none";
    case 1:
      return "local";
    case 4:
      return "connected";
    case 8:
      return "static";
    case 32:
      return "ospf";
    case 36:
      return "is-is";
    case 40:
      return "rip";
    case 48:
      return "bgp";
    case 56:
      return "default";
    default:
      return "";
  }
}

// print_getmsg()'s metrics block for the dialect.
void metrics_block(const Session& s, const codec::Message& r, std::string& o) {
  const auto& p = s.p();
  const auto locks = static_cast<std::uint32_t>(r.get(Field::rmx_locks));
  auto lock = [&](std::string_view rtv) { return (locks & bit_of(p.rtv, rtv)) ? 'L' : ' '; };
  auto msec = [](std::int64_t u) { return (u + 500) / 1000; };
  const std::int64_t exp = r.get(Field::rmx_expire);
  const std::int64_t left = exp > 0 ? exp - std::time(nullptr) : exp;
  switch (s.dialect) {
    case Dialect::freebsd:
    case Dialect::freebsd12:
      o += fmt::format("\n{:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9}\n", "recvpipe", "sendpipe",
                       "ssthresh", "rtt,msec", "mtu   ", "weight", "expire");
      o += fmt::format("{:8}{} ", r.get(Field::rmx_recvpipe), lock("RPIPE"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_sendpipe), lock("SPIPE"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_ssthresh), lock("SSTHRESH"));
      o += fmt::format("{:8}{} ", msec(r.get(Field::rmx_rtt)), lock("RTT"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_mtu), lock("MTU"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_weight), lock("WEIGHT"));
      o += fmt::format("{:8}{}\n", left, lock("EXPIRE"));
      return;
    case Dialect::openbsd:
      o += fmt::format("\n{}\n", "     use       mtu    expire");
      o += fmt::format("{:8}  ", r.get(Field::use));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_mtu), lock("MTU"));
      o += fmt::format("{:8}{}\n", left, lock("EXPIRE"));
      return;
    default: {
      const bool df = s.dialect == Dialect::dragonfly;
      o += "\n recvpipe  sendpipe  ssthresh  rtt,msec    rttvar  hopcount      mtu     expire";
      o += df ? "  msl,msec iwmax iw\n" : "\n";
      o += fmt::format("{:8}{} ", r.get(Field::rmx_recvpipe), lock("RPIPE"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_sendpipe), lock("SPIPE"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_ssthresh), lock("SSTHRESH"));
      o += fmt::format("{:8}{} ", msec(r.get(Field::rmx_rtt)), lock("RTT"));
      o += fmt::format("{:8}{} ", msec(r.get(Field::rmx_rttvar)), lock("RTTVAR"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_hopcount), lock("HOPCOUNT"));
      o += fmt::format("{:8}{} ", r.get(Field::rmx_mtu), lock("MTU"));
      if (df) {
        o += fmt::format("{:8}{} ", left, lock("EXPIRE"));
        o += fmt::format("{:8} {:5} {:3}\n", msec(r.get(Field::rmx_msl)),
                         r.get(Field::rmx_iwmaxsegs), r.get(Field::rmx_iwcapsegs));
      } else {
        o += fmt::format("{:8}{}\n", left, lock("EXPIRE"));
      }
      return;
    }
  }
}

// pmsg_common(): "\nlocks: <..> inits: <..>" and the address list.
void pmsg_common(const Session& s, const codec::Message& r, std::string& o) {
  const auto& p = s.p();
  o += "\nlocks: ";
  o += codec::route8_bits(p, codec::Route8Bits::metrics,
                          static_cast<std::uint32_t>(r.get(Field::rmx_locks)));
  o += " inits: ";
  o += codec::route8_bits(p, codec::Route8Bits::metrics,
                          static_cast<std::uint32_t>(r.get(Field::inits)));
  if (r.present == 0) {
    o += '\n';
    return;
  }
  o += "\nsockaddrs: ";
  o += codec::route8_bits(p, codec::Route8Bits::addrs, r.present);
  o += '\n';
  for (int i = 0; i < abi::kMaxSlots; ++i)
    if (const auto* sa = r.addr(i)) o += " " + codec::route_name(p, *sa);
  o += '\n';
}

// print_getmsg(): the answer of `route get` as route(8) prints it.
std::string getmsg_text(const Session& s, const Request& rq, const codec::Message& r, int fib) {
  const auto& p = s.p();
  std::string o;
  o += fmt::format("   route to: {}\n", s.name(*rq.msg.addr(abi::kDst)));
  const codec::Sockaddr* ifp = r.addr(abi::kIfp);
  if (!has_name(ifp)) ifp = nullptr;
  const auto flags = static_cast<std::uint32_t>(r.get(Field::flags));
  if (const auto* d = r.addr(abi::kDst)) o += fmt::format("destination: {}\n", s.name(*d));
  if (const auto* m = r.addr(abi::kNetmask)) {
    // OpenBSD, NetBSD and macOS force -n for the mask.
    const bool forced = s.dialect == Dialect::openbsd || s.dialect == Dialect::netbsd ||
                        s.dialect == Dialect::darwin;
    // NetBSD's routename() calls an empty sockaddr (the kernel's /0 mask) "default".
    const bool empty = m->kind == codec::SaKind::empty || m->wire_len == 0 ||
                       codec::prefix_length(*m) == 0;
    o += fmt::format("       mask: {}\n", s.dialect == Dialect::netbsd && empty ? "default"
                                          : forced ? codec::route_name(p, *m)
                                                   : s.name(*m));
  }
  if (const auto* g = r.addr(abi::kGateway); g && (flags & bit_of(p.rtf, "GATEWAY")))
    o += fmt::format("    gateway: {}\n", s.name(*g));
  if (s.dialect == Dialect::freebsd || s.dialect == Dialect::freebsd12)
    o += fmt::format("        fib: {}\n", fib);
  if (s.dialect == Dialect::netbsd)
    if (const auto* a = r.addr(abi::kIfa)) o += fmt::format(" local addr: {}\n", s.name(*a));
  if (ifp) o += fmt::format("  interface: {}\n", ifp->link_name());
  if (s.dialect == Dialect::openbsd) {
    if (const auto* a = r.addr(abi::kIfa); ifp && a)
      o += fmt::format(" if address: {}\n", s.name(*a));
    const auto prio = r.get(Field::priority);
    o += fmt::format("   priority: {} ({})\n", prio, priority_name(prio));
  }
  o += "      flags: ";
  if (s.dialect == Dialect::netbsd) o += fmt::format("0x{:x}", flags);
  o += codec::route8_bits(p, codec::Route8Bits::route_flags, flags);
  metrics_block(s, r, o);
  const std::uint32_t ign = (1u << abi::kDst) | (1u << abi::kGateway) | (1u << abi::kNetmask) |
                            (1u << abi::kIfp) | (1u << abi::kIfa) | (1u << abi::kBrd);
  if (s.opt.verbose) {
    pmsg_common(s, r, o);
  } else if (r.present & ~ign) {
    o += "sockaddrs: ";
    o += codec::route8_bits(p, codec::Route8Bits::addrs, r.present);
    o += '\n';
  }
  return o;
}

json getmsg_json(const Session& s, const Request& rq, const codec::Message& r, int fib) {
  const auto& p = s.p();
  json j;
  j["route-to"] = s.name(*rq.msg.addr(abi::kDst));
  if (const auto* d = r.addr(abi::kDst)) j["destination"] = s.name(*d);
  if (const auto* m = r.addr(abi::kNetmask)) j["mask"] = s.name(*m);
  const auto flags = static_cast<std::uint32_t>(r.get(Field::flags));
  if (const auto* g = r.addr(abi::kGateway); g && (flags & bit_of(p.rtf, "GATEWAY")))
    j["gateway"] = s.name(*g);
  j["fib"] = fib;
  if (const auto* ifp = r.addr(abi::kIfp); has_name(ifp))
    j["interface"] = std::string(ifp->link_name());
  if (const auto* a = r.addr(abi::kIfa)) j["if-address"] = s.name(*a);
  if (p.layout(abi::HdrKind::route).has(Field::priority)) j["priority"] = r.get(Field::priority);
  json fl = json::array();
  for (int b = 0; b < 32; ++b)
    if (flags & (1u << b))
      fl.push_back(p.rtf[static_cast<std::size_t>(b)].empty()
                       ? fmt::format("0x{:x}", 1u << b)
                       : std::string(p.rtf[static_cast<std::size_t>(b)]));
  j["flags"] = fl;
  json m;
  const auto& lay = p.layout(abi::HdrKind::route);
  for (Field f : {Field::rmx_recvpipe, Field::rmx_sendpipe, Field::rmx_ssthresh, Field::rmx_rtt,
                  Field::rmx_rttvar, Field::rmx_hopcount, Field::rmx_mtu, Field::rmx_weight,
                  Field::rmx_expire})
    if (lay.has(f)) m[std::string(abi::field_name(f)).substr(4)] = r.get(f);
  j["metrics"] = m;
  j["locks"] = r.get(Field::rmx_locks);
  return j;
}

// newroute()'s error text for a failed change.
std::string_view change_error(Dialect d, int e) {
  const bool fb = d == Dialect::freebsd || d == Dialect::freebsd12;
  switch (e) {
    case ESRCH:
      return "not in table";
    case EBUSY:
      return "entry in use";
    case ENOBUFS:
      return fb ? "not enough memory" : "routing table overflow";
    case EADDRINUSE:
      if (fb) return "gateway uses the same route";
      break;
    case EEXIST:
      if (fb) return "route already in table";
      break;
  }
  return os_strerror(d, e);
}

// What rtmsg() prints when write() fails.
void write_failure(const Session& s, int e) {
  switch (s.dialect) {
    case Dialect::freebsd:
    case Dialect::freebsd12:
      if (e == ESRCH)
        std::fputs("route: route has not been found\n", stderr);
      else if (e != EEXIST)
        std::fprintf(stderr, "route: writing to routing socket: %s\n",
                     std::string(os_strerror(s.dialect, e)).c_str());
      return;
    case Dialect::openbsd:
      return;  // the status line says it all
    case Dialect::darwin:
    case Dialect::netbsd:
      std::fprintf(stderr, "route: writing to routing socket: %s\n",
                   std::string(change_error(s.dialect, e)).c_str());
      return;
    default:
      std::fprintf(stderr, "route: writing to routing socket: %s\n",
                   std::string(os_strerror(s.dialect, e)).c_str());
  }
}

}  // namespace

int cmd_newroute(Session& s, std::span<const std::string> args) {
  auto parsed = parse_route(s.opt, s.env(), args);
  if (!parsed) return finish(parsed.error());
  Request& rq = *parsed;
  const bool fb = s.dialect == Dialect::freebsd || s.dialect == Dialect::freebsd12;
  const bool get = rq.verb == Verb::get;

  std::vector<Attempt> attempts;
  static int seq = 0;
  for (const int fib : rq.fibs) {
    Attempt at;
    at.fib = fib;
    if (fb && s.rs && s.numfibs > 1 && !s.opt.debug_only) {
      if (auto r = s.rs->set_fib(static_cast<std::uint32_t>(fib)); !r) {
        std::fflush(stdout);
        std::fprintf(stderr, "route: fib number %d is ignored: %s\n", fib,
                     std::string(os_strerror(s.dialect, r.error().code().value())).c_str());
        at.error = r.error().code().value();
        attempts.push_back(at);
        continue;
      }
    }
    codec::Message m = rq.msg;
    m.set(Field::seq, ++seq);
    if (s.opt.verbose) {
      // sodump() of each address, then print_rtmsg().
      static constexpr const char* kSlotNames[] = {"RTA_DST",     "RTA_GATEWAY", "RTA_NETMASK",
                                                   "RTA_GENMASK", "RTA_IFP",     "RTA_IFA"};
      std::string o;
      for (int slot = 0; slot < 6; ++slot) {
        const auto* sa = m.addr(slot);
        if (sa == nullptr) continue;
        if (sa->kind == codec::SaKind::inet4 || sa->kind == codec::SaKind::inet6)
          o += fmt::format("{}: {} {}; ", kSlotNames[slot],
                           sa->kind == codec::SaKind::inet6 ? "inet6" : "inet",
                           codec::ip_string(*sa));
        else if (sa->kind == codec::SaKind::link)
          o += fmt::format("{}: link {}; ", kSlotNames[slot],
                           sa->link_name().empty() && sa->link_addr().empty()
                               ? std::string()
                               : codec::route_name(s.p(), *sa));
      }
      std::fputs((o + codec::monitor_text(s.p(), m)).c_str(), stdout);
    }
    if (s.opt.debug_only || s.opt.test_only || !s.rs) {
      attempts.push_back(at);
      continue;
    }
    auto reply = s.rs->request_reply(m);
    if (!reply) {
      std::fflush(stdout);
      std::fprintf(stderr, "route: writing to routing socket: %s\n",
                   reply.error().message().c_str());
      return 1;
    }
    at.sent = true;
    at.error = reply->host_errno;
    if (at.error != 0) {
      std::fflush(stdout);
      write_failure(s, at.error);
      if (fb && at.error == EPERM) return 1;  // err(1, ...)
    }
    at.reply = std::move(reply->message);
    attempts.push_back(std::move(at));
  }

  if (get) {
    int status = 0;
    for (const auto& at : attempts) {
      if (at.error != 0) {
        status -= 1;
        if (s.dialect == Dialect::openbsd && !s.opt.quiet)
          std::printf("%s %s %s: %s\n", rq.word.c_str(), rq.is_host ? "host" : "net",
                      rq.dest.c_str(), std::string(change_error(s.dialect, at.error)).c_str());
        continue;
      }
      if (!at.reply) continue;
      if (s.opt.json) {
        std::fputs((getmsg_json(s, rq, *at.reply, at.fib).dump() + "\n").c_str(), stdout);
        continue;
      }
      const auto& r = *at.reply;
      if (r.get(Field::version) != s.p().rtm_version) {
        std::printf("   route to: %s\n", s.name(*rq.msg.addr(abi::kDst)).c_str());
        std::fflush(stdout);
        std::fprintf(stderr, "route: routing message version %d not understood\n",
                     static_cast<int>(r.get(Field::version)));
        continue;
      }
      std::fputs(getmsg_text(s, rq, r, at.fib).c_str(), stdout);
    }
    return fb ? (status & 0xff) : (status != 0);
  }

  // add, delete, change: one line for the FIBs that worked, one per failure.
  const std::string what = fmt::format("{} {} {}", rq.word, rq.is_host ? "host" : "net", rq.dest);
  const std::string gw = rq.gateway.empty() ? "" : fmt::format(": gateway {}", rq.gateway);
  int status = 0;
  json results = json::array();
  std::string o;
  std::size_t ok = 0;
  for (const auto& at : attempts) ok += at.error == 0;
  if (ok > 0) {
    o += what + gw;
    if (fb && s.numfibs > 1) {
      std::string list;
      for (const auto& at : attempts)
        if (at.error == 0) list += (list.empty() ? "" : ",") + std::to_string(at.fib);
      o += " fib " + list;
    }
    o += '\n';
  }
  for (const auto& at : attempts) {
    if (at.error == 0) continue;
    status = 1;
    o += what + gw;
    if (fb) o += fmt::format(" fib {}", at.fib);
    o += fmt::format(": {}\n", change_error(s.dialect, at.error));
  }
  if (s.opt.json) {
    for (const auto& at : attempts) {
      json j;
      j["command"] = rq.word;
      j["type"] = rq.is_host ? "host" : "net";
      j["destination"] = rq.dest;
      if (!rq.gateway.empty()) j["gateway"] = rq.gateway;
      if (fb) j["fib"] = at.fib;
      j["result"] = at.error == 0 ? "ok" : "error";
      if (at.error != 0) {
        j["errno"] = abi::os_errno(s.p(), at.error);
        j["error"] = std::string(change_error(s.dialect, at.error));
      }
      results.push_back(j);
    }
    for (const auto& j : results) std::fputs((j.dump() + "\n").c_str(), stdout);
  } else if (!s.opt.quiet) {
    std::fputs(o.c_str(), stdout);
  }
  return status;
}

}  // namespace rtsock::route
