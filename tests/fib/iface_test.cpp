// Interfaces and their addresses in the forwarding database: attach/detach,
// flag/MTU/link changes, the routes an address installs and the order of the
// change records (spec B.9, B.11), written from the spec and the headers.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

// Shared values and assertions: fib_assert.hpp.

::testing::AssertionResult LacksFlags(std::uint64_t flags, std::uint64_t bits) {
  if ((flags & bits) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "flags " << Hex(flags) << " have " << Hex(flags & bits);
}

::testing::AssertionResult LinkGatewayIs(const Gateway& g, std::uint16_t index, std::uint8_t type) {
  if (g.is_link() && g.ifindex == index && g.iftype == type) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "gateway " << g.str() << " (type " << static_cast<int>(g.iftype) << "), expected link#"
         << index << " type " << static_cast<int>(type);
}

// ---- setup ----

Config ConfigFor(const char* kernel) {
  Config c = KernelConfig(kernel);
  // The addresses here are the tests'; FreeBSD's automatic link-local
  // address has its own tests (in6ifattach_test.cpp).
  c.semantics.auto_linklocal = false;
  return c;
}

IfSpec Spec(const char* name, std::uint8_t type, std::uint32_t flags, std::uint32_t mtu,
            std::vector<std::uint8_t> mac = {}) {
  IfSpec s;
  s.name = name;
  s.type = type;
  s.flags = flags;
  s.mtu = mtu;
  s.lladdr = std::move(mac);
  return s;
}

IfSpec Ether(const char* name, std::uint8_t last_mac_byte) {
  return Spec(name, ift::ether, iff::up | iff::broadcast | iff::running | iff::multicast, 1500,
              {0x02, 0x00, 0x00, 0x00, 0x00, last_mac_byte});
}

class Lab {
 public:
  // with_interfaces: lo0 127.0.0.1/8 and em0 192.0.2.10/24; otherwise nothing attached.
  explicit Lab(bool with_interfaces = true, const char* kernel = "freebsd")
      : fib(ConfigFor(kernel)) {
    fib.set_listener([this](const Change& c) { log.push_back(c); });
    if (with_interfaces) ok_ = AttachLo() && AttachEm(true);
  }

  bool AttachLo() {
    auto i = fib.attach(
        Spec("lo0", ift::loop, iff::up | iff::loopback | iff::running | iff::multicast, 16384));
    if (!i) return Fail("attach lo0", i.error());
    lo = *i;
    auto a = fib.add_address(lo, Ifa("127.0.0.1", 8));
    if (!a) return Fail("add 127.0.0.1/8", a.error());
    return true;
  }

  bool AttachEm(bool with_address) {
    auto i = fib.attach(Ether("em0", 0x01));
    if (!i) return Fail("attach em0", i.error());
    em = *i;
    if (!with_address) return true;
    auto a = fib.add_address(em, Ifa("192.0.2.10", 24, "192.0.2.255"));
    if (!a) return Fail("add 192.0.2.10/24", a.error());
    return true;
  }

  bool AttachEm1() {
    auto i = fib.attach(Ether("em1", 0x02));
    if (!i) return Fail("attach em1", i.error());
    em1 = *i;
    auto a = fib.add_address(em1, Ifa("198.51.100.1", 24, "198.51.100.255"));
    if (!a) return Fail("add 198.51.100.1/24", a.error());
    return true;
  }

  bool AttachTun() {
    auto i = fib.attach(Spec("tun0", ift::tunnel,
                             iff::up | iff::pointopoint | iff::running | iff::multicast, 1500));
    if (!i) return Fail("attach tun0", i.error());
    tun = *i;
    IfAddress a = Ifa("10.9.9.1", 32);
    a.peer = A("10.9.9.2");
    auto r = fib.add_address(tun, a);
    if (!r) return Fail("add 10.9.9.1 -> 10.9.9.2", r.error());
    return true;
  }

  bool ok() const { return ok_; }

  std::vector<RouteInfo> Routes(Family f = Family::inet4) const {
    std::vector<RouteInfo> v;
    fib.walk(0, f, 0, [&](const RouteInfo& r) {
      v.push_back(r);
      return true;
    });
    return v;
  }

  Fib fib;
  std::vector<Change> log;
  std::uint16_t lo = 0, em = 0, em1 = 0, tun = 0;

 private:
  bool Fail(const char* what, const Error& e) {
    ADD_FAILURE() << what << ": " << e.message();
    return false;
  }
  bool ok_ = true;
};

RouteRequest Req(const char* dst, std::optional<int> plen, const char* gw,
                 std::uint64_t flags = rtf::gateway | rtf::static_) {
  RouteRequest r;
  r.dst = A(dst);
  r.plen = plen;
  if (gw != nullptr) r.gateway = Gateway::address(A(gw));
  r.flags = flags;
  return r;
}

// Index of the first record matching pred; -1 if none.
template <class Pred>
int Find(const std::vector<Change>& log, Pred pred) {
  for (std::size_t i = 0; i < log.size(); ++i)
    if (pred(log[i])) return static_cast<int>(i);
  return -1;
}

bool IsRouteDelete(const Change& c, const Prefix& p) {
  return c.kind == ChangeKind::route_delete && c.old_route && c.old_route->prefix == p;
}

bool IsRouteAdd(const Change& c, const Prefix& p) {
  return c.kind == ChangeKind::route_add && c.new_route && c.new_route->prefix == p;
}

// =====================================================================================
// attach / detach
// =====================================================================================

TEST(Iface, attach_assigns_lowest_free_index_success) {
  Lab L(false);
  auto a = L.fib.attach(Ether("a0", 1));
  auto b = L.fib.attach(Ether("b0", 2));
  auto c = L.fib.attach(Ether("c0", 3));
  ASSERT_TRUE(Ok(a));
  ASSERT_TRUE(Ok(b));
  ASSERT_TRUE(Ok(c));
  EXPECT_EQ(*a, 1);
  EXPECT_EQ(*b, 2);
  EXPECT_EQ(*c, 3);
  ASSERT_TRUE(Ok(L.fib.detach(*b)));
  auto d = L.fib.attach(Ether("d0", 4));
  ASSERT_TRUE(Ok(d));
  EXPECT_EQ(*d, 2);
  auto e = L.fib.attach(Ether("e0", 5));
  ASSERT_TRUE(Ok(e));
  EXPECT_EQ(*e, 4);

  const auto all = L.fib.interfaces();
  ASSERT_EQ(all.size(), 4u);
  const std::vector<std::pair<std::uint16_t, std::string>> want = {
      {1, "a0"}, {2, "d0"}, {3, "c0"}, {4, "e0"}};
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i]->index, want[i].first);
    EXPECT_EQ(all[i]->name, want[i].second);
  }
}

