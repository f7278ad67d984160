// rtsockd in process: a Server on a temporary socket, driven by raw
// SOCK_SEQPACKET clients.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <fstream>

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

const abi::Profile& profile(std::string_view name = "freebsd") { return *abi::find_profile(name); }
int os_err(int e, std::string_view name = "freebsd") { return abi::os_errno(profile(name), e); }

// The next routing message of `type` a client receives (others skipped).
std::optional<codec::Message> next_of_type(Client& c, const abi::Profile& p, std::string_view type,
                                           int timeout_ms = 5000) {
  const std::uint8_t t = *p.type_number(type);
  for (;;) {
    auto pkt = c.recv(timeout_ms);
    if (!pkt) return std::nullopt;
    if (auto m = testing::parse_routing(p, *pkt); m && m->type == t) return m;
  }
}

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions opt) { daemon_ = std::make_unique<Daemon>(std::move(opt)); }
  void start() { start(options(path())); }
  std::string path() const { return dir_.file("rtsockd.sock"); }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(ServerTest, Hello_ReportsPersonalityAndCredentials) {
  start();
  ASSERT_TRUE(daemon_->ok());
  Client c(path());
  ASSERT_TRUE(c.connected());
  auto r = c.control(proto::Op::hello, json::object(), 77);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.id, 77u);
  EXPECT_EQ(r->header.error, 0);
  EXPECT_EQ(r->body["protocol"], 1);
  EXPECT_EQ(r->body["personality"], "freebsd");
  EXPECT_EQ(r->body["profile"], profile().name);
  EXPECT_EQ(r->body["os"], "freebsd");
  EXPECT_EQ(r->body["uid"], ::getuid());
  EXPECT_EQ(r->body["pid"], ::getpid());
  EXPECT_EQ(r->body["privileged"], ::getuid() == 0);
  EXPECT_EQ(r->body["fibs"], 1);
}

TEST_F(ServerTest, SocketFile_Mode0666AndRemovedOnExit) {
  start();
  ASSERT_TRUE(daemon_->ok());
  struct stat st;
  ASSERT_EQ(::lstat(path().c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0666u);
  daemon_.reset();
  EXPECT_NE(::lstat(path().c_str(), &st), 0);
}

TEST_F(ServerTest, SecondDaemonSamePath_Refused) {
  start();
  ASSERT_TRUE(daemon_->ok());
  Daemon second(options(path()));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code().value(), EADDRINUSE);
  // The first one still serves.
  Client c(path());
  EXPECT_TRUE(c.control(proto::Op::hello));
}

TEST_F(ServerTest, StaleSocketFile_Replaced) {
  {
    const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, path().c_str(), sizeof sa.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa), 0);
    ::close(fd);  // the file stays, nobody listens
  }
  start();
  ASSERT_TRUE(daemon_->ok());
  Client c(path());
  EXPECT_TRUE(c.control(proto::Op::hello));
}

// A socket another program serves at the path, of any type, is never removed
// (the SOCK_SEQPACKET probe alone took a SOCK_STREAM listener for stale).
TEST_F(ServerTest, OtherProgramsSocket_AnyType_RefusedAndUntouched) {
  for (const int type : {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET}) {
    for (const bool listening : {true, false}) {
      if (type == SOCK_DGRAM && !listening) continue;
      SCOPED_TRACE(fmt::format("type {} listening {}", type, listening));
      const int fd = ::socket(AF_UNIX, type, 0);
      sockaddr_un sa{};
      sa.sun_family = AF_UNIX;
      std::strncpy(sa.sun_path, path().c_str(), sizeof sa.sun_path - 1);
      ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa), 0);
      if (listening && type != SOCK_DGRAM) {
        ASSERT_EQ(::listen(fd, 1), 0);
      }
      struct stat before {};
      ASSERT_EQ(::lstat(path().c_str(), &before), 0);
      ServerOptions opt = options(path());
      std::vector<std::string> log;
      opt.log = [&log](std::string_view line) { log.emplace_back(line); };
      auto srv = Server::create(std::move(opt));
      ASSERT_FALSE(srv);
      EXPECT_EQ(srv.error().code().value(), EADDRINUSE);
      ASSERT_FALSE(log.empty());
      const bool like_us = type == SOCK_SEQPACKET && listening;
      EXPECT_NE(log.back().find(like_us ? "another daemon is listening" : "not touching it"),
                std::string::npos)
          << log.back();
      struct stat after {};
      ASSERT_EQ(::lstat(path().c_str(), &after), 0);
      EXPECT_EQ(after.st_ino, before.st_ino);
      if (listening && type == SOCK_STREAM) {
        // The owner still serves.
        const int c = ::socket(AF_UNIX, SOCK_STREAM, 0);
        EXPECT_EQ(::connect(c, reinterpret_cast<const sockaddr*>(&sa), sizeof sa), 0);
        ::close(c);
      }
      ::close(fd);
      ::unlink(path().c_str());
    }
  }
}

