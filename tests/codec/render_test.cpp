// route(8) monitor text and the JSON contract.
#include <gtest/gtest.h>

#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/render.hpp"

using namespace rtsock;
using namespace rtsock::codec;
using rtsock::abi::Field;

namespace {

const rtsock::abi::Profile& P(const char* n) { return *rtsock::abi::find_profile(n); }

Message parsed(const rtsock::abi::Profile& p, const Message& m) {
  auto b = marshal(p, m);
  EXPECT_TRUE(b);
  auto v = parse_message(*b, p);
  EXPECT_TRUE(v);
  return v->to_message();
}

Message default_route_add(const rtsock::abi::Profile& p) {
  auto m = Message::make(p, 1);
  m.set(Field::flags, 0x843);  // UP GATEWAY DONE STATIC
  m.set(Field::pid, 62);
  m.set(Field::seq, 270);
  m.set_addr(rtsock::abi::kDst, Sockaddr::inet4({0, 0, 0, 0}));
  m.set_addr(rtsock::abi::kGateway, Sockaddr::inet4({11, 136, 160, 254}));
  m.set_addr(rtsock::abi::kNetmask, Sockaddr::mask(SaKind::inet4, 0));
  return m;
}

TEST(Monitor, freebsd_route_add_text) {
  const auto& p = P("freebsd");
  EXPECT_EQ(monitor_text(p, parsed(p, default_route_add(p))),
            "RTM_ADD: Add Route: len 200, pid: 62, seq 270, errno 0, flags:<UP,GATEWAY,DONE,STATIC>\n"
            "locks:  inits: \n"
            "sockaddrs: <DST,GATEWAY,NETMASK>\n"
            " default 11.136.160.254 default\n");
}

TEST(Monitor, freebsd_metrics_names_in_routes_order) {
  const auto& p = P("freebsd");
  auto m = default_route_add(p);
  m.set(Field::inits, 0x1 | 0x4 | 0x100);
  m.set(Field::rmx_locks, 0x1);
  auto t = monitor_text(p, parsed(p, m));
  EXPECT_NE(t.find("locks: <mtu> inits: <weight,expire,mtu>\n"), std::string::npos) << t;
}

TEST(Monitor, freebsd_ifinfo_and_announce) {
  const auto& p = P("freebsd");
  auto i = Message::make(p, 14);
  i.set(Field::index, 2);
  i.set(Field::flags, 0x8843);
  i.set(Field::ifi_link_state, 2);
  EXPECT_EQ(monitor_text(p, parsed(p, i)),
            "RTM_IFINFO: iface status change: len 168, if# 2, link: up, flags:<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>\n");
  auto a = Message::make(p, 17);
  a.set(Field::index, 3);
  a.name = "tap0";
  EXPECT_EQ(monitor_text(p, parsed(p, a)), "RTM_IFANNOUNCE: interface arrival/departure: len 24, if# 3, what: arrival\n");
}

TEST(Monitor, freebsd_newaddr_with_link) {
  const auto& p = P("freebsd");
  auto m = Message::make(p, 12);
  m.set(Field::index, 1);
  m.set_addr(rtsock::abi::kNetmask, Sockaddr::mask(SaKind::inet4, 24));
  const std::uint8_t mac[] = {0, 0x0c, 0x29, 0x66, 0x2c, 0xdc};
  m.set_addr(rtsock::abi::kIfp, Sockaddr::link(1, 6, "em0", mac));
  m.set_addr(rtsock::abi::kIfa, Sockaddr::inet4({192, 0, 2, 10}));
  m.set_addr(rtsock::abi::kBrd, Sockaddr::inet4({192, 0, 2, 255}));
  auto t = monitor_text(p, parsed(p, m));
  EXPECT_EQ(t,
            "RTM_NEWADDR: address being added to iface: len 124, metric 0, flags:\n"
            "sockaddrs: <NETMASK,IFP,IFA,BRD>\n"
            " 255.255.255.0 em0:0.c.29.66.2c.dc 192.0.2.10 192.0.2.255\n");
}

TEST(Json, contract_keys_for_route_message) {
  const auto& p = P("freebsd");
  auto m = default_route_add(p);
  m.set(Field::rmx_mtu, 1500);
  auto j = message_json(p, parsed(p, m));
  EXPECT_EQ(j["type"], "RTM_ADD");
  EXPECT_EQ(j["type_num"], 1);
  EXPECT_EQ(j["version"], 5);
  EXPECT_EQ(j["len"], 200);
  EXPECT_EQ(j["index"], 0);
  EXPECT_EQ(j["flags"], (nlohmann::ordered_json{"UP", "GATEWAY", "DONE", "STATIC"}));
  EXPECT_EQ(j["flags_raw"], 0x843);
  EXPECT_EQ(j["addrs"]["dst"], "0.0.0.0");
  EXPECT_EQ(j["addrs"]["gateway"], "11.136.160.254");
  EXPECT_EQ(j["addrs"]["netmask"], "0.0.0.0");
  EXPECT_EQ(j["pid"], 62);
  EXPECT_EQ(j["seq"], 270);
  EXPECT_EQ(j["errno"], 0);
  EXPECT_EQ(j["metrics"]["mtu"], 1500);
  EXPECT_FALSE(j["metrics"].contains("locks"));
  // Key order is part of the contract.
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 4),
            (std::vector<std::string>{"type", "type_num", "version", "len"}));
}