TEST(Iface, attach_duplicate_name_eexist) {
  Lab L(false);
  ASSERT_TRUE(Ok(L.fib.attach(Ether("em0", 1))));
  EXPECT_TRUE(Errno(L.fib.attach(Ether("em0", 2)), EEXIST));
  EXPECT_EQ(L.fib.interfaces().size(), 1u);
}

TEST(Iface, attach_bad_name_einval) {
  Lab L(false);
  EXPECT_TRUE(Errno(L.fib.attach(Ether("", 1)), EINVAL));
  EXPECT_TRUE(Errno(L.fib.attach(Ether("abcdefghijklmnop", 1)), EINVAL));  // 16 characters
  EXPECT_TRUE(L.fib.interfaces().empty());
  EXPECT_TRUE(Ok(L.fib.attach(Ether("abcdefghijklmno", 1))));  // 15 characters
}

TEST(Iface, attach_stores_spec_success) {
  Lab L(false);
  auto i = L.fib.attach(Ether("em0", 0x01));
  ASSERT_TRUE(Ok(i));
  const Interface* p = L.fib.interface(*i);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->index, *i);
  EXPECT_EQ(p->name, "em0");
  EXPECT_EQ(p->type, ift::ether);
  EXPECT_EQ(p->flags, iff::up | iff::broadcast | iff::running | iff::multicast);
  EXPECT_EQ(p->mtu, 1500u);
  EXPECT_EQ(p->lladdr, (std::vector<std::uint8_t>{0x02, 0, 0, 0, 0, 0x01}));
  EXPECT_TRUE(p->addrs.empty());
  EXPECT_TRUE(p->up());
  EXPECT_EQ(L.fib.interface("em0"), p);
  EXPECT_EQ(L.fib.interface("em9"), nullptr);
  EXPECT_EQ(L.fib.interface(static_cast<std::uint16_t>(*i + 1)), nullptr);
}

