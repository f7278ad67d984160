// The routes NetBSD 8+ announces itself when an address comes and goes, in
// order and field by field. in_ifinit runs in_ifaddlocal (rt_ifa_addlocal:
// RTM_NEWADDR, then the local route's RTM_ADD from rt_newaddrmsg) before
// in_addprefix (rtinit → rt_newmsg); in6_ifinit the same with
// in6_ifaddlocal and in6_ifaddprefix. in_scrubaddr / in6_purgeaddr remove
// the prefix route (rtinit → rt_newmsg), then the local route
// (rt_ifa_remlocal → rtdeletemsg), then say RTM_DELADDR. Shapes:
//   rt_newmsg → rt_missmsg: DST, GATEWAY, NETMASK, IFP, IFA; RTF_DONE |
//     rt_flags (RTF_UP already cleared on delete); rtm_index 0; no metrics.
//   rt_newaddrmsg(RTM_ADD): DST, GATEWAY; rt_flags without RTF_DONE;
//     rtm_index the address's interface; no metrics.
//   rtdeletemsg → rt_missmsg: DST, GATEWAY; RTF_DONE | the flags read
//     before the delete (RTF_UP kept); rtm_index 0; no metrics.
// Sources: NetBSD sys/netinet/in.c 1.211, sys/netinet6/in6.c, sys/net/route.c
// (rtinit, rt_newmsg, rt_ifa_addlocal, rt_ifa_remlocal, rtdeletemsg,
// rtrequest1), sys/net/rtsock.c / rtsock_shared.c (rt_missmsg,
// rt_newaddrmsg).
#include <gtest/gtest.h>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using rtsock::codec::SaKind;
using Out = std::vector<rtsock::kernel::Delivery>;
namespace abi = rtsock::abi;

constexpr int kEm1 = 3;

struct Lab {
  Bed b{"netbsd"};
  rtsock::kernel::SockId admin = 0, l = 0;
  Out out;

  Lab() {
    admin = b.open(0, 1);
    l = b.open(0, 200);
    rtsock::fib::IfSpec e;
    e.name = "em1";
    e.type = rtsock::fib::ift::ether;
    e.flags = rtsock::fib::iff::broadcast | rtsock::fib::iff::multicast | rtsock::fib::iff::up;
    e.lladdr = {0x02, 0, 0, 0, 0, 0x11};
    EXPECT_EQ(b.eng->if_create(admin, e, out), 0);
    out.clear();
  }
  std::vector<rtsock::codec::MessageView> add(const char* a, int plen) {
    out.clear();
    EXPECT_EQ(b.eng->if_add_address(admin, "em1",
                                    {addr(a), static_cast<std::uint8_t>(plen), {}, {}}, out),
              0);
    return views_to(out, l, *b.p);
  }
  std::vector<rtsock::codec::MessageView> del(const char* a) {
    out.clear();
    EXPECT_EQ(b.eng->if_delete_address(admin, "em1", addr(a), out), 0);
    return views_to(out, l, *b.p);
  }
  std::int64_t f(std::initializer_list<const char*> names) const {
    std::int64_t v = 0;
    for (const char* n : names) v |= osflag(*b.p, n);
    return v;
  }
  std::uint8_t type(const char* name) const { return type_of(*b.p, name); }
};

std::uint32_t slots(std::initializer_list<int> s) {
  std::uint32_t v = 0;
  for (int i : s) v |= 1u << i;
  return v;
}

// Route messages only (the IPv6 multicast routes are silent).
std::vector<rtsock::codec::MessageView> routes(const std::vector<rtsock::codec::MessageView>& v,
                                               const Lab& n) {
  std::vector<rtsock::codec::MessageView> r;
  for (const auto& m : v)
    if (m.type() == n.type("RTM_ADD") || m.type() == n.type("RTM_DELETE")) r.push_back(m);
  return r;
}

void expect_no_metrics(const rtsock::codec::MessageView& m) {
  EXPECT_EQ(m.get(Field::rmx_mtu), 0);
  EXPECT_EQ(m.get(Field::rmx_hopcount), 0);
  EXPECT_EQ(m.get(Field::pid), 0);
  EXPECT_EQ(m.get(Field::seq), 0);
}

// rt_newaddrmsg's RTM_ADD of the local route.
void expect_local_add(const Lab& n, const rtsock::codec::MessageView& m, const char* a) {
  ASSERT_EQ(m.type(), n.type("RTM_ADD"));
  EXPECT_EQ(dst_of(m), a);
  EXPECT_EQ(m.present(), slots({abi::kDst, abi::kGateway}));
  EXPECT_EQ(m.get(Field::flags), n.f({"UP", "HOST", "LOCAL"}));
  EXPECT_EQ(m.get(Field::index), kEm1);
  EXPECT_EQ(m.addr(abi::kGateway).kind, SaKind::link);
  EXPECT_EQ(m.addr(abi::kGateway).link_index, kEm1);
  expect_no_metrics(m);
}

