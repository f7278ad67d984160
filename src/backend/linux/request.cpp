// Building rtnetlink requests with libmnl.
#include "request.hpp"

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sys/socket.h>

#include <cstring>

namespace rtsock::backend::rtnl {
namespace {

// Every request here fits easily: a route with a few dozen paths at most.
constexpr std::size_t kRequestBytes = 8192;

fib::Addr unzoned(fib::Addr a) {
  if (a.family == fib::Family::inet6 && a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80)
    a.bytes[2] = a.bytes[3] = 0;
  return a;
}

std::size_t addr_size(fib::Family f) { return f == fib::Family::inet4 ? 4 : 16; }

void put_addr(nlmsghdr* nlh, std::uint16_t type, const fib::Addr& a) {
  const fib::Addr x = unzoned(a);
  mnl_attr_put(nlh, type, addr_size(x.family), x.bytes.data());
}

// A gateway of the route's family is RTA_GATEWAY; of the other, RTA_VIA.
void put_gateway(nlmsghdr* nlh, fib::Family route_family, const fib::Addr& gw) {
  if (gw.family == route_family) {
    put_addr(nlh, RTA_GATEWAY, gw);
    return;
  }
  const fib::Addr x = unzoned(gw);
  std::uint8_t via[2 + 16] = {};
  const std::uint16_t af = x.family == fib::Family::inet4 ? AF_INET : AF_INET6;
  std::memcpy(via, &af, 2);
  std::memcpy(via + 2, x.bytes.data(), addr_size(x.family));
  mnl_attr_put(nlh, RTA_VIA, 2 + addr_size(x.family), via);
}

}  // namespace

Request::Request() : buf_(kRequestBytes / 4), nlh_(mnl_nlmsg_put_header(buf_.data())) {}

Request route_request(std::uint16_t type, std::uint16_t flags, const Route& r,
                      std::uint32_t expires) {
  Request q;
  nlmsghdr* nlh = q.header();
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = flags;
  auto* rtm = static_cast<rtmsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(rtmsg)));
  rtm->rtm_family = r.family == fib::Family::inet4 ? AF_INET : AF_INET6;
  rtm->rtm_dst_len = r.dst_len;
  rtm->rtm_tos = r.tos;
  rtm->rtm_table = static_cast<unsigned char>(r.table < 256 ? r.table : RT_TABLE_UNSPEC);
  rtm->rtm_protocol = r.protocol;
  rtm->rtm_scope = r.scope;
  rtm->rtm_type = r.type;
  mnl_attr_put_u32(nlh, RTA_TABLE, r.table);
  if (r.dst_len != 0) put_addr(nlh, RTA_DST, r.dst);
  if (r.priority != 0) mnl_attr_put_u32(nlh, RTA_PRIORITY, r.priority);
  if (r.prefsrc) put_addr(nlh, RTA_PREFSRC, *r.prefsrc);
  if (r.mtu != 0 || r.locks != 0) {
    nlattr* mx = mnl_attr_nest_start(nlh, RTA_METRICS);
    if (r.locks != 0) mnl_attr_put_u32(nlh, RTAX_LOCK, r.locks);
    if (r.mtu != 0) mnl_attr_put_u32(nlh, RTAX_MTU, r.mtu);
    mnl_attr_nest_end(nlh, mx);
  }
  if (expires != 0) mnl_attr_put_u32(nlh, RTA_EXPIRES, expires);
  if (r.paths.size() == 1) {
    const Nexthop& nh = r.paths.front();
    if (nh.oif != 0) mnl_attr_put_u32(nlh, RTA_OIF, static_cast<std::uint32_t>(nh.oif));
    if (nh.gateway) put_gateway(nlh, r.family, *nh.gateway);
  } else if (r.paths.size() > 1) {
    nlattr* mp = mnl_attr_nest_start(nlh, RTA_MULTIPATH);
    for (const Nexthop& nh : r.paths) {
      auto* rtnh = static_cast<rtnexthop*>(mnl_nlmsg_get_payload_tail(nlh));
      const std::uint32_t start = nlh->nlmsg_len;
      nlh->nlmsg_len += static_cast<std::uint32_t>(align4(sizeof(rtnexthop)));
      std::memset(rtnh, 0, sizeof *rtnh);
      rtnh->rtnh_ifindex = nh.oif;
      rtnh->rtnh_hops = nh.hops;
      if (nh.gateway) put_gateway(nlh, r.family, *nh.gateway);
      rtnh->rtnh_len = static_cast<unsigned short>(nlh->nlmsg_len - start);
    }
    mnl_attr_nest_end(nlh, mp);
  }
  return q;
}

Request link_request(std::uint16_t type, std::uint16_t flags, const LinkSpec& l) {
  Request q;
  nlmsghdr* nlh = q.header();
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = flags;
  auto* ifi = static_cast<ifinfomsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifinfomsg)));
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = l.index;
  ifi->ifi_flags = l.flags;
  ifi->ifi_change = l.change;
  if (!l.name.empty()) mnl_attr_put_strz(nlh, IFLA_IFNAME, l.name.c_str());
  if (l.mtu) mnl_attr_put_u32(nlh, IFLA_MTU, *l.mtu);
  if (l.lladdr) mnl_attr_put(nlh, IFLA_ADDRESS, l.lladdr->size(), l.lladdr->data());
  if (l.carrier) mnl_attr_put_u8(nlh, IFLA_CARRIER, *l.carrier ? 1 : 0);
  if (!l.kind.empty()) {
    nlattr* info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
    mnl_attr_put_strz(nlh, IFLA_INFO_KIND, l.kind.c_str());
    if (l.kind == "veth" && !l.peer.empty()) {
      nlattr* data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
      nlattr* peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
      auto* pifi = static_cast<ifinfomsg*>(mnl_nlmsg_get_payload_tail(nlh));
      nlh->nlmsg_len += static_cast<std::uint32_t>(align4(sizeof(ifinfomsg)));
      std::memset(pifi, 0, sizeof *pifi);
      mnl_attr_put_strz(nlh, IFLA_IFNAME, l.peer.c_str());
      mnl_attr_nest_end(nlh, peer);
      mnl_attr_nest_end(nlh, data);
    }
    mnl_attr_nest_end(nlh, info);
  }
  return q;
}

Request addr_request(std::uint16_t type, std::uint16_t flags, const Address& a) {
  Request q;
  nlmsghdr* nlh = q.header();
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = flags;
  auto* ifa = static_cast<ifaddrmsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifaddrmsg)));
  ifa->ifa_family = a.family == fib::Family::inet4 ? AF_INET : AF_INET6;
  ifa->ifa_prefixlen = a.plen;
  ifa->ifa_index = static_cast<unsigned>(a.index);
  if (a.local) put_addr(nlh, IFA_LOCAL, *a.local);
  if (a.address) put_addr(nlh, IFA_ADDRESS, *a.address);
  if (a.broadcast) put_addr(nlh, IFA_BROADCAST, *a.broadcast);
  return q;
}

}  // namespace rtsock::backend::rtnl
