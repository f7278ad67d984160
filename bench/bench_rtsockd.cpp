// rtsockd end to end (issue 4): an in-process rtsock::server::Server
// (FreeBSD personality, the default boot config: em0 192.0.2.10/24) and a
// client on its SOCK_SEQPACKET socket.
//
// Measures:
//   BM_RtmAdd_Request      RTM_ADD round trips/s through RoutingSocket::request()
//                          (marshal, send, wait for the reply and the status
//                          packet, parse): one distinct /24 per iteration, via
//                          192.0.2.1, RTF_UP|RTF_GATEWAY|RTF_STATIC
//   BM_RtmAdd_Raw          the transport floor: send()/recv() of pre-marshalled
//                          RTM_ADD bytes on the connection's fd (only the dst
//                          address is patched in place; no status packets)
//   BM_Rtnetlink_NewRoute  the Linux kernel for comparison: one RTM_NEWROUTE
//                          (NLM_F_CREATE|NLM_F_EXCL|NLM_F_ACK) "/24 dev lo" per
//                          iteration, ACK read back, on a NETLINK_ROUTE socket
//                          created in a fresh network namespace (a helper
//                          thread calls unshare(CLONE_NEWNET), which needs
//                          CAP_SYS_ADMIN; without it the benchmark is skipped)
//   BM_Dump1M              a server booted with 1,048,576 IPv4 /24 routes
//                          (16.0.0.0/4) plus the boot config's; the time of
//                          fetch_rib(AF_UNSPEC, NET_RT_DUMP) end to end, then
//                          every message walked with codec::RibView
//
//   cmake --preset release
//   cmake --build build-release --target bench_rtsockd -j1
//   ./build-release/bin/bench_rtsockd
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/route.hpp"
#include "rtsock/server/server.hpp"

namespace {

using rtsock::RoutingSocket;
namespace codec = rtsock::codec;
namespace abi = rtsock::abi;
namespace fib = rtsock::fib;
namespace server = rtsock::server;

constexpr std::uint8_t kRtmAdd = 1;  // RTM_ADD on every BSD
constexpr std::int64_t kAddFlags =
    static_cast<std::int64_t>(fib::rtf::up | fib::rtf::gateway | fib::rtf::static_);

std::array<std::uint8_t, 4> octets(std::uint32_t a) {
  return {static_cast<std::uint8_t>(a >> 24), static_cast<std::uint8_t>(a >> 16),
          static_cast<std::uint8_t>(a >> 8), static_cast<std::uint8_t>(a)};
}

// An in-process daemon on a private socket path, run() on its own thread.
class Daemon {
 public:
  static std::unique_ptr<Daemon> start(std::uint32_t boot_routes = 0) {
    server::ServerOptions opt;
    opt.socket_path = "/tmp/bench_rtsockd." + std::to_string(::getpid()) + ".sock";
    opt.engine.personality = "freebsd";
    auto srv = server::Server::create(std::move(opt));
    if (!srv) {
      std::fprintf(stderr, "Server::create: %s\n", srv.error().message().c_str());
      return nullptr;
    }
    auto d = std::unique_ptr<Daemon>(new Daemon(std::move(*srv)));
    for (std::uint32_t i = 0; i < boot_routes; ++i) {
      fib::RouteRequest r;
      r.dst = fib::Addr::v4((16u << 24) + (i << 8));  // 16.0.0.0/4: 2^20 /24s
      r.plen = 24;
      r.gateway.kind = fib::Gateway::Kind::addr;
      r.gateway.addr = fib::Addr::v4(0xc0000201);  // 192.0.2.1
      r.flags = fib::rtf::up | fib::rtf::gateway | fib::rtf::static_;
      if (auto res = d->srv_->engine().boot_route(r); !res) {
        std::fprintf(stderr, "boot_route %u: %s\n", i, res.error().message().c_str());
        return nullptr;
      }
    }
    d->thread_ = std::thread([p = d->srv_.get()] { p->run(); });
    return d;
  }
  ~Daemon() {
    srv_->stop();
    if (thread_.joinable()) thread_.join();
  }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  const std::string& path() const { return srv_->path(); }

 private:
  explicit Daemon(std::unique_ptr<server::Server> s) : srv_(std::move(s)) {}
  std::unique_ptr<server::Server> srv_;
  std::thread thread_;
};

// Distinct /24s across runs of a benchmark (Google Benchmark calls the
// function several times while it picks an iteration count): 32.0.0.0/3
// holds 2^21 of them.
std::uint32_t g_next24 = 0;
std::uint32_t next_dst() { return (32u << 24) + ((g_next24++ & 0x1fffffu) << 8); }

codec::Message make_add(const abi::Profile& p, std::uint32_t dst) {
  auto m = codec::Message::make(p, kRtmAdd);
  m.set(abi::Field::flags, kAddFlags);
  m.set_addr(abi::kDst, codec::Sockaddr::inet4(octets(dst)));
  m.set_addr(abi::kGateway, codec::Sockaddr::inet4({192, 0, 2, 1}));
  m.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, 24));
  return m;
}

