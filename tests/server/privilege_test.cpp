// Every write path refuses an unprivileged uid with the personality's error,
// and changes nothing; reads stay open to it (docs/SECURITY.md). The daemon
// runs with --privileged-uid set to another uid, so this process's own
// connections are unprivileged without a setuid().
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <set>

#include "rtsock/abi/errno.hpp"
#include "test_client.hpp"

namespace rtsock::server {
namespace {

using testing::Bytes;
using testing::Client;
using testing::Daemon;
using testing::json;
using testing::TempDir;

class Privilege : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    auto opt = testing::options(dir_.file("rtsockd.sock"), GetParam());
    opt.engine.privileged_uids = {::getuid() + 1};
    daemon_ = std::make_unique<Daemon>(std::move(opt));
    ASSERT_TRUE(daemon_->ok()) << daemon_->error().message();
    profile_ = &daemon_->server().engine().profile();
  }
  const abi::Profile& p() const { return *profile_; }
  int os(int e) const { return abi::os_errno(p(), e); }
  // What an unprivileged route write gets: EPERM, but EACCES from OpenBSD
  // and NetBSD (kauth).
  int denied() const {
    return os(p().os == abi::Os::openbsd || p().os == abi::Os::netbsd ? EACCES : EPERM);
  }

  // The whole state a write could change: routes and interfaces.
  Bytes snapshot(Client& c) {
    Bytes all;
    for (int op : {1, p().os == abi::Os::netbsd ? (p().os_version >= 8 ? 6 : 5) : 3}) {
      auto r = c.control(proto::Op::sysctl, {{"mib", {4, p().af_route, 0, 0, op, 0}}});
      EXPECT_TRUE(r && r->header.error == 0);
      if (r) all.insert(all.end(), r->payload.begin(), r->payload.end());
    }
    return all;
  }

  // A connection that gets no copy of its own writes (SO_USELOOPBACK off)
  // and a status packet with the verdict of each.
  void make_writer(Client& c) {
    ASSERT_EQ(c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "status"}, {"value", 1}})
                  ->header.error,
              0);
    ASSERT_EQ(c.control(proto::Op::setsockopt, {{"level", 0xffff}, {"name", 0x40}, {"value", "00000000"}})
                  ->header.error,
              0);
  }
  int write_verdict(Client& c, const Bytes& msg) {
    EXPECT_TRUE(c.send(msg));
    for (;;) {
      auto pkt = c.recv();
      if (!pkt) return -1;
      if (auto h = proto::parse_header(*pkt); h && h->op == proto::Op::status) return h->error;
    }
  }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
  const abi::Profile* profile_ = nullptr;
};

TEST_P(Privilege, EveryRoutingWriteRefusedReadsAllowed) {
  Client c(daemon_->path());
  auto hello = c.control(proto::Op::hello);
  ASSERT_TRUE(hello);
  ASSERT_FALSE(hello->body["privileged"].get<bool>());
  make_writer(c);
  const Bytes before = snapshot(c);
  std::set<std::string> reads = {"RTM_GET", "RTM_GET_SILENT", "RTM_GET2"};
  int refused = 0;
  for (int t = 1; t < 256; ++t) {
    const std::string name(p().type_info(static_cast<std::uint8_t>(t)).name);
    if (name.empty() || reads.contains(name)) continue;
    // A well-formed request, so that only privilege can stop it.
    Bytes msg = testing::route_message(p(), "RTM_ADD", "198.51.100.0", 24, "192.0.2.1", 77);
    msg[3] = std::byte(static_cast<std::uint8_t>(t));
    const int error = write_verdict(c, msg);
    SCOPED_TRACE(name);
    EXPECT_NE(error, 0) << "an unprivileged " << name << " succeeded";
    if (name == "RTM_ADD" || name == "RTM_DELETE" || name == "RTM_CHANGE") {
      EXPECT_EQ(error, denied());
    } else {
      // Types this kernel takes from nobody may fail for that first (an
      // interface header read as a route: EINVAL, EAFNOSUPPORT; EOPNOTSUPP).
      EXPECT_TRUE(error == denied() || error == os(EOPNOTSUPP) || error == os(EINVAL) ||
                  error == os(EAFNOSUPPORT))
          << error;
    }
    ++refused;
  }
  EXPECT_GE(refused, 10);
  EXPECT_EQ(snapshot(c), before) << "an unprivileged write changed the table";

  // Reads: RTM_GET, dumps (above), options, statistics.
  EXPECT_EQ(write_verdict(c, testing::route_message(p(), "RTM_GET", "127.0.0.1", std::nullopt, {}, 78)), 0);
  Client reader(daemon_->path());
  ASSERT_TRUE(reader.send(testing::route_message(p(), "RTM_GET", "127.0.0.1", std::nullopt, {}, 79)));
  bool answered = false;
  while (!answered) {
    auto pkt = reader.recv();
    ASSERT_TRUE(pkt) << "no RTM_GET reply";
    if (auto m = testing::parse_routing(p(), *pkt); m && m->get(abi::Field::seq) == 79) {
      EXPECT_EQ(m->get(abi::Field::err), 0);
      answered = true;
    }
  }
  EXPECT_EQ(c.control(proto::Op::stats)->header.error, 0);
  EXPECT_EQ(c.control(proto::Op::getsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}})->header.error, 0);
}