TEST(Iface, attach_reports_if_arrival_first) {
  Lab L(false);
  auto i = L.fib.attach(Ether("em0", 0x01));
  ASSERT_TRUE(Ok(i));
  ASSERT_FALSE(L.log.empty());
  EXPECT_EQ(L.log[0].kind, ChangeKind::if_arrival);
  EXPECT_EQ(L.log[0].ifindex, *i);
  ASSERT_TRUE(L.log[0].iface.has_value());
  EXPECT_EQ(L.log[0].iface->name, "em0");
  EXPECT_EQ(L.log[0].iface->index, *i);
  for (const auto& c : L.log) {
    EXPECT_NE(c.kind, ChangeKind::route_add);
    EXPECT_NE(c.kind, ChangeKind::addr_add);
  }
}

TEST(Iface, detach_unknown_enxio) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.detach(77), ENXIO));
}

TEST(Iface, detach_removes_addresses_and_routes_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.detach(L.em)));

  EXPECT_EQ(L.fib.interface(L.em), nullptr);
  EXPECT_EQ(L.fib.interface("em0"), nullptr);
  ASSERT_EQ(L.fib.interfaces().size(), 1u);
  EXPECT_FALSE(L.fib.lookup(0, A("192.0.2.55")).has_value());
  EXPECT_FALSE(L.fib.lookup(0, A("192.0.2.10")).has_value());
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  EXPECT_TRUE(L.fib.lookup(0, A("127.0.0.1")).has_value());
  for (const auto& r : L.Routes()) EXPECT_NE(r.ifindex, L.em) << Show(r.prefix);

  // Order: each route of the address is deleted before its RTM_DELADDR; departure last.
  ASSERT_FALSE(L.log.empty());
  EXPECT_EQ(L.log.back().kind, ChangeKind::if_departure);
  EXPECT_EQ(L.log.back().ifindex, L.em);
  const int del_addr = Find(L.log, [](const Change& c) {
    return c.kind == ChangeKind::addr_delete && c.address && c.address->addr == A("192.0.2.10");
  });
  const int del_net =
      Find(L.log, [](const Change& c) { return IsRouteDelete(c, Net("192.0.2.0", 24)); });
  const int del_local =
      Find(L.log, [](const Change& c) { return IsRouteDelete(c, Host("192.0.2.10")); });
  const int del_static =
      Find(L.log, [](const Change& c) { return IsRouteDelete(c, Net("10.0.0.0", 8)); });
  ASSERT_GE(del_addr, 0);
  ASSERT_GE(del_net, 0);
  ASSERT_GE(del_local, 0);
  ASSERT_GE(del_static, 0);
  EXPECT_LT(del_net, del_addr);
  EXPECT_LT(del_local, del_addr);
  int departures = 0;
  for (const auto& c : L.log)
    if (c.kind == ChangeKind::if_departure) ++departures;
  EXPECT_EQ(departures, 1);
}

// =====================================================================================
// set_flags / set_mtu / set_link / count
// =====================================================================================

TEST(Iface, set_flags_reports_if_change) {
  Lab L;
  ASSERT_TRUE(L.ok());
  L.log.clear();
  const std::uint32_t f = iff::broadcast | iff::running | iff::multicast | iff::promisc;
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, f)));
  EXPECT_EQ(L.fib.interface(L.em)->flags, f);
  EXPECT_FALSE(L.fib.interface(L.em)->up());
  ASSERT_FALSE(L.log.empty());
  const Change& c = L.log.back();
  EXPECT_EQ(c.kind, ChangeKind::if_change);
  EXPECT_EQ(c.ifindex, L.em);
  ASSERT_TRUE(c.iface.has_value());
  EXPECT_EQ(c.iface->flags, f);
}