void BM_RtmAdd_Request(benchmark::State& state) {
  auto d = Daemon::start();
  if (!d) {
    state.SkipWithError("server did not start");
    return;
  }
  auto sock = RoutingSocket::connect(d->path());
  if (!sock) {
    state.SkipWithError(("connect: " + sock.error().message()).c_str());
    return;
  }
  const abi::Profile& p = sock->profile();
  std::int64_t failed = 0;
  for (auto _ : state) {
    auto r = sock->request(make_add(p, next_dst()));
    if (!r || r->get(abi::Field::err) != 0) ++failed;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_RtmAdd_Request)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_RtmAdd_Raw(benchmark::State& state) {
  auto d = Daemon::start();
  if (!d) {
    state.SkipWithError("server did not start");
    return;
  }
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;  // one packet back per write: the reply
  auto sock = RoutingSocket::connect(d->path(), copt);
  if (!sock) {
    state.SkipWithError(("connect: " + sock.error().message()).c_str());
    return;
  }
  const abi::Profile& p = sock->profile();
  // Marshal once with a sentinel dst, then patch the address bytes in place.
  constexpr std::uint32_t kSentinel = 0xcb00714d;  // 203.0.113.77
  auto bytes = codec::marshal(p, make_add(p, kSentinel));
  if (!bytes) {
    state.SkipWithError(("marshal: " + bytes.error().message()).c_str());
    return;
  }
  std::vector<std::byte> msg = std::move(*bytes);
  const auto s = octets(kSentinel);
  auto it = std::search(
      msg.begin(), msg.end(), s.begin(), s.end(),
      [](std::byte b, std::uint8_t o) { return std::to_integer<std::uint8_t>(b) == o; });
  if (it == msg.end()) {
    state.SkipWithError("dst address not found in the marshalled message");
    return;
  }
  const auto dst_off = static_cast<std::size_t>(it - msg.begin());
  const int fd = sock->native_handle();
  std::vector<std::byte> in(65536);
  std::int64_t failed = 0;
  std::size_t last = 0;
  for (auto _ : state) {
    const auto a = octets(next_dst());
    std::memcpy(msg.data() + dst_off, a.data(), a.size());
    if (::send(fd, msg.data(), msg.size(), 0) != static_cast<ssize_t>(msg.size())) ++failed;
    const ssize_t n = ::recv(fd, in.data(), in.size(), 0);
    if (n <= 0) {
      ++failed;
      continue;
    }
    last = static_cast<std::size_t>(n);
  }
  // The last reply must be a clean RTM_ADD reply (rtm_errno 0).
  auto v = codec::parse_message(std::span<const std::byte>(in.data(), last), p);
  if (!v || v->type() != kRtmAdd || v->get(abi::Field::err) != 0) ++failed;
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_RtmAdd_Raw)->UseRealTime()->Unit(benchmark::kMicrosecond);

// ---- rtnetlink ----

struct NlReq {
  nlmsghdr nh;
  rtmsg rt;
  std::array<char, 64> attrs;
};

// The <linux/netlink.h> macros use C casts; the same arithmetic here.
constexpr std::size_t nl_align(std::size_t n) { return (n + 3) & ~std::size_t{3}; }
constexpr std::size_t kNlHdrLen = nl_align(sizeof(nlmsghdr));
constexpr std::uint32_t nl_length(std::size_t payload) {
  return static_cast<std::uint32_t>(kNlHdrLen + payload);
}

void add_attr(NlReq& r, std::uint16_t type, const void* data, std::size_t len) {
  char* at = reinterpret_cast<char*>(&r) + nl_align(r.nh.nlmsg_len);
  rtattr rta{};
  rta.rta_type = type;
  rta.rta_len = static_cast<std::uint16_t>(nl_align(sizeof(rtattr)) + len);
  std::memcpy(at, &rta, sizeof rta);
  std::memcpy(at + nl_align(sizeof(rtattr)), data, len);
  r.nh.nlmsg_len = static_cast<std::uint32_t>(nl_align(r.nh.nlmsg_len) + nl_align(rta.rta_len));
}

// Sends one request and reads its ACK; returns the errno it carries (0: ok).
int nl_call(int fd, NlReq& r) {
  if (::send(fd, &r, r.nh.nlmsg_len, 0) < 0) return errno;
  std::array<char, 4096> buf;
  const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
  if (n < 0) return errno;
  nlmsghdr h{};
  nlmsgerr e{};
  if (static_cast<std::size_t>(n) < kNlHdrLen + sizeof e) return EPROTO;
  std::memcpy(&h, buf.data(), sizeof h);
  if (h.nlmsg_type != NLMSG_ERROR) return EPROTO;
  std::memcpy(&e, buf.data() + kNlHdrLen, sizeof e);
  return -e.error;
}

// A NETLINK_ROUTE socket in a new network namespace with lo up. The helper
// thread's unshare(CLONE_NEWNET) moves only that thread; the socket keeps
// the namespace alive after the thread ends.
std::optional<int> netns_socket(std::string& why) {
  int fd = -1;
  std::thread t([&] {
    if (::unshare(CLONE_NEWNET) != 0) {
      why = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
      return;
    }
    fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) why = std::string("socket(NETLINK_ROUTE): ") + std::strerror(errno);
  });
  t.join();
  if (fd < 0) return std::nullopt;
  sockaddr_nl sa{};
  sa.nl_family = AF_NETLINK;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    why = std::string("bind: ") + std::strerror(errno);
    ::close(fd);
    return std::nullopt;
  }
  NlReq r{};
  r.nh.nlmsg_len = nl_length(sizeof(ifinfomsg));
  r.nh.nlmsg_type = RTM_NEWLINK;
  r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
  ifinfomsg ifi{};
  ifi.ifi_family = AF_UNSPEC;
  ifi.ifi_index = 1;  // lo is always 1 in a new namespace
  ifi.ifi_flags = IFF_UP;
  ifi.ifi_change = IFF_UP;
  static_assert(sizeof ifi <= sizeof r.rt + sizeof r.attrs);
  std::memcpy(&r.rt, &ifi, sizeof ifi);  // the payload in place of the rtmsg
  if (const int e = nl_call(fd, r); e != 0) {
    why = std::string("RTM_NEWLINK lo up: ") + std::strerror(e);
    ::close(fd);
    return std::nullopt;
  }
  return fd;
}

