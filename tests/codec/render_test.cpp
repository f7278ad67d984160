// route(8) monitor text and the JSON contract.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

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
            // route -n on FreeBSD never substitutes "default" (research §1.5: with -n
            // 0.0.0.0 prints as "0.0.0.0"; FreeBSD 12+ sends a full sockaddr_in mask).
            " 0.0.0.0 11.136.160.254 0.0.0.0\n");
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


// ===== Per-OS route(8) differences (docs/research/route-monitor.md) =========

using rtsock::abi::Profile;
namespace abi = rtsock::abi;
using Build = std::function<Message(const Profile&)>;

struct TextCase {
  const char* what;
  const char* profile;
  Build build;
  std::string want;
  bool via_wire = true;  // false: render the hand-built Message as it is
};

void run_cases(const std::vector<TextCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.profile) + ": " + c.what);
    const Profile& p = P(c.profile);
    const Message m = c.build(p);
    EXPECT_EQ(monitor_text(p, c.via_wire ? parsed(p, m) : m), c.want);
  }
}

Sockaddr in4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) { return Sockaddr::inet4({a, b, c, d}); }

Sockaddr ll6(std::uint8_t last, std::uint16_t kame, std::uint32_t scope = 0) {
  std::array<std::uint8_t, 16> a{0xfe, 0x80};
  a[15] = last;
  Sockaddr s = Sockaddr::inet6(a, scope);
  s.kame_zone = kame;
  return s;
}

const std::uint8_t kMac[] = {0, 0x0c, 0x29, 0x66, 0x2c, 0xdc};

Message route(const Profile& p, std::uint8_t type, std::int64_t flags,
              std::initializer_list<std::pair<int, Sockaddr>> addrs = {}) {
  auto m = Message::make(p, type);
  m.set(Field::flags, flags);
  for (const auto& [slot, sa] : addrs) m.set_addr(slot, sa);
  return m;
}

// A message the profile has no header for: the 4-byte prefix and `body`.
Message opaque(const Profile& p, std::uint8_t type, std::size_t body) {
  Message m;
  m.kind = abi::HdrKind::none;
  m.type = type;
  m.set(Field::version, p.rtm_version);
  m.body.assign(body, 0);
  return m;
}

// A /24 mask whose sa_family byte is 0: route(8)s differ on how to print it.
Sockaddr mask24_family0() {
  Sockaddr s = Sockaddr::mask(SaKind::inet4, 24);
  s.wire_family = 0;
  return s;
}

