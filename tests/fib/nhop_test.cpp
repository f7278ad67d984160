// Issue 16, FreeBSD 13+ nexthops: routes of a (FIB, family) share indexed,
// reference-counted nexthop objects (nhop_ctl.c); multipath prefixes hold
// nexthop groups with their own index space (nhgrp_ctl.c). Expectations
// from the kernel's source as docs/research/freebsd-nexthops.md records it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

Config ConfigFor(const std::string& kernel, std::uint32_t fibs = 1, bool allfibs = false) {
  Config c;
  c.add_addr_allfibs = allfibs;
  auto s = semantics_for(kernel);
  EXPECT_TRUE(s.has_value()) << kernel;
  if (s) c.semantics = *s;
  c.fibs = fibs;
  return c;
}

RouteRequest Via(const char* dst, std::optional<int> plen, const char* gw, std::uint32_t fib = 0) {
  RouteRequest r;
  r.fib = fib;
  r.dst = A(dst);
  r.plen = plen;
  r.gateway = Gateway::address(A(gw));
  r.flags = rtf::gateway | rtf::static_ | (plen ? 0 : rtf::host);
  return r;
}

RouteRequest Weighted(const char* dst, int plen, const char* gw, std::uint32_t weight) {
  RouteRequest r = Via(dst, plen, gw);
  r.inits = rtv::weight;
  r.rmx.weight = weight;
  return r;
}

// lo0 127.0.0.1/8 and em0 192.0.2.10/24 + 2001:db8::10/64: the kernel's
// own routes take nexthops 1-3 of inet (127.0.0.1, the prefix, the local
// address route) before any test adds one.
struct Lab {
  explicit Lab(const std::string& kernel = "freebsd", std::uint32_t fibs = 1,
               bool allfibs = false)
      : fib(ConfigFor(kernel, fibs, allfibs)) {
    IfSpec l{"lo0", ift::loop, iff::up | iff::loopback | iff::running, 16384, {}, 0};
    IfSpec e{"em0", ift::ether, iff::up | iff::broadcast | iff::running, 1500, {}, 0};
    lo = fib.attach(l).value_or(0);
    em = fib.attach(e).value_or(0);
    ok = lo != 0 && em != 0 && fib.add_address(lo, Ifa("127.0.0.1", 8)).has_value() &&
         fib.add_address(em, Ifa("192.0.2.10", 24)).has_value();
  }
  std::uint32_t Idx(const char* dst, std::uint32_t f = 0) const {
    auto r = fib.lookup(f, A(dst));
    return r ? r->nhidx : 0;
  }
  std::optional<NexthopInfo> Nh(std::uint32_t idx, Family fam = Family::inet4,
                                std::uint32_t f = 0) const {
    for (const NexthopInfo& n : fib.nexthops(f, fam))
      if (n.index == idx) return n;
    return std::nullopt;
  }
  std::vector<std::uint32_t> Indices(Family fam = Family::inet4, std::uint32_t f = 0) const {
    std::vector<std::uint32_t> out;
    for (const NexthopInfo& n : fib.nexthops(f, fam)) out.push_back(n.index);
    return out;
  }
  Fib fib;
  std::uint16_t lo = 0, em = 0;
  bool ok = false;
};

using Idx = std::vector<std::uint32_t>;

TEST(FreebsdNexthops, kernel_routes_take_the_first_indices_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  EXPECT_EQ(lab.Indices(), (Idx{1, 2, 3}));
  EXPECT_EQ(lab.Idx("127.0.0.1"), 1u);
  EXPECT_EQ(lab.Idx("192.0.2.99"), 2u);
  EXPECT_EQ(lab.Idx("192.0.2.10"), 3u);
  // The prefix route: a link gateway on em0, source 192.0.2.10, em0's MTU.
  auto pfx = lab.Nh(2);
  ASSERT_TRUE(pfx);
  EXPECT_TRUE(pfx->gateway.is_link());
  EXPECT_EQ(pfx->gateway.ifindex, lab.em);
  EXPECT_EQ(pfx->ifindex, lab.em);
  EXPECT_EQ(pfx->aifindex, lab.em);
  EXPECT_TRUE(AddrIs(pfx->ifa, "192.0.2.10"));
  EXPECT_EQ(pfx->mtu, 1500u);
  EXPECT_EQ(pfx->refcount, 1u);
  // The local address route goes out lo0 but its address is em0's (get_aifp).
  auto local = lab.Nh(3);
  ASSERT_TRUE(local);
  EXPECT_EQ(local->ifindex, lab.lo);
  EXPECT_EQ(local->aifindex, lab.em);
  EXPECT_TRUE(HasFlags(local->flags, rtf::host));
}

