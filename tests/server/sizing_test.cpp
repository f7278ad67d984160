// The sizing call (sysctl with a NULL buffer, RoutingSocket::rib_size):
// for route dumps an upper bound given at once, which must hold every dump
// the table can give — whatever its routes' gateways, in every personality —
// and not waste more than a modest factor; for other names the exact size.
#include <gtest/gtest.h>

#include <string>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "test_client.hpp"

namespace {

using rtsock::RoutingSocket;
namespace abi = rtsock::abi;
namespace codec = rtsock::codec;
namespace net_rt = rtsock::client::net_rt;
using rtsock::server::testing::Daemon;
using rtsock::server::testing::TempDir;

constexpr std::chrono::milliseconds kWait{2000};

std::int64_t flag_bits(const abi::Profile& p, std::initializer_list<const char*> names) {
  std::int64_t f = 0;
  for (int i = 0; i < 32; ++i)
    for (const char* n : names)
      if (p.rtf[static_cast<std::size_t>(i)] == n) f |= std::int64_t{1} << i;
  return f;
}

class Sizing : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string text(rtsock::server::kDefaultConfigText);
    for (int i = 0; i < 300; ++i) text += "route 10.1." + std::to_string(i % 256) + "." +
                                          std::to_string(i / 256 * 16) + "/28 192.0.2.1\n";
    text += "route 2001:db8:5::/48 2001:db8::1\nroute 198.51.100.9 192.0.2.1\n";
    auto opt = rtsock::server::testing::options(dir_.file("s.sock"), GetParam());
    opt.boot = *rtsock::server::parse_config(text, "sizing");
    daemon_ = std::make_unique<Daemon>(std::move(opt));
    ASSERT_TRUE(daemon_->ok()) << daemon_->error().message();
    auto s = RoutingSocket::connect(daemon_->path());
    ASSERT_TRUE(s) << s.error().message();
    sock_.emplace(std::move(*s));
  }

  // Every route dump the name space offers: bound >= the dump, and the
  // bound is not wildly off (at most 2x the dump, plus one message).
  void expect_bounds() {
    const abi::Profile& p = sock_->profile();
    const int gw_flag = static_cast<int>(flag_bits(p, {"GATEWAY"}));
    for (int af : {0, int{p.af_inet}, int{p.af_inet6}})
      for (auto [type, arg] : {std::pair{net_rt::dump, 0}, std::pair{net_rt::flags, gw_flag}}) {
        auto size = sock_->rib_size(af, type, arg);
        ASSERT_TRUE(size) << size.error().message();
        auto dump = sock_->fetch_rib(af, type, arg);
        ASSERT_TRUE(dump) << dump.error().message();
        SCOPED_TRACE(testing::Message() << "af " << af << " type " << type);
        EXPECT_GE(*size, dump->size());
        if (type == net_rt::dump) {
          EXPECT_LE(*size, 2 * dump->size() + 1024);
        }
      }
  }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
  std::optional<RoutingSocket> sock_;
};

TEST_P(Sizing, RouteDumps_BoundedAtOnce) { expect_bounds(); }

TEST_P(Sizing, InterfaceLists_Exact) {
  const abi::Profile& p = sock_->profile();
  const int iflist = net_rt::iflist_of(p);
  for (int af : {0, int{p.af_inet}, int{p.af_inet6}}) {
    auto size = sock_->rib_size(af, iflist, 0);
    ASSERT_TRUE(size) << size.error().message();
    auto dump = sock_->fetch_rib(af, iflist, 0);
    ASSERT_TRUE(dump) << dump.error().message();
    EXPECT_EQ(*size, dump->size()) << "af " << af;
  }
}

TEST_P(Sizing, LinkGatewayWithALongName_StillBounded) {
  // A request may name its link gateway at any length; where the kernel
  // keeps the sockaddr as given, the dump carries it.
  // Enough of them that the other routes' slack cannot hide them.
  const abi::Profile& p = sock_->profile();
  for (int i = 0; i < 400; ++i) {
    auto m = codec::Message::make(p, *p.type_number("RTM_ADD"));
    const std::string dst = "10.77." + std::to_string(i % 256) + "." + std::to_string(i / 256 * 16);
    m.set_addr(abi::kDst, *codec::Sockaddr::parse_ip(dst));
    m.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, 28));
    m.set_addr(abi::kGateway, codec::Sockaddr::link(2, 6, std::string(200, 'n')));
    m.set(abi::Field::flags, flag_bits(p, {"UP", "STATIC"}));
    ASSERT_TRUE(sock_->request(m, kWait)) << dst;
  }
  expect_bounds();
}

TEST_P(Sizing, Errors_AsTheDump) {
  const abi::Profile& p = sock_->profile();
  auto bad_af = sock_->rib_size(p.af_link, net_rt::dump, 0);
  ASSERT_FALSE(bad_af);
  // xnu's dump of another family walks no table: the EINVAL it starts from.
  EXPECT_EQ(bad_af.error().code().value(), p.os == abi::Os::darwin ? EINVAL : EAFNOSUPPORT);
  auto no_fib = sock_->rib_size(0, net_rt::dump, 0, 77);
  ASSERT_FALSE(no_fib);
}

INSTANTIATE_TEST_SUITE_P(Personalities, Sizing,
                         ::testing::Values("freebsd", "freebsd12", "darwin", "openbsd", "netbsd",
                                           "dragonfly"));

}  // namespace
