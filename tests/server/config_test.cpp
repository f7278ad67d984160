// The boot configuration: the line format's errors (with line numbers), the
// built-in default, and booting an engine from it.
#include "rtsock/server/config.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <fstream>

#include "rtsock/fib/fib.hpp"
#include "rtsock/kernel/engine.hpp"
#include "test_client.hpp"

namespace rtsock::server {
namespace {

template <class T>
std::vector<const T*> all(const BootConfig& c) {
  std::vector<const T*> out;
  for (const auto& s : c.statements)
    if (const T* t = std::get_if<T>(&s)) out.push_back(t);
  return out;
}

ConfigError error_of(std::string_view text) {
  auto r = parse_config(text, "test.conf");
  EXPECT_FALSE(r.has_value()) << text;
  return r ? ConfigError{} : r.error();
}

TEST(Config, DefaultText_Parses) {
  const BootConfig c = default_config();
  EXPECT_EQ(all<InterfaceStatement>(c).size(), 2u);
  EXPECT_EQ(all<AddressStatement>(c).size(), 4u);
  EXPECT_EQ(all<RouteStatement>(c).size(), 2u);
  EXPECT_EQ(c.source, "built-in");
}

TEST(Config, InterfaceLine_AllOptions) {
  auto c = parse_config(
      "interface em1 type ether mtu 9000 lladdr 2:0:0:0:0:a flags up,broadcast fib 2\n");
  ASSERT_TRUE(c) << c.error().str();
  auto ifs = all<InterfaceStatement>(*c);
  ASSERT_EQ(ifs.size(), 1u);
  const fib::IfSpec& s = ifs[0]->spec;
  EXPECT_EQ(s.name, "em1");
  EXPECT_EQ(s.type, fib::ift::ether);
  EXPECT_EQ(s.mtu, 9000u);
  EXPECT_EQ(s.lladdr, (std::vector<std::uint8_t>{2, 0, 0, 0, 0, 10}));
  EXPECT_EQ(s.flags, fib::iff::up | fib::iff::running | fib::iff::broadcast);
  EXPECT_EQ(s.fib, 2u);
  EXPECT_EQ(ifs[0]->line, 1u);
}

TEST(Config, InterfaceWithoutOptions_TypeDefaults) {
  auto c = parse_config("interface lo1 type loop\n");
  ASSERT_TRUE(c);
  const fib::IfSpec& s = all<InterfaceStatement>(*c)[0]->spec;
  EXPECT_EQ(s.mtu, 16384u);
  EXPECT_NE(s.flags & fib::iff::loopback, 0u);
  EXPECT_NE(s.flags & fib::iff::up, 0u);
}

TEST(Config, CommentsAndBlankLines_Ignored) {
  auto c = parse_config("# a comment\n\n   \ninterface lo0 type loop   # trailing\r\n");
  ASSERT_TRUE(c) << c.error().str();
  EXPECT_EQ(c->statements.size(), 1u);
  EXPECT_EQ(all<InterfaceStatement>(*c)[0]->line, 4u);
}

TEST(Config, Settings_Parsed) {
  auto c = parse_config("personality openbsd\nfibs 4\nrcvbuf 8192\n");
  ASSERT_TRUE(c) << c.error().str();
  EXPECT_EQ(c->personality, "openbsd");
  EXPECT_EQ(c->fibs, 4u);
  EXPECT_EQ(c->rcvbuf, 8192u);
}

TEST(Config, Routes_DefaultNetworkAndHost) {
  auto c = parse_config(
      "interface em0\naddress em0 192.0.2.10/24\n"
      "route default 192.0.2.1\nroute 10.1.0.0/16 192.0.2.2 fib 1\nroute 10.9.9.9 192.0.2.3\n"
      "route ::/0 fe80::1%em0\n");
  ASSERT_TRUE(c) << c.error().str();
  auto routes = all<RouteStatement>(*c);
  ASSERT_EQ(routes.size(), 4u);
  EXPECT_EQ(routes[0]->request.plen, 0);
  EXPECT_TRUE(routes[0]->request.dst.is_zero());
  EXPECT_EQ(routes[0]->request.flags, fib::rtf::up | fib::rtf::gateway | fib::rtf::static_);
  EXPECT_EQ(routes[1]->request.plen, 16);
  EXPECT_EQ(routes[1]->request.fib, 1u);
  EXPECT_FALSE(routes[2]->request.plen.has_value());
  EXPECT_NE(routes[2]->request.flags & fib::rtf::host, 0u);
  EXPECT_EQ(routes[3]->request.dst.family, fib::Family::inet6);
  EXPECT_EQ(routes[3]->gateway_zone, "em0");
}

struct BadLine {
  const char* text;
  std::size_t line;
  const char* message_part;
};

class ConfigErrors : public ::testing::TestWithParam<BadLine> {};

TEST_P(ConfigErrors, BadLine_ErrorNamesLineAndCause) {
  const BadLine& b = GetParam();
  const ConfigError e = error_of(b.text);
  EXPECT_EQ(e.line, b.line) << e.str();
  EXPECT_NE(e.message.find(b.message_part), std::string::npos) << e.str();
  EXPECT_EQ(e.str().rfind(fmt::format("test.conf:{}: ", b.line), 0), 0u) << e.str();
}

INSTANTIATE_TEST_SUITE_P(
    Lines, ConfigErrors,
    ::testing::Values(BadLine{"interface lo0\nfrobnicate x\n", 2, "unknown statement 'frobnicate'"},
                      BadLine{"interface\n", 1, "needs a name"},
                      BadLine{"interface em0 type wifi\n", 1, "unknown interface type 'wifi'"},
                      BadLine{"interface em0 mtu 12\n", 1, "bad mtu"},
                      BadLine{"interface em0 mtu\n", 1, "'mtu' needs a value"},
                      BadLine{"interface em0 mtu 1500 mtu 1400\n", 1, "given twice"},
                      BadLine{"interface em0 lladdr zz:00\n", 1, "bad lladdr"},
                      BadLine{"interface em0 flags up,fast\n", 1, "unknown interface flag 'fast'"},
                      BadLine{"interface em0 speed 10\n", 1, "unknown option 'speed'"},
                      BadLine{"interface averyveryverylongname0\n", 1, "too long"},
                      BadLine{"interface em0\ninterface em0\n", 2, "declared twice"},
                      BadLine{"address em0 192.0.2.1/24\n", 1, "no interface em0"},
                      BadLine{"interface em0\naddress em0 192.0.2.300/24\n", 2, "bad address"},
                      BadLine{"interface em0\naddress em0 192.0.2.1/33\n", 2, "bad prefix length"},
                      BadLine{"interface em0\naddress em0 2001:db8::1/64 broadcast 192.0.2.255\n",
                              2, "another family"},
                      BadLine{"interface em0\naddress em0 fe80::1%em1/64\n", 2, "has zone em1"},
                      BadLine{"route default\n", 1, "needs a destination and a gateway"},
                      BadLine{"route 10.0.0.0/8 2001:db8::1\n", 1, "different families"},
                      BadLine{"route ::/0 fe80::1\n", 1, "needs its interface"},
                      BadLine{"route ::/0 fe80::1%em9\n", 1, "no interface em9"},
                      BadLine{"fibs 0\n", 1, "from 1 to 4096 (the limit of FIBs)"},
                      BadLine{"fibs 100000000\n", 1, "from 1 to 4096 (the limit of FIBs)"},
                      BadLine{"interface em0 fib 4096\n", 1, "bad fib '4096' (a FIB number from 0 to 4095)"},
                      BadLine{"route 10.0.0.0/8 192.0.2.1 fib x\n", 1, "bad fib 'x'"},
                      BadLine{"\n\n# fine\nrcvbuf lots\n", 4, "rcvbuf needs a number"}));

TEST(Config, MissingFile_ErrorWithoutLine) {
  auto r = load_config("/nonexistent/rtsockd.conf");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().line, 0u);
  EXPECT_EQ(r.error().str(),
            "/nonexistent/rtsockd.conf: cannot open the file: No such file or directory");
}

TEST(Config, Directory_Refused) {
  testing::TempDir dir;
  auto r = load_config(dir.file(""));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is a directory"), std::string::npos) << r.error().str();
}

TEST(Config, EndlessDevice_RefusedOnSight) {
  // /dev/zero never ends: its first NUL byte stops the read.
  auto r = load_config("/dev/zero");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().str(), "/dev/zero:1: a NUL byte: not a text configuration file");
}

