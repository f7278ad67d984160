// rtsockd end to end, in every personality: the daemon on a temporary socket
// driven through the client library by several clients at once — replies and
// copies, privilege by peer uid (a client forked as another user), kernel
// messages for address changes in the kernel's order, RTM_MISS, dumps that
// decode back to the table, and malformed packets that harm nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/proto/control.hpp"
#include "test_client.hpp"

namespace {

using rtsock::RoutingSocket;
namespace abi = rtsock::abi;
namespace codec = rtsock::codec;
using rtsock::server::testing::Daemon;
using rtsock::server::testing::TempDir;

constexpr std::chrono::milliseconds kWait{2000};

std::uint8_t type_of(const abi::Profile& p, const char* name) { return *p.type_number(name); }

codec::Message route(const abi::Profile& p, const char* type, const char* dst, int plen,
                     const char* gw) {
  auto m = codec::Message::make(p, type_of(p, type));
  m.set_addr(abi::kDst, *codec::Sockaddr::parse_ip(dst));
  if (plen >= 0) m.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, plen));
  if (gw != nullptr) m.set_addr(abi::kGateway, *codec::Sockaddr::parse_ip(gw));
  std::int64_t flags = 0;
  for (int i = 0; i < 32; ++i)
    if (p.rtf[static_cast<std::size_t>(i)] == "UP" ||
        p.rtf[static_cast<std::size_t>(i)] == "GATEWAY" ||
        p.rtf[static_cast<std::size_t>(i)] == "STATIC")
      flags |= std::int64_t{1} << i;
  m.set(abi::Field::flags, gw != nullptr ? flags : 0);
  return m;
}

// The next routing message a listener receives, skipping none.
std::optional<codec::Message> next_message(RoutingSocket& s) {
  auto ev = s.receive(kWait);
  if (!ev || ev->kind != rtsock::client::Event::Kind::message || !ev->message) return std::nullopt;
  return ev->message;
}

class Integration : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    auto opt = rtsock::server::testing::options(dir_.file("rtsockd.sock"), GetParam());
    daemon_ = std::make_unique<Daemon>(std::move(opt));
    ASSERT_TRUE(daemon_->ok()) << daemon_->error().message();
  }
  RoutingSocket client() {
    auto s = RoutingSocket::connect(daemon_->path());
    EXPECT_TRUE(s.has_value());
    return std::move(*s);
  }
  const abi::Profile& profile() { return *abi::find_profile(daemon_profile()); }
  std::string daemon_profile() {
    auto s = RoutingSocket::connect(daemon_->path());
    return s ? s->session().profile : "freebsd";
  }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_P(Integration, add_reply_and_listener_copy_success) {
  auto a = client();
  auto b = client();
  const abi::Profile& p = a.profile();
  auto reply = a.request(route(p, "RTM_ADD", "198.51.100.0", 24, "192.0.2.1"));
  ASSERT_TRUE(reply.has_value()) << reply.error().message();
  EXPECT_EQ(reply->type, type_of(p, "RTM_ADD"));
  auto copy = next_message(b);
  ASSERT_TRUE(copy.has_value());
  EXPECT_EQ(copy->type, type_of(p, "RTM_ADD"));
  EXPECT_EQ(codec::ip_string(*copy->addr(abi::kDst)), "198.51.100.0");
  EXPECT_EQ(copy->get(abi::Field::seq), reply->get(abi::Field::seq));

  auto dup = a.request(route(p, "RTM_ADD", "198.51.100.0", 24, "192.0.2.1"));
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code().value(), EEXIST);
  auto get = a.request(route(p, "RTM_GET", "198.51.100.77", -1, nullptr));
  ASSERT_TRUE(get.has_value());
  EXPECT_EQ(codec::ip_string(*get->addr(abi::kGateway)), "192.0.2.1");
}

