// Shared by the rtsockd benchmarks: an in-process daemon, RTM_ADD messages
// for distinct /24s, and the rtnetlink anchor's helpers (a NETLINK_ROUTE
// socket in a private network namespace).
#pragma once

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/route.hpp"
#include "rtsock/server/server.hpp"

namespace rtsock_bench {

namespace codec = rtsock::codec;
namespace abi = rtsock::abi;
namespace fib = rtsock::fib;
namespace server = rtsock::server;

constexpr std::uint8_t kRtmAdd = 1;  // RTM_ADD on every BSD
constexpr std::int64_t kAddFlags =
    static_cast<std::int64_t>(fib::rtf::up | fib::rtf::gateway | fib::rtf::static_);

inline std::array<std::uint8_t, 4> octets(std::uint32_t a) {
  return {static_cast<std::uint8_t>(a >> 24), static_cast<std::uint8_t>(a >> 16),
          static_cast<std::uint8_t>(a >> 8), static_cast<std::uint8_t>(a)};
}

// The i-th route of a big table: 16.0.0.0/4 holds 2^20 /24s, via 192.0.2.1.
inline fib::RouteRequest boot_request(std::uint32_t i) {
  fib::RouteRequest r;
  r.dst = fib::Addr::v4((16u << 24) + (i << 8));
  r.plen = 24;
  r.gateway.kind = fib::Gateway::Kind::addr;
  r.gateway.addr = fib::Addr::v4(0xc0000201);  // 192.0.2.1
  r.flags = fib::rtf::up | fib::rtf::gateway | fib::rtf::static_;
  return r;
}

// An in-process daemon on a private socket path, run() on its own thread.
class Daemon {
 public:
  static std::unique_ptr<Daemon> start(std::uint32_t boot_routes = 0,
                                       server::ServerOptions opt = {}) {
    opt.socket_path = "/tmp/bench_rtsockd." + std::to_string(::getpid()) + ".sock";
    opt.engine.personality = "freebsd";
    auto srv = server::Server::create(std::move(opt));
    if (!srv) {
      std::fprintf(stderr, "Server::create: %s\n", srv.error().message().c_str());
      return nullptr;
    }
    auto d = std::unique_ptr<Daemon>(new Daemon(std::move(*srv)));
    for (std::uint32_t i = 0; i < boot_routes; ++i) {
      if (auto res = d->srv_->engine().boot_route(boot_request(i)); !res) {
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
  server::Server& server() { return *srv_; }

 private:
  explicit Daemon(std::unique_ptr<server::Server> s) : srv_(std::move(s)) {}
  std::unique_ptr<server::Server> srv_;
  std::thread thread_;
};

// Distinct /24s across runs of a benchmark (Google Benchmark calls the
// function several times while it picks an iteration count): 32.0.0.0/3
// holds 2^21 of them.
inline std::uint32_t g_next24 = 0;
inline std::uint32_t next_dst() { return (32u << 24) + ((g_next24++ & 0x1fffffu) << 8); }

inline codec::Message make_add(const abi::Profile& p, std::uint32_t dst) {
  auto m = codec::Message::make(p, kRtmAdd);
  m.set(abi::Field::flags, kAddFlags);
  m.set_addr(abi::kDst, codec::Sockaddr::inet4(octets(dst)));
  m.set_addr(abi::kGateway, codec::Sockaddr::inet4({192, 0, 2, 1}));
  m.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, 24));
  return m;
}

// One RTM_ADD marshalled once; dst() patches the destination in place, so a
// loop sends distinct routes without marshalling each.
class AddTemplate {
 public:
  static std::optional<AddTemplate> make(const abi::Profile& p) {
    constexpr std::uint32_t kSentinel = 0xcb00714d;  // 203.0.113.77
    auto bytes = codec::marshal(p, make_add(p, kSentinel));
    if (!bytes) return std::nullopt;
    const auto s = octets(kSentinel);
    auto it = std::search(
        bytes->begin(), bytes->end(), s.begin(), s.end(),
        [](std::byte b, std::uint8_t o) { return std::to_integer<std::uint8_t>(b) == o; });
    if (it == bytes->end()) return std::nullopt;
    AddTemplate t;
    t.dst_off_ = static_cast<std::size_t>(it - bytes->begin());
    t.bytes_ = std::move(*bytes);
    return t;
  }
  std::span<const std::byte> with_dst(std::uint32_t dst) {
    const auto a = octets(dst);
    std::memcpy(bytes_.data() + dst_off_, a.data(), a.size());
    return bytes_;
  }

