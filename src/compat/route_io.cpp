// Routing sockets: opening, writing through the side channel, fixing up
// what reads return, socket options.
#include "route_io.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <string>

#include "real.hpp"
#include "rtsock/proto/control.hpp"
#include "runtime.hpp"
#include "side.hpp"

namespace rtsock::compat::route {
namespace {

constexpr int kBsdSolSocket = 0xffff;
constexpr int kSoUseLoopback = 0x40;
constexpr int kBsdSoRcvbuf = 0x1002;
constexpr int kBsdSoSndbuf = 0x1001;
// BSD socket options that only the daemon knows: SO_SETFIB, SO_RTABLE, and
// SO_RERROR as FreeBSD, NetBSD and DragonFly number it.
constexpr int kDaemonOptions[] = {kSoUseLoopback, 0x1014, 0x1021, 0x20000, 0x4000, 0x2000};

std::string fresh_name() {
  static std::atomic<unsigned> counter{0};
  std::uint32_t nonce = 0;
  if (::getrandom(&nonce, sizeof nonce, GRND_NONBLOCK) != sizeof nonce)
    nonce = static_cast<std::uint32_t>(std::time(nullptr)) ^ static_cast<std::uint32_t>(::getpid() << 16);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.*s%d/%u/%08x", static_cast<int>(proto::kCompatNamePrefix.size()),
                proto::kCompatNamePrefix.data(), ::getpid(), counter.fetch_add(1) + 1, nonce);
  return buf;
}

// Bytes at a logical offset of a scattered buffer of `n` valid bytes.
bool gather(const iovec* iov, int iovcnt, std::size_t n, std::size_t off, void* out, std::size_t len) {
  if (off + len > n) return false;
  auto* dst = static_cast<unsigned char*>(out);
  for (int i = 0; i < iovcnt && len > 0; ++i) {
    const std::size_t l = iov[i].iov_len;
    if (off >= l) {
      off -= l;
      continue;
    }
    const std::size_t take = std::min(len, l - off);
    std::memcpy(dst, static_cast<const unsigned char*>(iov[i].iov_base) + off, take);
    dst += take;
    len -= take;
    off = 0;
  }
  return len == 0;
}

void scatter(const iovec* iov, int iovcnt, std::size_t off, const void* in, std::size_t len) {
  const auto* src = static_cast<const unsigned char*>(in);
  for (int i = 0; i < iovcnt && len > 0; ++i) {
    const std::size_t l = iov[i].iov_len;
    if (off >= l) {
      off -= l;
      continue;
    }
    const std::size_t put = std::min(len, l - off);
    std::memcpy(static_cast<unsigned char*>(iov[i].iov_base) + off, src, put);
    src += put;
    len -= put;
    off = 0;
  }
}

// rtm_errno of a route-header message, OS numbering -> host's.
void fix_errno(const iovec* iov, int iovcnt, std::size_t n) {
  const abi::Profile& p = profile();
  unsigned char type = 0;
  if (!gather(iov, iovcnt, n, 3, &type, 1) || p.header_of(type) != abi::HdrKind::route) return;
  const abi::FieldLoc* loc = p.layout(abi::HdrKind::route).find(abi::Field::err);
  if (loc == nullptr || loc->size != 4) return;
  unsigned char b[4];
  if (!gather(iov, iovcnt, n, loc->off, b, 4)) return;
  const bool le = p.order == abi::ByteOrder::little;
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t{b[le ? i : 3 - i]} << (8 * i);
  const int os = static_cast<int>(v);
  if (os <= 0) return;
  const auto host = static_cast<std::uint32_t>(host_errno(os));
  for (int i = 0; i < 4; ++i) b[le ? i : 3 - i] = static_cast<unsigned char>(host >> (8 * i));
  scatter(iov, iovcnt, loc->off, b, 4);
}

int fail(int e) {
  errno = e;
  return -1;
}

// The OS's (level, name) for an option a program sets on a routing socket,
// when the daemon answers it; nullopt-like {0, 0} otherwise.
struct OsOption {
  bool daemon = false;
  int level = 0, name = 0;
};

OsOption os_option(int level, int name) {
  if (level == SOL_SOCKET || level == kBsdSolSocket) {
    if (name == SO_RCVBUF || name == kBsdSoRcvbuf) return {true, kBsdSolSocket, kBsdSoRcvbuf};
    for (int n : kDaemonOptions)
      if (name == n) return {true, kBsdSolSocket, n};
    return {};
  }
  if (level == profile().af_route) return {true, level, name};
  return {};
}

std::vector<std::byte> bytes_of(const void* val, socklen_t len) {
  const auto* b = static_cast<const std::byte*>(val);
  return {b, b + len};
}

}  // namespace