TEST_P(Integration, unprivileged_writer_denied) {
  if (::geteuid() != 0) GTEST_FAIL() << "this test forks a client as uid 65534 and needs root";
  const abi::Profile& p = profile();
  const int expected = p.os == abi::Os::openbsd || p.os == abi::Os::netbsd ? EACCES : EPERM;
  const std::string path = daemon_->path();
  // mkdtemp made the directory 0700; any user may reach a routing socket.
  std::filesystem::permissions(std::filesystem::path(path).parent_path(),
                               std::filesystem::perms::owner_all |
                                   std::filesystem::perms::group_exec |
                                   std::filesystem::perms::others_exec);
  const auto add = route(p, "RTM_ADD", "203.0.113.0", 24, "192.0.2.1");
  const auto get = route(p, "RTM_GET", "127.0.0.1", -1, nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(100);
    auto s = RoutingSocket::connect(path);
    if (!s || s->session().privileged) ::_exit(101);
    if (!s->request(get, kWait)) ::_exit(102);  // RTM_GET needs no privilege
    auto r = s->request(add, kWait);
    ::_exit(r ? 0 : r.error().code().value());
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), expected);
}

TEST_P(Integration, address_messages_in_kernel_order_success) {
  auto a = client();
  auto l = client();
  const abi::Profile& p = a.profile();
  auto r = a.ifconfig({{"op", "addr_add"}, {"name", "em0"}, {"addr", "198.18.0.1"}, {"plen", 24}});
  ASSERT_TRUE(r.has_value()) << r.error().message();
  std::vector<std::string> seen;
  for (auto m = next_message(l); m; m = next_message(l)) {
    seen.push_back(std::string(p.type_info(m->type).name));
    EXPECT_EQ(m->get(abi::Field::pid), 0);
    EXPECT_EQ(m->get(abi::Field::seq), 0);
    if (seen.size() == 3) break;
  }
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen[0], "RTM_NEWADDR");
  EXPECT_EQ(seen[1], "RTM_ADD");

  ASSERT_TRUE(a.ifconfig({{"op", "addr_delete"}, {"name", "em0"}, {"addr", "198.18.0.1"}}));
  // Skip what was left of the addition, then the removal: routes first.
  std::vector<std::string> gone;
  for (auto m = next_message(l); m; m = next_message(l)) {
    gone.push_back(std::string(p.type_info(m->type).name));
    if (gone.back() == "RTM_DELADDR") break;
  }
  ASSERT_FALSE(gone.empty());
  EXPECT_EQ(gone.back(), "RTM_DELADDR");
  EXPECT_NE(std::find(gone.begin(), gone.end(), "RTM_DELETE"), gone.end());
}

TEST_P(Integration, miss_reported_to_listeners) {
  auto a = client();
  auto l = client();
  const abi::Profile& p = a.profile();
  ASSERT_TRUE(a.request(route(p, "RTM_DELETE", "0.0.0.0", 0, nullptr)).has_value());
  ASSERT_TRUE(next_message(l).has_value());  // the copy of the delete
  auto f = a.inject({{"event", "forward"}, {"fib", 0}, {"dst", "198.51.100.9"}});
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ((*f)["verdict"], "miss");
  if (p.os == abi::Os::openbsd) return;  // OpenBSD reports no lookup failure
  auto m = next_message(l);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->type, type_of(p, "RTM_MISS"));
  EXPECT_EQ(codec::ip_string(*m->addr(abi::kDst)), "198.51.100.9");
}

TEST_P(Integration, dump_decodes_back_to_table_success) {
  auto a = client();
  const abi::Profile& p = a.profile();
  ASSERT_TRUE(a.request(route(p, "RTM_ADD", "198.51.100.0", 24, "192.0.2.1")).has_value());
  auto dump = a.fetch_rib_messages(p.af_inet, 1);
  ASSERT_TRUE(dump.has_value()) << dump.error().message();
  std::set<std::string> dsts;
  for (auto r : dump->view()) {
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->type(), type_of(p, "RTM_GET"));
    dsts.insert(codec::ip_string(r->addr(abi::kDst)));
  }
  std::set<std::string> want{"0.0.0.0", "127.0.0.1", "192.0.2.0", "192.0.2.10", "198.51.100.0"};
  // OpenBSD adds the subnet's broadcast route and the cloned L2 entry of the
  // default route's next hop.
  if (p.os == abi::Os::openbsd) want.insert({"192.0.2.255", "192.0.2.1"});
  // xnu's and DragonFly's in_ifinit install no loopback route for an IPv4
  // address.
  if (p.os == abi::Os::darwin || p.os == abi::Os::dragonfly) want.erase("192.0.2.10");
  EXPECT_EQ(dsts, want);
}

