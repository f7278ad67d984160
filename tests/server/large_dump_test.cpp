// A dump of a large table holds the daemon for a while: neither the client
// that asked nor the clients that wait behind it may take the busy daemon
// for a dead one (progress packets restart their timeouts). The table is
// large enough that, in the debug and ASan builds, its dump takes many times
// the short timeouts used here; without progress packets these requests fail
// with ETIMEDOUT.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "test_client.hpp"

namespace rtsock::server {
namespace {

using testing::Client;
using testing::Daemon;
using testing::json;
using testing::TempDir;

constexpr int kRoutes = 20000;
// Booted routes plus the built-in ones (2 defaults, 6 interface and local
// routes, and the prefix and local routes of lo0's and em0's automatic
// link-local addresses).
constexpr std::size_t kTableSize = kRoutes + 12;
constexpr std::chrono::milliseconds kShortTimeout{100};

class LargeDump : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::string text(kDefaultConfigText);
    for (int i = 0; i < kRoutes; ++i)
      text += fmt::format("route 10.{}.{}.0/24 192.0.2.1\n", i >> 8, i & 0xff);
    ServerOptions opt = testing::options(dir_->file("big.sock"));
    opt.boot = *parse_config(text, "big");
    opt.progress_interval = std::chrono::milliseconds(5);
    daemon_ = new Daemon(std::move(opt));
  }
  static void TearDownTestSuite() {
    delete daemon_;
    delete dir_;
  }
  static std::string path() { return daemon_->path(); }

  static client::ConnectOptions impatient() {
    client::ConnectOptions o;
    o.control_timeout = kShortTimeout;
    return o;
  }

  // Sends a dump request (NET_RT_DUMP, every family) without waiting.
  static void ask_dump(Client& c, std::uint32_t id) {
    ASSERT_TRUE(c.send(proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = id, .error = 0},
                                     json{{"mib", {4, 17, 0, 0, 1, 0}}}.dump())));
  }

  static std::size_t routes_in(std::span<const std::byte> dump) {
    std::size_t n = 0;
    for (const auto& r : codec::RibView(dump, *abi::find_profile("freebsd"))) {
      EXPECT_TRUE(r.has_value());
      ++n;
    }
    return n;
  }

  static TempDir* dir_;
  static Daemon* daemon_;
};

TempDir* LargeDump::dir_ = nullptr;
Daemon* LargeDump::daemon_ = nullptr;

bool is_progress(const testing::Bytes& pkt) {
  if (!proto::is_control(pkt)) return false;
  auto h = proto::parse_header(pkt);
  return h && h->op == proto::Op::progress && h->id == 0 && h->error == 0;
}

// The requester is never left in silence: the dump's packets leave while
// the rest is built, and progress packets, which may come anywhere in the
// stream, fill any longer pause.
TEST_F(LargeDump, Requester_HearsTheDumpAsItIsBuilt) {
  ASSERT_TRUE(daemon_->ok());
  Client a(path());
  ASSERT_TRUE(a.connected());
  ask_dump(a, 7);
  testing::Bytes dump;
  std::size_t packets = 0;
  for (;;) {
    auto pkt = a.recv(10000);
    ASSERT_TRUE(pkt) << "no packet for 10 s";
    if (is_progress(*pkt)) continue;
    ++packets;
    auto h = proto::parse_header(*pkt);
    ASSERT_TRUE(h);
    ASSERT_EQ(h->op, proto::Op::sysctl);
    ASSERT_EQ(h->id, 7u);
    ASSERT_EQ(h->error, 0);
    const auto body = proto::payload(*pkt);
    dump.insert(dump.end(), body.begin(), body.end());
    if ((h->flags & proto::kFlagMore) == 0) break;
  }
  EXPECT_GT(packets, 1u) << "a dump of this size spans packets";
  EXPECT_EQ(routes_in(dump), kTableSize);
}

TEST_F(LargeDump, LibraryWithShortTimeout_GetsTheWholeDump) {
  auto rs = RoutingSocket::connect(path(), impatient());
  ASSERT_TRUE(rs) << rs.error().message();
  const auto t0 = std::chrono::steady_clock::now();
  auto dump = rs->fetch_rib(0, client::net_rt::dump);
  const auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(dump) << dump.error().message();
  EXPECT_EQ(routes_in(*dump), kTableSize);
  RecordProperty("dump_ms",
                 std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

// While one client's dump is built: a client that connects (its hello), a
// routing request and a control request of connected clients, all with a
// timeout far shorter than the build, are answered.
TEST_F(LargeDump, ClientsWaitingBehindADump_DoNotTimeOut) {
  Client raw(path());
  ASSERT_TRUE(raw.control(proto::Op::hello));  // accepted before the dump starts
  auto getter = RoutingSocket::connect(path(), impatient());
  ASSERT_TRUE(getter) << getter.error().message();
  const abi::Profile& p = getter->profile();

  Client a(path());
  ask_dump(a, 1);
  // The daemon is in the middle of the dump once it says so, or once the
  // dump's first packet (more to follow) arrives.
  auto first = a.recv(10000);
  ASSERT_TRUE(first);
  testing::Bytes dump;
  if (!is_progress(*first)) {
    auto h = proto::parse_header(*first);
    ASSERT_TRUE(h && h->op == proto::Op::sysctl && (h->flags & proto::kFlagMore) != 0)
        << "the dump came whole, without progress";
    const auto body = proto::payload(*first);
    dump.assign(body.begin(), body.end());
  }

  auto connecting = std::async(std::launch::async, [&] {
    auto rs = RoutingSocket::connect(path(), impatient());
    return rs ? std::string() : rs.error().message();
  });
  auto getting = std::async(std::launch::async, [&] {
    auto m = codec::Message::make(p, *p.type_number("RTM_GET"));
    m.set_addr(abi::kDst, *codec::Sockaddr::parse_ip("10.1.2.3"));
    auto r = getter->request(m, kShortTimeout);
    return r ? std::string() : r.error().message();
  });
  ASSERT_TRUE(raw.send(proto::encode({.op = proto::Op::hello, .flags = 0, .id = 99, .error = 0},
                                     std::string_view("{}"))));
  auto pkt = raw.recv(10000);
  ASSERT_TRUE(pkt);
  EXPECT_TRUE(is_progress(*pkt)) << "a waiting client heard nothing before its reply";
  auto hello = raw.reply(proto::Op::hello, 99);
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->header.error, 0);

  EXPECT_EQ(connecting.get(), "");
  EXPECT_EQ(getting.get(), "");
  auto rest = a.reply(proto::Op::sysctl, 1);
  ASSERT_TRUE(rest);
  dump.insert(dump.end(), rest->payload.begin(), rest->payload.end());
  EXPECT_EQ(routes_in(dump), kTableSize);
}

}  // namespace
}  // namespace rtsock::server