void BM_Rtnetlink_NewRoute(benchmark::State& state) {
  std::string why;
  auto fd = netns_socket(why);
  if (!fd) {
    std::fprintf(stderr, "rtnetlink comparison skipped: %s\n", why.c_str());
    state.SkipWithError(("skipped: " + why).c_str());
    return;
  }
  NlReq base{};
  base.nh.nlmsg_len = nl_length(sizeof(rtmsg));
  base.nh.nlmsg_type = RTM_NEWROUTE;
  base.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  base.rt.rtm_family = AF_INET;
  base.rt.rtm_dst_len = 24;
  base.rt.rtm_table = RT_TABLE_MAIN;
  base.rt.rtm_protocol = RTPROT_STATIC;
  base.rt.rtm_scope = RT_SCOPE_LINK;
  base.rt.rtm_type = RTN_UNICAST;
  const std::uint32_t oif = 1;
  std::uint32_t seq = 0;
  std::uint32_t next = 0;  // a fresh namespace per run: count from 0 each time
  std::int64_t failed = 0;
  for (auto _ : state) {
    NlReq r = base;
    r.nh.nlmsg_seq = ++seq;
    const std::uint32_t dst = htonl((32u << 24) + ((next++ & 0x1fffffu) << 8));
    add_attr(r, RTA_DST, &dst, sizeof dst);
    add_attr(r, RTA_OIF, &oif, sizeof oif);
    if (nl_call(*fd, r) != 0) ++failed;
  }
  ::close(*fd);
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_NEWROUTEs failed");
}
BENCHMARK(BM_Rtnetlink_NewRoute)->UseRealTime()->Unit(benchmark::kMicrosecond);

// ---- dump ----

void BM_Dump1M(benchmark::State& state) {
  constexpr std::uint32_t kRoutes = 1u << 20;
  const auto t0 = std::chrono::steady_clock::now();
  auto d = Daemon::start(kRoutes);
  const double boot_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!d) {
    state.SkipWithError("server did not start");
    return;
  }
  auto sock = RoutingSocket::connect(d->path());
  if (!sock) {
    state.SkipWithError(("connect: " + sock.error().message()).c_str());
    return;
  }
  std::size_t bytes = 0;
  std::size_t msgs = 0;
  std::int64_t failed = 0;
  for (auto _ : state) {
    auto dump = sock->fetch_rib(0, rtsock::client::net_rt::dump, 0);
    if (!dump) {
      ++failed;
      continue;
    }
    msgs = 0;
    for (const auto& m : codec::RibView(*dump, sock->profile())) {
      if (!m) {
        ++failed;
        break;
      }
      ++msgs;
    }
    bytes = dump->size();
    benchmark::DoNotOptimize(msgs);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(msgs) * state.iterations());
  state.counters["messages"] = static_cast<double>(msgs);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["boot_s"] = boot_s;
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0 || msgs < kRoutes) state.SkipWithError("dump failed or short");
}
BENCHMARK(BM_Dump1M)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