// Table-driven: a sequence of adds/deletes and the index each route ends
// with; equal gateway/interface/flags share, the lowest free index is reused.
struct Step {
  bool add;
  const char* dst;
  std::optional<int> plen;
  const char* gw;
};
struct ShareCase {
  const char* name;
  std::vector<Step> steps;
  std::vector<std::pair<const char*, std::uint32_t>> want;  // lookup -> nhidx
  std::vector<std::pair<std::uint32_t, std::uint32_t>> refs;  // nhidx -> refcount
  Idx live;
};

const ShareCase kShare[] = {
    {"same_gateway_shares",
     {{true, "10.0.0.0", 8, "192.0.2.1"}, {true, "198.51.100.0", 24, "192.0.2.1"}},
     {{"10.1.1.1", 4}, {"198.51.100.1", 4}},
     {{4, 2}},
     {1, 2, 3, 4}},
    {"other_gateway_new_index",
     {{true, "10.0.0.0", 8, "192.0.2.1"}, {true, "198.51.100.0", 24, "192.0.2.2"}},
     {{"10.1.1.1", 4}, {"198.51.100.1", 5}},
     {{4, 1}, {5, 1}},
     {1, 2, 3, 4, 5}},
    // RTF_HOST is a nexthop flag; NHF_DEFAULT marks the /0's nexthop.
    {"host_and_default_differ",
     {{true, "10.0.0.0", 8, "192.0.2.1"},
      {true, "203.0.113.5", std::nullopt, "192.0.2.1"},
      {true, "0.0.0.0", 0, "192.0.2.1"}},
     {{"10.1.1.1", 4}, {"203.0.113.5", 5}, {"8.8.8.8", 6}},
     {{4, 1}, {5, 1}, {6, 1}},
     {1, 2, 3, 4, 5, 6}},
    {"last_reference_frees_and_lowest_is_reused",
     {{true, "10.0.0.0", 8, "192.0.2.1"},
      {true, "198.51.100.0", 24, "192.0.2.2"},
      {true, "203.0.113.0", 24, "192.0.2.3"},
      {false, "10.0.0.0", 8, "192.0.2.1"},
      {true, "172.16.0.0", 12, "192.0.2.4"}},
     {{"172.16.1.1", 4}, {"198.51.100.1", 5}, {"203.0.113.1", 6}},
     {{4, 1}, {5, 1}, {6, 1}},
     {1, 2, 3, 4, 5, 6}},
    {"shared_survives_one_delete",
     {{true, "10.0.0.0", 8, "192.0.2.1"},
      {true, "198.51.100.0", 24, "192.0.2.1"},
      {false, "10.0.0.0", 8, "192.0.2.1"},
      {true, "172.16.0.0", 12, "192.0.2.4"}},
     {{"198.51.100.1", 4}, {"172.16.1.1", 5}},
     {{4, 1}, {5, 1}},
     {1, 2, 3, 4, 5}},
};

class Share : public testing::TestWithParam<ShareCase> {};

TEST_P(Share, indices_and_refcounts) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  for (const Step& s : GetParam().steps) {
    if (s.add)
      ASSERT_TRUE(Ok(lab.fib.add(Via(s.dst, s.plen, s.gw)))) << s.dst;
    else
      ASSERT_TRUE(Ok(lab.fib.remove(Via(s.dst, s.plen, s.gw)))) << s.dst;
  }
  for (const auto& [dst, idx] : GetParam().want) EXPECT_EQ(lab.Idx(dst), idx) << dst;
  for (const auto& [idx, refs] : GetParam().refs) {
    auto n = lab.Nh(idx);
    ASSERT_TRUE(n) << idx;
    EXPECT_EQ(n->refcount, refs) << idx;
  }
  EXPECT_EQ(lab.Indices(), GetParam().live);
}

INSTANTIATE_TEST_SUITE_P(Freebsd, Share, testing::ValuesIn(kShare),
                         [](const auto& i) { return std::string(i.param.name); });