int open(int type, int protocol) {
  if ((type & 0xff) != SOCK_RAW) return fail(EPROTONOSUPPORT);
  const bool nonblock = (type & SOCK_NONBLOCK) != 0;
  const int cloexec = (type & SOCK_CLOEXEC) != 0 ? SOCK_CLOEXEC : 0;
  auto rs = std::make_shared<RouteSock>();
  rs->protocol = protocol;
  const std::string where = side::path();
  sockaddr_un peer{};
  peer.sun_family = AF_UNIX;
  if (where.size() >= sizeof peer.sun_path) return fail(ENAMETOOLONG);
  std::memcpy(peer.sun_path, where.data(), where.size());

  int fd = -1;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    fd = real::socket(AF_UNIX, SOCK_SEQPACKET | cloexec, 0);
    if (fd < 0) return -1;
    rs->name = fresh_name();
    sockaddr_un local{};
    local.sun_family = AF_UNIX;
    std::memcpy(local.sun_path + 1, rs->name.data(), rs->name.size());
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + rs->name.size());
    if (real::bind(fd, reinterpret_cast<const sockaddr*>(&local), len) != 0) {
      const int e = errno;
      real::close(fd);
      fd = -1;
      if (e != EADDRINUSE) return fail(e);
    }
  }
  if (fd < 0) return fail(EADDRINUSE);
  // The side channel first: it checks that the daemon's personality is the
  // program's before anything is connected.
  side::Hello h;
  if (int e = side::hello(h); e != 0) {
    real::close(fd);
    return fail(e);
  }
  if (real::connect(fd, reinterpret_cast<const sockaddr*>(&peer), sizeof peer) != 0) {
    const int e = errno;
    real::close(fd);
    say_once("no rtsockd answers at " + where + " (" + std::strerror(e) + ")");
    return fail(ECONNREFUSED);
  }
  if (int e = side::attach(*rs); e != 0) {
    real::close(fd);
    return fail(e);
  }
  if (protocol != 0) {
    side::Answer a;
    int e = side::request_for(*rs, proto::Op::socket, {{"protocol", protocol}}, a);
    if (e == 0 && a.os_error != 0) e = host_errno(a.os_error);
    if (e != 0) {
      real::close(fd);
      return fail(e);
    }
  }
  // A routing socket starts in the process's FIB (FreeBSD so_fibnum) or
  // routing table (OpenBSD so_rtableid), as setfib(2)/setrtable(2) left it.
  if (const std::uint32_t fib = side::process_fib(); fib != 0) {
    const int v = static_cast<int>(fib);
    const int name = profile().os == abi::Os::openbsd ? 0x1021 : 0x1014;
    if (route::setsockopt(fd, *rs, kBsdSolSocket, name, &v, sizeof v) != 0) {
      const int e = errno;
      real::close(fd);
      return fail(e);
    }
  }
  if (nonblock) real::fcntl(fd, F_SETFL, real::fcntl(fd, F_GETFL) | O_NONBLOCK);
  fds::set_route(fd, std::move(rs));
  return fd;
}

ssize_t write(RouteSock& rs, const iovec* iov, int iovcnt, int flags) {
  std::size_t total = 0;
  for (int i = 0; i < iovcnt; ++i) total += iov[i].iov_len;
  int verdict = 0;
  if (int e = side::write(rs, iov, iovcnt, verdict); e != 0) return fail(e);
  if (verdict != 0) {
    const int e = host_errno(verdict);
    // A write after shutdown(SHUT_WR) raises SIGPIPE, as on a BSD socket.
    if (e == EPIPE && (flags & MSG_NOSIGNAL) == 0) ::raise(SIGPIPE);
    return fail(e);
  }
  return static_cast<ssize_t>(total);
}

