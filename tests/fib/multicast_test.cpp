// Multicast memberships in the forwarding database (issue 16): the groups
// FreeBSD, Darwin and DragonFly join for an address, reference counts shared
// between addresses and between protocol groups and their Ethernet group,
// and the change records of joins and leaves. Facts:
// docs/research/multicast-memberships.md.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

using Mac = std::vector<std::uint8_t>;

Config ConfigFor(const char* kernel) {
  Config c = KernelConfig(kernel);
  // The groups here are those of the tests' addresses; the automatic
  // link-local address has its own tests (in6ifattach_test.cpp).
  c.semantics.auto_linklocal = false;
  return c;
}

const Membership* FindGroup(const Interface& ifp, const Addr& g) {
  for (const auto& m : ifp.groups)
    if (!m.link && m.group == g) return &m;
  return nullptr;
}

const Membership* FindLink(const Interface& ifp, const Mac& mac) {
  for (const auto& m : ifp.groups)
    if (m.link && m.lladdr == mac) return &m;
  return nullptr;
}

struct Lab {
  Fib fib;
  std::vector<Change> log;
  std::uint16_t lo = 0, em = 0;

  explicit Lab(const char* kernel = "freebsd") : fib(ConfigFor(kernel)) {
    fib.set_listener([this](const Change& c) { log.push_back(c); });
    IfSpec l;
    l.name = "lo0";
    l.type = ift::loop;
    l.flags = iff::up | iff::loopback | iff::running | iff::multicast;
    l.mtu = 16384;
    lo = *fib.attach(l);
    IfSpec e;
    e.name = "em0";
    e.type = ift::ether;
    e.flags = iff::up | iff::broadcast | iff::running | iff::multicast;
    e.lladdr = {0x02, 0, 0, 0, 0, 0x01};
    em = *fib.attach(e);
  }
  const Interface& If(std::uint16_t i) const { return *fib.interface(i); }
  std::vector<Change> Memberships() const {
    std::vector<Change> out;
    for (const auto& c : log)
      if (c.kind == ChangeKind::maddr_add || c.kind == ChangeKind::maddr_delete) out.push_back(c);
    return out;
  }
};

TEST(Multicast, first_ipv4_address_joins_all_hosts_with_its_ethernet_group) {
  Lab L;
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  const Interface& e = L.If(L.em);
  // Newest first: 224.0.0.1, then the Ethernet group it maps to.
  ASSERT_EQ(e.groups.size(), 2u);
  EXPECT_FALSE(e.groups[0].link);
  EXPECT_EQ(e.groups[0].group, A("224.0.0.1"));
  EXPECT_EQ(e.groups[0].lladdr, (Mac{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}));
  EXPECT_TRUE(e.groups[1].link);
  EXPECT_EQ(e.groups[1].lladdr, (Mac{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}));
  // The last record of the address add: RTM_NEWMADDR for the protocol group only.
  ASSERT_FALSE(L.log.empty());
  EXPECT_EQ(L.log.back().kind, ChangeKind::maddr_add);
  ASSERT_TRUE(L.log.back().group.has_value());
  EXPECT_EQ(L.log.back().group->group, A("224.0.0.1"));
  EXPECT_EQ(L.Memberships().size(), 1u);
}

TEST(Multicast, second_ipv4_address_joins_nothing_and_last_leaves) {
  Lab L;
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("198.51.100.1", 24)));
  EXPECT_EQ(L.Memberships().size(), 1u);
  EXPECT_EQ(FindGroup(L.If(L.em), A("224.0.0.1"))->refcount, 1u);
  ASSERT_TRUE(L.fib.delete_address(L.em, A("192.0.2.10")));
  EXPECT_NE(FindGroup(L.If(L.em), A("224.0.0.1")), nullptr);
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("198.51.100.1")));
  EXPECT_TRUE(L.If(L.em).groups.empty());
  ASSERT_EQ(L.log.back().kind, ChangeKind::maddr_delete);
  EXPECT_EQ(L.log.back().group->group, A("224.0.0.1"));
}

TEST(Multicast, loopback_joins_without_link_layer_groups) {
  Lab L;
  ASSERT_TRUE(L.fib.add_address(L.lo, Ifa("127.0.0.1", 8)));
  ASSERT_TRUE(L.fib.add_address(L.lo, Ifa("::1", 128)));
  const Interface& l = L.If(L.lo);
  for (const auto& m : l.groups) {
    EXPECT_FALSE(m.link);
    EXPECT_TRUE(m.lladdr.empty());
  }
  EXPECT_NE(FindGroup(l, A("224.0.0.1")), nullptr);
  EXPECT_NE(FindGroup(l, Zoned("ff02::1:ff00:1", L.lo)), nullptr);
  EXPECT_NE(FindGroup(l, Zoned("ff02::1", L.lo)), nullptr);
  EXPECT_NE(FindGroup(l, Zoned("ff01::1", L.lo)), nullptr);
  EXPECT_EQ(l.groups.size(), 4u);
}