// rtdeletemsg's RTM_DELETE of the local route.
void expect_local_delete(const Lab& n, const rtsock::codec::MessageView& m, const char* a) {
  ASSERT_EQ(m.type(), n.type("RTM_DELETE"));
  EXPECT_EQ(dst_of(m), a);
  EXPECT_EQ(m.present(), slots({abi::kDst, abi::kGateway}));
  EXPECT_EQ(m.get(Field::flags), n.f({"UP", "HOST", "DONE", "LOCAL"}));
  EXPECT_EQ(m.get(Field::index), 0);
  expect_no_metrics(m);
}

// rt_newmsg's message of the prefix route.
void expect_prefix(const Lab& n, const rtsock::codec::MessageView& m, const char* type,
                   const char* pfx, const char* a, std::int64_t flags) {
  ASSERT_EQ(m.type(), n.type(type));
  EXPECT_EQ(dst_of(m), pfx);
  EXPECT_EQ(m.present(),
            slots({abi::kDst, abi::kGateway, abi::kNetmask, abi::kIfp, abi::kIfa}));
  EXPECT_EQ(m.get(Field::flags), flags);
  EXPECT_EQ(m.get(Field::index), 0);
  EXPECT_EQ(m.addr(abi::kIfp).link_index, kEm1);
  EXPECT_EQ(rtsock::codec::ip_string(m.addr(abi::kIfa)), a);
  expect_no_metrics(m);
}

TEST(NetbsdAddrMsgs, Inet4Add_NewaddrLocalThenPrefix) {
  Lab n;
  const auto v = n.add("10.9.0.1", 24);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].type(), n.type("RTM_NEWADDR"));
  expect_local_add(n, v[1], "10.9.0.1");
  expect_prefix(n, v[2], "RTM_ADD", "10.9.0.0", "10.9.0.1", n.f({"UP", "DONE", "CONNECTED"}));
  EXPECT_EQ(rtsock::codec::ip_string(v[2].addr(abi::kNetmask)), "255.255.255.0");
}

TEST(NetbsdAddrMsgs, Inet4Delete_PrefixLocalThenDeladdr) {
  Lab n;
  n.add("10.9.0.1", 24);
  const auto v = n.del("10.9.0.1");
  ASSERT_EQ(v.size(), 3u);
  expect_prefix(n, v[0], "RTM_DELETE", "10.9.0.0", "10.9.0.1", n.f({"DONE", "CONNECTED"}));
  expect_local_delete(n, v[1], "10.9.0.1");
  EXPECT_EQ(v[2].type(), n.type("RTM_DELADDR"));
}

TEST(NetbsdAddrMsgs, Inet6Add_NewaddrLocalThenPrefix) {
  Lab n;
  const auto all = n.add("2001:db8:9::1", 64);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].type(), n.type("RTM_NEWADDR"));
  const auto v = routes(all, n);
  ASSERT_EQ(v.size(), 2u);
  expect_local_add(n, v[0], "2001:db8:9::1");
  expect_prefix(n, v[1], "RTM_ADD", "2001:db8:9::", "2001:db8:9::1",
                n.f({"UP", "DONE", "CONNECTED"}));
}

TEST(NetbsdAddrMsgs, Inet6Delete_PrefixLocalThenDeladdr) {
  Lab n;
  n.add("2001:db8:9::1", 64);
  const auto all = n.del("2001:db8:9::1");
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.back().type(), n.type("RTM_DELADDR"));
  const auto v = routes(all, n);
  ASSERT_EQ(v.size(), 2u);
  expect_prefix(n, v[0], "RTM_DELETE", "2001:db8:9::", "2001:db8:9::1",
                n.f({"DONE", "CONNECTED"}));
  expect_local_delete(n, v[1], "2001:db8:9::1");
}

// The prefix route's hand-over (in_scrubprefix: rtinit twice) is told by
// rt_newmsg too, the heir's address as IFA.
TEST(NetbsdAddrMsgs, Inet4HandOver_RtNewmsgShapes) {
  Lab n;
  n.add("10.9.0.1", 24);
  n.add("10.9.0.2", 24);
  const auto v = routes(n.del("10.9.0.1"), n);
  ASSERT_EQ(v.size(), 3u);
  expect_prefix(n, v[0], "RTM_DELETE", "10.9.0.0", "10.9.0.1", n.f({"DONE", "CONNECTED"}));
  expect_prefix(n, v[1], "RTM_ADD", "10.9.0.0", "10.9.0.2", n.f({"UP", "DONE", "CONNECTED"}));
  expect_local_delete(n, v[2], "10.9.0.1");
}

}  // namespace