TEST_P(Integration, malformed_packets_answered_daemon_unharmed) {
  auto a = client();
  const abi::Profile& p = a.profile();
  const std::vector<std::vector<std::uint8_t>> bad = {{1},
                                                      {0, 0, 0, 0},
                                                      {4, 0, 5, 1},
                                                      std::vector<std::uint8_t>(300, 0xff),
                                                      {12, 0, 99, 1, 0, 0, 0, 0, 0, 0, 0, 0}};
  for (const auto& b : bad) ASSERT_TRUE(a.send_raw(std::as_bytes(std::span(b))).has_value());
  auto get = a.request(route(p, "RTM_GET", "127.0.0.1", -1, nullptr));
  ASSERT_TRUE(get.has_value()) << get.error().message();
  EXPECT_EQ(codec::ip_string(*get->addr(abi::kDst)), "127.0.0.1");
}

// Pipelining: a batch of writes leaves at once (sendmmsg, rtsockd reading
// them in batches of its own); every write gets its answer, in order, one
// failure among them included, and a listener sees each route once.
TEST_P(Integration, send_batch_answers_in_order_success) {
  auto a = client();
  auto b = client();
  const abi::Profile& p = a.profile();
  constexpr int kRoutes = 300;
  std::vector<codec::Message> batch;
  for (int i = 0; i < kRoutes; ++i) {
    const std::string dst = fmt::format("10.{}.{}.0", 100 + i / 256, i % 256);
    batch.push_back(route(p, "RTM_ADD", dst.c_str(), 24, "192.0.2.1"));
    batch.back().set(abi::Field::seq, 1000 + i);
  }
  batch[kRoutes / 2] = batch[kRoutes / 2 - 1];  // a duplicate: EEXIST in its place
  batch[kRoutes / 2].set(abi::Field::seq, 1000 + kRoutes / 2);
  auto sent = a.send_batch(batch);
  ASSERT_TRUE(sent.has_value()) << sent.error().message();
  EXPECT_EQ(*sent, batch.size());
  for (int i = 0; i < kRoutes; ++i) {
    auto reply = next_message(a);
    ASSERT_TRUE(reply.has_value()) << "reply " << i;
    EXPECT_EQ(reply->get(abi::Field::seq), 1000 + i);
    EXPECT_EQ(reply->get(abi::Field::err), i == kRoutes / 2 ? EEXIST : 0) << i;
  }
  for (int i = 0; i < kRoutes; ++i) {
    auto copy = next_message(b);
    ASSERT_TRUE(copy.has_value()) << "copy " << i;
    EXPECT_EQ(copy->get(abi::Field::seq), 1000 + i);
  }
  // Marshalled bytes go the same way; a control packet among them is refused.
  std::vector<std::byte> get;
  ASSERT_TRUE(codec::marshal(p, route(p, "RTM_GET", "10.100.7.9", -1, nullptr), get));
  const std::span<const std::byte> raws[] = {get, get};
  auto raw = a.send_raw_batch(raws);
  ASSERT_TRUE(raw.has_value()) << raw.error().message();
  EXPECT_EQ(*raw, 2u);
  for (int i = 0; i < 2; ++i) {
    auto r = next_message(a);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(codec::ip_string(*r->addr(abi::kDst)), "10.100.7.0");
  }
  const std::vector<std::byte> control =
      rtsock::proto::encode({.op = rtsock::proto::Op::stats}, "{}");
  const std::span<const std::byte> bad[] = {control};
  EXPECT_FALSE(a.send_raw_batch(bad).has_value());
}

INSTANTIATE_TEST_SUITE_P(Personalities, Integration,
                         ::testing::Values("freebsd", "freebsd12", "darwin", "openbsd", "netbsd",
                                           "dragonfly", "hpux"));

}  // namespace