TEST(Multicast, ipv6_address_joins_solicited_node_all_nodes_in_order) {
  Lab L;
  L.log.clear();
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8::12:3456", 64)));
  auto ms = L.Memberships();
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ff12:3456", L.em));
  EXPECT_EQ(ms[0].group->lladdr, (Mac{0x33, 0x33, 0xff, 0x12, 0x34, 0x56}));
  EXPECT_EQ(ms[1].group->group, Zoned("ff02::1", L.em));
  EXPECT_EQ(ms[2].group->group, Zoned("ff01::1", L.em));
  // ff02::1 and ff01::1 share 33:33:00:00:00:01: one entry, two references.
  const Membership* all = FindLink(L.If(L.em), Mac{0x33, 0x33, 0, 0, 0, 1});
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->refcount, 2u);
  // The joins come between the /128 route and the prefix route.
  std::size_t first_maddr = L.log.size(), prefix = 0;
  for (std::size_t i = 0; i < L.log.size(); ++i) {
    if (L.log[i].kind == ChangeKind::maddr_add && first_maddr == L.log.size()) first_maddr = i;
    if (L.log[i].kind == ChangeKind::route_add && !L.log[i].new_route->prefix.host) prefix = i;
  }
  EXPECT_LT(first_maddr, prefix);
}

TEST(Multicast, two_addresses_share_a_solicited_node_group_by_reference) {
  Lab L;
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8:1::1", 64)));
  L.log.clear();
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8:2::1", 64)));
  EXPECT_TRUE(L.Memberships().empty());  // every group was joined already
  const Interface& e = L.If(L.em);
  EXPECT_EQ(FindGroup(e, Zoned("ff02::1:ff00:1", L.em))->refcount, 2u);
  EXPECT_EQ(FindGroup(e, Zoned("ff02::1", L.em))->refcount, 2u);
  EXPECT_EQ(FindLink(e, Mac{0x33, 0x33, 0xff, 0, 0, 1})->refcount, 1u);
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("2001:db8:1::1")));
  EXPECT_TRUE(L.Memberships().empty());
  EXPECT_EQ(FindGroup(L.If(L.em), Zoned("ff02::1:ff00:1", L.em))->refcount, 1u);
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("2001:db8:2::1")));
  auto ms = L.Memberships();
  ASSERT_EQ(ms.size(), 3u);  // the last joined first (in6_purgeaddr)
  EXPECT_EQ(ms[0].group->group, Zoned("ff01::1", L.em));
  EXPECT_EQ(ms[1].group->group, Zoned("ff02::1", L.em));
  EXPECT_EQ(ms[2].group->group, Zoned("ff02::1:ff00:1", L.em));
  for (const auto& c : ms) EXPECT_EQ(c.kind, ChangeKind::maddr_delete);
  EXPECT_EQ(L.log[L.log.size() - 4].kind, ChangeKind::addr_delete);
  EXPECT_TRUE(L.If(L.em).groups.empty());
}

TEST(Multicast, freebsd11_leaves_without_records) {
  Lab L("freebsd11");
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8:1::1", 64)));
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("2001:db8:1::1")));
  EXPECT_TRUE(L.Memberships().empty());
  EXPECT_TRUE(L.If(L.em).groups.empty());
}

TEST(Multicast, explicit_join_counts_references_and_leave_enoent) {
  Lab L;
  const Addr g = A("239.1.2.3");
  ASSERT_TRUE(L.fib.join_group(L.em, g));
  ASSERT_TRUE(L.fib.join_group(L.em, g));
  EXPECT_EQ(L.Memberships().size(), 1u);
  EXPECT_EQ(FindGroup(L.If(L.em), g)->lladdr, (Mac{0x01, 0x00, 0x5e, 0x01, 0x02, 0x03}));
  ASSERT_TRUE(L.fib.leave_group(L.em, g));
  EXPECT_EQ(L.Memberships().size(), 1u);
  ASSERT_TRUE(L.fib.leave_group(L.em, g));
  EXPECT_EQ(L.Memberships().size(), 2u);
  EXPECT_TRUE(L.If(L.em).groups.empty());
  auto r = L.fib.leave_group(L.em, g);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code().value(), ENOENT);
  auto bad = L.fib.join_group(L.em, A("192.0.2.1"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code().value(), EINVAL);
}