TEST(FreebsdNexthops, families_and_fibs_have_their_own_index_space_success) {
  Lab lab("freebsd", 2, true);  // net.add_addr_allfibs: em0's prefix in FIB 1 too
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add_address(lab.em, Ifa("2001:db8::10", 64))));
  const Idx before = lab.Indices(Family::inet4, 1);
  ASSERT_FALSE(before.empty());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i], i + 1);
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.1", 1))));
  // FIB 1 counts its own: the next free there, whatever FIB 0 holds.
  const auto next = static_cast<std::uint32_t>(before.size() + 1);
  EXPECT_EQ(lab.Idx("10.1.1.1", 1), next);
  EXPECT_EQ(lab.Nh(next, Family::inet4, 1)->refcount, 1u);
  EXPECT_EQ(lab.Indices(Family::inet4, 0), (Idx{1, 2, 3}));
  const Idx v6 = lab.Indices(Family::inet6, 0);
  ASSERT_FALSE(v6.empty());
  EXPECT_EQ(v6.front(), 1u);
  for (const NexthopInfo& n : lab.fib.nexthops(0, Family::inet6))
    EXPECT_EQ(n.refcount, 1u) << n.index;
}

TEST(FreebsdNexthops, change_makes_a_new_nexthop_before_freeing_the_old_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_EQ(lab.Idx("10.1.1.1"), 4u);
  RouteRequest ch = Via("10.0.0.0", 8, "192.0.2.1");
  ch.inits = rtv::mtu;
  ch.rmx.mtu = 1400;
  ASSERT_TRUE(Ok(lab.fib.change(ch)));
  // nhop_create_from_nhop runs while 4 is held: the new one is 5, 4 is gone.
  EXPECT_EQ(lab.Idx("10.1.1.1"), 5u);
  EXPECT_EQ(lab.Indices(), (Idx{1, 2, 3, 5}));
  auto n = lab.Nh(5);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->mtu, 1400u);
  EXPECT_TRUE(HasFlags(n->flags, rtf::fixedmtu));
}

TEST(FreebsdNexthops, interface_mtu_changes_the_nexthop_in_place_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(lab.fib.set_mtu(lab.em, 9000)));
  // nhops_update_ifmtu writes nh_mtu: same index, new MTU.
  EXPECT_EQ(lab.Idx("10.1.1.1"), 4u);
  auto n = lab.Nh(4);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->mtu, 9000u);
  EXPECT_EQ(lab.Indices(), (Idx{1, 2, 3, 4}));
  // A later route with the new MTU finds it.
  ASSERT_TRUE(Ok(lab.fib.add(Via("198.51.100.0", 24, "192.0.2.1"))));
  EXPECT_EQ(lab.Idx("198.51.100.1"), 4u);
  EXPECT_EQ(lab.Nh(4)->refcount, 2u);
}

TEST(FreebsdNexthops, pksent_sums_the_routes_using_it_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(lab.fib.add(Via("198.51.100.0", 24, "192.0.2.1"))));
  (void)lab.fib.forward(0, A("10.1.1.1"));
  (void)lab.fib.forward(0, A("10.2.2.2"));
  (void)lab.fib.forward(0, A("198.51.100.3"));
  EXPECT_EQ(lab.Nh(4)->pksent, 3u);
}

// ---- groups ----

using Members = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

TEST(FreebsdNexthopGroups, second_path_makes_a_group_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(lab.fib.nexthop_groups(0, Family::inet4).empty());
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.2"))));
  auto g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].index, 1u);
  EXPECT_EQ(g[0].refcount, 1u);
  EXPECT_EQ(g[0].members, (Members{{4, 1}, {5, 1}}));
  EXPECT_EQ(g[0].slots, (Idx{4, 5}));
  // The group holds each nexthop; the paths hold none of their own.
  EXPECT_EQ(lab.Nh(4)->refcount, 1u);
  EXPECT_EQ(lab.Nh(5)->refcount, 1u);
}

TEST(FreebsdNexthopGroups, same_paths_share_a_group_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  for (const char* dst : {"10.0.0.0", "172.16.0.0"})
    for (const char* gw : {"192.0.2.1", "192.0.2.2"})
      ASSERT_TRUE(Ok(lab.fib.add(Via(dst, dst[0] == '1' && dst[1] == '0' ? 8 : 12, gw))));
  auto g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].refcount, 2u);
  EXPECT_EQ(lab.Nh(4)->refcount, 1u);
}

