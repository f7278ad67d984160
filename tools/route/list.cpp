// route list (and OpenBSD/NetBSD `route show`): the table as the
// personality's `netstat -rn` prints it, from a NET_RT_DUMP.
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "names.hpp"
#include "rtsock/codec/render.hpp"

namespace rtsock::route {
namespace {

using abi::Field;
using json = nlohmann::ordered_json;

struct Letter {
  std::string_view flag;  // RTF_ name in the profile
  char letter;
};

// netstat's bits[] per OS, in its order.
std::vector<Letter> letters(Dialect d) {
  switch (d) {
    case Dialect::openbsd:
      return {{"UP", 'U'},        {"GATEWAY", 'G'},  {"HOST", 'H'},      {"REJECT", 'R'},
              {"DYNAMIC", 'D'},   {"MODIFIED", 'M'}, {"CLONING", 'C'},   {"MULTICAST", 'm'},
              {"LLINFO", 'L'},    {"STATIC", 'S'},   {"BLACKHOLE", 'B'}, {"PROTO3", '3'},
              {"PROTO2", '2'},    {"PROTO1", '1'},   {"CLONED", 'c'},    {"CACHED", 'h'},
              {"MPATH", 'P'},     {"MPLS", 'T'},     {"LOCAL", 'l'},     {"BFD", 'F'},
              {"BROADCAST", 'b'}, {"CONNECTED", 'n'}};
    case Dialect::netbsd:
      return {{"UP", 'U'},        {"GATEWAY", 'G'},   {"HOST", 'H'},     {"REJECT", 'R'},
              {"BLACKHOLE", 'B'}, {"DYNAMIC", 'D'},   {"MODIFIED", 'M'}, {"DONE", 'd'},
              {"MASK", 'm'},      {"CONNECTED", 'C'}, {"LLINFO", 'L'},   {"STATIC", 'S'},
              {"PROTO1", '1'},    {"PROTO2", '2'},    {"ANNOUNCE", 'p'}, {"LOCAL", 'l'},
              {"BROADCAST", 'b'}};
    case Dialect::darwin:
      return {{"UP", 'U'},      {"GATEWAY", 'G'},   {"HOST", 'H'},      {"REJECT", 'R'},
              {"DYNAMIC", 'D'}, {"MODIFIED", 'M'},  {"MULTICAST", 'm'}, {"DONE", 'd'},
              {"CLONING", 'C'}, {"XRESOLVE", 'X'},  {"LLINFO", 'L'},    {"STATIC", 'S'},
              {"PROTO1", '1'},  {"PROTO2", '2'},    {"WASCLONED", 'W'}, {"PRCLONING", 'c'},
              {"PROTO3", '3'},  {"BLACKHOLE", 'B'}, {"BROADCAST", 'b'}, {"IFSCOPE", 'I'},
              {"IFREF", 'i'},   {"PROXY", 'Y'},     {"ROUTER", 'r'},    {"GLOBAL", 'g'}};
    case Dialect::dragonfly:
      return {{"UP", 'U'},        {"GATEWAY", 'G'},   {"HOST", 'H'},      {"REJECT", 'R'},
              {"DYNAMIC", 'D'},   {"MODIFIED", 'M'},  {"DONE", 'd'},      {"CLONING", 'C'},
              {"XRESOLVE", 'X'},  {"LLINFO", 'L'},    {"STATIC", 'S'},    {"PROTO1", '1'},
              {"PROTO2", '2'},    {"WASCLONED", 'W'}, {"PRCLONING", 'c'}, {"PROTO3", '3'},
              {"BLACKHOLE", 'B'}, {"BROADCAST", 'b'}, {"MPLSOPS", 'm'}};
    default:
      return {{"UP", 'U'},        {"GATEWAY", 'G'},  {"HOST", 'H'},   {"REJECT", 'R'},
              {"DYNAMIC", 'D'},   {"MODIFIED", 'M'}, {"DONE", 'd'},   {"XRESOLVE", 'X'},
              {"STATIC", 'S'},    {"PROTO1", '1'},   {"PROTO2", '2'}, {"PROTO3", '3'},
              {"BLACKHOLE", 'B'}, {"BROADCAST", 'b'}};
  }
}

std::string flag_letters(const Session& s, std::uint32_t flags) {
  std::string o;
  for (const auto& l : letters(s.dialect)) {
    const auto b = bit_of(s.p().rtf, l.flag);
    if (b != 0 && (flags & b)) o += l.letter;
  }
  return o;
}

// A gateway as netstat prints it.
std::string gateway_text(const Session& s, const codec::Sockaddr& gw, const IfNames& ifs) {
  if (gw.kind == codec::SaKind::link) {
    const bool empty = gw.link_name().empty() && gw.link_addr().empty();
    if (empty) return fmt::format("link#{}", gw.link_index);
    if (s.dialect == Dialect::darwin) {
      std::string o;
      for (auto b : gw.link_addr()) o += fmt::format("{}{:x}", o.empty() ? "" : ":", b);
      return o.empty() ? std::string(gw.link_name()) : o;
    }
    if (gw.link_addr().empty()) return std::string(gw.link_name());
    return codec::lladdr_string(gw);
  }
  if (gw.kind == codec::SaKind::inet4 || gw.kind == codec::SaKind::inet6) return numeric(gw, ifs);
  return codec::route_name(s.p(), gw);
}

struct Row {
  std::string dst, gw, flags, ifname;
  std::int64_t expire = 0;  // seconds left, 0: none
  std::int64_t refs = 0, use = 0, mtu = 0, prio = 0, weight = 0;
  bool mtu_locked = false;
  int family = 0;  // 4 or 6
};

// p_rtentry()'s column printer for the dialect.
std::string row_text(const Session& s, const Row& r) {
  const bool v6 = r.family == 6;
  std::string o;
  switch (s.dialect) {
    case Dialect::openbsd: {
      const int wd = v6 ? 43 : 18, wg = v6 ? 39 : 18;
      o += fmt::format("{:<{}} {:<{}} {:<6.6} {:5} {:8} ", r.dst, wd, r.gw, wg, r.flags, r.refs,
                       r.use);
      o += r.mtu ? fmt::format("{:5} ", r.mtu) : fmt::format("{:>5} ", "-");
      o += r.mtu_locked ? 'L' : ' ';
      o += fmt::format("  {:2} {:<5.16}\n", r.prio, r.ifname);
      return o;
    }
    case Dialect::netbsd: {
      const int wd = v6 && s.opt.numeric ? 39 : 18, wg = v6 && s.opt.numeric ? 30 : 18;
      o +=
          fmt::format("{:<{}} {:<{}} {:<6.6} {:>6} {:>8} ", r.dst, wd, r.gw, wg, r.flags, "-", "-");
      o += r.mtu ? fmt::format("{:6}", r.mtu) : fmt::format("{:>6}", "-");
      o += r.mtu_locked ? 'L' : ' ';
      o += fmt::format(" {:.16}\n", r.ifname);
      return o;
    }
    case Dialect::darwin: {
      const int wd = v6 && s.opt.numeric ? 39 : 18, wg = v6 && s.opt.numeric ? 31 : 18;
      o += fmt::format("{:<{}} {:<{}} {:<10.10} {:6} {:8} {:>6.6}", r.dst, wd, r.gw, wg, r.flags,
                       r.refs, r.use, r.ifname);
      if (r.expire > 0) o += fmt::format(" {:6}", r.expire);
      return o + "\n";
    }
    default: {
      const int wd = v6 && s.opt.numeric ? 33 : 18, wg = v6 && s.opt.numeric ? 29 : 18;
      std::string dst = s.opt.numeric ? r.dst : r.dst.substr(0, static_cast<std::size_t>(wd));
      const int over = std::max(0, static_cast<int>(dst.size()) - wd);
      const int gwidth = std::max(0, wg - over);
      std::string gw = s.opt.numeric ? r.gw : r.gw.substr(0, static_cast<std::size_t>(gwidth));
      const int over2 = std::max(0, static_cast<int>(gw.size()) - gwidth);
      o += fmt::format("{:<{}} {:<{}} {:<{}} {:>8.8}", dst, wd, gw, gwidth, r.flags,
                       std::max(0, 6 - over2), r.ifname);
      if (r.expire > 0) o += fmt::format(" {:6}", r.expire);
      return o + "\n";
    }
  }
}

std::string header_text(const Session& s, int family) {
  const bool v6 = family == 6;
  switch (s.dialect) {
    case Dialect::openbsd:
      return fmt::format("{:<{}.{}} {:<{}.{}} {:<6.6} {:>5.5} {:>8.8} {:>5.5}  {:>4.4} {}\n",
                         "Destination", v6 ? 43 : 18, v6 ? 43 : 18, "Gateway", v6 ? 39 : 18,
                         v6 ? 39 : 18, "Flags", "Refs", "Use", "Mtu", "Prio", "Iface");
    case Dialect::netbsd: {
      const int wd = v6 && s.opt.numeric ? 39 : 18, wg = v6 && s.opt.numeric ? 30 : 18;
      return fmt::format("{:<{}.{}} {:<{}.{}} {:<6.6} {:>6.6} {:>8.8} {:>6.6} {}\n", "Destination",
                         wd, wd, "Gateway", wg, wg, "Flags", "Refs", "Use", "Mtu", "Interface");
    }
    case Dialect::darwin: {
      const int wd = v6 && s.opt.numeric ? 39 : 18, wg = v6 && s.opt.numeric ? 31 : 18;
      return fmt::format("{:<{}.{}} {:<{}.{}} {:<10.10} {:>6.6} {:>8.8} {:>6.6} {}\n",
                         "Destination", wd, wd, "Gateway", wg, wg, "Flags", "Refs", "Use", "Netif",
                         "Expire");
    }
    default: {
      const int wd = v6 && s.opt.numeric ? 33 : 18, wg = v6 && s.opt.numeric ? 29 : 18;
      return fmt::format("{:<{}.{}} {:<{}.{}} {:<6.6} {:>8.8} {:>6}\n", "Destination", wd, wd,
                         "Gateway", wg, wg, "Flags", "Netif", "Expire");
    }
  }
}

}  // namespace

int cmd_list(Session& s, std::span<const std::string> args) {
  int family = s.opt.family;
  bool same_family_gateway = false;  // OpenBSD show -gateway (show.c Fflag)
  const bool freebsd = s.dialect == Dialect::freebsd || s.dialect == Dialect::freebsd12;
  std::optional<int> table;  // OpenBSD -T, FreeBSD -fib (netstat -F)
  if (s.opt.table >= 0) table = s.opt.table;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "-fib" && freebsd) {
      if (i + 1 >= args.size()) return finish(usage_exit(s.dialect, a));
      const auto list = parse_fib_list(args[++i], s.numfibs, 0);
      if (!list || list->size() != 1 || args[i].find_first_of(",-") != std::string::npos)
        return finish(exit_with(kExUsage, fmt::format("route: invalid fib number: {}\n", args[i])));
      table = list->front();
    } else if (a == "-4" || a == "-inet")
      family = 4;
    else if (a == "-6" || a == "-inet6")
      family = 6;
    else if (a == "-gateway" && s.dialect == Dialect::openbsd)
      same_family_gateway = true;
    else
      return finish(usage_exit(s.dialect, std::string_view(a).substr(a[0] == '-' ? 1 : 0)));
  }
  if (!s.rs) return finish(exit_with(1, "route: list needs rtsockd\n"));
  const int af = family == 4 ? s.p().af_inet : family == 6 ? s.p().af_inet6 : 0;
  auto dump = s.rs->fetch_rib_messages(af, client::net_rt::dump, 0, table);
  if (!dump)
    return finish(exit_with(kExOsErr, fmt::format("route: sysctl: {}\n", dump.error().message())));
  const IfNames ifs = interface_names(s);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));

  std::vector<Row> rows;
  for (const auto& r : dump->view()) {
    if (!r) return finish(exit_with(1, fmt::format("route: {}\n", r.error().message())));
    const auto m = r->to_message();
    const auto* dst = m.addr(abi::kDst);
    if (dst == nullptr || (dst->kind != codec::SaKind::inet4 && dst->kind != codec::SaKind::inet6))
      continue;
    if (same_family_gateway) {
      // Only routes whose gateway is an address of the destination's family.
      const auto* gw = m.addr(abi::kGateway);
      if (gw == nullptr || gw->kind != dst->kind) continue;
    }
    const auto* mask = m.addr(abi::kNetmask);
    const auto flags = static_cast<std::uint32_t>(m.get(Field::flags));
    Row row;
    row.family = dst->kind == codec::SaKind::inet6 ? 6 : 4;
    const bool host = (flags & bit_of(s.p().rtf, "HOST")) != 0 || mask == nullptr;
    if (s.dialect == Dialect::openbsd || s.dialect == Dialect::netbsd)
      row.dst = host ? (s.dialect == Dialect::netbsd && codec::ip_string(*dst) == "0.0.0.0"
                            ? "default"
                            : numeric(*dst, ifs))
                     : netname_bits(*dst, mask, ifs);
    else
      row.dst =
          (flags & bit_of(s.p().rtf, "HOST")) ? numeric(*dst, ifs) : netname_full(*dst, mask, ifs);
    if (const auto* gw = m.addr(abi::kGateway)) row.gw = gateway_text(s, *gw, ifs);
    row.flags = flag_letters(s, flags);
    const auto idx = static_cast<std::uint32_t>(m.get(Field::index));
    if (const auto* ifp = m.addr(abi::kIfp);
        ifp && ifp->kind == codec::SaKind::link && !ifp->link_name().empty())
      row.ifname = std::string(ifp->link_name());
    else if (auto it = ifs.find(idx); it != ifs.end())
      row.ifname = it->second;
    else
      row.ifname = "---";
    const auto exp = m.get(Field::rmx_expire);
    row.expire = exp > 0 ? exp - now : 0;
    row.refs = m.get(Field::rmx_refcnt) != 0 ? m.get(Field::rmx_refcnt) : m.get(Field::refcnt);
    row.use = m.get(Field::rmx_pksent) != 0 ? m.get(Field::rmx_pksent) : m.get(Field::use);
    row.mtu = m.get(Field::rmx_mtu);
    row.mtu_locked = (m.get(Field::rmx_locks) & bit_of(s.p().rtv, "MTU")) != 0;
    row.prio = m.get(Field::priority);
    row.weight = m.get(Field::rmx_weight);
    rows.push_back(std::move(row));
  }

  if (s.opt.json) {
    // FreeBSD's `netstat -rn --libxo json` structure.
    json fams = json::array();
    int cur = 0;
    for (const auto& r : rows) {
      if (r.family != cur) {
        cur = r.family;
        json f;
        f["address-family"] = cur == 6 ? "Internet6" : "Internet";
        f["rt-entry"] = json::array();
        fams.push_back(f);
      }
      json e;
      e["destination"] = r.dst;
      e["gateway"] = r.gw;
      e["flags"] = r.flags;
      e["interface-name"] = r.ifname;
      // FreeBSD 13+ reports each path's weight (ROUTE_MPATH).
      if (s.dialect == Dialect::freebsd) e["weight"] = r.weight;
      if (r.expire > 0) e["expire-time"] = r.expire;
      fams.back()["rt-entry"].push_back(e);
    }
    json top;
    top["statistics"]["route-information"]["route-table"]["rt-family"] = fams;
    std::fputs((top.dump() + "\n").c_str(), stdout);
    return 0;
  }

  std::string o = "Routing tables";
  if (table && *table > 0 && freebsd) o += fmt::format(" (fib: {})", *table);
  o += "\n";
  int cur = 0;
  for (const auto& r : rows) {
    if (r.family != cur) {
      cur = r.family;
      o += fmt::format("\n{}:\n", cur == 6 ? "Internet6" : "Internet");
      o += header_text(s, cur);
    }
    o += row_text(s, r);
  }
  std::fputs(o.c_str(), stdout);
  return 0;
}

}  // namespace rtsock::route
