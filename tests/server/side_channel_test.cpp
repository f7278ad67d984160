// The compat library's side channel (attach and write ops): a routing
// socket found by its abstract address, writes answered with their verdict,
// rtm_pid and privilege of the writing process, options set on its behalf.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <sys/wait.h>

#include <cerrno>

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
int os_err(int e) { return abi::os_errno(freebsd(), e); }

std::string unique_name(std::string_view tag) {
  return fmt::format("{}test/{}/{}", proto::kCompatNamePrefix, ::getpid(), tag);
}

// The write op's packet: handle, then the routing message.
Bytes write_packet(std::uint32_t handle, std::uint32_t id, const Bytes& msg) {
  Bytes payload(4);
  for (std::size_t i = 0; i < 4; ++i) payload[i] = std::byte((handle >> (8 * i)) & 0xff);
  payload.insert(payload.end(), msg.begin(), msg.end());
  return proto::encode({.op = proto::Op::write, .flags = 0, .id = id, .error = 0}, payload);
}

// The write op's verdict (the reply's error), or nullopt.
std::optional<int> write_via(Client& side, std::uint32_t handle, const Bytes& msg,
                             std::uint32_t id = 900) {
  if (!side.send(write_packet(handle, id, msg))) return std::nullopt;
  auto r = side.reply(proto::Op::write, id);
  if (!r) return std::nullopt;
  return r->header.error;
}

class SideChannelTest : public ::testing::Test {
 protected:
  void start(bool privileged = true) {
    auto opt = options(dir_.file("rtsockd.sock"));
    opt.engine.privileged_uids = {privileged ? ::getuid() : ::getuid() + 1};
    daemon_ = std::make_unique<Daemon>(std::move(opt));
    ASSERT_TRUE(daemon_->ok());
  }
  std::string path() const { return daemon_->path(); }

  // Attaches `side` to the socket bound to `name`; the handle, or nullopt.
  static std::optional<std::uint32_t> attach(Client& side, const std::string& name) {
    auto r = side.control(proto::Op::attach, {{"name", name}});
    if (!r || r->header.error != 0) return std::nullopt;
    return r->body["handle"].get<std::uint32_t>();
  }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(SideChannelTest, WriteThroughSide_ReplyOnRoutingSocketAfterVerdict) {
  start();
  const auto name = unique_name("a");
  Client rs(path(), name), side(path());
  ASSERT_TRUE(rs.connected());
  auto h = attach(side, name);
  ASSERT_TRUE(h);
  const auto& p = freebsd();
  auto verdict = write_via(side, *h, testing::route_message(p, "RTM_ADD", "10.1.0.0", 16,
                                                            "192.0.2.1", 5));
  ASSERT_TRUE(verdict);
  EXPECT_EQ(*verdict, 0);
  // The reply is already queued on the routing socket when the verdict comes.
  auto pkt = rs.recv(0);
  ASSERT_TRUE(pkt);
  auto m = testing::parse_routing(p, *pkt);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type, *p.type_number("RTM_ADD"));
  EXPECT_EQ(m->get(abi::Field::seq), 5);
  EXPECT_EQ(m->get(abi::Field::pid), ::getpid());
  // The side channel itself receives no routing messages.
  EXPECT_FALSE(side.recv(100));
}

TEST_F(SideChannelTest, FailedWrite_VerdictIsTheKernelsErrnoEvenWithoutLoopback) {
  start();
  const auto name = unique_name("b");
  Client rs(path(), name), side(path());
  auto h = attach(side, name);
  ASSERT_TRUE(h);
  auto off = side.control(proto::Op::setsockopt,
                          {{"handle", *h}, {"level", 0xffff}, {"name", 0x40}, {"value", "00000000"}});
  ASSERT_TRUE(off);
  ASSERT_EQ(off->header.error, 0);
  const auto& p = freebsd();
  auto exists =
      write_via(side, *h, testing::route_message(p, "RTM_ADD", "0.0.0.0", 0, "192.0.2.1", 6));
  ASSERT_TRUE(exists);
  EXPECT_EQ(*exists, os_err(EEXIST));
  auto missing = write_via(side, *h, testing::route_message(p, "RTM_DELETE", "10.99.0.0", 16));
  ASSERT_TRUE(missing);
  EXPECT_EQ(*missing, os_err(ESRCH));
  // A lying length: EINVAL, and the daemon goes on.
  Bytes bad = testing::route_message(p, "RTM_GET", "127.0.0.1");
  bad[0] = std::byte{0xff};
  auto lying = write_via(side, *h, bad);
  ASSERT_TRUE(lying);
  EXPECT_EQ(*lying, os_err(EINVAL));
  EXPECT_FALSE(rs.recv(100));  // SO_USELOOPBACK off: no copies
  auto get = side.control(proto::Op::getsockopt, {{"handle", *h}, {"level", 0xffff}, {"name", 0x40}});
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body["value"], "00000000");
}