TEST(Json, link_ipv6_and_raw_values) {
  const auto& p = P("freebsd");
  auto m = Message::make(p, 4);
  std::array<std::uint8_t, 16> ll{0xfe, 0x80};
  ll[15] = 1;
  m.set_addr(rtsock::abi::kDst, Sockaddr::inet6(ll, 4));
  m.set_addr(rtsock::abi::kGateway, Sockaddr::link(3, 6, "vtnet0"));
  m.set_addr(rtsock::abi::kAuthor, Sockaddr::raw(33, std::vector<std::uint8_t>{1, 2}));
  auto j = message_json(p, parsed(p, m));
  EXPECT_EQ(j["addrs"]["dst"], "fe80::1%4");
  EXPECT_EQ(j["addrs"]["gateway"], (nlohmann::ordered_json{{"index", 3}, {"type", 6}, {"name", "vtnet0"}, {"addr", ""}}));
  EXPECT_EQ(j["addrs"]["author"], (nlohmann::ordered_json{{"family", 33}, {"raw", "0102"}}));
}

TEST(Json, interface_and_announce_keys) {
  const auto& p = P("freebsd");
  auto i = Message::make(p, 14);
  i.set(Field::ifi_mtu, 9000);
  i.set(Field::ifi_link_state, 1);
  i.set(Field::flags, 1);
  i.set_addr(rtsock::abi::kIfp, Sockaddr::link(5, 6, "igb0"));
  auto j = message_json(p, parsed(p, i));
  EXPECT_EQ(j["name"], "igb0");
  EXPECT_EQ(j["mtu"], 9000);
  EXPECT_EQ(j["link_state"], "down");
  EXPECT_EQ(j["flags"], (nlohmann::ordered_json{"UP"}));
  auto a = Message::make(p, 17);
  a.name = "tun0";
  a.set(Field::what, 1);
  auto ja = message_json(p, parsed(p, a));
  EXPECT_EQ(ja["name"], "tun0");
  EXPECT_EQ(ja["what"], "departure");
}

TEST(Json, error_object) {
  auto j = error_json(Error(codec_errc::sockaddr_overrun, 304));
  EXPECT_EQ(j["error"], "sockaddr overruns message");
  EXPECT_EQ(j["offset"], 304);
}

TEST(Flags, unknown_bits_as_hex) {
  EXPECT_EQ(flag_list(P("freebsd").rtf, 0x20000001), "UP,0x20000000");
}

}  // namespace
