// rtsockd as a process under faults: descriptors exhausted, a client that
// writes and never reads, SIGTERM in the middle of a large dump, readers
// that vanish, a second daemon on the path, a stale socket file left by a
// killed daemon, and the client library's queue bound against a real flood.
// RTSOCKD is the daemon binary (a sanitizer build in the ASan tree, whose
// leak check then runs at each daemon's exit).
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "rtsock/client/routing_socket.hpp"
#include "test_client.hpp"

namespace rtsock::server {
namespace {

using namespace std::chrono_literals;
using testing::Bytes;
using testing::Client;
using testing::json;
using testing::TempDir;

const abi::Profile& freebsd() { return *abi::find_profile("freebsd"); }

// An rtsockd process with its stderr in a file.
class Process {
 public:
  Process(const TempDir& dir, std::vector<std::string> args, rlim_t nofile = 0)
      : log_(dir.file(fmt::format("rtsockd-{}.log", counter_++))) {
    args.insert(args.begin(), RTSOCKD);
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) ::dup2(fd, 2);
      if (nofile != 0) {
        const rlimit l{nofile, nofile};
        if (::setrlimit(RLIMIT_NOFILE, &l) != 0) ::_exit(120);
      }
      ::signal(SIGPIPE, SIG_DFL);  // as a daemon started from a shell has it
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~Process() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  pid_t pid() const { return pid_; }
  // Waits until a client can talk to the daemon at `path`.
  bool ready(const std::string& path, std::chrono::seconds limit = 60s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (exited()) return false;
      client::ConnectOptions o;
      o.control_timeout = 2000ms;
      if (RoutingSocket::connect(path, o)) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  bool exited() {
    if (reaped_) return true;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
    return reaped_;
  }
  // Waits for the exit; the wait status, or -1 after `limit`.
  int wait(std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!exited()) {
      if (std::chrono::steady_clock::now() > until) return -1;
      std::this_thread::sleep_for(10ms);
    }
    return status_;
  }
  int terminate(std::chrono::seconds limit = 60s) {
    ::kill(pid_, SIGTERM);
    return wait(limit);
  }
  std::size_t rss_kib() const {
    std::ifstream in(fmt::format("/proc/{}/status", pid_));
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
    return 0;
  }
  std::string log() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), {}};
  }

 private:
  static inline int counter_ = 0;
  std::string log_;
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

bool exited_zero(int status) { return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0; }

// A boot configuration with `routes` /24s beside the built-in setup.
std::string write_config(const TempDir& dir, int routes) {
  const std::string path = dir.file("boot.conf");
  std::ofstream out(path);
  out << kDefaultConfigText;
  for (int i = 0; i < routes; ++i)
    out << fmt::format("route 16.{}.{}.0/24 192.0.2.1\n", i >> 8 & 0xff, i & 0xff);
  return path;
}

// A request answered, through the client library.
::testing::AssertionResult serves(const std::string& path) {
  auto rs = RoutingSocket::connect(path);
  if (!rs) return ::testing::AssertionFailure() << "connect: " << rs.error().message();
  auto get = codec::Message::make(rs->profile(), *rs->profile().type_number("RTM_GET"));
  get.set_addr(abi::kDst, *codec::Sockaddr::parse_ip("192.0.2.77"));
  auto r = rs->request(get, 20000ms);  // a sanitizer build may be building a dump
  if (!r) return ::testing::AssertionFailure() << "RTM_GET: " << r.error().message();
  return ::testing::AssertionSuccess();
}

class Fault : public ::testing::Test {
 protected:
  std::string path() const { return dir_.file("rtsockd.sock"); }
  TempDir dir_;
};

