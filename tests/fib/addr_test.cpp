// Addresses and prefixes: parsing, masking, printing, radix order.
#include "rtsock/fib/addr.hpp"

#include <gtest/gtest.h>

#include "rtsock/fib/semantics.hpp"

using namespace rtsock::fib;

TEST(FibAddr, addr_parse_v4_v6_success) {
  auto a = Addr::parse("192.0.2.1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->family, Family::inet4);
  EXPECT_EQ(a->v4(), 0xc0000201u);
  EXPECT_EQ(a->str(), "192.0.2.1");
  auto b = Addr::parse("2001:db8::1");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->family, Family::inet6);
  EXPECT_EQ(b->str(), "2001:db8::1");
}

TEST(FibAddr, addr_parse_garbage_nullopt) {
  for (const char* s : {"", "1.2.3", "1.2.3.4.5", "300.1.1.1", "::g", "1.2.3.4 ", "abc"})
    EXPECT_FALSE(Addr::parse(s)) << s;
}

TEST(FibAddr, prefix_parse_masks_host_bits) {
  auto p = Prefix::parse("10.1.2.3/8");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->str(), "10.0.0.0/8");
  EXPECT_FALSE(p->host);
  auto h = Prefix::parse("10.1.2.3");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->host);
  EXPECT_EQ(h->plen, 32);
  auto d = Prefix::parse("2001:db8:ffff::/33");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->str(), "2001:db8:8000::/33");
  EXPECT_FALSE(Prefix::parse("10.0.0.0/33"));
  EXPECT_FALSE(Prefix::parse("10.0.0.0/-1"));
  EXPECT_FALSE(Prefix::parse("10.0.0.0/8x"));
}

TEST(FibAddr, prefix_contains_by_family) {
  const auto p = *Prefix::parse("10.0.0.0/8");
  EXPECT_TRUE(p.contains(*Addr::parse("10.255.0.1")));
  EXPECT_FALSE(p.contains(*Addr::parse("11.0.0.1")));
  EXPECT_FALSE(p.contains(*Addr::parse("::a00:1")));
  EXPECT_TRUE(Prefix::parse("0.0.0.0/0")->contains(*Addr::parse("1.2.3.4")));
}

TEST(FibAddr, radix_order_host_first_then_longer) {
  const auto host = *Prefix::parse("10.0.0.0");
  const auto p24 = *Prefix::parse("10.0.0.0/24");
  const auto p8 = *Prefix::parse("10.0.0.0/8");
  const auto next = *Prefix::parse("10.0.1.0/24");
  EXPECT_TRUE(radix_less(host, p24));
  EXPECT_TRUE(radix_less(p24, p8));
  EXPECT_TRUE(radix_less(p8, next));
  EXPECT_FALSE(radix_less(p8, p8));
}

TEST(FibSemantics, semantics_for_names_success) {
  EXPECT_EQ(semantics_for("freebsd")->version, 14);
  EXPECT_TRUE(semantics_for("freebsd")->multipath);
  EXPECT_FALSE(semantics_for("freebsd12")->multipath);
  EXPECT_EQ(semantics_for("freebsd11-i386")->change_lookup, ChangeLookup::exact_host);
  EXPECT_EQ(semantics_for("darwin-be")->kernel, Kernel::darwin);
  EXPECT_TRUE(semantics_for("openbsd")->priorities);
  EXPECT_EQ(semantics_for("hpux")->missing_errno, 2);
  EXPECT_FALSE(semantics_for("plan9"));
  EXPECT_FALSE(semantics_for("freebsdx"));
}