TEST_F(ServerTest, RegularFileAtPath_RefusedAndUntouched) {
  std::ofstream(path()) << "precious";
  start();
  ASSERT_FALSE(daemon_->ok());
  EXPECT_EQ(daemon_->error().code().value(), ENOTSOCK);
  std::ifstream in(path());
  std::string text;
  in >> text;
  EXPECT_EQ(text, "precious");
}

TEST_F(ServerTest, BootError_CreateFailsWithLineInLog) {
  ServerOptions opt = options(path());
  opt.boot = *parse_config("interface em0\nroute default 198.51.100.1\n", "bad.conf");
  std::vector<std::string> log;
  opt.log = [&](std::string_view l) { log.emplace_back(l); };
  auto s = Server::create(std::move(opt));
  ASSERT_FALSE(s);
  ASSERT_FALSE(log.empty());
  EXPECT_NE(log.back().find("bad.conf:2: route"), std::string::npos) << log.back();
}

TEST_F(ServerTest, StopBeforeRun_RunReturnsAtOnce) {
  auto s = Server::create(options(path()));
  ASSERT_TRUE(s);
  (*s)->stop();
  EXPECT_EQ((*s)->run(), 0);
}

// docs/protocol.md's example bytes.
TEST(ProtocolDoc, HelloExample_MatchesEncoding) {
  const Bytes hello =
      proto::encode({.op = proto::Op::hello, .flags = 0, .id = 1, .error = 0}, "{}");
  EXPECT_EQ(proto::to_hex(hello),
            "5254534b010100000100000000000000"
            "7b7d");
  const Bytes status = proto::encode({.op = proto::Op::setsockopt, .flags = 0, .id = 2, .error = 0},
                                     R"({"level":"rtsock","name":"status","value":1})");
  EXPECT_EQ(proto::to_hex(status),
            "5254534b010500000200000000000000"
            "7b226c6576656c223a227274736f636b222c226e616d65223a22737461"
            "747573222c2276616c7565223a317d");
}

// ---- control protocol errors ----

std::optional<testing::Reply> raw_control(Client& c, const Bytes& pkt, proto::Op op,
                                          std::uint32_t id) {
  if (!c.send(pkt)) return std::nullopt;
  return c.reply(op, id);
}

Bytes with_payload(proto::Op op, std::uint32_t id, std::string_view text) {
  return proto::encode({.op = op, .flags = 0, .id = id, .error = 0}, text);
}

TEST_F(ServerTest, MalformedJson_Einval) {
  start();
  Client c(path());
  auto r = raw_control(c, with_payload(proto::Op::setsockopt, 5, "{\"level\": "),
                       proto::Op::setsockopt, 5);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(EINVAL));
  EXPECT_TRUE(r->body.contains("message"));
  r = raw_control(c, with_payload(proto::Op::hello, 6, "[1,2]"), proto::Op::hello, 6);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(EINVAL));
  r = raw_control(c, with_payload(proto::Op::hello, 7, "\xff\xfe"), proto::Op::hello, 7);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(EINVAL));
  // Still serving the same connection.
  EXPECT_EQ(c.control(proto::Op::hello)->header.error, 0);
}