// Descriptors running out: clients past the descriptor limit, less the
// reserve the daemon keeps (EMFILE would come next), are refused; the ones
// connected go on, and once descriptors are free again new clients get in.
// The reserve also keeps a sanitizer build's runtime working: it needs
// descriptors of its own (UBSan's vptr check opens a pipe).
TEST_F(Fault, DescriptorsExhausted_ExistingClientsServedThenRecovers) {
  Process d(dir_, {"-s", path(), "-v"}, 48);
  ASSERT_TRUE(d.ready(path())) << d.log();
  auto first = RoutingSocket::connect(path());
  ASSERT_TRUE(first);
  std::vector<std::unique_ptr<Client>> crowd;
  int refused = 0;
  for (int i = 0; i < 60; ++i) {
    auto c = std::make_unique<Client>(path());
    if (!c->connected()) {
      ++refused;
      continue;
    }
    // Accepted and closed at once when the daemon has no descriptor for it:
    // the stream ends (an empty read) instead of a reply.
    std::optional<Bytes> reply;
    if (c->send(proto::encode({.op = proto::Op::hello, .flags = 0, .id = 1, .error = 0}, "{}")))
      reply = c->recv();
    if (!reply || reply->empty()) {
      ++refused;
      continue;
    }
    crowd.push_back(std::move(c));
  }
  EXPECT_GT(refused, 0) << "the limit was never reached\n" << d.log();
  EXPECT_GT(crowd.size(), 10u);
  // The connected ones are served, the first one as well.
  auto add = codec::Message::make(first->profile(), *first->profile().type_number("RTM_ADD"));
  add.set_addr(abi::kDst, *codec::Sockaddr::parse_ip("198.51.100.0"));
  add.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, 24));
  add.set_addr(abi::kGateway, *codec::Sockaddr::parse_ip("192.0.2.1"));
  add.set(abi::Field::flags, 0x1 | 0x2 | 0x800);
  auto added = first->request(add, 5000ms);
  ASSERT_TRUE(added) << added.error().message() << "\n" << d.log();
  for (auto& c : crowd) ASSERT_TRUE(c->control(proto::Op::stats));
  crowd.clear();
  std::this_thread::sleep_for(200ms);  // the daemon notices the hang-ups
  EXPECT_TRUE(serves(path()));
  EXPECT_EQ(d.terminate(), 0) << d.log();
  EXPECT_NE(d.log().find("refused a client"), std::string::npos) << d.log();
}

// A client that writes requests and never reads its replies: the daemon's
// memory stays bounded, other clients are served meanwhile.
TEST_F(Fault, WriterNeverReads_MemoryBoundedOthersServed) {
  Process d(dir_, {"-s", path(), "-c", write_config(dir_, 20000)});
  ASSERT_TRUE(d.ready(path())) << d.log();
  ASSERT_TRUE(serves(path()));
  const std::size_t before = d.rss_kib();
  Client hostile(path());
  const Bytes get = testing::route_message(freebsd(), "RTM_GET", "16.0.1.1", std::nullopt, {}, 1);
  const Bytes dump =
      proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = 3, .error = 0},
                    json{{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}}.dump());
  const auto until = std::chrono::steady_clock::now() + 3s;
  std::uint64_t sent = 0;
  int rounds = 0;
  while (std::chrono::steady_clock::now() < until) {
    const Bytes& pkt = sent % 50 == 0 ? dump : get;
    if (::send(hostile.fd(), pkt.data(), pkt.size(), MSG_DONTWAIT | MSG_NOSIGNAL) > 0) {
      ++sent;
      continue;
    }
    if (++rounds % 5 == 0) {
      EXPECT_TRUE(serves(path()));  // meanwhile
    }
    std::this_thread::sleep_for(10ms);
  }
  const std::size_t grown = d.rss_kib() - std::min(d.rss_kib(), before);
  // The daemon queues about 8 MiB of replies (and one dump, ~5 MB) for it.
  EXPECT_LT(grown, 64u * 1024) << sent << " requests sent";
  EXPECT_TRUE(serves(path()));
  hostile.close();
  EXPECT_TRUE(serves(path()));
  EXPECT_EQ(d.terminate(), 0) << d.log();
}

