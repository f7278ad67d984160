// Duplicate address detection as each kernel runs it: which new addresses
// are tentative, when the mark goes, what is announced, and NetBSD's
// detached addresses. Facts: docs/research/dad.md.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

using K = ChangeKind;

// lo0 and em0 (up or down) of a kernel, on a clock the test steps.
struct Lab {
  explicit Lab(const std::string& kernel, bool em_up = true, std::uint32_t dad_count = 1) {
    Config c = KernelConfig(kernel.c_str());
    c.semantics.auto_linklocal = false;  // in6ifattach_test.cpp
    c.dad_count = dad_count;
    fib = std::make_unique<Fib>(c);
    fib->set_clock([this] { return now; });
    fib->set_listener([this](const Change& ch) { log.push_back(ch); });
    const std::uint32_t up = iff::up | iff::running;
    lo = fib->attach({"lo0", ift::loop, up | iff::loopback | iff::multicast, 16384, {}, 0})
             .value_or(0);
    em = fib->attach({"em0", ift::ether, (em_up ? up : 0) | iff::broadcast | iff::multicast, 1500,
                      {2, 0, 0, 0, 0, 1}, 0})
             .value_or(0);
  }
  std::uint32_t Flags(std::uint16_t index, const char* addr) const {
    for (const IfAddress& a : fib->interface(index)->addrs)
      if (a.addr == A(addr)) return a.flags;
    ADD_FAILURE() << "no " << addr;
    return 0xdead;
  }
  // The address-flag records since the last call (of one address; OpenBSD's
  // first inet6 address brings a link-local one with its own DAD).
  std::vector<Change> FlagChanges(const char* addr = nullptr) {
    std::vector<Change> out;
    for (const Change& c : log)
      if (c.kind == K::addr_flags && (addr == nullptr || c.address->addr == A(addr)))
        out.push_back(c);
    log.clear();
    return out;
  }
  void Tick(std::int64_t seconds) {
    now += seconds;
    fib->expire();
  }

  std::unique_ptr<Fib> fib;
  std::vector<Change> log;
  std::int64_t now = 1000;
  std::uint16_t lo = 0, em = 0;
};

class DadEvery : public ::testing::TestWithParam<std::string> {};

// in6_update_ifa: a new address is tentative, the loopback's are not, and
// the mark goes dad_count seconds later (RetransTimer 1 s).
TEST_P(DadEvery, NewAddressTentativeUntilDadEnds) {
  Lab lab(GetParam(), true, 2);
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
  ASSERT_TRUE(lab.fib->add_address(lab.lo, Ifa("2001:db8:ff::1", 128)));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), ia6::tentative);
  EXPECT_EQ(lab.Flags(lab.lo, "2001:db8:ff::1"), 0u);
  // The RTM_NEWADDR of the add already carries the mark.
  bool announced = false;
  for (const Change& c : lab.log)
    if (c.kind == K::addr_add && c.address && c.address->addr == A("2001:db8::1")) {
      announced = true;
      EXPECT_EQ(c.address->flags, ia6::tentative);
    }
  EXPECT_TRUE(announced || GetParam() == "openbsd");
  EXPECT_EQ(lab.fib->next_expiry(), std::optional<std::int64_t>(1002));
  lab.log.clear();
  lab.Tick(1);
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), ia6::tentative);
  EXPECT_TRUE(lab.FlagChanges().empty());
  lab.Tick(1);
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), 0u);
  const auto ch = lab.FlagChanges("2001:db8::1");
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0].ifindex, lab.em);
  EXPECT_EQ(ch[0].address->flags, 0u);
  EXPECT_EQ(lab.fib->next_expiry(), std::nullopt);
}

// ip6_dad_count 0: nd6_dad_start makes the address ready at once.
TEST_P(DadEvery, CountZeroIsReadyAtOnce) {
  Lab lab(GetParam(), true, 0);
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), 0u);
  EXPECT_EQ(lab.FlagChanges("2001:db8::1").size(), 1u);
  EXPECT_EQ(lab.fib->next_expiry(), std::nullopt);
}

// Anycast addresses skip DAD; a request's flags stay, DAD's own are the
// kernel's to set.
TEST_P(DadEvery, AnycastSkipsDadAndRequestFlagsStay) {
  Lab lab(GetParam());
  IfAddress any = Ifa("2001:db8::", 64);
  any.flags = ia6::anycast | ia6::tentative | ia6::duplicated;
  ASSERT_TRUE(lab.fib->add_address(lab.em, any));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::"), ia6::anycast);
  IfAddress auto_ = Ifa("2001:db8:1::1", 64);
  auto_.flags = ia6::autoconf;
  ASSERT_TRUE(lab.fib->add_address(lab.em, auto_));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8:1::1"), ia6::autoconf | ia6::tentative);
}

// Deleting a tentative address stops its DAD (nd6_dad_stop).
TEST_P(DadEvery, DeleteStopsTheRun) {
  Lab lab(GetParam());
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
  ASSERT_TRUE(lab.fib->delete_address(lab.em, A("2001:db8::1")));
  if (GetParam() != "openbsd") {
    EXPECT_EQ(lab.fib->next_expiry(), std::nullopt);
  }
  lab.log.clear();
  lab.Tick(5);
  EXPECT_TRUE(lab.FlagChanges("2001:db8::1").empty());
}

