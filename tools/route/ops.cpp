// route flush, route monitor and route dump.
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "names.hpp"
#include "rtsock/abi/errno.hpp"
#include "rtsock/codec/render.hpp"

namespace rtsock::route {
namespace {

using abi::Field;

bool freebsd_like(Dialect d) { return d == Dialect::freebsd || d == Dialect::freebsd12; }

std::string ctime_text(std::time_t t) {
  char buf[64];
  std::tm tm{};
  localtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y\n", &tm);
  return buf;
}

}  // namespace

int cmd_flush(Session& s, std::span<const std::string> args) {
  const auto& p = s.p();
  int want_af = 0;  // OS family number, 0 all
  std::vector<int> fibs;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a.empty() || a[0] != '-') return finish(usage_exit(s.dialect, a));
    switch (keyword(s.dialect, a.substr(1))) {
      case Kw::k4:
      case Kw::inet:
        want_af = p.af_inet;
        break;
      case Kw::k6:
      case Kw::inet6:
        want_af = p.af_inet6;
        break;
      case Kw::link:
        want_af = p.af_link;
        break;
      case Kw::fib: {
        if (i + 1 >= args.size()) return finish(usage_exit(s.dialect, a));
        auto list = parse_fib_list(args[++i], s.numfibs, 0);
        if (!list)
          return finish(
              exit_with(kExUsage, fmt::format("route: invalid fib number: {}\n", args[i])));
        fibs.insert(fibs.end(), list->begin(), list->end());
        break;
      }
      default:
        return finish(usage_exit(s.dialect, freebsd_like(s.dialect) ? a : a.substr(1)));
    }
  }
  if (!s.rs) return 0;  // -d/-t without a daemon: nothing to examine
  if (fibs.empty()) fibs.push_back(s.opt.table >= 0 ? s.opt.table : 0);
  const IfNames ifs = interface_names(s);
  const auto delete_type = p.type_number("RTM_DELETE").value_or(2);
  const std::uint32_t gateway = bit_of(p.rtf, "GATEWAY"), statik = bit_of(p.rtf, "STATIC"),
                      llinfo = bit_of(p.rtf, "LLINFO"), local = bit_of(p.rtf, "LOCAL"),
                      broadcast = bit_of(p.rtf, "BROADCAST"), host = bit_of(p.rtf, "HOST");
  // -j: one object a line for each route flushed, as route -j add prints
  // (docs/man/route.8, JSON).
  auto emit_json = [&](const codec::Message& m, int fib, int host_errno) {
    nlohmann::ordered_json j;
    j["command"] = args[0];
    j["type"] = (static_cast<std::uint32_t>(m.get(Field::flags)) & host) ? "host" : "net";
    if (const auto* dst = m.addr(abi::kDst)) {
      const auto* mask = m.addr(abi::kNetmask);
      const auto plen = mask ? codec::prefix_length(*mask) : std::nullopt;
      j["destination"] = (m.get(Field::flags) & host) || !mask ? numeric(*dst, ifs)
                         : plen ? fmt::format("{}/{}", numeric(*dst, ifs), *plen)
                                : netname_bits(*dst, mask, ifs);
    }
    if (const auto* gw = m.addr(abi::kGateway))
      j["gateway"] = gw->kind == codec::SaKind::inet4 || gw->kind == codec::SaKind::inet6
                         ? numeric(*gw, ifs)
                         : codec::route_name(p, *gw);
    if (freebsd_like(s.dialect)) j["fib"] = fib;
    if (s.dialect == Dialect::openbsd) j["rtable"] = fib;
    j["result"] = host_errno == 0 ? "ok" : "error";
    if (host_errno != 0) {
      j["errno"] = abi::os_errno(p, host_errno);
      j["error"] = std::string(os_strerror(s.dialect, host_errno));
    }
    std::fputs((j.dump() + "\n").c_str(), stdout);
  };
  for (const int fib : fibs) {
    std::optional<int> fib_arg;
    if (freebsd_like(s.dialect) || s.dialect == Dialect::openbsd) fib_arg = fib;
    if (freebsd_like(s.dialect) && s.numfibs > 1) {
      if (auto r = s.rs->set_fib(static_cast<std::uint32_t>(fib)); !r) {
        std::fprintf(stderr, "route: fib number %d is ignored: %s\n", fib,
                     std::string(os_strerror(s.dialect, r.error().code().value())).c_str());
        continue;
      }
    }
    auto dump = s.rs->fetch_rib_messages(0, client::net_rt::dump, 0, fib_arg);
    if (!dump)
      return finish(exit_with(
          kExOsErr, fmt::format("route: route-sysctl-get: {}\n", dump.error().message())));
    if (s.opt.verbose && !s.opt.json) std::fputs("Examining routing table from sysctl\n", stdout);
    int seqno = 0;
    for (const auto& r : dump->view()) {
      if (!r) break;
      auto m = r->to_message();
      if (s.opt.verbose && !s.opt.json) std::fputs(codec::monitor_text(p, m).c_str(), stdout);
      const auto flags = static_cast<std::uint32_t>(m.get(Field::flags));
      bool doomed;
      switch (s.dialect) {
        case Dialect::openbsd:
          doomed = (flags & (gateway | statik | llinfo)) != 0 && (flags & (local | broadcast)) == 0;
          break;
        case Dialect::netbsd:
          doomed = (flags & (gateway | statik)) != 0 || args[0] == "flushall";
          break;
        default:
          doomed = (flags & gateway) != 0;
      }
      if (!doomed) continue;
      const auto* dst = m.addr(abi::kDst);
      if (want_af != 0) {
        const int fam = dst == nullptr                      ? 0
                        : dst->kind == codec::SaKind::inet4 ? p.af_inet
                        : dst->kind == codec::SaKind::inet6 ? p.af_inet6
                                                            : p.af_link;
        if (fam != want_af) continue;
      }
      if (s.opt.debug_only) continue;
      m.type = delete_type;
      m.set(Field::seq, seqno);
      if (!s.opt.test_only) {
        auto reply = s.rs->request_reply(m);
        if (!reply) {
          std::fprintf(stderr, "route: write to routing socket: %s\n",
                       reply.error().message().c_str());
          return 1;
        }
        if (reply->host_errno != 0 && s.dialect == Dialect::netbsd) {
          // NetBSD's flushroutes() stops at the first refused write:
          // warnx("writing to routing socket: %s", route_strerror()), return 1
          // (an unprivileged flush ends here with the kernel's EACCES).
          if (s.opt.json) {
            emit_json(m, fib, reply->host_errno);
            return 1;
          }
          std::fflush(stdout);
          const int e = reply->host_errno;
          std::fprintf(stderr, "route: writing to routing socket: %s\n",
                       e == ESRCH     ? "not in table"
                       : e == EBUSY   ? "entry in use"
                       : e == ENOBUFS ? "routing table overflow"
                                      : std::string(os_strerror(s.dialect, e)).c_str());
          return 1;
        }
        if (reply->host_errno == EPERM) {
          std::fflush(stdout);
          std::fprintf(stderr, "route: write to routing socket: %s\n",
                       std::string(os_strerror(s.dialect, EPERM)).c_str());
          return 1;
        }
        if (reply->host_errno != 0) {
          if (s.opt.json) {
            emit_json(m, fib, reply->host_errno);
            continue;
          }
          std::fflush(stdout);
          std::fprintf(stderr, "route: write to routing socket: %s\n",
                       std::string(os_strerror(s.dialect, reply->host_errno)).c_str());
          continue;
        }
      }
      ++seqno;
      if (s.opt.json) {
        emit_json(m, fib, 0);
        continue;
      }
      if (s.opt.quiet) continue;
      if (s.opt.verbose) {
        std::fputs(codec::monitor_text(p, m).c_str(), stdout);
        continue;
      }
      std::string d, g;
      const auto* mask = m.addr(abi::kNetmask);
      if (dst) {
        if (s.dialect == Dialect::openbsd || s.dialect == Dialect::netbsd)
          d = (flags & host) || !mask ? numeric(*dst, ifs) : netname_bits(*dst, mask, ifs);
        else
          d = (flags & host) ? s.name(*dst) : netname_short(s, *dst, ifs);
      }
      if (const auto* gw = m.addr(abi::kGateway)) g = s.name(*gw);
      std::string line;
      if (s.dialect == Dialect::openbsd && s.opt.numeric)
        line = fmt::format("{:<20} {:<20} ", d, g);
      else
        line = fmt::format("{:<20.20} {:<20.20} ", d, g);
      if (freebsd_like(s.dialect)) line += fmt::format("-fib {:<3} ", fib);
      std::fputs((line + "done\n").c_str(), stdout);
    }
  }
  return 0;
}