TEST_F(ServerTest, WrongFieldTypes_Einval) {
  start();
  Client c(path());
  for (const json& body : {json{{"level", 0xffff}}, json{{"level", "0xffff"}, {"name", 1}},
                           json{{"level", 0xffff}, {"name", 0x40}, {"value", 1}},
                           json{{"level", 0xffff}, {"name", 0x40}, {"value", "0g"}},
                           json{{"level", 1.5}, {"name", 0x40}, {"value", "01000000"}}}) {
    auto r = c.control(proto::Op::setsockopt, body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header.error, os_err(EINVAL)) << body.dump();
  }
  for (const json& body : {json{{"mib", "4.17"}}, json{{"mib", json::array()}},
                           json{{"mib", {4, 17, "x"}}}, json{{"mib", {4, 17, 1ull << 40}}}}) {
    auto r = c.control(proto::Op::sysctl, body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header.error, os_err(EINVAL)) << body.dump();
  }
  auto r = c.control(proto::Op::shutdown, {{"how", "sideways"}});
  EXPECT_EQ(r->header.error, os_err(EINVAL));
  r = c.control(proto::Op::ifconfig, {{"op", "explode"}, {"name", "em0"}});
  EXPECT_EQ(r->header.error, os_err(EINVAL));
  r = c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "colour"}, {"value", 1}});
  EXPECT_EQ(r->header.error, os_err(ENOPROTOOPT));
}

TEST_F(ServerTest, UnknownOpAndDaemonOnlyOps_Eopnotsupp) {
  start();
  Client c(path());
  for (auto op : {static_cast<proto::Op>(99), proto::Op::status, proto::Op::overflow}) {
    auto r = raw_control(c, with_payload(op, 9, "{}"), op, 9);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header.error, os_err(EOPNOTSUPP));
  }
}

TEST_F(ServerTest, BadVersionAndShortHeader_Errors) {
  start();
  Client c(path());
  Bytes pkt = with_payload(proto::Op::hello, 3, "{}");
  pkt[4] = std::byte{9};
  auto r = raw_control(c, pkt, proto::Op::hello, 3);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(EPROTONOSUPPORT));
  const char shortpkt[] = {'R', 'T', 'S', 'K', 1, 1};
  r = raw_control(c,
                  Bytes(reinterpret_cast<const std::byte*>(shortpkt),
                        reinterpret_cast<const std::byte*>(shortpkt) + sizeof shortpkt),
                  proto::Op::hello, 0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(EINVAL));
}

// Requests built from random field names, values and ops: every one gets
// its reply, and the daemon keeps serving.
TEST_F(ServerTest, RandomControlRequests_EachAnswered) {
  start();
  Client c(path());
  const std::vector<std::string> keys = {
      "level", "name", "value",   "how",      "mib",       "op",    "addr",   "plen",
      "event", "dst",  "fib",     "protocol", "type",      "flags", "lladdr", "up",
      "mtu",   "link", "gateway", "src",      "broadcast", "peer",  "metric"};
  const std::vector<json> values = {1,
                                    -1,
                                    1e300,
                                    "x",
                                    "rtsock",
                                    "status",
                                    "rcvbuf",
                                    "01000000",
                                    true,
                                    nullptr,
                                    json::array(),
                                    json{4, 17, 0, 0, 1, 0},
                                    json::object(),
                                    4294967296LL,
                                    "192.0.2.1",
                                    "fe80::1",
                                    "em0",
                                    "em5",
                                    "create",
                                    "destroy",
                                    "set",
                                    "addr_add",
                                    "addr_delete",
                                    "forward",
                                    "redirect",
                                    "expire",
                                    "rd",
                                    65535,
                                    6,
                                    "up",
                                    json{"up", "loopback"},
                                    "02:00:00:00:00:09"};
  std::uint32_t seed = 12345;
  auto rnd = [&](std::size_t n) {
    seed = seed * 1103515245u + 12345u;
    return static_cast<std::size_t>((seed >> 16) % n);
  };
  for (std::uint32_t id = 1; id <= 400; ++id) {
    const auto op = static_cast<proto::Op>(rnd(13));
    json body = json::object();
    for (std::size_t k = rnd(5); k > 0; --k)
      body[keys[rnd(keys.size())]] = values[rnd(values.size())];
    ASSERT_TRUE(c.send(proto::encode({.op = op, .flags = 0, .id = id, .error = 0}, body.dump())));
    auto r = c.reply(op, id);
    ASSERT_TRUE(r) << "no reply to " << static_cast<int>(op) << " " << body.dump();
  }
  EXPECT_EQ(c.control(proto::Op::hello)->header.error, 0);
}

