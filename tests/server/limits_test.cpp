// rtsockd against hostile clients, in process: what one connection can make
// the daemon hold, and input that once took it down (docs/SECURITY.md).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>

#include "rtsock/abi/errno.hpp"
#include "test_client.hpp"

namespace rtsock::server {
namespace {

using testing::Bytes;
using testing::Client;
using testing::Daemon;
using testing::json;
using testing::options;
using testing::TempDir;

const abi::Profile& freebsd() { return *abi::find_profile("freebsd"); }

// This process's resident set in bytes (the daemon runs on a thread here).
std::size_t rss_bytes() {
  std::ifstream in("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// The default configuration plus `routes` /24s under 10.0.0.0/8.
BootConfig table_of(int routes) {
  std::string text(kDefaultConfigText);
  for (int i = 0; i < routes; ++i)
    text += fmt::format("route 10.{}.{}.0/24 192.0.2.1\n", i / 256 % 256, i % 256);
  return *parse_config(text, "table");
}

Bytes control_packet(proto::Op op, std::uint32_t id, std::string_view body) {
  return proto::encode({.op = op, .flags = 0, .id = id, .error = 0}, body);
}

class Limits : public ::testing::Test {
 protected:
  void start(ServerOptions opt) {
    daemon_ = std::make_unique<Daemon>(std::move(opt));
    ASSERT_TRUE(daemon_->ok()) << daemon_->error().message();
  }
  std::string path() const { return dir_.file("rtsockd.sock"); }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
};

// One packet of nested brackets used to overflow the daemon's stack (the
// error text dumped the value recursively), and any user could send it.
TEST_F(Limits, DeeplyNestedJson_EinvalDaemonAlive) {
  ServerOptions opt = options(path());
  opt.engine.privileged_uids = {::getuid() + 1};  // this client is unprivileged
  start(std::move(opt));
  Client c(path());
  // As deep as one packet allows.
  const auto nested = [](std::size_t room) {
    const std::size_t depth = (room - proto::kHeaderSize) / 2;
    return std::string(depth, '[') + std::string(depth, ']');
  };
  const std::string create = R"({"op":"create","name":"x0","flags":[)";
  for (const std::string& body : {create + nested(proto::kMaxPacket - create.size() - 2) + "]}",
                                  R"({"mib":)" + nested(proto::kMaxPacket - 8) + "}",
                                  nested(proto::kMaxPacket)}) {
    ASSERT_LE(body.size() + proto::kHeaderSize, proto::kMaxPacket);
    ASSERT_TRUE(c.send(control_packet(proto::Op::ifconfig, 7, body)));
    auto r = c.reply(proto::Op::ifconfig, 7);
    ASSERT_TRUE(r) << "no reply: the daemon died";
    EXPECT_EQ(r->header.error, abi::os_errno(freebsd(), EINVAL));
  }
  // Shallow nesting is still read (and refused for what it says).
  auto shallow = c.control(proto::Op::ifconfig,
                           json::parse(R"({"op":"create","name":"x0","flags":[["up"]]})"));
  ASSERT_TRUE(shallow);
  EXPECT_EQ(shallow->header.error, abi::os_errno(freebsd(), EINVAL));
  auto hello = c.control(proto::Op::hello);
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->header.error, 0);
}

// A client that queues dump requests, hangs up its writing side and never
// reads: the daemon reads no further than one reply past its backlog bound,
// instead of building every dump (one batch used to be read whole).
TEST_F(Limits, DumpRequestsNeverRead_MemoryBoundedOthersServed) {
  ServerOptions opt = options(path());
  opt.boot = table_of(40000);  // a dump of about 9 MB
  start(std::move(opt));
  Client other(path());
  ASSERT_TRUE(other.control(proto::Op::hello));
  const std::size_t before = rss_bytes();

  Client hostile(path());
  const json mib = {4, freebsd().af_route, 0, 0, 1, 0};
  const std::string body = json{{"mib", mib}}.dump();
  int sent = 0;
  for (std::uint32_t id = 1; id <= 2000; ++id) {
    const Bytes pkt = control_packet(proto::Op::sysctl, id, body);
    if (::send(hostile.fd(), pkt.data(), pkt.size(), MSG_DONTWAIT | MSG_NOSIGNAL) < 0) break;
    ++sent;
  }
  ASSERT_GE(sent, 50) << "the socket buffer took too few requests to tell";
  ASSERT_EQ(::shutdown(hostile.fd(), SHUT_WR), 0);

  // The daemon goes on serving others while the hostile client sits.
  for (int i = 0; i < 20; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = other.control(proto::Op::hello);
    ASSERT_TRUE(r);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  }
  const std::size_t grown = rss_bytes() - std::min(rss_bytes(), before);
  // Unbounded, this is sent x 9 MB (>= 450 MB); bounded, about two dumps.
  EXPECT_LT(grown, std::size_t{200} << 20) << sent << " requests";
}

// stats' per-connection "messages" counts the copies queued for it, each of
// which arrives before the reply.
TEST_F(Limits, StatsMessages_EqualsCopiesReceived) {
  start(options(path()));
  Client listener(path()), writer(path());
  const auto& p = freebsd();
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(writer.send(testing::route_message(p, "RTM_ADD", fmt::format("10.9.{}.0", i), 24,
                                                   "192.0.2.1", i + 1)));
    ASSERT_TRUE(writer.recv());
  }
  auto stats = listener.control(proto::Op::stats);
  ASSERT_TRUE(stats);
  std::uint64_t routing = 0;
  for (const Bytes& pkt : listener.others)
    if (testing::parse_routing(p, pkt)) ++routing;
  EXPECT_EQ(routing, 50u);
  EXPECT_EQ(stats->body["connection"]["messages"].get<std::uint64_t>(), routing);
  EXPECT_EQ(stats->body["connection"]["drops"].get<std::uint64_t>(), 0u);
}

}  // namespace
}  // namespace rtsock::server