TEST(Multicast, groups_mapping_to_one_ethernet_group_share_it) {
  Lab L;
  // 224.1.1.1 and 225.1.1.1 both map to 01:00:5e:01:01:01.
  ASSERT_TRUE(L.fib.join_group(L.em, A("224.1.1.1")));
  ASSERT_TRUE(L.fib.join_group(L.em, A("225.1.1.1")));
  const Mac mac{0x01, 0x00, 0x5e, 0x01, 0x01, 0x01};
  EXPECT_EQ(FindLink(L.If(L.em), mac)->refcount, 2u);
  ASSERT_TRUE(L.fib.leave_group(L.em, A("224.1.1.1")));
  EXPECT_EQ(FindLink(L.If(L.em), mac)->refcount, 1u);
  ASSERT_TRUE(L.fib.leave_group(L.em, A("225.1.1.1")));
  EXPECT_EQ(FindLink(L.If(L.em), mac), nullptr);
}

TEST(Multicast, link_group_join_is_reported_leave_is_not) {
  Lab L;
  const Mac mac{0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e};
  ASSERT_TRUE(L.fib.join_link_group(L.em, mac));
  ASSERT_EQ(L.Memberships().size(), 1u);
  EXPECT_TRUE(L.Memberships()[0].group->link);
  ASSERT_TRUE(L.fib.leave_link_group(L.em, mac));
  EXPECT_EQ(L.Memberships().size(), 1u);  // if_delmulti: not "detaching"
  EXPECT_FALSE(L.fib.join_link_group(L.em, Mac{0x02, 0, 0, 0, 0, 1}));  // unicast
}

TEST(Multicast, detach_reports_remaining_groups_before_departure) {
  Lab L;
  ASSERT_TRUE(L.fib.join_group(L.em, A("239.1.2.3")));
  L.log.clear();
  ASSERT_TRUE(L.fib.detach(L.em));
  ASSERT_GE(L.log.size(), 2u);
  EXPECT_EQ(L.log.back().kind, ChangeKind::if_departure);
  const Change& c = L.log[L.log.size() - 2];
  EXPECT_EQ(c.kind, ChangeKind::maddr_delete);
  EXPECT_EQ(c.group->group, A("239.1.2.3"));
  // Its Ethernet group went with it, unreported (ifma_ifp cleared).
  EXPECT_EQ(L.Memberships().size(), 1u);
}

TEST(Multicast, other_kernels_make_no_memberships) {
  for (const char* k : {"openbsd", "netbsd", "hpux"}) {
    Lab L(k);
    ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24))) << k;
    EXPECT_TRUE(L.If(L.em).groups.empty()) << k;
  }
}

// ---- Darwin (xnu in_ifinit, in6_ifaupdate_aux, if_addmulti_common) ----

TEST(Multicast, darwin_joins_per_address_and_reports_every_leave) {
  Lab L("darwin");
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("198.51.100.1", 24)));
  // if_allhostsinm: one join for the first IPv4 address; the link-layer
  // group precedes it in the list (attached first, both at the head).
  ASSERT_EQ(L.Memberships().size(), 1u);
  ASSERT_EQ(L.If(L.em).groups.size(), 2u);
  EXPECT_FALSE(L.If(L.em).groups[0].link);
  EXPECT_TRUE(L.If(L.em).groups[1].link);
  L.log.clear();
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8::12:3456", 64)));
  auto ms = L.Memberships();
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ff12:3456", L.em));
  EXPECT_EQ(ms[1].group->group, Zoned("ff02::1", L.em));
  EXPECT_EQ(ms[2].group->group, Zoned("ff01::1", L.em));
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("2001:db8::12:3456")));
  ms = L.Memberships();
  ASSERT_EQ(ms.size(), 3u);  // in6_purgeaddr, the last joined first
  EXPECT_EQ(ms[0].group->group, Zoned("ff01::1", L.em));
  EXPECT_EQ(ms[2].group->group, Zoned("ff02::1:ff12:3456", L.em));
  for (const auto& c : ms) EXPECT_EQ(c.kind, ChangeKind::maddr_delete);
  // The last IPv4 address leaves 224.0.0.1 (SIOCDIFADDR), reported.
  ASSERT_TRUE(L.fib.delete_address(L.em, A("192.0.2.10")));
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("198.51.100.1")));
  ms = L.Memberships();
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].group->group, A("224.0.0.1"));
  EXPECT_TRUE(L.If(L.em).groups.empty());
}

TEST(Multicast, darwin_link_group_leave_is_reported) {
  Lab L("darwin");
  const Mac mac{0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e};
  ASSERT_TRUE(L.fib.join_link_group(L.em, mac));
  ASSERT_TRUE(L.fib.leave_link_group(L.em, mac));
  auto ms = L.Memberships();
  ASSERT_EQ(ms.size(), 2u);  // if_delmulti_anon: the last reference reports
  EXPECT_EQ(ms[1].kind, ChangeKind::maddr_delete);
  EXPECT_TRUE(ms[1].group->link);
}