TEST_F(ServerTest, RtsockOptions_SetAndGet) {
  start();
  Client c(path());
  auto r =
      c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", 4096}});
  EXPECT_EQ(r->header.error, 0);
  r = c.control(proto::Op::getsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}});
  EXPECT_EQ(r->body["value"], 4096);
  // SO_RCVBUF is the same bound, as an int in the OS's byte order.
  r = c.control(proto::Op::getsockopt, {{"level", 0xffff}, {"name", 0x1002}});
  EXPECT_EQ(r->body["value"], "00100000");
  r = c.control(proto::Op::setsockopt,
                {{"level", 0xffff}, {"name", 0x1002}, {"value", "00200000"}});
  EXPECT_EQ(r->header.error, 0);
  r = c.control(proto::Op::getsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}});
  EXPECT_EQ(r->body["value"], 8192);
  r = c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "status"}, {"value", true}});
  EXPECT_EQ(r->header.error, 0);
  r = c.control(proto::Op::getsockopt, {{"level", "rtsock"}, {"name", "status"}});
  EXPECT_EQ(r->body["value"], 1);
  r = c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", 0}});
  EXPECT_EQ(r->header.error, os_err(EINVAL));
}

TEST_F(ServerTest, SocketOpBadProtocol_Eprotonosupport) {
  start();
  Client c(path());
  auto r = c.control(proto::Op::socket, {{"protocol", 99}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header.error, os_err(EPROTONOSUPPORT));
  r = c.control(proto::Op::socket, {{"protocol", profile().af_inet}});
  EXPECT_EQ(r->header.error, 0);
}

// ---- routing messages (need the engine) ----

TEST_F(ServerTest, FreshClient_RtmGetAnswered) {
  start();
  Client c(path());
  const auto& p = profile();
  ASSERT_TRUE(c.send(testing::route_message(p, "RTM_GET", "127.0.0.1", std::nullopt, {}, 42)));
  auto reply = next_of_type(c, p, "RTM_GET");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->get(abi::Field::seq), 42);
  EXPECT_EQ(reply->get(abi::Field::err), 0);
  EXPECT_EQ(reply->get(abi::Field::pid), ::getpid());
}

TEST_F(ServerTest, RtmAdd_ReplyToSenderCopyToListener) {
  start();
  Client writer(path()), listener(path());
  ASSERT_TRUE(listener.control(proto::Op::hello));  // connected before the write
  const auto& p = profile();
  ASSERT_TRUE(writer.send(testing::route_message(p, "RTM_ADD", "10.0.0.0", 8, "192.0.2.1", 7)));
  auto reply = next_of_type(writer, p, "RTM_ADD");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->get(abi::Field::err), 0);
  auto copy = next_of_type(listener, p, "RTM_ADD");
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->get(abi::Field::seq), 7);
}

TEST_F(ServerTest, StatusOn_ErrorWithoutReplyReported) {
  start();
  Client c(path());
  auto r =
      c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "status"}, {"value", 1}});
  ASSERT_EQ(r->header.error, 0);
  const Bytes garbage{std::byte{3}, std::byte{0}, std::byte{5}};
  ASSERT_TRUE(c.send(garbage));
  auto pkt = c.recv();
  ASSERT_TRUE(pkt);
  auto h = proto::parse_header(*pkt);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->op, proto::Op::status);
  EXPECT_EQ(h->id, 0u);
  EXPECT_NE(h->error, 0);
  auto payload = proto::payload(*pkt);
  auto body =
      json::parse(std::string(reinterpret_cast<const char*>(payload.data()), payload.size()));
  EXPECT_EQ(body["error"], h->error);
  EXPECT_EQ(body["reply"], false);
  EXPECT_EQ(body["type"], 0);
}