TEST(Iface, set_mtu_reports_if_change) {
  Lab L;
  ASSERT_TRUE(L.ok());
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_mtu(L.em, 9000)));
  EXPECT_EQ(L.fib.interface(L.em)->mtu, 9000u);
  ASSERT_FALSE(L.log.empty());
  // First: the routes' new MTUs follow as unreported records
  // (iface_mtu_link_test.cpp).
  const Change& c = L.log.front();
  EXPECT_EQ(c.kind, ChangeKind::if_change);
  EXPECT_EQ(c.ifindex, L.em);
  ASSERT_TRUE(c.iface.has_value());
  EXPECT_EQ(c.iface->mtu, 9000u);
}

TEST(Iface, set_link_reports_if_change) {
  Lab L;
  ASSERT_TRUE(L.ok());
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_link(L.em, LinkState::down)));
  EXPECT_EQ(L.fib.interface(L.em)->link, LinkState::down);
  ASSERT_FALSE(L.log.empty());
  EXPECT_EQ(L.log.back().kind, ChangeKind::if_change);
  ASSERT_TRUE(L.log.back().iface.has_value());
  EXPECT_EQ(L.log.back().iface->link, LinkState::down);

  ASSERT_TRUE(Ok(L.fib.set_link(L.em, LinkState::up)));
  EXPECT_EQ(L.fib.interface(L.em)->link, LinkState::up);
  EXPECT_EQ(L.log.back().kind, ChangeKind::if_change);
  EXPECT_EQ(L.log.back().iface->link, LinkState::up);
}

TEST(Iface, set_unknown_interface_enxio) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.set_flags(77, iff::up), ENXIO));
  EXPECT_TRUE(Errno(L.fib.set_mtu(77, 1400), ENXIO));
  EXPECT_TRUE(Errno(L.fib.set_link(77, LinkState::up), ENXIO));
}

TEST(Iface, count_accumulates_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  IfCounters d;
  d.ipackets = 1;
  d.ibytes = 100;
  d.opackets = 2;
  ASSERT_TRUE(Ok(L.fib.count(L.em, d)));
  ASSERT_TRUE(Ok(L.fib.count(L.em, d)));
  const IfCounters& c = L.fib.interface(L.em)->counters;
  EXPECT_EQ(c.ipackets, 2u);
  EXPECT_EQ(c.ibytes, 200u);
  EXPECT_EQ(c.opackets, 4u);
  EXPECT_EQ(c.obytes, 0u);
}

// =====================================================================================
// add_address / delete_address (B.11)
// =====================================================================================

TEST(Iface, add_address_installs_interface_route_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.lookup(0, A("192.0.2.55"));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(PrefixIs(r->prefix, Net("192.0.2.0", 24)));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::pinned));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::gateway | rtf::host));
  EXPECT_TRUE(LinkGatewayIs(r->gateway, L.em, ift::ether));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_TRUE(AddrIs(r->ifa, "192.0.2.10"));

  const Interface* p = L.fib.interface(L.em);
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->addrs.size(), 1u);
  EXPECT_EQ(p->addrs[0].addr, A("192.0.2.10"));
  EXPECT_EQ(p->addrs[0].plen, 24);
}

TEST(Iface, add_address_installs_local_route_freebsd_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.lookup(0, A("192.0.2.10"));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(PrefixIs(r->prefix, Host("192.0.2.10")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::host | rtf::static_ | rtf::pinned));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::gateway));
  ASSERT_TRUE(r->gateway.is_link());
  EXPECT_EQ(r->gateway.ifindex, L.em);
  EXPECT_EQ(r->ifindex, L.lo);
}

TEST(Iface, add_address_records_addr_add_before_route_add) {
  Lab L(false);
  ASSERT_TRUE(L.AttachLo());
  ASSERT_TRUE(L.AttachEm(false));
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("192.0.2.10", 24, "192.0.2.255"))));
  ASSERT_GE(L.log.size(), 3u);
  EXPECT_EQ(L.log[0].kind, ChangeKind::addr_add);
  EXPECT_EQ(L.log[0].ifindex, L.em);
  ASSERT_TRUE(L.log[0].address.has_value());
  EXPECT_EQ(L.log[0].address->addr, A("192.0.2.10"));
  EXPECT_EQ(L.log[0].address->plen, 24);
  // The routes, then (FreeBSD, a multicast interface's first IPv4 address)
  // the all-hosts membership.
  ASSERT_EQ(L.log.back().kind, ChangeKind::maddr_add);
  for (std::size_t i = 1; i + 1 < L.log.size(); ++i) {
    EXPECT_EQ(L.log[i].kind, ChangeKind::route_add) << i;
    EXPECT_EQ(L.log[i].cause, Cause::address) << i;
  }
  EXPECT_GE(Find(L.log, [](const Change& c) { return IsRouteAdd(c, Net("192.0.2.0", 24)); }), 1);
  EXPECT_GE(Find(L.log, [](const Change& c) { return IsRouteAdd(c, Host("192.0.2.10")); }), 1);
}

