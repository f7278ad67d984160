// route(8)'s argument grammar: address short forms per dialect, -fib lists,
// metrics and errors, checked on the message parse_route builds.
#include <gtest/gtest.h>

#include "args.hpp"
#include "rtsock/codec/sockaddr.hpp"

namespace rtsock::route {
namespace {

struct Case {
  const char* profile;
  std::vector<std::string> args;
  const char* dst;  // expected RTAX_DST text
  int plen;         // expected netmask length, -1: no netmask
  bool host;
};

Env env_for(const abi::Profile& p) {
  Env e;
  e.profile = &p;
  e.dialect = dialect_of(p);
  e.numfibs = 4;
  e.now = 1000;
  e.find_link = [](std::string_view n) -> std::optional<codec::Sockaddr> {
    if (n != "em0") return std::nullopt;
    return codec::Sockaddr::link(2, 6, "em0");
  };
  return e;
}

tl::expected<Request, Exit> parse(const char* profile, std::vector<std::string> args) {
  const auto* p = abi::find_profile(profile);
  EXPECT_NE(p, nullptr);
  return parse_route(Options{}, env_for(*p), args);
}

TEST(RouteArgs, address_forms_per_dialect_match_route8) {
  const Case cases[] = {
      {"freebsd14-amd64", {"add", "10.0.0.0/8", "192.0.2.1"}, "10.0.0.0", 8, false},
      {"freebsd14-amd64", {"add", "128.32", "192.0.2.1"}, "128.0.0.32", -1, true},
      {"freebsd14-amd64", {"add", "default", "192.0.2.1"}, "0.0.0.0", 0, false},
      {"freebsd12-amd64", {"add", "10/8", "192.0.2.1"}, "10.0.0.0", 8, false},
      {"freebsd12-amd64", {"add", "-net", "128.32", "192.0.2.1"}, "128.32.0.0", 16, false},
      {"freebsd12-amd64", {"add", "192.168.64/20", "192.0.2.1"}, "192.168.64.0", 20, false},
      {"freebsd12-amd64", {"add", "172.17.0.0", "192.0.2.1"}, "172.17.0.0", 16, false},
      {"freebsd12-amd64", {"add", "128.32", "192.0.2.1"}, "128.0.0.32", -1, true},
      {"darwin", {"add", "192.168.7.0", "192.0.2.1"}, "192.168.7.0", 24, false},
      {"openbsd", {"add", "10", "192.0.2.1"}, "10.0.0.0", 8, false},
      {"openbsd", {"add", "192.168.2.0", "192.0.2.1"}, "192.168.2.0", -1, true},
      {"openbsd", {"add", "192.168", "192.0.2.1"}, "192.168.0.0", 24, false},
      {"openbsd", {"add", "2001:db8::/48", "2001:db8::1"}, "2001:db8::", 48, false},
  };
  for (const auto& c : cases) {
    auto r = parse(c.profile, c.args);
    ASSERT_TRUE(r.has_value()) << c.profile << " " << c.args[1] << ": " << r.error().err;
    const auto* dst = r->msg.addr(abi::kDst);
    ASSERT_NE(dst, nullptr);
    EXPECT_EQ(codec::ip_string(*dst), c.dst) << c.profile << " " << c.args[1];
    const auto* mask = r->msg.addr(abi::kNetmask);
    if (c.plen < 0) {
      EXPECT_EQ(mask, nullptr) << c.profile << " " << c.args[1];
    } else {
      ASSERT_NE(mask, nullptr) << c.profile << " " << c.args[1];
      EXPECT_EQ(codec::prefix_length(*mask).value_or(-2), c.plen) << c.profile << " " << c.args[1];
    }
    EXPECT_EQ(r->is_host, c.host) << c.profile << " " << c.args[1];
  }
}

TEST(RouteArgs, errors_carry_route8_text_and_status) {
  struct E {
    const char* profile;
    std::vector<std::string> args;
    int status;
    const char* text;
  };
  const E cases[] = {
      {"freebsd14-amd64",
       {"add", "10/8", "gw"},
       68,
       "route: malformed address, bits set after mask; 10 means 0.0.0.10\n"},
      {"freebsd14-amd64", {"add", "x.y", "gw"}, 68, "route: bad address: x.y\n"},
      {"freebsd14-amd64",
       {"add", "10.0.0.0/8", "1.2.3.4", "-fib", "4"},
       64,
       "route: invalid fib number: 4\n"},
      {"freebsd14-amd64",
       {"add", "10.0.0.0/8", "1.2.3.4", "-mtu", "1x"},
       64,
       "route: 1x: Invalid argument\n"},
      {"freebsd14-amd64",
       {"add", "-6", "::/0", "::1", "-prefixlen", "200"},
       64,
       "route: 200: invalid prefixlen\n"},
      {"freebsd14-amd64",
       {"add", "10.1.0.0/16", "-interface", "em9"},
       65,
       "route: interface 'em9' does not exist\n"},
      {"openbsd", {"add", "10.1.2.3", "nowhere"}, 1, "route: nowhere: bad address\n"},
  };
  for (const auto& c : cases) {
    auto r = parse(c.profile, c.args);
    ASSERT_FALSE(r.has_value()) << c.args[1];
    EXPECT_EQ(r.error().status, c.status) << c.args[1];
    EXPECT_EQ(r.error().err, c.text) << c.args[1];
  }
}

TEST(RouteArgs, metrics_locks_and_fibs_reach_the_message) {
  auto r =
      parse("freebsd14-amd64", {"add", "10.0.0.0/8", "192.0.2.1", "-mtu", "1400", "-lock",
                                "-hopcount", "3", "-lockrest", "-expire", "+60", "-fib", "0,2-3"});
  ASSERT_TRUE(r.has_value()) << r.error().err;
  const auto& p = *abi::find_profile("freebsd14-amd64");
  EXPECT_EQ(r->msg.get(abi::Field::rmx_mtu), 1400);
  EXPECT_EQ(r->msg.get(abi::Field::rmx_hopcount), 3);
  EXPECT_EQ(r->msg.get(abi::Field::rmx_expire), 1060);
  const auto locks = r->msg.get(abi::Field::rmx_locks);
  EXPECT_EQ(locks, bit_of(p.rtv, "HOPCOUNT") | bit_of(p.rtv, "EXPIRE"));
  EXPECT_EQ(r->msg.get(abi::Field::inits), bit_of(p.rtv, "MTU") | locks);
  EXPECT_EQ(r->fibs, (std::vector<int>{0, 2, 3}));
}

TEST(RouteArgs, bsd_inet_aton_and_network_read_short_forms) {
  EXPECT_EQ(inet_aton_bsd("128.32"), 0x80000020u);
  EXPECT_EQ(inet_aton_bsd("10.1.2"), 0x0a010002u);
  EXPECT_EQ(inet_aton_bsd("0x0a.010.0.1"), 0x0a080001u);
  EXPECT_FALSE(inet_aton_bsd("256.1.1.1").has_value());
  EXPECT_FALSE(inet_aton_bsd("1.2.3.4.5").has_value());
  EXPECT_EQ(inet_network_bsd("128.32"), 0x8020u);
  EXPECT_EQ(inet_network_bsd("192.168.64"), 0xc0a840u);
  EXPECT_FALSE(inet_network_bsd("300").has_value());
  EXPECT_EQ(parse_fib_list("all", 3, 0), (std::vector<int>{0, 1, 2}));
  EXPECT_FALSE(parse_fib_list("1-1", 3, 0).has_value());
  EXPECT_FALSE(parse_fib_list("-1", 3, 0).has_value());
}

}  // namespace
}  // namespace rtsock::route