TEST_F(ServerTest, StatusOn_SuccessWithReplyHasNoStatus) {
  start();
  Client c(path());
  c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "status"}, {"value", 1}});
  const auto& p = profile();
  ASSERT_TRUE(c.send(testing::route_message(p, "RTM_GET", "127.0.0.1", std::nullopt, {}, 3)));
  auto pkt = c.recv();
  ASSERT_TRUE(pkt);
  EXPECT_FALSE(proto::is_control(*pkt));
}

TEST_F(ServerTest, StatusOn_UseloopbackOffCarriesSeqAndError) {
  start();
  Client c(path()), other(path());
  ASSERT_TRUE(other.control(proto::Op::hello));
  c.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "status"}, {"value", 1}});
  // SO_USELOOPBACK (0x40) off: the sender gets no copy of its own messages.
  auto r =
      c.control(proto::Op::setsockopt, {{"level", 0xffff}, {"name", 0x40}, {"value", "00000000"}});
  ASSERT_EQ(r->header.error, 0);
  const auto& p = profile();
  // The default route exists already: EEXIST.
  ASSERT_TRUE(c.send(testing::route_message(p, "RTM_ADD", "0.0.0.0", 0, "192.0.2.1", 31)));
  auto pkt = c.recv();
  ASSERT_TRUE(pkt);
  auto h = proto::parse_header(*pkt);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->op, proto::Op::status);
  EXPECT_EQ(h->error, os_err(EEXIST));
  auto payload = proto::payload(*pkt);
  auto body =
      json::parse(std::string(reinterpret_cast<const char*>(payload.data()), payload.size()));
  EXPECT_EQ(body["seq"], 31);
  EXPECT_EQ(body["pid"], ::getpid());
  EXPECT_EQ(body["type"], *p.type_number("RTM_ADD"));
  EXPECT_EQ(body["reply"], false);
}

TEST_F(ServerTest, ClientHangsUpAfterWrite_WriteStillExecuted) {
  start();
  Client listener(path());
  ASSERT_TRUE(listener.control(proto::Op::hello));
  const auto& p = profile();
  {
    Client c(path());
    ASSERT_TRUE(c.send(testing::route_message(p, "RTM_ADD", "10.20.0.0", 16, "192.0.2.1", 1)));
  }
  auto copy = next_of_type(listener, p, "RTM_ADD");
  ASSERT_TRUE(copy);
}

TEST_F(ServerTest, Sysctl_DumpChunkedAndComplete) {
  ServerOptions opt = options(path());
  // Enough routes for a dump of several packets.
  std::string text(kDefaultConfigText);
  for (int i = 0; i < 1000; ++i)
    text += fmt::format("route 10.{}.{}.0/24 192.0.2.1\n", i / 256, i % 256);
  opt.boot = *parse_config(text, "many");
  start(std::move(opt));
  ASSERT_TRUE(daemon_->ok());
  Client c(path());
  // {CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0}
  const json mib = {4, profile().af_route, 0, profile().af_inet, 1, 0};
  ASSERT_TRUE(c.send(proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = 5, .error = 0},
                                   json{{"mib", mib}}.dump())));
  Bytes dump;
  int packets = 0;
  for (;;) {
    auto pkt = c.recv();
    ASSERT_TRUE(pkt);
    ASSERT_LE(pkt->size(), proto::kMaxPacket);
    auto h = proto::parse_header(*pkt);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->id, 5u);
    EXPECT_EQ(h->error, 0);
    ++packets;
    auto body = proto::payload(*pkt);
    dump.insert(dump.end(), body.begin(), body.end());
    if ((h->flags & proto::kFlagMore) == 0) break;
  }
  EXPECT_GT(packets, 1);
  int routes = 0;
  for (const auto& m : codec::RibView(dump, profile())) {
    ASSERT_TRUE(m) << m.error().message();
    ++routes;
  }
  EXPECT_GT(routes, 1000);
}