TEST_F(SideChannelTest, Unprivileged_WriteGetsEperm) {
  start(false);
  const auto name = unique_name("c");
  Client rs(path(), name), side(path());
  auto h = attach(side, name);
  ASSERT_TRUE(h);
  const auto& p = freebsd();
  auto add = write_via(side, *h, testing::route_message(p, "RTM_ADD", "10.2.0.0", 16, "192.0.2.1"));
  ASSERT_TRUE(add);
  EXPECT_EQ(*add, os_err(EPERM));
  auto get = write_via(side, *h, testing::route_message(p, "RTM_GET", "127.0.0.1"));
  ASSERT_TRUE(get);
  EXPECT_EQ(*get, 0);
}

TEST_F(SideChannelTest, ForkedWriter_ItsOwnSideStampsItsPid) {
  start();
  const auto name = unique_name("d");
  Client rs(path(), name);
  const auto& p = freebsd();
  const pid_t child = ::fork();
  if (child == 0) {
    Client side(path());
    auto r = side.control(proto::Op::attach, {{"name", name}});
    int code = 1;
    if (r && r->header.error == 0) {
      const auto h = r->body["handle"].get<std::uint32_t>();
      auto v = write_via(side, h, testing::route_message(p, "RTM_GET", "127.0.0.1", {}, {}, 77));
      code = v && *v == 0 ? 0 : 2;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto pkt = rs.recv();
  ASSERT_TRUE(pkt);
  auto m = testing::parse_routing(p, *pkt);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->get(abi::Field::seq), 77);
  EXPECT_EQ(m->get(abi::Field::pid), child);
}

TEST_F(SideChannelTest, BadNamesAndHandles_Refused) {
  start();
  Client plain(path()), side(path());
  auto r = side.control(proto::Op::attach, {{"name", unique_name("nobody")}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(ENOENT));
  // A write before attach, or with a handle never attached: EBADF.
  const auto& p = freebsd();
  auto v = write_via(plain, 1, testing::route_message(p, "RTM_GET", "127.0.0.1"));
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, os_err(EBADF));
  ASSERT_EQ(side.control(proto::Op::attach)->header.error, 0);
  v = write_via(side, 999999, testing::route_message(p, "RTM_GET", "127.0.0.1"));
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, os_err(EBADF));
  // A write packet too short for a handle.
  ASSERT_TRUE(side.send(proto::encode({.op = proto::Op::write, .flags = 0, .id = 5, .error = 0},
                                      Bytes{std::byte{1}})));
  auto short_reply = side.reply(proto::Op::write, 5);
  ASSERT_TRUE(short_reply);
  EXPECT_EQ(short_reply->header.error, os_err(EBADF));
  auto bad_handle = side.control(proto::Op::setsockopt,
                                 {{"handle", "x"}, {"level", 0xffff}, {"name", 0x40}, {"value", "00"}});
  ASSERT_TRUE(bad_handle);
  EXPECT_EQ(bad_handle->header.error, os_err(EINVAL));
  // The daemon still serves.
  EXPECT_EQ(plain.control(proto::Op::hello)->header.error, 0);
}

TEST_F(SideChannelTest, SocketOpByHandle_NewFamilyFilterAndStillAttached) {
  start();
  const auto name = unique_name("e");
  Client rs(path(), name), side(path()), writer(path());
  auto h = attach(side, name);
  ASSERT_TRUE(h);
  const auto& p = freebsd();
  auto r = side.control(proto::Op::socket, {{"handle", *h}, {"protocol", p.af_inet6}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->header.error, 0);
  // An IPv4 change no longer reaches it; an IPv6 one does.
  ASSERT_TRUE(writer.send(testing::route_message(p, "RTM_ADD", "10.3.0.0", 16, "192.0.2.1")));
  ASSERT_TRUE(writer.send(testing::route_message(p, "RTM_GET", "::1")));
  auto pkt = rs.recv();
  ASSERT_TRUE(pkt);
  auto m = testing::parse_routing(p, *pkt);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type, *p.type_number("RTM_GET"));
  auto v = write_via(side, *h, testing::route_message(p, "RTM_GET", "::1", {}, {}, 9));
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, 0);
}

}  // namespace
}  // namespace rtsock::server