TEST(Config, BinaryData_LineOfTheFirstNul) {
  testing::TempDir dir;
  const std::string path = dir.file("bin.conf");
  std::ofstream(path, std::ios::binary) << "interface lo0\n\n" << std::string(3, '\0');
  auto r = load_config(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().line, 3u);
}

TEST(Config, TooLarge_NamesTheLimit) {
  testing::TempDir dir;
  const std::string path = dir.file("big.conf");
  {
    std::ofstream out(path, std::ios::binary);
    const std::string comment(1023, '#');
    for (std::size_t i = 0; i <= kMaxConfigBytes / 1024; ++i) out << comment << '\n';
  }
  auto r = load_config(path);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("the limit of a configuration file"), std::string::npos)
      << r.error().str();
}

TEST(Config, DevNull_EmptyConfiguration) {
  auto r = load_config("/dev/null");
  ASSERT_TRUE(r) << r.error().str();
  EXPECT_TRUE(r->statements.empty());
}

TEST(Config, LoadFile_SourceIsFileName) {
  testing::TempDir dir;
  const std::string path = dir.file("rtsockd.conf");
  std::ofstream(path) << "interface lo0 type loop\nbogus\n";
  auto r = load_config(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().str().rfind(path + ":2: ", 0), 0u) << r.error().str();
}