ssize_t after_read(int fd, ssize_t n, const iovec* iov, int iovcnt, int flags) {
  const auto len = static_cast<std::size_t>(n);
  unsigned char head[16];
  if (gather(iov, iovcnt, len, 0, head, 4) && std::memcmp(head, "RTSK", 4) == 0) {
    // The daemon's own packet: only SO_RERROR's overflow notice reaches a
    // routing socket, and it means what recv() failing with ENOBUFS does.
    if ((flags & MSG_PEEK) != 0) {
      unsigned char drop;
      real::recv(fd, &drop, sizeof drop, MSG_DONTWAIT);
    }
    if (gather(iov, iovcnt, len, 0, head, sizeof head) &&
        head[5] == static_cast<unsigned char>(proto::Op::overflow))
      return fail(ENOBUFS);
    return -2;
  }
  fix_errno(iov, iovcnt, len);
  return n;
}

void source_address(sockaddr* from, socklen_t* len) {
  if (from == nullptr || len == nullptr) return;
  const unsigned char sa[2] = {2, static_cast<unsigned char>(profile().af_route)};
  std::memcpy(from, sa, std::min<socklen_t>(*len, 2));
  *len = 2;
}

int setsockopt(int fd, RouteSock& rs, int level, int name, const void* val, socklen_t len) {
  const OsOption o = os_option(level, name);
  if (!o.daemon) {
    if (level == kBsdSolSocket) return fail(ENOPROTOOPT);
    return real::setsockopt(fd, level, name, val, len);
  }
  if (val == nullptr && len > 0) return fail(EFAULT);
  // The longest value a kernel takes: NetBSD's RO_MISSFILTER, 30 sockaddrs
  // of up to 128 bytes.
  if (len > 4096) return fail(EINVAL);
  const std::vector<std::byte> value = val != nullptr ? bytes_of(val, len) : std::vector<std::byte>{};
  side::Answer a;
  const nlohmann::json req = {{"level", o.level}, {"name", o.name}, {"value", proto::to_hex(value)}};
  if (int e = side::request_for(rs, proto::Op::setsockopt, req, a); e != 0) return fail(e);
  if (a.os_error != 0) return fail(host_errno(a.os_error));
  return 0;
}

int getsockopt(int fd, RouteSock& rs, int level, int name, void* val, socklen_t* len) {
  if (len == nullptr || (val == nullptr && *len > 0)) return fail(EFAULT);
  auto put_int = [&](int v) {
    const socklen_t n = std::min<socklen_t>(*len, sizeof v);
    std::memcpy(val, &v, n);
    *len = n;
    return 0;
  };
  if (level == SOL_SOCKET) {
    switch (name) {
      case SO_TYPE: return put_int(SOCK_RAW);
      case SO_DOMAIN: return put_int(profile().af_route);
      case SO_PROTOCOL: return put_int(rs.protocol);
      case SO_ACCEPTCONN: return put_int(0);
      default: break;
    }
  }
  if (level == kBsdSolSocket && name == kBsdSoSndbuf) return real::getsockopt(fd, SOL_SOCKET, SO_SNDBUF, val, len);
  const OsOption o = os_option(level, name);
  if (!o.daemon) {
    if (level == kBsdSolSocket) return fail(ENOPROTOOPT);
    return real::getsockopt(fd, level, name, val, len);
  }
  side::Answer a;
  if (int e = side::request_for(rs, proto::Op::getsockopt, {{"level", o.level}, {"name", o.name}}, a); e != 0)
    return fail(e);
  if (a.os_error != 0) return fail(host_errno(a.os_error));
  auto j = a.json();
  auto it = j.find("value");
  if (it == j.end() || !it->is_string()) return fail(EPROTO);
  auto bytes = proto::from_hex(it->get<std::string>());
  if (!bytes) return fail(EPROTO);
  const socklen_t n = std::min<socklen_t>(*len, static_cast<socklen_t>(bytes->size()));
  std::memcpy(val, bytes->data(), n);
  *len = n;
  return 0;
}

int shutdown(int fd, RouteSock& rs, int how) {
  const char* what = how == SHUT_RD ? "rd" : how == SHUT_WR ? "wr" : how == SHUT_RDWR ? "rdwr" : nullptr;
  if (what == nullptr) return fail(EINVAL);
  side::Answer a;
  if (int e = side::request_for(rs, proto::Op::shutdown, {{"how", what}}, a); e != 0) return fail(e);
  if (a.os_error != 0) return fail(host_errno(a.os_error));
  // Reads then return 0 at once, as on a BSD socket shut for reading.
  if (how != SHUT_WR) real::shutdown(fd, SHUT_RD);
  return 0;
}

}  // namespace rtsock::compat::route