TEST_P(Privilege, EveryInterfaceChangeAndInjectRefused) {
  Client c(daemon_->path());
  const Bytes before = snapshot(c);
  const std::vector<json> ifconfig = {
      {{"op", "create"}, {"name", "em9"}},
      {{"op", "destroy"}, {"name", "em0"}},
      {{"op", "set"}, {"name", "em0"}, {"up", false}},
      {{"op", "set"}, {"name", "em0"}, {"mtu", 9000}},
      {{"op", "set"}, {"name", "em0"}, {"lladdr", "02:00:00:00:00:09"}},
      {{"op", "set"}, {"name", "em0"}, {"link", "down"}},
      {{"op", "set"}, {"name", "em0"}, {"metric", 5}},
      {{"op", "addr_add"}, {"name", "em0"}, {"addr", "198.18.0.1"}, {"plen", 24}},
      {{"op", "addr_delete"}, {"name", "em0"}, {"addr", "192.0.2.10"}},
  };
  for (const json& req : ifconfig) {
    auto r = c.control(proto::Op::ifconfig, req);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header.error, os(EPERM)) << req.dump();
  }
  for (const json& req : {json{{"event", "forward"}, {"dst", "198.51.100.1"}},
                          json{{"event", "redirect"}, {"dst", "198.51.100.1"},
                               {"gateway", "192.0.2.2"}, {"src", "192.0.2.1"}},
                          json{{"event", "expire"}}}) {
    auto r = c.control(proto::Op::inject, req);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header.error, os(EPERM)) << req.dump();
  }
  EXPECT_EQ(snapshot(c), before);
}

// The compat library's side channel writes on behalf of a routing socket
// with the side channel's own privilege.
TEST_P(Privilege, SideChannelWriteRefused) {
  const std::string name = "rtsock-compat/" + std::to_string(::getpid()) + "/1/privtest";
  const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un self{};
  self.sun_family = AF_UNIX;
  std::memcpy(self.sun_path + 1, name.data(), name.size());
  const auto self_len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&self), self_len), 0);
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  std::strncpy(sa.sun_path, daemon_->path().c_str(), sizeof sa.sun_path - 1);
  ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa), 0);

  Client side(daemon_->path());
  const Bytes before = snapshot(side);
  auto attached = side.control(proto::Op::attach, {{"name", name}});
  ASSERT_TRUE(attached);
  ASSERT_EQ(attached->header.error, 0);
  const auto handle = attached->body["handle"].get<std::uint32_t>();
  Bytes payload(4);
  for (std::size_t i = 0; i < 4; ++i) payload[i] = std::byte(static_cast<std::uint8_t>(handle >> (8 * i)));
  const Bytes add = testing::route_message(p(), "RTM_ADD", "198.51.100.0", 24, "192.0.2.1", 5);
  payload.insert(payload.end(), add.begin(), add.end());
  ASSERT_TRUE(side.send(proto::encode({.op = proto::Op::write, .flags = 0, .id = 9, .error = 0}, payload)));
  auto verdict = side.reply(proto::Op::write, 9);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->header.error, denied());
  ::close(fd);
  Client fresh(daemon_->path());
  EXPECT_EQ(snapshot(fresh), before);
}

INSTANTIATE_TEST_SUITE_P(Personalities, Privilege,
                         ::testing::Values("freebsd", "freebsd12", "darwin", "openbsd", "netbsd",
                                           "dragonfly", "hpux"));

}  // namespace
}  // namespace rtsock::server