TEST(FreebsdNexthopGroups, deleting_paths_shrinks_then_dissolves_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  for (const char* gw : {"192.0.2.1", "192.0.2.2", "192.0.2.3"})
    ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, gw))));
  // Each change builds the new group while the old one is held: the third
  // path's group is 2 (group 1 then freed), the shrunk one 1 again.
  auto g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].index, 2u);
  EXPECT_EQ(g[0].members, (Members{{4, 1}, {5, 1}, {6, 1}}));
  ASSERT_TRUE(Ok(lab.fib.remove(Via("10.0.0.0", 8, "192.0.2.2"))));
  g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].index, 1u);
  EXPECT_EQ(g[0].members, (Members{{4, 1}, {6, 1}}));
  EXPECT_EQ(lab.Indices(), (Idx{1, 2, 3, 4, 6}));
  ASSERT_TRUE(Ok(lab.fib.remove(Via("10.0.0.0", 8, "192.0.2.1"))));
  // One path left: the route holds its nexthop directly, no group remains.
  EXPECT_TRUE(lab.fib.nexthop_groups(0, Family::inet4).empty());
  EXPECT_EQ(lab.Idx("10.1.1.1"), 6u);
  EXPECT_EQ(lab.Nh(6)->refcount, 1u);
  EXPECT_EQ(lab.Indices(), (Idx{1, 2, 3, 6}));
  ASSERT_TRUE(Ok(lab.fib.remove(Via("10.0.0.0", 8, "192.0.2.3"))));
  EXPECT_EQ(lab.Indices(), (Idx{1, 2, 3}));
  // Both index spaces start from the lowest free again.
  for (const char* gw : {"192.0.2.7", "192.0.2.8"})
    ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, gw))));
  g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].index, 1u);
  EXPECT_EQ(g[0].members, (Members{{4, 1}, {5, 1}}));
}

TEST(FreebsdNexthopGroups, weights_are_kept_and_compiled_success) {
  Lab lab;
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add(Weighted("10.0.0.0", 8, "192.0.2.1", 1))));
  ASSERT_TRUE(Ok(lab.fib.add(Weighted("10.0.0.0", 8, "192.0.2.2", 3))));
  auto g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].members, (Members{{4, 1}, {5, 3}}));
  EXPECT_EQ(g[0].slots, (Idx{4, 5, 5, 5}));
  // A new weight is a new group (RTM_CHANGE with RTV_WEIGHT on one path).
  RouteRequest ch = Weighted("10.0.0.0", 8, "192.0.2.2", 1);
  ASSERT_TRUE(Ok(lab.fib.change(ch)));
  g = lab.fib.nexthop_groups(0, Family::inet4);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].index, 2u);
  EXPECT_EQ(g[0].members, (Members{{4, 1}, {5, 1}}));
}

struct CompileCase {
  Members members;
  std::size_t slots;
  Idx head;  // the first slots
};

// The examples of nhgrp_ctl.c's calc_min_mpath_slots comment, and a set of
// weights no step divides (64 slots, RIB_MAX_MPATH_WIDTH).
const CompileCase kCompile[] = {
    {{{1, 1}, {2, 1}}, 2, {1, 2}},
    {{{1, 1}, {2, 2}}, 3, {1, 2, 2}},
    {{{1, 100}, {2, 200}}, 3, {1, 2, 2}},
    {{{1, 100}, {2, 200}, {3, 400}}, 7, {1, 2, 2, 3, 3, 3, 3}},
    {{{1, 3}, {2, 5}}, 64, {1, 1, 1}},
    {{{1, 1}, {2, 1000}}, 64, {2, 2}},
};

class Compile : public testing::TestWithParam<CompileCase> {};

TEST_P(Compile, slots) {
  const auto out = compile_group(GetParam().members);
  ASSERT_EQ(out.size(), GetParam().slots);
  for (std::size_t i = 0; i < GetParam().head.size(); ++i) EXPECT_EQ(out[i], GetParam().head[i]);
  // Each member's share is its weight's, rounded down in list order.
  std::uint64_t total = 0;
  for (const auto& m : GetParam().members) total += m.second;
  std::uint64_t rem_sum = total, rem = out.size();
  for (const auto& [idx, w] : GetParam().members) {
    const auto n = static_cast<std::uint64_t>(std::count(out.begin(), out.end(), idx));
    EXPECT_EQ(n, w * rem / rem_sum) << idx;
    rem_sum -= w;
    rem -= n;
  }
}

INSTANTIATE_TEST_SUITE_P(Freebsd, Compile, testing::ValuesIn(kCompile));

// ---- other kernels ----

class NoObjects : public testing::TestWithParam<const char*> {};

TEST_P(NoObjects, list_nothing) {
  Lab lab(GetParam());
  ASSERT_TRUE(lab.ok);
  ASSERT_TRUE(Ok(lab.fib.add(Via("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(lab.fib.nexthops(0, Family::inet4).empty());
  EXPECT_TRUE(lab.fib.nexthop_groups(0, Family::inet4).empty());
}

INSTANTIATE_TEST_SUITE_P(Kernels, NoObjects,
                         testing::Values("freebsd12", "darwin", "netbsd", "dragonfly", "openbsd"));

}  // namespace