// A burst of requests read in one batch while the replies to the first
// ones fill the connection's queue: the daemon stops handling the batch
// part-way (one dump more would multiply the table in memory), keeps the
// rest, and answers every request, in order, once the client reads.
TEST_F(Fault, BurstBehindBacklog_EveryRequestAnsweredInOrder) {
  Process d(dir_, {"-s", path(), "-c", write_config(dir_, 20000)});
  ASSERT_TRUE(d.ready(path())) << d.log();
  Client c(path());
  ASSERT_TRUE(c.connected());
  constexpr int kDumps = 6, kGetsPerDump = 5;
  std::vector<std::string> expected;  // "dump N" / "get S", in request order
  for (int i = 1; i <= kDumps; ++i) {
    const Bytes dump =
        proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = static_cast<std::uint32_t>(i),
                       .error = 0},
                      json{{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}}.dump());
    ASSERT_TRUE(c.send(dump));
    expected.push_back(fmt::format("dump {}", i));
    for (int k = 0; k < kGetsPerDump; ++k) {
      const int seq = i * 100 + k;
      ASSERT_TRUE(c.send(testing::route_message(freebsd(), "RTM_GET", "16.0.1.1", std::nullopt, {},
                                                seq)));
      expected.push_back(fmt::format("get {}", seq));
    }
  }
  std::this_thread::sleep_for(300ms);  // the daemon reads the burst and backs up
  std::vector<std::string> seen;
  std::size_t dump_bytes = 0, first_dump = 0;
  while (seen.size() < expected.size()) {
    auto pkt = c.recv(20000);  // a sanitizer build builds dumps slowly
    ASSERT_TRUE(pkt) << "after " << seen.size() << " answers";
    if (proto::is_control(*pkt)) {
      auto h = proto::parse_header(*pkt);
      ASSERT_TRUE(h);
      if (h->op != proto::Op::sysctl) continue;  // status or progress packets
      ASSERT_EQ(h->error, 0);
      dump_bytes += proto::payload(*pkt).size();
      if ((h->flags & proto::kFlagMore) != 0) continue;
      if (first_dump == 0) first_dump = dump_bytes;
      EXPECT_EQ(dump_bytes, first_dump) << "dump " << h->id;
      dump_bytes = 0;
      seen.push_back(fmt::format("dump {}", h->id));
    } else {
      auto v = codec::parse_message(*pkt, freebsd());
      ASSERT_TRUE(v);
      EXPECT_EQ(v->get(abi::Field::err), 0);
      seen.push_back(fmt::format("get {}", v->get(abi::Field::seq)));
    }
  }
  EXPECT_EQ(seen, expected);
  EXPECT_GT(first_dump, 20000u * 100) << "each dump holds the whole table";
  EXPECT_EQ(d.terminate(), 0) << d.log();
}

// SIGTERM while a large dump is on its way: a clean exit, the socket file
// removed, the reader sees the end of the stream.
TEST_F(Fault, SigtermDuringLargeDump_CleanExit) {
  Process d(dir_, {"-s", path(), "-c", write_config(dir_, 30000)});
  ASSERT_TRUE(d.ready(path())) << d.log();
  Client c(path());
  ASSERT_TRUE(c.send(proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = 1, .error = 0},
                                   json{{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}}.dump())));
  // The first chunk of the reply (progress packets come first when the
  // build outlasts the progress interval: a loaded machine).
  auto first = c.recv(60000);
  ASSERT_TRUE(first);
  auto h = proto::parse_header(*first);
  while (h && h->op == proto::Op::progress) {
    first = c.recv(60000);
    ASSERT_TRUE(first);
    h = proto::parse_header(*first);
  }
  ASSERT_TRUE(h);
  ASSERT_EQ(h->op, proto::Op::sysctl);
  ASSERT_NE(h->flags & proto::kFlagMore, 0) << "the dump fits one packet: not large enough";
  ::kill(d.pid(), SIGTERM);
  // Read on: the rest arrives or the stream ends; it never hangs.
  int packets = 0;
  while (auto pkt = c.recv(5000)) {
    if (pkt->empty()) break;
    ++packets;
  }
  EXPECT_TRUE(exited_zero(d.wait(60s))) << d.log();
  struct stat st;
  EXPECT_NE(::lstat(path().c_str(), &st), 0) << "socket file left behind";
}