// IPv4 addresses have no DAD but on NetBSD.
TEST_P(DadEvery, Inet4OnlyOnNetbsd) {
  Lab lab(GetParam());
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("192.0.2.1", 24)));
  EXPECT_EQ(lab.Flags(lab.em, "192.0.2.1"), GetParam() == "netbsd" ? ia4::tentative : 0u);
  if (GetParam() != "netbsd") return;
  // arp_dad_start: three probes a second apart, then ANNOUNCE_WAIT (2 s).
  lab.log.clear();
  lab.Tick(3);
  EXPECT_EQ(lab.Flags(lab.em, "192.0.2.1"), ia4::tentative);
  lab.Tick(1);
  EXPECT_EQ(lab.Flags(lab.em, "192.0.2.1"), 0u);
  EXPECT_EQ(lab.FlagChanges().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Kernels, DadEvery,
                         ::testing::Values("freebsd", "netbsd", "openbsd", "dragonfly", "darwin"));

TEST(Dad, HpuxHasNone) {
  Lab lab("hpux");
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), 0u);
  EXPECT_EQ(lab.fib->next_expiry(), std::nullopt);
}

// An address added while the interface is down: FreeBSD marks it and runs
// DAD at in6_if_up; NetBSD (link not down), OpenBSD, DragonFly and xnu
// leave it unmarked (in6if_do_dad/if_do_dad want IFF_UP|IFF_RUNNING).
TEST(Dad, AddedWhileDown) {
  for (const std::string k : {"freebsd", "netbsd", "openbsd", "dragonfly", "darwin"}) {
    SCOPED_TRACE(k);
    Lab lab(k, false);
    ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
    const bool freebsd = k == "freebsd";
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), freebsd ? ia6::tentative : 0u);
    EXPECT_EQ(lab.fib->next_expiry(), std::nullopt);  // nothing runs while down
    const std::uint32_t flags = lab.fib->interface(lab.em)->flags;
    ASSERT_TRUE(lab.fib->set_flags(lab.em, flags | iff::up | iff::running));
    EXPECT_EQ(lab.fib->next_expiry().has_value(), freebsd);
    lab.log.clear();
    lab.Tick(1);
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), 0u);
  }
}

// nd6_dad_timer finds the interface down: the address stays tentative;
// FreeBSD, DragonFly and xnu run DAD again at in6_if_up, OpenBSD does not.
TEST(Dad, InterfaceDownDuringDad) {
  for (const std::string k : {"freebsd", "openbsd", "dragonfly", "darwin"}) {
    SCOPED_TRACE(k);
    Lab lab(k);
    ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
    const std::uint32_t flags = lab.fib->interface(lab.em)->flags;
    ASSERT_TRUE(lab.fib->set_flags(lab.em, flags & ~(iff::up | iff::running)));
    lab.Tick(1);
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), ia6::tentative);
    ASSERT_TRUE(lab.fib->set_flags(lab.em, flags));
    lab.log.clear();
    lab.Tick(1);
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), k == "openbsd" ? ia6::tentative : 0u);
  }
}

// FreeBSD: no_dad and ifdisabled interfaces have no DAD (in6if_do_dad);
// the obsolete per-address NODAD is ignored. NetBSD honours NODAD.
TEST(Dad, NoDadSwitches) {
  {
    Lab lab("freebsd");
    ASSERT_TRUE(lab.fib->set_nd6(lab.em, lab.fib->interface(lab.em)->nd6 | nd6::no_dad));
    ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), 0u);
    IfAddress n = Ifa("2001:db8:1::1", 64);
    n.flags = ia6::nodad;
    ASSERT_TRUE(lab.fib->set_nd6(lab.em, lab.fib->interface(lab.em)->nd6 & ~nd6::no_dad));
    ASSERT_TRUE(lab.fib->add_address(lab.em, n));
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8:1::1"), ia6::nodad | ia6::tentative);
  }
  {
    Lab lab("netbsd");
    IfAddress n = Ifa("2001:db8:1::1", 64);
    n.flags = ia6::nodad;
    ASSERT_TRUE(lab.fib->add_address(lab.em, n));
    EXPECT_EQ(lab.Flags(lab.em, "2001:db8:1::1"), ia6::nodad);
  }
}

// NetBSD 8+: link down detaches every address (announced), link up makes
// them tentative and DAD announces them ready; an address added while the
// link is down starts detached.
TEST(Dad, NetbsdDetached) {
  Lab lab("netbsd");
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8::1", 64)));
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("192.0.2.1", 24)));
  lab.Tick(10);
  ASSERT_EQ(lab.Flags(lab.em, "2001:db8::1"), 0u);
  lab.log.clear();
  ASSERT_TRUE(lab.fib->set_link(lab.em, LinkState::down));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), ia6::detached);
  EXPECT_EQ(lab.Flags(lab.em, "192.0.2.1"), ia4::detached);
  std::vector<std::uint32_t> announced;
  for (const Change& c : lab.log)
    if (c.kind == K::addr_add) announced.push_back(c.address->flags);
  EXPECT_EQ(announced, (std::vector<std::uint32_t>{ia4::detached, ia6::detached}));
  ASSERT_TRUE(lab.fib->add_address(lab.em, Ifa("2001:db8:2::1", 64)));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8:2::1"), ia6::detached);
  lab.log.clear();
  ASSERT_TRUE(lab.fib->set_link(lab.em, LinkState::up));
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8::1"), ia6::tentative);
  EXPECT_EQ(lab.Flags(lab.em, "2001:db8:2::1"), ia6::tentative);
  EXPECT_EQ(lab.Flags(lab.em, "192.0.2.1"), ia4::tentative);
  EXPECT_TRUE(lab.FlagChanges().empty());
  lab.Tick(1);
  EXPECT_EQ(lab.FlagChanges().size(), 2u);  // the inet6 ones
  lab.Tick(3);
  EXPECT_EQ(lab.FlagChanges().size(), 1u);  // and 192.0.2.1
  EXPECT_EQ(lab.Flags(lab.em, "192.0.2.1"), 0u);
}

}  // namespace
