// IFF_UP going down and up through the routing socket, radix personalities:
// the messages listeners get in each kernel's order, and what RTM_GET finds
// after. Sources: docs/research/interface-mtu-link.md, section 2.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bed.hpp"

namespace {

struct Case {
  std::string personality;
  std::vector<std::string> down, up;  // message types, in order
  bool default_stays;                 // the static default route via 192.0.2.1
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.personality; }

const Case kCases[] = {
    // FreeBSD 14 in_ifnet_event: in_scrubprefix(ia, 0) sends rt_addrmsg before
    // the prefix route goes; in_ifadown(ifa, 0) spares static routes; if_up
    // sends RTM_IFINFO before the event re-adds (loopback route around it).
    {"freebsd",
     {"RTM_DELADDR", "RTM_DELETE", "RTM_IFINFO"},
     {"RTM_IFINFO", "RTM_DELETE", "RTM_NEWADDR", "RTM_ADD", "RTM_ADD"},
     true},
    // rip_ctlinput PRC_IFDOWN/PRC_IFUP before rt_ifmsg; rtinit's
    // rt_newaddrmsg_fib.
    {"freebsd12",
     {"RTM_DELETE", "RTM_DELADDR", "RTM_IFINFO"},
     {"RTM_DELETE", "RTM_NEWADDR", "RTM_ADD", "RTM_ADD", "RTM_IFINFO"},
     true},
    // xnu rip_ctlinput: in_ifscrub, in_ifadown(ifa, 1) (static too, silently).
    {"darwin",
     {"RTM_DELETE", "RTM_DELADDR", "RTM_IFINFO"},
     {"RTM_NEWADDR", "RTM_ADD", "RTM_IFINFO"},
     false},
    {"dragonfly",
     {"RTM_DELETE", "RTM_DELADDR", "RTM_IFINFO"},
     {"RTM_NEWADDR", "RTM_ADD", "RTM_IFINFO"},
     true},
    // NetBSD 8+ _if_down: rt_ifmsg, then in_if_down/in6_if_down mark each
    // address detached (RTM_NEWADDR: 192.0.2.10, then the link-local one).
    {"netbsd", {"RTM_IFINFO", "RTM_NEWADDR", "RTM_NEWADDR"}, {"RTM_IFINFO"}, true},
    {"hpux", {"RTM_IFINFO"}, {"RTM_IFINFO"}, true},
};

class IfDownMsgs : public testing::TestWithParam<Case> {};

std::vector<std::string> names(const rtsock::abi::Profile& p,
                               const std::vector<rtsock::codec::MessageView>& v) {
  std::vector<std::string> out;
  for (const auto& m : v) {
    std::string n = "?";
    for (const char* t : {"RTM_ADD", "RTM_DELETE", "RTM_NEWADDR", "RTM_DELADDR", "RTM_IFINFO",
                          "RTM_NEWMADDR", "RTM_DELMADDR", "RTM_CHANGE"})
      if (p.type_number(t) == m.type()) n = t;
    out.push_back(n);
  }
  return out;
}

TEST_P(IfDownMsgs, down_and_up_per_kernel) {
  const Case& c = GetParam();
  Bed b(c.personality);
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  rtsock::kernel::IfChange down;
  down.up = false;
  ASSERT_EQ(b.eng->if_change(admin, "em0", down, out), 0);
  EXPECT_EQ(names(p, views_to(out, l, p)), c.down);

  out.clear();  // RTM_GET of the default route (mask 0)
  auto r = b.write(admin, route_msg(p, "RTM_GET", "0.0.0.0", std::nullopt, 0, {}, 1), out);
  EXPECT_EQ(r.error == 0, c.default_stays);

  out.clear();
  rtsock::kernel::IfChange up;
  up.up = true;
  ASSERT_EQ(b.eng->if_change(admin, "em0", up, out), 0);
  EXPECT_EQ(names(p, views_to(out, l, p)), c.up);
  out.clear();
  // PRC_IFUP: the prefix route again.
  r = b.write(admin, route_msg(p, "RTM_GET", "192.0.2.99", std::nullopt, std::nullopt, {}, 2), out);
  EXPECT_EQ(r.error, 0);
}

INSTANTIATE_TEST_SUITE_P(Radix, IfDownMsgs, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& i) { return i.param.personality; });

}  // namespace