TEST(MonitorFreeBSD, classic_rtsock_format) {
  run_cases({
      {"-n: a zero-length mask is its family byte, not \"default\" (§1.5)", "freebsd14-amd64",
       [](const Profile& p) {
         Sockaddr mask = Sockaddr::mask(SaKind::inet4, 0);
         mask.wire_len = 0;
         return route(p, 1, 0x3, {{abi::kDst, in4(10, 0, 0, 0)}, {abi::kGateway, in4(192, 0, 2, 1)},
                                  {abi::kNetmask, mask}});
       },
       "RTM_ADD: Add Route: len 192, pid: 0, seq 0, errno 0, flags:<UP,GATEWAY>\n"
       "locks:  inits: \nsockaddrs: <DST,GATEWAY,NETMASK>\n 10.0.0.0 192.0.2.1 (0)\n"},
      {"no KAME unembedding; sin6_scope_id printed as a number (§1.5)", "freebsd14-amd64",
       [](const Profile& p) { return route(p, 4, 0x1, {{abi::kDst, ll6(1, 4)}, {abi::kGateway, ll6(2, 0, 2)}}); },
       "RTM_GET: Report Metrics: len 216, pid: 0, seq 0, errno 0, flags:<UP>\n"
       "locks:  inits: \nsockaddrs: <DST,GATEWAY>\n fe80:4::1 fe80::2%2\n"},
      {"a family-0 mask prints as host-order words (§1.5)", "freebsd14-amd64",
       [](const Profile& p) {
         return route(p, 1, 0x1, {{abi::kDst, in4(10, 0, 0, 0)}, {abi::kNetmask, mask24_family0()}});
       },
       "RTM_ADD: Add Route: len 184, pid: 0, seq 0, errno 0, flags:<UP>\n"
       "locks:  inits: \nsockaddrs: <DST,NETMASK>\n 10.0.0.0 (0) 0 ffff ff 0 0 0 0\n"},
      {"RTM_IEEE80211 is neither a route nor an interface message (§1.2)", "freebsd14-amd64",
       [](const Profile& p) { return Message::make(p, 18); },
       "RTM_IEEE80211: IEEE 802.11 wireless event: len 24, type: 18, len: 24\n"},
      {"unknown type (§1.2)", "freebsd14-amd64", [](const Profile& p) { return opaque(p, 30, 4); },
       "unknown type 30: len 8, type: 30, len: 8\n"},
      {"RTM_OLDADD of exactly sizeof(rt_msghdr) leaves the line open (§1.2)", "freebsd14-amd64",
       [](const Profile& p) { return opaque(p, 9, 148); },
       "RTM_OLDADD: caused by SIOCADDRT: len 152, pid: 0, seq 0, errno 0, flags:\nlocks:  inits: "},
      {"a last sockaddr shorter than SA_SIZE is reported truncated (§1.2)", "freebsd14-amd64",
       [](const Profile& p) {
         auto m = route(p, 4, 0x1, {{abi::kDst, in4(192, 0, 2, 1)}, {abi::kIfp, Sockaddr::link(1, 6, "em0", kMac)}});
         m.last_pad = LastPad::unpadded;
         return m;
       },
       "RTM_GET: Report Metrics: len 222, pid: 0, seq 0, errno 0, flags:<UP>\nlocks:  inits: \n"
       "sockaddrs: <DST,IFP>\n 192.0.2.1\npmsg_addrs: truncated route message, only 54 bytes left\n\n"},
      {"REQUIRE(if_msghdr) fails on a short read (§1.2)", "freebsd14-amd64",
       [](const Profile& p) { return opaque(p, 14, 4); },
       "RTM_IFINFO: iface status change: len 8, \nprint_rtmsg: truncated route message, only 8 bytes left\n",
       false},
      {"NEWMADDR prints nothing before its addresses (§1.2)", "freebsd14-amd64",
       [](const Profile& p) {
         return route(p, 15, 0, {{abi::kGateway, Sockaddr::link(1, 6, "", kMac)}, {abi::kIfa, in4(224, 0, 0, 1)}});
       },
       "RTM_NEWMADDR: new multicast group membership on iface: len 88, \nsockaddrs: <GATEWAY,IFA>\n"
       " 0.c.29.66.2c.dc 224.0.0.1\n"},
      // FreeBSD 9.3 / 10.4 route.c: every other type is a route message.
      {"FreeBSD 10: RTM_IEEE80211 read as a route message", "freebsd10-amd64",
       [](const Profile& p) { return Message::make(p, 18); },
       "RTM_IEEE80211: IEEE 802.11 wireless event: len 24, pid: 0, seq 0, errno 0, flags:\nlocks:  inits: "},
      {"FreeBSD 9: \"default\" substitutions and KAME scopes", "freebsd9-amd64",
       [](const Profile& p) {
         return route(p, 4, 0x1, {{abi::kDst, in4(0, 0, 0, 0)}, {abi::kGateway, ll6(1, 4)},
                                  {abi::kIfp, Sockaddr::link(2, 6)}});
       },
       "RTM_GET: Report Metrics: len 256, pid: 0, seq 0, errno 0, flags:<UP>\nlocks:  inits: \n"
       "sockaddrs: <DST,GATEWAY,IFP>\n default fe80::1%4 \n"},
  });
}

