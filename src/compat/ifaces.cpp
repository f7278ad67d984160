// Interfaces from NET_RT_IFLIST.
#include "ifaces.hpp"

#include <cerrno>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/parse.hpp"
#include "runtime.hpp"
#include "side.hpp"

namespace rtsock::compat {
namespace {

Bytes bytes_of(std::span<const std::byte> b) { return {b.begin(), b.end()}; }

}  // namespace

Bytes bsd_sockaddr(const codec::Sockaddr& in) {
  codec::Sockaddr sa = in;
  sa.wire_len = sa.wire_family = -1;
  const abi::Profile& p = profile();
  Bytes out(codec::encoded_len(p, sa, false));
  codec::encode_sockaddr(p, sa, false, out);
  return out;
}

int interfaces(std::vector<Iface>& out) {
  out.clear();
  const abi::Profile& p = profile();
  side::Answer a;
  const nlohmann::json req = {{"mib", {4, p.af_route, 0, 0, client::net_rt::iflist_of(p), 0}}};
  if (int e = side::request(proto::Op::sysctl, req, a); e != 0) return e;
  if (a.os_error != 0) return host_errno(a.os_error);
  const auto ifinfo = p.type_number("RTM_IFINFO");
  const auto newaddr = p.type_number("RTM_NEWADDR");
  for (const auto& r : codec::RibView(a.payload, p)) {
    if (!r) continue;
    const codec::MessageView& m = *r;
    if (ifinfo && m.type() == *ifinfo) {
      Iface ifc;
      ifc.index = static_cast<std::uint16_t>(m.get(abi::Field::index));
      ifc.flags = static_cast<std::uint32_t>(m.get(abi::Field::flags));
      ifc.mtu = static_cast<std::uint32_t>(m.get(abi::Field::ifi_mtu));
      ifc.metric = static_cast<std::uint32_t>(m.get(abi::Field::ifi_metric));
      ifc.type = static_cast<std::uint8_t>(m.get(abi::Field::ifi_type));
      const abi::Layout& l = m.layout();
      if (l.data_size != 0 && l.data_off + l.data_size <= m.length())
        ifc.if_data = bytes_of(m.bytes().subspan(l.data_off, l.data_size));
      if (m.has_addr(abi::kIfp)) {
        ifc.link = bytes_of(m.sockaddr_bytes(abi::kIfp));
        ifc.name = std::string(m.addr(abi::kIfp).link_name());
      }
      out.push_back(std::move(ifc));
    } else if (newaddr && m.type() == *newaddr && !out.empty() && m.has_addr(abi::kIfa)) {
      Iface& ifc = out.back();
      if (m.get(abi::Field::index) != ifc.index) continue;
      // NetBSD lists the interface's own link-level address (if_dl) among
      // its addresses; the RTM_IFINFO above already gave it.
      if (m.addr(abi::kIfa).kind == codec::SaKind::link) continue;
      IfAddr ia;
      ia.a = m.addr(abi::kIfa);
      ia.addr = bytes_of(m.sockaddr_bytes(abi::kIfa));
      ia.family = ia.a.kind == codec::SaKind::inet6 ? p.af_inet6 : p.af_inet;
      ia.addrflags = static_cast<std::uint32_t>(m.get(abi::Field::addrflags));
      if (m.has_addr(abi::kNetmask)) {
        ia.m = m.addr(abi::kNetmask);
        if (ia.m.kind == codec::SaKind::empty) ia.m = codec::Sockaddr::mask(ia.a.kind, 0);
        ia.mask = bsd_sockaddr(ia.m);
      }
      if (m.has_addr(abi::kBrd)) {
        ia.d = m.addr(abi::kBrd);
        ia.dst = bytes_of(m.sockaddr_bytes(abi::kBrd));
      }
      ifc.addrs.push_back(std::move(ia));
    }
  }
  return 0;
}

int memberships(std::vector<GroupMembership>& out) {
  out.clear();
  const abi::Profile& p = profile();
  constexpr int kIfmalist = 4, kIflist2 = 6;  // FreeBSD/DragonFly; macOS
  const bool darwin = p.os == abi::Os::darwin;
  // DragonFly has no getifmaddrs (no getifmaddrs.c in its libc, none in
  // Symbol.map) and no NET_RT_IFMALIST (sysctl_rtsock: EINVAL).
  if (!darwin && p.os != abi::Os::freebsd) return EOPNOTSUPP;
  const auto type = p.type_number(darwin ? "RTM_NEWMADDR2" : "RTM_NEWMADDR");
  if (!type) return 0;
  side::Answer a;
  const nlohmann::json req = {{"mib", {4, p.af_route, 0, 0, darwin ? kIflist2 : kIfmalist, 0}}};
  if (int e = side::request(proto::Op::sysctl, req, a); e != 0) return e;
  if (a.os_error != 0) return host_errno(a.os_error);
  for (const auto& r : codec::RibView(a.payload, p)) {
    if (!r || r->type() != *type || !r->has_addr(abi::kIfa)) continue;
    const codec::MessageView& m = *r;
    GroupMembership g;
    g.group = bytes_of(m.sockaddr_bytes(abi::kIfa));
    if (m.has_addr(abi::kIfp)) g.ifp = bytes_of(m.sockaddr_bytes(abi::kIfp));
    if (m.has_addr(abi::kGateway)) g.lladdr = bytes_of(m.sockaddr_bytes(abi::kGateway));
    out.push_back(std::move(g));
  }
  return 0;
}

const Iface* find_iface(const std::vector<Iface>& all, std::string_view name) {
  for (const Iface& i : all)
    if (i.name == name) return &i;
  return nullptr;
}

}  // namespace rtsock::compat