// ---- booting (needs the engine) ----

std::unique_ptr<kernel::Engine> engine(std::string personality = "freebsd") {
  kernel::Options opt;
  opt.personality = std::move(personality);
  auto e = kernel::Engine::create(std::move(opt));
  EXPECT_TRUE(e);
  return e ? std::move(*e) : nullptr;
}

TEST(ConfigBoot, Default_InterfacesAddressesAndRoutes) {
  auto eng = engine();
  ASSERT_TRUE(boot(*eng, default_config())) << "default config";
  const fib::Interface* em0 = eng->fib().interface("em0");
  ASSERT_NE(em0, nullptr);
  // 192.0.2.10, 2001:db8::10 and the link-local address em0 got on coming up.
  EXPECT_EQ(em0->addrs.size(), 3u);
  ASSERT_NE(eng->fib().interface("lo0"), nullptr);
  auto r4 = eng->fib().lookup(0, *fib::Addr::parse("203.0.113.7"));
  ASSERT_TRUE(r4);
  EXPECT_EQ(r4->gateway.addr, *fib::Addr::parse("192.0.2.1"));
  auto r6 = eng->fib().lookup(0, *fib::Addr::parse("2001:db8:ffff::1"));
  ASSERT_TRUE(r6);
  EXPECT_EQ(r6->gateway.addr, *fib::Addr::parse("2001:db8::1"));
}

TEST(ConfigBoot, UnreachableGateway_ErrorNamesLine) {
  auto c = parse_config(
      "interface lo0 type loop\naddress lo0 127.0.0.1/8\n\nroute default 198.51.100.1\n", "x.conf");
  ASSERT_TRUE(c);
  auto eng = engine();
  auto r = boot(*eng, *c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().line, 4u);
  EXPECT_EQ(r.error().str().rfind("x.conf:4: route 0.0.0.0/0 198.51.100.1: ", 0), 0u)
      << r.error().str();
}

TEST(ConfigBoot, FibOutOfRange_NamesFibAndLimit) {
  auto c = parse_config("interface em0\naddress em0 10.0.0.1/24\nroute default 10.0.0.2 fib 1\n",
                        "f.conf");
  ASSERT_TRUE(c);
  auto eng = engine();
  auto r = boot(*eng, *c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().str(),
            "f.conf:3: route 0.0.0.0/0 10.0.0.2: fib 1 does not exist (fibs is 1: FIB numbers 0 "
            "to 0; raise it with 'fibs N' or --fibs N)");
  auto i = parse_config("interface em0 fib 3\n", "i.conf");
  ASSERT_TRUE(i);
  auto r2 = boot(*engine(), *i);
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().str().find("i.conf:1: interface em0: fib 3 does not exist"),
            std::string::npos)
      << r2.error().str();
}

TEST(ConfigBoot, ManyFibs_CheapUntilUsed) {
  // 4096 empty FIBs once cost 7 GB; now an unused table allocates nothing
  // beyond its own small header.
  fib::Config cfg;
  cfg.fibs = kernel::kMaxFibs;
  fib::Fib f(cfg);
  EXPECT_LT(f.memory_bytes(), std::size_t{16} << 20) << f.memory_bytes();
  kernel::Options opt;
  opt.fibs = kernel::kMaxFibs;
  auto eng = kernel::Engine::create(std::move(opt));
  ASSERT_TRUE(eng);
  ASSERT_TRUE(boot(**eng, default_config()));
  opt = {};
  opt.fibs = kernel::kMaxFibs + 1;
  EXPECT_FALSE(kernel::Engine::create(std::move(opt)));
}

TEST(ConfigBoot, LinkLocal_ZoneIsTheInterface) {
  auto c = parse_config(
      "interface lo0 type loop\ninterface em0\naddress em0 fe80::10/64\nroute ::/0 fe80::1%em0\n");
  ASSERT_TRUE(c) << c.error().str();
  auto eng = engine();
  ASSERT_TRUE(boot(*eng, *c));
  const fib::Interface* em0 = eng->fib().interface("em0");
  ASSERT_NE(em0, nullptr);
  // Its automatic link-local address first (em0 came up when created),
  // then the configured one.
  ASSERT_EQ(em0->addrs.size(), 2u);
  EXPECT_EQ(em0->addrs[1].addr.bytes[15], 0x10);
  EXPECT_EQ(em0->addrs[1].addr.bytes[3], em0->index);
  auto r = eng->fib().lookup(0, *fib::Addr::parse("2001:db8::99"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ifindex, em0->index);
}

}  // namespace
}  // namespace rtsock::server
