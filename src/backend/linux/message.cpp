// Reading rtnetlink datagrams (libmnl walks messages and attributes; every
// payload is checked for its size before it is read).
#include "message.hpp"

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

namespace rtsock::backend::rtnl {
namespace {

// Attributes by type, the last of each type winning (as the kernel's
// nla_parse does).
template <std::size_t N>
struct Attrs {
  std::array<const nlattr*, N> at{};
  const nlattr* operator[](std::size_t t) const { return t < N ? at[t] : nullptr; }
};

template <std::size_t N>
int collect(const nlattr* a, void* data) {
  auto* tb = static_cast<Attrs<N>*>(data);
  const std::uint16_t t = mnl_attr_get_type(a);
  if (t < N) tb->at[t] = a;
  return MNL_CB_OK;
}

std::span<const std::uint8_t> bytes_of(const nlattr* a) {
  return {static_cast<const std::uint8_t*>(mnl_attr_get_payload(a)), mnl_attr_get_payload_len(a)};
}

bool u32_of(const nlattr* a, std::uint32_t& out) {
  if (a == nullptr) return true;
  if (mnl_attr_get_payload_len(a) < 4) return false;
  std::memcpy(&out, mnl_attr_get_payload(a), 4);
  return true;
}

// An address attribute of the message's family: exactly 4 or 16 bytes.
bool addr_of(const nlattr* a, fib::Family f, std::optional<fib::Addr>& out) {
  if (a == nullptr) return true;
  auto b = bytes_of(a);
  const std::size_t want = f == fib::Family::inet4 ? 4 : 16;
  if (b.size() != want) return false;
  fib::Addr x;
  x.family = f;
  std::memcpy(x.bytes.data(), b.data(), want);
  out = x;
  return true;
}

std::optional<fib::Family> family_of(int af) {
  if (af == AF_INET) return fib::Family::inet4;
  if (af == AF_INET6) return fib::Family::inet6;
  return std::nullopt;
}

template <class T>
const T* header(const nlmsghdr* nlh) {
  if (mnl_nlmsg_get_payload_len(nlh) < sizeof(T)) return nullptr;
  return static_cast<const T*>(mnl_nlmsg_get_payload(nlh));
}

bool parse_link(const nlmsghdr* nlh, Link& out) {
  const auto* ifi = header<ifinfomsg>(nlh);
  if (ifi == nullptr) return false;
  Attrs<IFLA_MAX + 1> tb;
  if (mnl_attr_parse(nlh, sizeof(ifinfomsg), collect<IFLA_MAX + 1>, &tb) < 0) return false;
  out.family = ifi->ifi_family;
  out.index = ifi->ifi_index;
  out.arphrd = ifi->ifi_type;
  out.flags = ifi->ifi_flags;
  if (const nlattr* n = tb[IFLA_IFNAME]) {
    auto b = bytes_of(n);
    std::size_t len = 0;
    while (len < b.size() && b[len] != 0) ++len;
    if (len == 0 || len >= 16) return false;  // IFNAMSIZ
    out.name.assign(reinterpret_cast<const char*>(b.data()), len);
  }
  if (!u32_of(tb[IFLA_MTU], out.mtu)) return false;
  if (const nlattr* a = tb[IFLA_ADDRESS]) {
    auto b = bytes_of(a);
    if (b.size() > 32) return false;  // MAX_ADDR_LEN
    out.lladdr.assign(b.begin(), b.end());
  }
  if (const nlattr* a = tb[IFLA_OPERSTATE]) {
    if (mnl_attr_get_payload_len(a) < 1) return false;
    out.operstate = mnl_attr_get_u8(a);
  }
  if (const nlattr* a = tb[IFLA_STATS64]) {
    // The kernel's struct has grown over time; the fields read here are
    // the first ten u64s in every version.
    if (mnl_attr_get_payload_len(a) < 10 * 8) return false;
    std::array<std::uint64_t, 10> v{};
    std::memcpy(v.data(), mnl_attr_get_payload(a), sizeof v);
    out.stats = LinkStats{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]};
  }
  if (const nlattr* li = tb[IFLA_LINKINFO]) {
    Attrs<IFLA_INFO_MAX + 1> info;
    if (mnl_attr_parse_nested(li, collect<IFLA_INFO_MAX + 1>, &info) < 0) return false;
    if (const nlattr* k = info[IFLA_INFO_KIND]) {
      auto b = bytes_of(k);
      std::size_t len = 0;
      while (len < b.size() && b[len] != 0) ++len;
      out.kind.assign(reinterpret_cast<const char*>(b.data()), len);
    }
  }
  return out.index > 0;
}

bool parse_address(const nlmsghdr* nlh, Address& out) {
  const auto* ifa = header<ifaddrmsg>(nlh);
  if (ifa == nullptr) return false;
  auto fam = family_of(ifa->ifa_family);
  if (!fam) return false;
  Attrs<IFA_MAX + 1> tb;
  if (mnl_attr_parse(nlh, sizeof(ifaddrmsg), collect<IFA_MAX + 1>, &tb) < 0) return false;
  out.family = *fam;
  out.plen = ifa->ifa_prefixlen;
  out.scope = ifa->ifa_scope;
  out.flags = ifa->ifa_flags;
  out.index = static_cast<int>(ifa->ifa_index);
  if (out.plen > fib::max_plen(*fam)) return false;
  if (!u32_of(tb[IFA_FLAGS], out.flags)) return false;
  return addr_of(tb[IFA_LOCAL], *fam, out.local) && addr_of(tb[IFA_ADDRESS], *fam, out.address) &&
         addr_of(tb[IFA_BROADCAST], *fam, out.broadcast) && out.index > 0 &&
         (out.local || out.address);
}

// RTA_GATEWAY of the route's family, or RTA_VIA (a gateway of the other).
bool gateway_of(const nlattr* gw, const nlattr* via, fib::Family f, Nexthop& nh) {
  if (!addr_of(gw, f, nh.gateway)) return false;
  if (via == nullptr) return true;
  auto b = bytes_of(via);
  if (b.size() < 2) return false;
  std::uint16_t af = 0;
  std::memcpy(&af, b.data(), 2);
  auto vf = family_of(af);
  if (!vf) return false;
  const std::size_t want = *vf == fib::Family::inet4 ? 4 : 16;
  if (b.size() != 2 + want) return false;
  fib::Addr x;
  x.family = *vf;
  std::memcpy(x.bytes.data(), b.data() + 2, want);
  nh.gateway = x;
  return true;
}

bool parse_multipath(const nlattr* mp, fib::Family f, std::vector<Nexthop>& out) {
  auto b = bytes_of(mp);
  std::size_t off = 0;
  while (off + sizeof(rtnexthop) <= b.size()) {
    rtnexthop rtnh;
    std::memcpy(&rtnh, b.data() + off, sizeof rtnh);
    if (rtnh.rtnh_len < sizeof(rtnexthop) || off + rtnh.rtnh_len > b.size()) return false;
    Nexthop nh;
    nh.oif = rtnh.rtnh_ifindex;
    nh.hops = rtnh.rtnh_hops;
    nh.flags = rtnh.rtnh_flags;
    const std::size_t attrs = align4(sizeof(rtnexthop));
    if (rtnh.rtnh_len > attrs) {
      Attrs<RTA_MAX + 1> tb;
      if (mnl_attr_parse_payload(b.data() + off + attrs, rtnh.rtnh_len - attrs,
                                 collect<RTA_MAX + 1>, &tb) < 0)
        return false;
      if (!gateway_of(tb[RTA_GATEWAY], tb[RTA_VIA], f, nh)) return false;
    }
    out.push_back(nh);
    off += align4(rtnh.rtnh_len);
  }
  return off >= b.size() && !out.empty();
}

bool parse_route(const nlmsghdr* nlh, Route& out) {
  const auto* rtm = header<rtmsg>(nlh);
  if (rtm == nullptr) return false;
  auto fam = family_of(rtm->rtm_family);
  if (!fam) return false;
  Attrs<RTA_MAX + 1> tb;
  if (mnl_attr_parse(nlh, sizeof(rtmsg), collect<RTA_MAX + 1>, &tb) < 0) return false;
  out.family = *fam;
  out.dst_len = rtm->rtm_dst_len;
  out.src_len = rtm->rtm_src_len;
  out.tos = rtm->rtm_tos;
  out.protocol = rtm->rtm_protocol;
  out.scope = rtm->rtm_scope;
  out.type = rtm->rtm_type;
  out.flags = rtm->rtm_flags;
  out.table = rtm->rtm_table;
  out.dst.family = *fam;
  if (out.dst_len > fib::max_plen(*fam) || out.src_len > fib::max_plen(*fam)) return false;
  if (!u32_of(tb[RTA_TABLE], out.table) || !u32_of(tb[RTA_PRIORITY], out.priority) ||
      !u32_of(tb[RTA_NH_ID], out.nh_id))
    return false;
  std::optional<fib::Addr> dst;
  if (!addr_of(tb[RTA_DST], *fam, dst) || !addr_of(tb[RTA_PREFSRC], *fam, out.prefsrc))
    return false;
  if (dst) out.dst = *dst;
  if (const nlattr* m = tb[RTA_METRICS]) {
    Attrs<RTAX_MAX + 1> mx;
    if (mnl_attr_parse_nested(m, collect<RTAX_MAX + 1>, &mx) < 0) return false;
    if (!u32_of(mx[RTAX_MTU], out.mtu) || !u32_of(mx[RTAX_LOCK], out.locks)) return false;
  }
  if (const nlattr* c = tb[RTA_CACHEINFO]) {
    if (mnl_attr_get_payload_len(c) < sizeof(rta_cacheinfo)) return false;
    rta_cacheinfo ci;
    std::memcpy(&ci, mnl_attr_get_payload(c), sizeof ci);
    out.expires = ci.rta_expires;
  }
  if (const nlattr* mp = tb[RTA_MULTIPATH]) return parse_multipath(mp, *fam, out.paths);
  Nexthop nh;
  std::uint32_t oif = 0;
  if (!u32_of(tb[RTA_OIF], oif) || !gateway_of(tb[RTA_GATEWAY], tb[RTA_VIA], *fam, nh)) return false;
  nh.oif = static_cast<int>(oif);
  if (nh.oif != 0 || nh.gateway) out.paths.push_back(nh);
  return true;
}

}  // namespace