TEST(MonitorOpenBSD, layout_and_fields) {
  run_cases({
      {"priority/table/if#, flags and fmask lines, use line (§2.1)", "openbsd",
       [](const Profile& p) {
         auto m = route(p, 1, 0x843, {{abi::kDst, in4(10, 1, 0, 0)}, {abi::kGateway, in4(192, 168, 1, 1)},
                                      {abi::kNetmask, Sockaddr::mask(SaKind::inet4, 16)}});
         m.set(Field::pid, 1234);
         m.set(Field::seq, 1);
         m.set(Field::index, 1);
         m.set(Field::priority, 8);
         return m;
       },
       "RTM_ADD: Add Route: len 144, priority 8, table 0, if# 1, pid: 1234, seq 1, errno 0\n"
       "flags:<UP,GATEWAY,DONE,STATIC>\nfmask:\n"
       "use:        0   mtu:        0    expire:        0 \n"
       "locks:  inits: \nsockaddrs: <DST,GATEWAY,NETMASK>\n 10.1.0.0 192.168.1.1 255.255.0.0\n"},
      {"lock marks; expire printed as stored (no clock in a decode)", "openbsd",
       [](const Profile& p) {
         auto m = route(p, 3, 0x1);
         m.set(Field::rmx_locks, 0x5);
         m.set(Field::rmx_mtu, 1500);
         m.set(Field::rmx_expire, 60);
         m.set(Field::rmx_pksent, 7);
         m.set(Field::tableid, 3);
         return m;
       },
       "RTM_CHANGE: Change Metrics or flags: len 96, priority 0, table 3, if# 0, pid: 0, seq 0, errno 0\n"
       "flags:<UP>\nfmask:\nuse:        7   mtu:     1500L   expire:       60L\n"
       "locks: <expire,mtu> inits: \n"},
      {"the NETMASK takes the DST's family (§2.1)", "openbsd",
       [](const Profile& p) {
         return route(p, 1, 0x1, {{abi::kDst, in4(10, 0, 0, 0)}, {abi::kNetmask, mask24_family0()}});
       },
       "RTM_ADD: Add Route: len 128, priority 0, table 0, if# 0, pid: 0, seq 0, errno 0\n"
       "flags:<UP>\nfmask:\nuse:        0   mtu:        0    expire:        0 \n"
       "locks:  inits: \nsockaddrs: <DST,NETMASK>\n 10.0.0.0 255.255.255.0\n"},
      {"IFINFO: link state by type, mtu, xflags (§2.1, §2.3)", "openbsd",
       [](const Profile& p) {
         auto m = Message::make(p, 14);
         m.set(Field::index, 2);
         m.set(Field::flags, 0x8843);
         m.set(Field::xflags, 0x20);  // IFXF_AUTOCONF6
         m.set(Field::ifi_type, 6);
         m.set(Field::ifi_link_state, 2);
         m.set(Field::ifi_mtu, 1500);
         return m;
       },
       "RTM_IFINFO: iface status change: len 168, if# 2, link: no carrier, mtu: 1500, "
       "flags:<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,AUTOCONF6>\n"},
      {"RTM_DESYNC", "openbsd", [](const Profile& p) { return Message::make(p, 16); },
       "RTM_DESYNC: route socket overflow: len 96\n"},
      {"empty msgtypes[] entry (§2.2)", "openbsd", [](const Profile& p) { return opaque(p, 9, 92); },
       ": len 96, priority 0, table 0, if# 0, pid: 0, seq 0, errno 0\nflags:\nfmask:\n"
       "use:        0   mtu:        0    expire:        0 \nlocks:  inits: \n"},
      {"RTM_SOURCE is out of msgtypes[] (§2.2)", "openbsd", [](const Profile& p) { return Message::make(p, 22); },
       "[rtm_type 22 out of range]: len 96, priority 0, table 0, if# 0, pid: 0, seq 0, errno 0\nflags:\nfmask:\n"
       "use:        0   mtu:        0    expire:        0 \nlocks:  inits: \n"},
      {"IFANNOUNCE prints the name from the message (§2.1)", "openbsd",
       [](const Profile& p) {
         auto m = Message::make(p, 15);
         m.set(Field::index, 3);
         m.set(Field::what, 1);
         m.name = "tun0";
         return m;
       },
       "RTM_IFANNOUNCE: iface arrival/departure: len 26, if# 3, name tun0, what: departure\n"},
      {"NEWADDR names the interface index (§2.1)", "openbsd",
       [](const Profile& p) {
         auto m = route(p, 12, 0x1, {{abi::kIfa, in4(192, 0, 2, 10)}});
         m.set(Field::index, 1);
         m.set(Field::metric, 2);
         return m;
       },
       "RTM_NEWADDR: address being added to iface: len 40, if# 1, metric 2, flags:<UP>\n"
       "sockaddrs: <IFA>\n 192.0.2.10\n"},
      {"RTM_PROPOSAL: source, proposals line (§2.1)", "openbsd",
       [](const Profile& p) {
         const std::string dom = "example.com";
         auto m = route(p, 19, 0, {{14, Sockaddr::raw(0, std::vector<std::uint8_t>(dom.begin(), dom.end()))}});
         m.set(Field::priority, 59);  // RTP_PROPOSAL_SLAAC
         m.set(Field::index, 2);
         return m;
       },
       "RTM_PROPOSAL: config proposal: len 112, source slaac, table 0, if# 2, pid: 0, seq 0, errno 0\n"
       "flags:\nfmask:\nuse:        0   mtu:        0    expire:        0 \nlocks:  inits: \n"
       "proposals: <SEARCH>\n [example.com]\n"},
  });
}