TEST_F(ServerTest, Ifconfig_CreateAddressAndListenerSeesIt) {
  start();
  Client admin(path()), listener(path());
  ASSERT_TRUE(listener.control(proto::Op::hello));
  auto r = admin.control(proto::Op::ifconfig, {{"op", "create"},
                                               {"name", "em1"},
                                               {"type", 6},
                                               {"up", true},
                                               {"lladdr", "02:00:00:00:00:02"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->header.error, 0) << r->body.dump();
  EXPECT_EQ(r->body["index"], 3);
  r = admin.control(proto::Op::ifconfig,
                    {{"op", "addr_add"}, {"name", "em1"}, {"addr", "198.51.100.1"}, {"plen", 24}});
  ASSERT_EQ(r->header.error, 0) << r->body.dump();
  EXPECT_TRUE(next_of_type(listener, profile(), "RTM_NEWADDR"));
  r = admin.control(proto::Op::ifconfig,
                    {{"op", "addr_delete"}, {"name", "em1"}, {"addr", "198.51.100.1"}});
  EXPECT_EQ(r->header.error, 0);
  r = admin.control(proto::Op::ifconfig,
                    {{"op", "set"}, {"name", "em1"}, {"mtu", 9000}, {"link", "up"}});
  EXPECT_EQ(r->header.error, 0);
  r = admin.control(proto::Op::ifconfig, {{"op", "destroy"}, {"name", "em1"}});
  EXPECT_EQ(r->header.error, 0);
  r = admin.control(proto::Op::ifconfig, {{"op", "destroy"}, {"name", "em1"}});
  EXPECT_EQ(r->header.error, os_err(ENXIO));
}

TEST_F(ServerTest, Unprivileged_IfconfigAndInjectRefused) {
  ServerOptions opt = options(path());
  opt.engine.privileged_uids = {4242424};
  start(std::move(opt));
  Client c(path());
  auto r = c.control(proto::Op::hello);
  EXPECT_EQ(r->body["privileged"], false);
  r = c.control(proto::Op::ifconfig, {{"op", "create"}, {"name", "em7"}});
  EXPECT_EQ(r->header.error, os_err(EPERM));
  r = c.control(proto::Op::inject, {{"event", "expire"}});
  EXPECT_EQ(r->header.error, os_err(EPERM));
}

TEST_F(ServerTest, InjectForward_Verdicts) {
  start();
  Client c(path());
  auto r = c.control(proto::Op::inject, {{"event", "forward"}, {"dst", "203.0.113.9"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->header.error, 0) << r->body.dump();
  EXPECT_EQ(r->body["verdict"], "deliver");
  EXPECT_EQ(r->body["next_hop"], "192.0.2.1");
  r = c.control(proto::Op::inject, {{"event", "forward"}, {"dst", "192.0.2.77"}});
  EXPECT_EQ(r->body["next_hop"], "192.0.2.77");
  r = c.control(proto::Op::inject, {{"event", "forward"}, {"dst", "203.0.113.9"}, {"fib", 3}});
  EXPECT_EQ(r->header.error, os_err(EINVAL));
  r = c.control(proto::Op::inject, {{"event", "expire"}});
  EXPECT_EQ(r->header.error, 0);
  EXPECT_EQ(r->body["expired"], 0);
}

TEST_F(ServerTest, RouteExpiry_DeletedOnTimeWithoutRequest) {
  auto now = std::make_shared<std::atomic<std::int64_t>>(1'700'000'000);
  ServerOptions opt = options(path());
  opt.engine.clock = [now] { return now->load(); };
  start(std::move(opt));
  Client c(path()), listener(path());
  ASSERT_TRUE(listener.control(proto::Op::hello));
  const auto& p = profile();
  Bytes add = testing::route_message(p, "RTM_ADD", "10.30.0.0", 16, "192.0.2.1", 1);
  {
    auto m = codec::parse_message(add, p)->to_message();
    m.set(abi::Field::inits, 0x4);  // RTV_EXPIRE
    m.set(abi::Field::rmx_expire, now->load() + 2);
    add = *codec::marshal(p, m);
  }
  ASSERT_TRUE(c.send(add));
  ASSERT_TRUE(next_of_type(listener, p, "RTM_ADD"));
  now->store(now->load() + 3);
  // The daemon notices within its longest expiry wait (1 s).
  auto del = next_of_type(listener, p, "RTM_DELETE", 3000);
  ASSERT_TRUE(del);
}

// ---- overflow: no client holds up another ----

// The writer adds n routes one by one, reading each reply: it must never be
// held up by the listener that does not read.
void add_routes(Client& writer, const abi::Profile& p, int n) {
  for (int i = 0; i < n; ++i) {
    const std::string dst = fmt::format("10.{}.{}.0", 100 + i / 256, i % 256);
    ASSERT_TRUE(writer.send(testing::route_message(p, "RTM_ADD", dst, 24, "192.0.2.1", i + 1)));
    auto reply = next_of_type(writer, p, "RTM_ADD", 2000);
    ASSERT_TRUE(reply) << "route " << i;
    ASSERT_EQ(reply->get(abi::Field::seq), i + 1);
  }
}

constexpr int kFloodRoutes = 3000;

TEST_F(ServerTest, ClientNeverReads_OthersServedAndDropsCounted) {
  start();
  Client idle(path()), writer(path());
  auto r = idle.control(proto::Op::setsockopt,
                        {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", 4096}});
  ASSERT_EQ(r->header.error, 0);
  add_routes(writer, profile(), kFloodRoutes);
  auto stats = writer.control(proto::Op::stats);
  ASSERT_TRUE(stats);
  EXPECT_GT(stats->body["drops"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(stats->body["connection"]["drops"], 0);
  // The idle client reads at last: the oldest copies first, in order, and
  // its own reply is behind them.
  auto own = idle.control(proto::Op::stats);
  ASSERT_TRUE(own);
  EXPECT_GT(own->body["connection"]["drops"].get<std::uint64_t>(), 0u);
  ASSERT_FALSE(idle.others.empty());
  auto first = testing::parse_routing(profile(), idle.others.front());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->get(abi::Field::seq), 1);
}

TEST_F(ServerTest, SoRerror_OverflowPacketOnceThenMessages) {
  start();
  Client idle(path()), writer(path());
  idle.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", 4096}});
  // FreeBSD SO_RERROR: SOL_SOCKET 0xffff, 0x20000, int 1.
  auto r = idle.control(proto::Op::setsockopt,
                        {{"level", 0xffff}, {"name", 0x20000}, {"value", "01000000"}});
  ASSERT_EQ(r->header.error, 0);
  add_routes(writer, profile(), kFloodRoutes);
  ASSERT_TRUE(idle.control(proto::Op::stats));  // reads everything queued before it
  while (auto pkt = idle.recv(200)) idle.others.push_back(std::move(*pkt));
  int overflows = 0;
  std::size_t overflow_at = 0;
  for (std::size_t i = 0; i < idle.others.size(); ++i) {
    auto h = proto::parse_header(idle.others[i]);
    if (!h || h->op != proto::Op::overflow) continue;
    ++overflows;
    overflow_at = i;
    EXPECT_EQ(h->error, os_err(ENOBUFS));
  }
  EXPECT_GE(overflows, 1);
  EXPECT_GT(overflow_at, 0u);
}

TEST_F(ServerTest, OpenBsd_DesyncAfterOverflow) {
  start(options(path(), "openbsd"));
  ASSERT_TRUE(daemon_->ok());
  const auto& p = profile("openbsd");
  Client idle(path()), writer(path());
  idle.control(proto::Op::setsockopt, {{"level", "rtsock"}, {"name", "rcvbuf"}, {"value", 4096}});
  add_routes(writer, p, kFloodRoutes);
  // RTM_DESYNC waits for room, which comes when the client reads: it may
  // follow the stats reply.
  ASSERT_TRUE(idle.control(proto::Op::stats));
  while (auto pkt = idle.recv(200)) idle.others.push_back(std::move(*pkt));
  int desyncs = 0;
  for (const Bytes& pkt : idle.others)
    if (auto m = testing::parse_routing(p, pkt); m && m->type == *p.type_number("RTM_DESYNC"))
      ++desyncs;
  EXPECT_GE(desyncs, 1) << idle.others.size() << " packets";
}

TEST_F(ServerTest, Stop_RunReturnsZero) {
  start();
  ASSERT_TRUE(daemon_->ok());
  Client c(path());
  ASSERT_TRUE(c.control(proto::Op::hello));
  daemon_->stop();
  EXPECT_EQ(daemon_->rc(), 0);
}

}  // namespace
}  // namespace rtsock::server