// ---- DragonFly (in_ifinit, in6_update_ifa, in6_purgeaddr, if_addmulti) ----

TEST(Multicast, dragonfly_link_group_follows_its_protocol_group_to_the_head) {
  Lab L("dragonfly");
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  const Interface& e = L.If(L.em);
  ASSERT_EQ(e.groups.size(), 2u);
  EXPECT_TRUE(e.groups[0].link);
  EXPECT_EQ(e.groups[0].lladdr, (Mac{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}));
  EXPECT_EQ(e.groups[1].group, A("224.0.0.1"));
}

TEST(Multicast, dragonfly_every_ipv4_address_references_all_hosts_for_good) {
  Lab L("dragonfly");
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("198.51.100.1", 24)));
  EXPECT_EQ(L.Memberships().size(), 1u);
  EXPECT_EQ(FindGroup(L.If(L.em), A("224.0.0.1"))->refcount, 2u);
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("192.0.2.10")));
  ASSERT_TRUE(L.fib.delete_address(L.em, A("198.51.100.1")));
  // SIOCDIFADDR never calls in_delmulti: the group stays, unreported.
  EXPECT_TRUE(L.Memberships().empty());
  EXPECT_EQ(FindGroup(L.If(L.em), A("224.0.0.1"))->refcount, 2u);
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  EXPECT_TRUE(L.Memberships().empty());
  EXPECT_EQ(FindGroup(L.If(L.em), A("224.0.0.1"))->refcount, 3u);
}

TEST(Multicast, dragonfly_ipv6_all_nodes_once_per_interface_only_solicited_left) {
  Lab L("dragonfly");
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8::12:3456", 64)));
  auto ms = L.Memberships();
  // No ff01::1 off the loopback.
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ff12:3456", L.em));
  EXPECT_EQ(ms[1].group->group, Zoned("ff02::1", L.em));
  L.log.clear();
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8::ab:cdef", 64)));
  ms = L.Memberships();
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ffab:cdef", L.em));
  EXPECT_EQ(FindGroup(L.If(L.em), Zoned("ff02::1", L.em))->refcount, 1u);
  L.log.clear();
  ASSERT_TRUE(L.fib.delete_address(L.em, A("2001:db8::12:3456")));
  ASSERT_TRUE(L.fib.delete_address(L.em, A("2001:db8::ab:cdef")));
  ms = L.Memberships();
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].kind, ChangeKind::maddr_delete);
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ff12:3456", L.em));
  EXPECT_EQ(ms[1].group->group, Zoned("ff02::1:ffab:cdef", L.em));
  // ff02::1 and its Ethernet group stay.
  ASSERT_EQ(L.If(L.em).groups.size(), 2u);
  EXPECT_NE(FindGroup(L.If(L.em), Zoned("ff02::1", L.em)), nullptr);
}

TEST(Multicast, dragonfly_loopback_joins_ff01_once_it_holds_loop6) {
  Lab L("dragonfly");
  ASSERT_TRUE(L.fib.add_address(L.lo, Ifa("2001:db8:ff::2", 128)));
  EXPECT_EQ(FindGroup(L.If(L.lo), Zoned("ff01::1", L.lo)), nullptr);
  L.log.clear();
  ASSERT_TRUE(L.fib.add_address(L.lo, Ifa("::1", 128)));
  auto ms = L.Memberships();
  ASSERT_EQ(ms.size(), 2u);  // ff02::1 is there already
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ff00:1", L.lo));
  EXPECT_EQ(ms[1].group->group, Zoned("ff01::1", L.lo));
}

TEST(Multicast, dragonfly_detach_reports_only_inet6_groups) {
  Lab L("dragonfly");
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("192.0.2.10", 24)));
  ASSERT_TRUE(L.fib.add_address(L.em, Ifa("2001:db8::1", 64)));
  ASSERT_TRUE(L.fib.join_group(L.em, A("239.1.2.3")));
  L.log.clear();
  ASSERT_TRUE(L.fib.detach(L.em));
  auto ms = L.Memberships();
  // in6_purgeaddr leaves the solicited-node group, in6_ifdetach ff02::1;
  // 224.0.0.1 and 239.1.2.3 go with the interface, unreported.
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].group->group, Zoned("ff02::1:ff00:1", L.em));
  EXPECT_EQ(ms[1].group->group, Zoned("ff02::1", L.em));
  EXPECT_EQ(L.log.back().kind, ChangeKind::if_departure);
}

}  // namespace