std::vector<Message> parse(std::span<const std::byte> datagram, std::size_t& malformed) {
  std::vector<Message> out;
  // libmnl reads headers in place: give it 4-byte-aligned memory.
  std::vector<std::uint32_t> aligned;
  const void* buf = datagram.data();
  if (reinterpret_cast<std::uintptr_t>(buf) % alignof(nlmsghdr) != 0) {
    aligned.resize((datagram.size() + 3) / 4);
    if (!datagram.empty()) std::memcpy(aligned.data(), datagram.data(), datagram.size());
    buf = aligned.data();
  }
  int len = static_cast<int>(std::min<std::size_t>(datagram.size(), 1u << 30));
  const auto* nlh = static_cast<const nlmsghdr*>(buf);
  while (len > 0) {
    // mnl_nlmsg_ok() compares nlmsg_len as a signed int: a length past
    // INT_MAX passes it and mnl_nlmsg_next() then jumps out of the buffer.
    if (!mnl_nlmsg_ok(nlh, len) || nlh->nlmsg_len > static_cast<std::uint32_t>(len)) {
      ++malformed;  // a broken header: nothing after it can be located
      break;
    }
    Message m;
    m.type = nlh->nlmsg_type;
    m.flags = nlh->nlmsg_flags;
    m.seq = nlh->nlmsg_seq;
    m.pid = nlh->nlmsg_pid;
    bool ok = true, keep = true;
    switch (nlh->nlmsg_type) {
      case NLMSG_ERROR: {
        const auto* e = header<nlmsgerr>(nlh);
        ok = e != nullptr && e->error <= 0 && e->error > -4096;
        if (ok) m.error = -e->error;
        break;
      }
      case NLMSG_DONE:
        m.done = true;
        break;
      case RTM_NEWLINK:
      case RTM_DELLINK:
        ok = parse_link(nlh, m.body.emplace<Link>());
        break;
      case RTM_NEWADDR:
      case RTM_DELADDR:
        ok = parse_address(nlh, m.body.emplace<Address>());
        break;
      case RTM_NEWROUTE:
      case RTM_DELROUTE:
        ok = parse_route(nlh, m.body.emplace<Route>());
        break;
      case RTM_NEWNEXTHOP:
      case RTM_DELNEXTHOP:
        break;  // only the fact matters: the routes using it may have changed
      default:
        keep = false;
    }
    if (!ok)
      ++malformed;
    else if (keep)
      out.push_back(std::move(m));
    nlh = mnl_nlmsg_next(nlh, &len);
  }
  return out;
}

}  // namespace rtsock::backend::rtnl