TEST(MonitorDarwin, layout_and_fields) {
  run_cases({
      {"ifscope and ifref before flags (§3)", "darwin",
       [](const Profile& p) {
         auto m = route(p, 4, 0x5000001, {{abi::kDst, in4(192, 0, 2, 1)}});
         m.set(Field::index, 4);
         return m;
       },
       "RTM_GET: Report Metrics: len 108, pid: 0, seq 0, errno 0, ifscope 4, ifref, flags:<UP,IFSCOPE,IFREF>\n"
       "locks:  inits: \nsockaddrs: <DST>\n 192.0.2.1\n"},
      {"the NULL msgtypes[] entry prints as (null) (§3)", "darwin",
       [](const Profile& p) { return Message::make(p, 17); },
       "(null): len 92, pid: 0, seq 0, errno 0, flags:\nlocks:  inits: \n"},
      {"IFINFO has no link state; metric names include pksent/hopcount (§3)", "darwin",
       [](const Profile& p) {
         auto m = Message::make(p, 14);
         m.set(Field::index, 4);
         m.set(Field::flags, 1);
         return m;
       },
       "RTM_IFINFO: iface status change: len 112, if# 4, flags:<UP>\n"},
      {"a family-0 compressed mask as words; an empty AF_LINK prints nothing (§3)", "darwin",
       [](const Profile& p) {
         return route(p, 1, 0x1, {{abi::kDst, in4(10, 0, 0, 0)}, {abi::kGateway, Sockaddr::link(5, 6)},
                                  {abi::kNetmask, Sockaddr::mask(SaKind::inet4, 24)}});
       },
       "RTM_ADD: Add Route: len 135, pid: 0, seq 0, errno 0, flags:<UP>\nlocks:  inits: \n"
       "sockaddrs: <DST,GATEWAY,NETMASK>\n 10.0.0.0  (0) 0 ffff ff\n"},
  });
}

TEST(MonitorNetBSD, layout_and_fields) {
  run_cases({
      {"snprintb flags, pid without colon (§4)", "netbsd",
       [](const Profile& p) {
         return route(p, 1, 0x843, {{abi::kDst, in4(10, 1, 0, 0)}, {abi::kGateway, in4(192, 168, 1, 1)},
                                    {abi::kNetmask, Sockaddr::mask(SaKind::inet4, 16)}});
       },
       "RTM_ADD: Add Route: len 160, pid 0, seq 0, errno 0, flags: 0x843<UP,GATEWAY,DONE,STATIC>\n"
       "locks: 0x0 inits: 0x0\nsockaddrs: 0x7<DST,GATEWAY,NETMASK>\n 10.1.0.0 192.168.1.1 255.255.0.0\n"},
      {"REDIRECT prints nothing more, not even a newline (§4)", "netbsd",
       [](const Profile& p) { return Message::make(p, 6); },
       "RTM_REDIRECT: Told to use different route: len 120, "},
      {"NULL msgtypes[] entry (§4)", "netbsd", [](const Profile& p) { return Message::make(p, 12); },
       "#12: len 24, "},
      {"addrflags named after the first sockaddr's family (§4)", "netbsd",
       [](const Profile& p) {
         auto m = route(p, 0x16, 0x1, {{abi::kIfa, ll6(1, 1)}});
         m.set(Field::pid, 77);
         m.set(Field::addrflags, 0x12);
         return m;
       },
       "RTM_NEWADDR: address being added to iface: len 64, pid 77, metric 0, addrflags: 0x12<TENTATIVE,DEPRECATED>\n"
       "sockaddrs: 0x20<IFA>\n fe80::1%1\n"},
      {"a mask without DST or IFA prints with any_ntoa (§4)", "netbsd",
       [](const Profile& p) { return route(p, 4, 0x1, {{abi::kNetmask, Sockaddr::mask(SaKind::inet4, 24)}}); },
       "RTM_GET: Report Metrics: len 128, pid 0, seq 0, errno 0, flags: 0x1<UP>\nlocks: 0x0 inits: 0x0\n"
       "sockaddrs: 0x4<NETMASK>\n Q00.00.ff.ff.ff\n"},
      {"IFINFO carrier text (§4)", "netbsd",
       [](const Profile& p) {
         auto m = Message::make(p, 0x14);
         m.set(Field::index, 3);
         m.set(Field::flags, 1);
         m.set(Field::ifi_link_state, 5);
         return m;
       },
       "RTM_IFINFO: iface status change: len 152, if# 3, carrier: 0x5, flags: 0x1<UP>\n"},
      {"IEEE80211 join event (§4)", "netbsd",
       [](const Profile& p) {
         auto m = Message::make(p, 0x11);
         m.set(Field::index, 2);
         m.set(Field::what, 103);
         m.tail.assign(std::begin(kMac), std::end(kMac));
         return m;
       },
       "RTM_IEEE80211: IEEE80211 wireless event: len 30, if# 2, what: join mac 00:0c:29:66:2c:dc\n"},
      {"IEEE80211 event shorter than its struct (§4)", "netbsd",
       [](const Profile& p) {
         auto m = Message::make(p, 0x11);
         m.set(Field::what, 106);
         return m;
       },
       "RTM_IEEE80211: IEEE80211 wireless event: len 24, if# 0, what: replay (truncated)\n"},
      // NetBSD 6-7 route.c (1.151): bprintf without the hex, "none" for 0.
      {"NetBSD 7: none/flags without hex", "netbsd7",
       [](const Profile& p) { return route(p, 1, 0x843, {{abi::kDst, in4(10, 1, 0, 0)}}); },
       "RTM_ADD: Add Route: len 136, pid 0, seq 0, errno 0, flags: <UP,GATEWAY,DONE,STATIC>\n"
       "locks: none inits: none\nsockaddrs: <DST>\n 10.1.0.0\n"},
      {"NetBSD 7: NEWADDR metric and route flags", "netbsd7",
       [](const Profile& p) { return route(p, 12, 0x1, {{abi::kIfa, in4(192, 0, 2, 10)}}); },
       "RTM_NEWADDR: address being added to iface: len 40, metric 0, flags: <UP>\nsockaddrs: <IFA>\n 192.0.2.10\n"},
  });
}