int cmd_monitor(Session& s, std::span<const std::string> args) {
  const auto& p = s.p();
  long count = -1;  // NetBSD -c
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a.empty() || a[0] != '-') return finish(usage_exit(s.dialect, a));
    const auto word = a.substr(1);
    if (freebsd_like(s.dialect) && word == "fib") {
      if (i + 1 >= args.size()) return finish(usage_exit(s.dialect, a));
      const auto list = parse_fib_list(args[++i], s.numfibs, 0);
      if (!list || list->size() != 1 || args[i].find_first_of(",-") != std::string::npos)
        return finish(exit_with(kExUsage, fmt::format("route: invalid fib number: {}\n", args[i])));
      if (s.rs && s.numfibs > 1) {
        if (auto r = s.rs->set_fib(static_cast<std::uint32_t>(list->front())); !r)
          return finish(
              exit_with(kExUsage, fmt::format("route: invalid fib number: {}\n", list->front())));
      }
    } else if (s.dialect == Dialect::openbsd && (word == "inet" || word == "inet6")) {
      if (s.rs) (void)s.rs->set_family(word == "inet" ? p.af_inet : p.af_inet6);
    } else if (s.dialect == Dialect::netbsd && word == "c") {
      if (i + 1 >= args.size()) return finish(usage_exit(s.dialect, word));
      count = std::strtol(args[++i].c_str(), nullptr, 10);
    } else {
      return finish(usage_exit(s.dialect, freebsd_like(s.dialect) ? a : word));
    }
  }
  if (!s.rs) return 0;
  const bool blank_line = !(s.dialect == Dialect::openbsd || s.dialect == Dialect::netbsd);
  for (long n = 0; count < 0 || n < count; ++n) {
    auto ev = s.rs->receive();
    if (!ev) {
      if (ev.error().code().value() == ECONNRESET) return 1;
      std::fprintf(stderr, "route: read: %s\n", ev.error().message().c_str());
      continue;
    }
    if (ev->is_overflow() && !ev->message) {
      std::fprintf(stderr, "route: read: %s\n",
                   std::string(os_strerror(s.dialect, ENOBUFS)).c_str());
      continue;
    }
    if (!ev->message) continue;
    if (s.opt.json) {
      auto j = codec::message_json(p, *ev->message);
      std::fputs((j.dump() + "\n").c_str(), stdout);
    } else {
      std::string o = blank_line ? "\n" : "";
      o += fmt::format("got message of size {} on {}", ev->bytes.size(),
                       ctime_text(std::time(nullptr)));
      o += codec::monitor_text(p, *ev->message);
      std::fputs(o.c_str(), stdout);
    }
    std::fflush(stdout);
  }
  return 0;
}