TEST(Iface, delete_address_records_route_delete_before_addr_delete) {
  Lab L;
  ASSERT_TRUE(L.ok());
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("192.0.2.10"))));
  // The last IPv4 address leaves all-hosts after its own records (FreeBSD
  // 12+: RTM_DELMADDR from the deferred inm_release).
  ASSERT_GE(L.log.size(), 4u);
  EXPECT_EQ(L.log.back().kind, ChangeKind::maddr_delete);
  L.log.pop_back();
  EXPECT_EQ(L.log.back().kind, ChangeKind::addr_delete);
  EXPECT_EQ(L.log.back().ifindex, L.em);
  ASSERT_TRUE(L.log.back().address.has_value());
  EXPECT_EQ(L.log.back().address->addr, A("192.0.2.10"));
  for (std::size_t i = 0; i + 1 < L.log.size(); ++i)
    EXPECT_EQ(L.log[i].kind, ChangeKind::route_delete) << i;
  EXPECT_GE(Find(L.log, [](const Change& c) { return IsRouteDelete(c, Net("192.0.2.0", 24)); }), 0);
  EXPECT_GE(Find(L.log, [](const Change& c) { return IsRouteDelete(c, Host("192.0.2.10")); }), 0);

  EXPECT_FALSE(L.fib.lookup(0, A("192.0.2.55")).has_value());
  EXPECT_FALSE(L.fib.lookup(0, A("192.0.2.10")).has_value());
  EXPECT_TRUE(L.fib.interface(L.em)->addrs.empty());
  EXPECT_NE(L.fib.interface(L.em), nullptr);
}

TEST(Iface, delete_address_unknown_eaddrnotavail) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.delete_address(L.em, A("192.0.2.99")), EADDRNOTAVAIL));
  EXPECT_EQ(L.fib.interface(L.em)->addrs.size(), 1u);
}

TEST(Iface, add_address_point_to_point_peer_host_route_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AttachTun());
  auto r = L.fib.lookup(0, A("10.9.9.2"));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(PrefixIs(r->prefix, Host("10.9.9.2")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::host));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::gateway));
  EXPECT_EQ(r->ifindex, L.tun);
  EXPECT_TRUE(AddrIs(r->ifa, "10.9.9.1"));
  // No route to the rest of the peer's (nonexistent) subnet.
  EXPECT_FALSE(L.fib.lookup(0, A("10.9.9.3")).has_value());
}

TEST(Iface, add_address_loopback_host_route_only_success) {
  Lab L(false);
  ASSERT_TRUE(L.AttachLo());
  auto r = L.fib.lookup(0, A("127.0.0.1"));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(PrefixIs(r->prefix, Host("127.0.0.1")));
  EXPECT_EQ(r->ifindex, L.lo);
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::host));
  EXPECT_FALSE(L.fib.lookup(0, A("127.0.0.2")).has_value());
  const auto routes = L.Routes();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_TRUE(PrefixIs(routes[0].prefix, Host("127.0.0.1")));
}