// Readers that vanish with replies owed: no SIGPIPE kills the daemon (it
// runs with SIGPIPE's default action), and a client whose daemon vanished
// gets EPIPE, not SIGPIPE.
TEST_F(Fault, VanishedReaders_NoSigpipe) {
  Process d(dir_, {"-s", path(), "-c", write_config(dir_, 5000)});
  ASSERT_TRUE(d.ready(path())) << d.log();
  for (int i = 0; i < 20; ++i) {
    Client c(path());
    for (int k = 0; k < 20; ++k)
      (void)c.send(proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = 1, .error = 0},
                                 json{{"mib", {4, freebsd().af_route, 0, 0, 1, 0}}}.dump()));
    (void)c.recv(1);  // the first chunk may have arrived: gone all the same
  }
  EXPECT_FALSE(d.exited()) << d.log();
  EXPECT_TRUE(serves(path()));

  // The client side, in a child with SIGPIPE's default action.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::signal(SIGPIPE, SIG_DFL);
    auto rs = RoutingSocket::connect(path());
    if (!rs) ::_exit(2);
    ::kill(d.pid(), SIGKILL);
    for (int i = 0; i < 100; ++i) {  // until the kernel has torn the connection down
      auto get = codec::Message::make(rs->profile(), *rs->profile().type_number("RTM_GET"));
      get.set_addr(abi::kDst, *codec::Sockaddr::parse_ip("192.0.2.1"));
      if (!rs->send(get)) ::_exit(0);
      ::usleep(10000);
    }
    ::_exit(3);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status)) << "the client died of signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// A second daemon on a live daemon's path is refused and harms nothing.
TEST_F(Fault, SecondDaemon_RefusedFirstUnharmed) {
  Process a(dir_, {"-s", path()});
  ASSERT_TRUE(a.ready(path())) << a.log();
  struct stat before, after;
  ASSERT_EQ(::lstat(path().c_str(), &before), 0);
  Process b(dir_, {"-s", path()});
  const int status = b.wait(30s);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(b.log().find("another daemon is listening"), std::string::npos) << b.log();
  ASSERT_EQ(::lstat(path().c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino) << "the second daemon replaced the socket file";
  EXPECT_TRUE(serves(path()));
  EXPECT_EQ(a.terminate(), 0) << a.log();
}

// A daemon killed outright leaves its socket file; the next one replaces it.
TEST_F(Fault, StaleSocketFromKilledDaemon_Replaced) {
  {
    Process a(dir_, {"-s", path()});
    ASSERT_TRUE(a.ready(path())) << a.log();
    ::kill(a.pid(), SIGKILL);
    a.wait(30s);
  }
  struct stat st;
  ASSERT_EQ(::lstat(path().c_str(), &st), 0) << "no stale socket file to test with";
  Process b(dir_, {"-s", path()});
  ASSERT_TRUE(b.ready(path())) << b.log();
  EXPECT_TRUE(serves(path()));
  EXPECT_EQ(b.terminate(), 0) << b.log();
}

// The client library's queue of packets kept while a call waits is bounded
// against a real flood, and the loss is reported in place.
TEST_F(Fault, ClientQueueBound_LocalOverflowReported) {
  Process d(dir_, {"-s", path()});
  ASSERT_TRUE(d.ready(path())) << d.log();
  client::ConnectOptions o;
  o.max_pending_bytes = 16 << 10;
  auto slow = RoutingSocket::connect(path(), o);
  ASSERT_TRUE(slow);
  ASSERT_TRUE(slow->set_receive_buffer(4 << 20));  // the daemon keeps all of it
  Client writer(path());
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(writer.send(testing::route_message(freebsd(), "RTM_ADD",
                                                   fmt::format("10.{}.{}.0", i / 256, i % 256), 24,
                                                   "192.0.2.1", i + 1)));
    ASSERT_TRUE(writer.recv());
  }
  // stats() reads the 1000 copies to reach its reply.
  auto stats = slow->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ((*stats)["connection"]["messages"].get<int>(), 1000);
  EXPECT_LE(slow->pending_bytes(), std::size_t{16} << 10);
  std::uint64_t kept = 0, lost = 0;
  bool overflow_seen = false;
  while (slow->pending() > 0) {
    auto ev = slow->receive(0ms);
    ASSERT_TRUE(ev);
    if (ev->is_overflow()) {
      EXPECT_TRUE(ev->local);
      lost += ev->dropped;
      overflow_seen = true;
    } else {
      EXPECT_FALSE(overflow_seen) << "kept packets come before the loss";
      ++kept;
    }
  }
  EXPECT_TRUE(overflow_seen);
  EXPECT_EQ(kept + lost, 1000u);
  EXPECT_EQ(d.terminate(), 0) << d.log();
}

}  // namespace
}  // namespace rtsock::server