TEST(MonitorDragonFly, layout_and_fields) {
  run_cases({
      {"NULL msgtypes[] entry, then a route message (§5)", "dragonfly",
       [](const Profile& p) { return Message::make(p, 18); },
       "#18: len 24, pid: 0, seq 0, errno 0, flags:\nlocks:  inits: \n"},
      {"IFINFO without link state (§5)", "dragonfly",
       [](const Profile& p) {
         auto m = Message::make(p, 14);
         m.set(Field::index, 1);
         m.set(Field::flags, 1);
         return m;
       },
       "RTM_IFINFO: iface status change: len 176, if# 1, flags:<UP>\n"},
      {"metric names msl/iwmax/iw; unknown family as bytes (§5)", "dragonfly",
       [](const Profile& p) {
         auto m = route(p, 3, 0x1, {{abi::kDst, Sockaddr::raw(16, std::vector<std::uint8_t>{1, 2, 3})}});
         m.set(Field::inits, 0x700);
         return m;
       },
       "RTM_CHANGE: Change Metrics or flags: len 160, pid: 0, seq 0, errno 0, flags:<UP>\n"
       "locks:  inits: <iw,iwmax,msl>\nsockaddrs: <DST>\n (16) 01 02 03\n"},
  });
}

TEST(MonitorHPUX, freebsd_format_with_profile_tables) {
  run_cases({
      {"IFINFO flags and metrics from the profile", "hpux",
       [](const Profile& p) {
         auto m = Message::make(p, 14);
         m.set(Field::index, 2);
         m.set(Field::flags, 0x11);
         return m;
       },
       "RTM_IFINFO: iface status change: len 96, if# 2, link: unknown, flags:<UP,POINTOPOINT>\n"},
      {"metric names", "hpux",
       [](const Profile& p) {
         auto m = route(p, 3, 0x1);
         m.set(Field::inits, 0x18);
         return m;
       },
       "RTM_CHANGE: Change Metrics or flags: len 76, pid: 0, seq 0, errno 0, flags:<UP>\n"
       "locks:  inits: <sendpipe,recvpipe>"},
  });
}

struct NameCase {
  const char* profile;
  Sockaddr sa;
  const char* want;
};

