// Duplicate address detection as listeners and dumps see it (issue 16;
// docs/research/dad.md): NetBSD's ifam_addrflags on RTM_NEWADDR and in
// NET_RT_IFLIST, its second RTM_NEWADDR when DAD ends (nd6_dad_timer);
// OpenBSD's RTM_CHGADDRATTR (rtm_addr); nothing from FreeBSD, DragonFly and
// macOS.
#include <gtest/gtest.h>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using Out = std::vector<rtsock::kernel::Delivery>;

constexpr std::int64_t kTentative = 0x2;  // IN6_IFF_TENTATIVE

// The bed and em1, up and running (DAD wants IFF_UP|IFF_RUNNING).
struct DadBed : Bed {
  explicit DadBed(const std::string& os) : Bed(os) {
    rtsock::fib::IfSpec em;
    em.name = "em1";
    em.type = rtsock::fib::ift::ether;
    em.flags = rtsock::fib::iff::up | rtsock::fib::iff::running | rtsock::fib::iff::broadcast |
               rtsock::fib::iff::multicast;
    em.lladdr = {0x02, 0, 0, 0, 0, 0x11};
    EXPECT_TRUE(eng->boot_interface(em).has_value());
    // The boot addresses' own DAD is over.
    now += 10;
    Out out;
    eng->expire(out);
  }
};

std::vector<rtsock::codec::MessageView> of_type(const std::vector<rtsock::codec::MessageView>& v,
                                                std::uint8_t type) {
  std::vector<rtsock::codec::MessageView> r;
  for (const auto& m : v)
    if (m.type() == type) r.push_back(m);
  return r;
}

TEST(Dad, NetbsdAddrflagsOnNewaddrAndSecondNewaddrWhenDone) {
  DadBed b("netbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  Out out;
  ASSERT_EQ(b.eng->if_add_address(admin, "em1", {addr("2001:db8:5::1"), 64, {}, {}}, out), 0);
  auto na = of_type(views_to(out, l, p), type_of(p, "RTM_NEWADDR"));
  ASSERT_EQ(na.size(), 1u);
  EXPECT_EQ(na[0].get(Field::addrflags), kTentative);
  // The dump says the same (sysctl_iflist_addr: if_addrflags).
  Bytes dump;
  const int mib[] = {4, p.af_route, 0, p.af_inet6, 6 /* NetBSD 8+ NET_RT_IFLIST */, 0};
  ASSERT_EQ(b.eng->sysctl(l, mib, dump), 0);
  bool listed = false;
  for (const auto& r : rtsock::codec::RibView(dump, p)) {
    ASSERT_TRUE(r.has_value());
    if (r->type() == type_of(p, "RTM_NEWADDR") && r->has_addr(rtsock::abi::kIfa) &&
        rtsock::codec::ip_string(r->addr(rtsock::abi::kIfa)) == "2001:db8:5::1") {
      listed = true;
      EXPECT_EQ(r->get(Field::addrflags), kTentative);
    }
  }
  EXPECT_TRUE(listed);
  out.clear();
  EXPECT_EQ(b.eng->next_expiry(), std::optional<std::int64_t>(b.now + 1));
  b.now += 1;
  b.eng->expire(out);
  na = views_to(out, l, p);
  ASSERT_EQ(na.size(), 1u);
  EXPECT_EQ(na[0].type(), type_of(p, "RTM_NEWADDR"));
  EXPECT_EQ(na[0].get(Field::addrflags), 0);
  EXPECT_EQ(na[0].get(Field::index), 3);
  EXPECT_EQ(rtsock::codec::ip_string(na[0].addr(rtsock::abi::kIfa)), "2001:db8:5::1");
}

TEST(Dad, OpenbsdChgaddrattrWhenDone) {
  DadBed b("openbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  Out out;
  ASSERT_EQ(b.eng->if_add_address(admin, "em1", {addr("2001:db8:5::1"), 64, {}, {}}, out), 0);
  EXPECT_TRUE(of_type(views_to(out, l, p), type_of(p, "RTM_CHGADDRATTR")).empty());
  out.clear();
  b.now += 1;
  b.eng->expire(out);
  // The link-local address in6_ifattach made, then the new one.
  const auto v = views_to(out, l, p);
  ASSERT_EQ(v.size(), 2u);
  std::vector<std::string> addrs;
  for (const auto& m : v) {
    EXPECT_EQ(m.type(), type_of(p, "RTM_CHGADDRATTR"));
    EXPECT_EQ(m.get(Field::index), 3);
    EXPECT_TRUE(m.has_addr(rtsock::abi::kIfp));
    EXPECT_TRUE(m.has_addr(rtsock::abi::kNetmask));
    addrs.push_back(rtsock::codec::ip_string(m.addr(rtsock::abi::kIfa)));
  }
  EXPECT_EQ(addrs[1], "2001:db8:5::1");
}

TEST(Dad, SilentElsewhere) {
  for (const char* os : {"freebsd", "dragonfly", "darwin"}) {
    DadBed b(os);
    ASSERT_TRUE(b.eng);
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em1", {addr("2001:db8:5::1"), 64, {}, {}}, out), 0)
        << os;
    out.clear();
    EXPECT_TRUE(b.eng->next_expiry().has_value()) << os;
    b.now += 1;
    b.eng->expire(out);
    EXPECT_TRUE(to(out, l).empty()) << os;
    EXPECT_FALSE(b.eng->next_expiry().has_value()) << os;
  }
}

}  // namespace