TEST(Iface, add_address_second_in_same_subnet_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("192.0.2.20", 24, "192.0.2.255"))));
  int nets = 0;
  for (const auto& r : L.Routes())
    if (r.prefix == Net("192.0.2.0", 24)) ++nets;
  EXPECT_EQ(nets, 1);
  auto h = L.fib.lookup(0, A("192.0.2.20"));
  ASSERT_TRUE(h.has_value());
  EXPECT_TRUE(PrefixIs(h->prefix, Host("192.0.2.20")));
  EXPECT_EQ(h->ifindex, L.lo);
  const Interface* p = L.fib.interface(L.em);
  ASSERT_EQ(p->addrs.size(), 2u);
  EXPECT_EQ(p->addrs[0].addr, A("192.0.2.10"));
  EXPECT_EQ(p->addrs[1].addr, A("192.0.2.20"));

  // Removing the second address leaves the subnet route of the first.
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("192.0.2.20"))));
  auto n = L.fib.lookup(0, A("192.0.2.55"));
  ASSERT_TRUE(n.has_value());
  EXPECT_TRUE(PrefixIs(n->prefix, Net("192.0.2.0", 24)));
  auto g = L.fib.lookup(0, A("192.0.2.20"));
  ASSERT_TRUE(g.has_value());
  EXPECT_TRUE(PrefixIs(g->prefix, Net("192.0.2.0", 24)));
}

// =====================================================================================
// Interface selection for routes (B.9)
// =====================================================================================

TEST(Iface, route_gateway_in_connected_subnet_selects_interface_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AttachEm1());
  auto a = L.fib.add(Req("10.0.0.0", 8, "198.51.100.254"));
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(a->ifindex, L.em1);
  EXPECT_TRUE(AddrIs(a->ifa, "198.51.100.1"));
  auto b = L.fib.add(Req("172.16.0.0", 12, "192.0.2.1"));
  ASSERT_TRUE(Ok(b));
  EXPECT_EQ(b->ifindex, L.em);
  EXPECT_TRUE(AddrIs(b->ifa, "192.0.2.10"));
}

TEST(Iface, route_gateway_p2p_peer_selects_interface_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AttachTun());
  auto r = L.fib.add(Req("172.16.0.0", 12, "10.9.9.2"));
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.tun);
  EXPECT_TRUE(AddrIs(r->ifa, "10.9.9.1"));
}

TEST(Iface, route_link_gateway_selects_interface_by_index_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AttachEm1());
  RouteRequest q = Req("203.0.113.0", 24, nullptr, rtf::static_);
  q.gateway = Gateway::link(L.em1, ift::ether);
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em1);
  EXPECT_TRUE(AddrIs(r->ifa, "198.51.100.1"));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::gateway));
  ASSERT_TRUE(r->gateway.is_link());
  EXPECT_EQ(r->gateway.ifindex, L.em1);
  auto f = L.fib.forward(0, A("203.0.113.9"));
  EXPECT_EQ(f.verdict, Forward::Verdict::deliver);
  EXPECT_EQ(f.ifindex, L.em1);
  EXPECT_EQ(f.next_hop, A("203.0.113.9"));
}

TEST(Iface, route_ifp_index_overrides_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AttachEm1());
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.ifp_index = L.em1;
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em1);
  EXPECT_TRUE(AddrIs(r->ifa, "198.51.100.1"));
}

TEST(Iface, route_ifp_name_overrides_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AttachEm1());
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.ifp_name = "em1";
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em1);
  EXPECT_TRUE(AddrIs(r->ifa, "198.51.100.1"));
}

TEST(Iface, route_ifa_local_address_selected_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("192.0.2.20", 24, "192.0.2.255"))));
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.ifa = A("192.0.2.20");
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_TRUE(AddrIs(r->ifa, "192.0.2.20"));
}

TEST(Iface, route_ifa_not_local_falls_back_to_gateway_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  // B.9 steps 2-3: an RTA_IFA that is not a local address selects nothing; the
  // gateway then selects the interface and its address (FreeBSD rt_getifa_fib).
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.ifa = A("203.0.113.77");
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_TRUE(AddrIs(r->ifa, "192.0.2.10"));
}

TEST(Iface, route_v6_gateway_selects_v6_ifa_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("2001:db8:1::10", 64))));
  auto c = L.fib.lookup(0, A("2001:db8:1::99"));
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(PrefixIs(c->prefix, Net("2001:db8:1::", 64)));
  EXPECT_EQ(c->ifindex, L.em);
  auto r = L.fib.add(Req("2001:db8:100::", 48, "2001:db8:1::1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_TRUE(AddrIs(r->ifa, "2001:db8:1::10"));
}

}  // namespace