TEST(RouteName, per_os_routename) {
  const auto bytes = [](std::initializer_list<std::uint8_t> l) { return std::vector<std::uint8_t>(l); };
  const Sockaddr mpls = Sockaddr::raw(33, bytes({0, 0, 0x00, 0x06, 0x40, 0x00, 0x00, 0x0c, 0x80, 0x00}));
  const Sockaddr atalk = Sockaddr::raw(16, bytes({0, 0, 0x01, 0x02, 7}));
  std::vector<std::uint8_t> label(32, 0);
  for (std::size_t i = 0; i < 7; ++i) label[i] = static_cast<std::uint8_t>("mylabel"[i]);
  const NameCase cases[] = {
      {"freebsd14-amd64", in4(0, 0, 0, 0), "0.0.0.0"},
      {"freebsd14-amd64", Sockaddr::link(3, 6), "link#3"},
      {"freebsd14-amd64", Sockaddr::link(1, 6, "em0", kMac), "em0:0.c.29.66.2c.dc"},
      {"freebsd14-amd64", Sockaddr::link(1, 6, "vtnet0"), "vtnet0"},
      {"freebsd14-amd64", atalk, "(16) 0 201 7"},
      {"freebsd10-amd64", atalk, "atalk 258.7"},
      {"freebsd9-amd64", in4(0, 0, 0, 0), "default"},
      {"freebsd9-amd64", Sockaddr::link(3, 6), ""},
      {"openbsd", in4(0, 0, 0, 0), "0.0.0.0"},
      {"openbsd", Sockaddr::link(1, 6, "em0", kMac), "00:0c:29:66:2c:dc"},
      {"openbsd", Sockaddr::link(1, 0x18, "lo0"), "lo0"},
      {"openbsd", Sockaddr::link(4, 6), "link#4"},
      {"openbsd", Sockaddr::raw(16, bytes({1, 2, 3})), "(16) Q01.02.03"},
      {"openbsd", Sockaddr::raw(33, bytes({0, 0, 0x00, 0x06, 0x40, 0x00})), "100"},
      {"openbsd", Sockaddr::raw(0, label), "\"mylabel\""},
      {"openbsd", ll6(1, 3), "fe80::1%3"},
      {"darwin", in4(0, 0, 0, 0), "default"},
      {"darwin", Sockaddr::link(5, 6), ""},
      {"darwin", Sockaddr::raw(0x11, bytes({0x0a, 0x0b, 0x0c, 0x0d})), "(17) b0a d0c"},
      {"netbsd", in4(0, 0, 0, 0), "default"},
      {"netbsd", mpls, "100,200"},
      {"netbsd", atalk, "atalk 513.7"},
      {"netbsd", Sockaddr::raw(99, bytes({0xab})), "(99) Qab"},
      {"dragonfly", in4(0, 0, 0, 0), "default"},
      {"dragonfly", Sockaddr::raw(16, bytes({1, 2, 3})), "(16) 01 02 03"},
      {"dragonfly", Sockaddr::link(3, 6), ""},
      {"hpux", in4(0, 0, 0, 0), "0.0.0.0"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.profile);
    EXPECT_EQ(route_name(P(c.profile), c.sa), c.want);
  }
}

TEST(Monitor, never_fails_on_hand_built_messages) {
  // Values that do not fit, headers the profile lacks, unknown types.
  for (const char* n : {"freebsd14-amd64", "freebsd9-i386", "openbsd", "darwin", "netbsd", "netbsd7", "dragonfly",
                        "hpux"}) {
    const Profile& p = P(n);
    for (int t = 0; t < 256; ++t) {
      Message m = Message::make(p, static_cast<std::uint8_t>(t));
      m.set(Field::flags, -1);
      m.set(Field::addrs, -1);
      m.set(Field::index, 1 << 20);
      m.set_addr(abi::kDst, in4(192, 0, 2, 1));
      m.set_addr(abi::kIfp, Sockaddr::link(1, 6, "em0", kMac));
      EXPECT_FALSE(monitor_text(p, m).empty()) << n << " type " << t;
    }
  }
}

}  // namespace

namespace {

// Found by fuzz_codec: a link name with a NUL and a non-UTF-8 byte made
// nlohmann::json::dump() throw. Names are escaped where the JSON is built.
TEST(Json, hostile_link_name_escaped_not_thrown) {
  const auto& p = *rtsock::abi::find_profile("freebsd");
  auto m = rtsock::codec::Message::make(p, 14);
  const std::string name("e\0\xba\\", 4);
  m.set_addr(rtsock::abi::kIfp, rtsock::codec::Sockaddr::link(1, 6, name));
  auto j = rtsock::codec::message_json(p, m);
  EXPECT_NO_THROW((void)j.dump());
  EXPECT_EQ(j["name"], "e\\x00\\xba\\x5c");
  EXPECT_EQ(j["addrs"]["ifp"]["name"], "e\\x00\\xba\\x5c");
}

}  // namespace