 private:
  std::vector<std::byte> bytes_;
  std::size_t dst_off_ = 0;
};

// Resident set of this process, in bytes.
inline std::size_t rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  const int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

// The q-quantile (0..1) of samples (sorted in place).
inline double quantile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

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

inline void add_attr(NlReq& r, std::uint16_t type, const void* data, std::size_t len) {
  char* at = reinterpret_cast<char*>(&r) + nl_align(r.nh.nlmsg_len);
  rtattr rta{};
  rta.rta_type = type;
  rta.rta_len = static_cast<std::uint16_t>(nl_align(sizeof(rtattr)) + len);
  std::memcpy(at, &rta, sizeof rta);
  std::memcpy(at + nl_align(sizeof(rtattr)), data, len);
  r.nh.nlmsg_len = static_cast<std::uint32_t>(nl_align(r.nh.nlmsg_len) + nl_align(rta.rta_len));
}

// Sends one request and reads its ACK; returns the errno it carries (0: ok).
inline int nl_call(int fd, NlReq& r) {
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
// `others` (when given) receives others_n more sockets of the same
// namespace, bound to the multicast groups `groups` (RTMGRP_*; 0 none).
inline std::optional<int> netns_socket(std::string& why, std::vector<int>* others = nullptr,
                                       std::size_t others_n = 0, std::uint32_t groups = 0) {
  int fd = -1;
  std::thread t([&] {
    if (::unshare(CLONE_NEWNET) != 0) {
      why = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
      return;
    }
    fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) why = std::string("socket(NETLINK_ROUTE): ") + std::strerror(errno);
    for (std::size_t i = 0; others != nullptr && i < others_n; ++i) {
      const int o = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
      sockaddr_nl sa{};
      sa.nl_family = AF_NETLINK;
      sa.nl_groups = groups;
      if (o < 0 || ::bind(o, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
        why = std::string("netlink listener: ") + std::strerror(errno);
        if (o >= 0) ::close(o);
        return;
      }
      others->push_back(o);
    }
  });
  t.join();
  if (fd >= 0 && others != nullptr && others->size() != others_n) {
    ::close(fd);
    fd = -1;
  }
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

// RTM_NEWROUTE "dst/24 dev lo" (NLM_F_CREATE|NLM_F_EXCL, ACK when asked).
inline NlReq nl_route(std::uint32_t seq, std::uint32_t dst_host_order, bool ack) {
  NlReq r{};
  r.nh.nlmsg_len = nl_length(sizeof(rtmsg));
  r.nh.nlmsg_type = RTM_NEWROUTE;
  r.nh.nlmsg_flags = static_cast<std::uint16_t>(NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL |
                                                (ack ? NLM_F_ACK : 0));
  r.nh.nlmsg_seq = seq;
  r.rt.rtm_family = AF_INET;
  r.rt.rtm_dst_len = 24;
  r.rt.rtm_table = RT_TABLE_MAIN;
  r.rt.rtm_protocol = RTPROT_STATIC;
  r.rt.rtm_scope = RT_SCOPE_LINK;
  r.rt.rtm_type = RTN_UNICAST;
  const std::uint32_t dst = htonl(dst_host_order);
  const std::uint32_t oif = 1;
  add_attr(r, RTA_DST, &dst, sizeof dst);
  add_attr(r, RTA_OIF, &oif, sizeof oif);
  return r;
}

// Reads ACKs (NLMSG_ERROR) until `want` have come; returns how many carried
// an error, or -1 when the socket failed.
inline long nl_read_acks(int fd, std::size_t want) {
  std::vector<char> buf(1 << 16);
  long errors = 0;
  std::size_t got = 0;
  while (got < want) {
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    std::size_t off = 0;
    while (off + kNlHdrLen <= static_cast<std::size_t>(n)) {
      nlmsghdr h{};
      std::memcpy(&h, buf.data() + off, sizeof h);
      if (h.nlmsg_len < kNlHdrLen || off + h.nlmsg_len > static_cast<std::size_t>(n)) break;
      if (h.nlmsg_type == NLMSG_ERROR) {
        nlmsgerr e{};
        std::memcpy(&e, buf.data() + off + kNlHdrLen, sizeof e);
        if (e.error != 0) ++errors;
        ++got;
      }
      off += nl_align(h.nlmsg_len);
    }
  }
  return errors;
}

// Adds routes first..first+count-1 (boot_request's /24s in 16.0.0.0/4, as
// "dev lo") to the namespace of fd, `window` requests in flight; the
// number that failed, or -1.
inline long nl_fill(int fd, std::uint32_t first, std::uint32_t count, std::uint32_t window = 256) {
  long failed = 0;
  std::uint32_t seq = 1u << 30;
  for (std::uint32_t i = 0; i < count;) {
    const std::uint32_t n = std::min(window, count - i);
    for (std::uint32_t k = 0; k < n; ++k) {
      NlReq r = nl_route(++seq, (16u << 24) + ((first + i + k) << 8), true);
      if (::send(fd, &r, r.nh.nlmsg_len, 0) < 0) return -1;
    }
    const long e = nl_read_acks(fd, n);
    if (e < 0) return -1;
    failed += e;
    i += n;
  }
  return failed;
}

}  // namespace rtsock_bench