// route dump [--raw] [-4|-6] [--iflist]: a sysctl dump from rtsockd.
int cmd_dump(Session& s, std::span<const std::string> args) {
  bool raw = false, iflist = false;
  int family = s.opt.family;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--raw")
      raw = true;
    else if (a == "--iflist")
      iflist = true;
    else if (a == "-4")
      family = 4;
    else if (a == "-6")
      family = 6;
    else
      return finish(
          exit_with(kExUsage, fmt::format("route: dump: unknown argument {}\n"
                                          "usage: route dump [--raw] [-4|-6] [--iflist]\n",
                                          a)));
  }
  if (!s.rs) return finish(exit_with(1, "route: dump needs rtsockd\n"));
  const auto& p = s.p();
  const int af = family == 4 ? p.af_inet : family == 6 ? p.af_inet6 : 0;
  const int op = iflist ? client::net_rt::iflist_of(p) : client::net_rt::dump;
  std::optional<int> table;
  if (s.opt.table >= 0) table = s.opt.table;
  auto dump = s.rs->fetch_rib_messages(af, op, 0, table);
  if (!dump)
    return finish(exit_with(kExOsErr, fmt::format("route: sysctl: {}\n", dump.error().message())));
  if (raw) {
    const auto b = dump->bytes();
    std::fwrite(b.data(), 1, b.size(), stdout);
    return 0;
  }
  int status = 0;
  for (const auto& r : dump->view()) {
    if (!r) {
      std::fprintf(stderr, "route: dump: %s\n", r.error().message().c_str());
      status = 1;
      break;
    }
    const auto m = r->to_message();
    if (s.opt.json)
      std::fputs((codec::message_json(p, m).dump() + "\n").c_str(), stdout);
    else
      std::fputs(codec::monitor_text(p, m).c_str(), stdout);
  }
  return status;
}

}  // namespace rtsock::route
