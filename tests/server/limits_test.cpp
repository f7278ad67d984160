// rtsockd against hostile clients, in process: what one connection can make
// the daemon hold, and input that once took it down (docs/SECURITY.md).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <dirent.h>
#include <fstream>
#include <cstring>
#include <string>
#include <thread>

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
  opt.boot = table_of(20000);  // a dump of about 4.5 MB
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
  ASSERT_GE(sent, 60) << "the socket buffer took too few requests to tell";
  ASSERT_EQ(::shutdown(hostile.fd(), SHUT_WR), 0);

  // The daemon goes on serving others while the hostile client sits.
  for (int i = 0; i < 20; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = other.control(proto::Op::hello);
    ASSERT_TRUE(r);
    // At most one dump is built meanwhile (seconds in a sanitizer build).
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(20));
  }
  const std::size_t grown = rss_bytes() - std::min(rss_bytes(), before);
  // Unbounded, this is sent x 4.5 MB (>= 225 MB); bounded, about two dumps.
  EXPECT_LT(grown, std::size_t{100} << 20) << sent << " requests";
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


// Whether the daemon kept this client: it answers HELLO, where a refused
// one sees the end of the stream.
bool kept(Client& c) {
  if (!c.connected()) return false;
  auto r = c.control(proto::Op::hello);
  return r.has_value() && r->header.error == 0;
}

// One local user cannot take every connection: clients of an unprivileged
// uid past --max-clients-per-uid are closed at once; a privileged uid is
// not capped; a place frees up when one leaves.
TEST_F(Limits, ClientsPerUnprivilegedUid_CappedOthersServed) {
  ServerOptions opt = options(path());
  opt.engine.privileged_uids = {::getuid() + 1};  // this process: unprivileged
  opt.max_clients_per_uid = 4;
  start(std::move(opt));
  std::vector<std::unique_ptr<Client>> mine;
  for (int i = 0; i < 4; ++i) {
    mine.push_back(std::make_unique<Client>(path()));
    ASSERT_TRUE(kept(*mine.back())) << i;
  }
  Client fifth(path());
  EXPECT_FALSE(kept(fifth));
  mine.front()->close();
  bool in = false;
  for (int tries = 0; tries < 100 && !in; ++tries) {  // the daemon notices the hang-up
    Client again(path());
    in = kept(again);
    if (!in) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(in);
}

TEST_F(Limits, MaxClients_CapsEveryUid) {
  ServerOptions opt = options(path());
  opt.max_clients = 3;  // this process is privileged here: only the total caps it
  start(std::move(opt));
  Client a(path()), b(path()), c(path());
  ASSERT_TRUE(kept(a) && kept(b) && kept(c));
  Client d(path());
  EXPECT_FALSE(kept(d));
  EXPECT_TRUE(kept(a));
}

std::size_t open_descriptors() {
  std::size_t n = 0;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    while (::readdir(d) != nullptr) ++n;
    ::closedir(d);
  }
  return n;
}

// Descriptors passed with SCM_RIGHTS are never taken in: the daemon (a
// thread of this process here) reads without a control buffer, so the
// kernel closes them and its descriptor count stays where it was.
TEST_F(Limits, PassedDescriptors_NotKept) {
  start(options(path()));
  Client c(path());
  ASSERT_TRUE(kept(c));
  const std::size_t before = open_descriptors();
  const Bytes get = testing::route_message(freebsd(), "RTM_GET", "192.0.2.1");
  for (int i = 0; i < 50; ++i) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    alignas(cmsghdr) char ctl[CMSG_SPACE(sizeof fds)] = {};
    iovec iov{const_cast<std::byte*>(get.data()), get.size()};
    msghdr m{};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = sizeof ctl;
    cmsghdr* h = CMSG_FIRSTHDR(&m);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof fds);
    std::memcpy(CMSG_DATA(h), fds, sizeof fds);
    ASSERT_EQ(::sendmsg(c.fd(), &m, MSG_NOSIGNAL), static_cast<ssize_t>(get.size()));
    ::close(fds[0]);
    ::close(fds[1]);
  }
  ASSERT_TRUE(kept(c));  // every packet has been read
  EXPECT_LE(open_descriptors(), before);
}


// A socket without privilege may ask for 4 MiB of rcvbuf at most (ENOBUFS
// past it, as a BSD past kern.ipc.maxsockbuf); a privileged one for 64 MiB.
TEST_F(Limits, RcvbufWithoutPrivilege_Bounded) {
  ServerOptions opt = options(path());
  opt.engine.privileged_uids = {::getuid() + 1};
  start(std::move(opt));
  Client c(path());
  auto set = [&c](std::uint64_t bytes) {
    return c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", bytes}})
        ->header.error;
  };
  EXPECT_EQ(set(4u << 20), 0);
  EXPECT_EQ(set((4u << 20) + 1), abi::os_errno(freebsd(), ENOBUFS));
  EXPECT_EQ(set(64u << 20), abi::os_errno(freebsd(), ENOBUFS));
}

TEST_F(Limits, RcvbufPrivileged_64MiB) {
  start(options(path()));
  Client c(path());
  auto r = c.control(proto::Op::setsockopt,
                     {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", 64u << 20}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, 0);
}

// A uid without privilege may leave at most 4 large replies unread at once:
// its fifth dump request gets ENOMEM instead of another copy of the table in
// the daemon's memory; once it reads or leaves, dumps work again.
TEST_F(Limits, UnreadDumpsPerUid_Bounded) {
  ServerOptions opt = options(path());
  opt.engine.privileged_uids = {::getuid() + 1};
  opt.boot = table_of(32000);  // a dump of about 6.4 MB
  start(std::move(opt));
  const Bytes dump = control_packet(
      proto::Op::sysctl, 7, json{{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}}.dump());
  std::vector<std::unique_ptr<Client>> hoarders;
  for (int i = 0; i < 4; ++i) {
    hoarders.push_back(std::make_unique<Client>(path()));
    ASSERT_TRUE(hoarders.back()->send(dump));
    ASSERT_TRUE(hoarders.back()->recv(60000)) << "no first packet of dump " << i;  // it is built
  }
  Client fifth(path());
  auto r = fifth.control(proto::Op::sysctl, {{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, abi::os_errno(freebsd(), ENOMEM));
  // Small requests go on.
  EXPECT_TRUE(kept(fifth));
  hoarders.clear();
  bool served = false;
  for (int tries = 0; tries < 200 && !served; ++tries) {
    auto again = fifth.control(proto::Op::sysctl, {{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}});
    ASSERT_TRUE(again);
    served = again->header.error == 0;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(served);
}

}  // namespace
}  // namespace rtsock::server
