// The side channel to rtsockd.
#include "side.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "json_fields.hpp"
#include "real.hpp"
#include "rtsock/client/routing_socket.hpp"
#include "runtime.hpp"

namespace rtsock::compat::side {
namespace {

namespace jf = client::json_fields;
using json = nlohmann::json;

// A daemon that stops answering fails the call rather than hang it for ever.
constexpr int kReplyTimeoutSeconds = 60;

struct Channel {
  std::mutex m;
  int fd = -1;
  std::uint64_t gen = 0;  // bumped for every new connection (fork, reconnect)
  Hello hello;
  std::uint32_t next_id = 1;
  std::uint32_t fib = 0;  // the process's FIB / rtable
  bool fib_known = false;  // read from $RTSOCK_COMPAT_FIB yet
  std::vector<std::byte> rx = std::vector<std::byte>(proto::kMaxPacket + 1);
};

Channel& chan() {
  static Channel* c = new Channel;  // outlives every static destructor
  return *c;
}

void drop(Channel& c) {
  if (c.fd < 0) return;
  fds::set_hidden(c.fd, false);
  real::close(c.fd);
  c.fd = -1;
}

// Moves a descriptor up near the limit, out of the way of the program's
// own numbering and of close-everything-from-3 loops.
int move_high(int fd) {
  rlimit rl{};
  int floor = 512;
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 64)
    floor = static_cast<int>(rl.rlim_cur) - 16;
  const int high = real::fcntl(fd, F_DUPFD_CLOEXEC, floor);
  if (high < 0) return fd;
  real::close(fd);
  return high;
}

// How to get a daemon of the program's personality: at this path when none
// listens there, at another (named by RTSOCK_SOCKET) when one of another
// personality does.
std::string hint(bool path_taken = false) {
  const std::string p(personality());
  const std::string where = path_taken ? "/tmp/rtsockd-" + p + ".sock" : path();
  return "start one with `rtsockd -p " + p + " -s " + where + " &`" +
         (path_taken ? " and set RTSOCK_SOCKET=" + where : std::string()) + ", or run the program under `rtsock-run -p " +
         p + " -- PROGRAM`";
}

bool send_all(int fd, const iovec* iov, int n) {
  msghdr msg{};
  msg.msg_iov = const_cast<iovec*>(iov);
  msg.msg_iovlen = static_cast<std::size_t>(n);
  for (;;) {
    const ssize_t r = real::sendmsg(fd, &msg, MSG_NOSIGNAL);
    if (r >= 0) return true;
    if (errno != EINTR) return false;
  }
}

// Waits for the reply to request `id` (chunks joined). 0 or a host errno.
int await(Channel& c, std::uint32_t id, proto::Op op, Answer& out) {
  out.payload.clear();
  for (;;) {
    const ssize_t n = real::recv(c.fd, c.rx.data(), c.rx.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int e = (errno == EAGAIN || errno == EWOULDBLOCK) ? ETIMEDOUT : errno;
      drop(c);
      return e;
    }
    if (n == 0) {  // the daemon went away
      drop(c);
      return ECONNRESET;
    }
    std::span<const std::byte> pkt(c.rx.data(), static_cast<std::size_t>(n));
    auto h = proto::parse_header(pkt);
    if (!h || h->op != op || h->id != id) continue;  // a stale reply, or a routing copy before attach
    const auto body = proto::payload(pkt);
    out.payload.insert(out.payload.end(), body.begin(), body.end());
    out.os_error = h->error;
    if ((h->flags & proto::kFlagMore) == 0) return 0;
  }
}

// Sends one request: iov[0] is left for the header, iov[1..n) is the
// payload. Waits for its reply.
int exchange(Channel& c, proto::Op op, iovec* iov, int n, Answer& out) {
  const std::uint32_t id = c.next_id++;
  if (c.next_id == 0) c.next_id = 1;
  const auto head = proto::encode({.op = op, .flags = 0, .id = id, .error = 0});
  iov[0] = {const_cast<std::byte*>(head.data()), head.size()};
  std::size_t total = 0;
  for (int i = 0; i < n; ++i) total += iov[i].iov_len;
  if (total > proto::kMaxPacket) return EMSGSIZE;
  if (!send_all(c.fd, iov, n)) {
    const int e = errno;
    if (e == EFAULT || e == EMSGSIZE) return e;  // the program's buffer; the channel is fine
    if (e == EBADF || e == ENOTSOCK) {
      // Closed behind our back (a raw close_range): the number may be the
      // program's now. Forget it; the next call connects again.
      fds::set_hidden(c.fd, false);
      c.fd = -1;
      ++c.gen;
      return ECONNRESET;
    }
    drop(c);
    return e == EPIPE ? ECONNRESET : e;
  }
  return await(c, id, op, out);
}

int exchange_json(Channel& c, proto::Op op, const json& req, Answer& out) {
  const std::string text = jf::dump(req);
  iovec iov[2] = {{}, {const_cast<char*>(text.data()), text.size()}};
  return exchange(c, op, iov, 2, out);
}

constexpr const char* kFibVariable = "RTSOCK_COMPAT_FIB";

// The FIB an exec'd image inherits, from the environment.
void load_fib(Channel& c) {
  if (c.fib_known) return;
  c.fib_known = true;
  const char* v = ::getenv(kFibVariable);
  if (v == nullptr || *v == '\0') return;
  char* end = nullptr;
  const unsigned long n = std::strtoul(v, &end, 10);
  if (*end == '\0' && n <= 0x7fffffffUL) c.fib = static_cast<std::uint32_t>(n);
}

// SO_SETFIB (FreeBSD) or SO_RTABLE (OpenBSD) on the channel's own socket.
int fib_option(Channel& c, std::uint32_t fib, Answer& a);

// Connects, checks the personality, and becomes a side channel.
int connect_locked(Channel& c) {
  if (c.fd >= 0) return 0;
  if (!personality_conflict().empty()) {
    say_once(personality_conflict());
    return EPROTONOSUPPORT;
  }
  const std::string where = path();
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  if (where.size() >= sizeof sa.sun_path) {
    say_once("the rtsockd socket path is too long: " + where);
    return ENAMETOOLONG;
  }
  std::memcpy(sa.sun_path, where.data(), where.size());
  int fd = real::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (fd < 0) return errno;
  if (real::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
    const int e = errno;
    real::close(fd);
    say_once("no rtsockd answers at " + where + " (" + std::strerror(e) + "); " + hint());
    return ECONNREFUSED;
  }
  fd = move_high(fd);
  timeval tv{kReplyTimeoutSeconds, 0};
  real::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  c.fd = fd;
  fds::set_hidden(fd, true);
  ++c.gen;

  Answer a;
  if (int e = exchange_json(c, proto::Op::hello, json::object(), a); e != 0) return e;
  auto j = a.json();
  c.hello.personality = jf::string(j, "personality").value_or("");
  c.hello.profile = jf::string(j, "profile").value_or("");
  c.hello.fibs = jf::integer_as<std::uint32_t>(j, "fibs").value_or(1);
  c.hello.dad_count = jf::integer_as<std::uint32_t>(j, "dad_count").value_or(1);
  c.hello.ip_dad_count = jf::integer_as<std::uint32_t>(j, "ip_dad_count").value_or(3);
  c.hello.privileged = jf::boolean(j, "privileged").value_or(false);
  if (c.hello.profile != profile().name) {
    say_once("rtsockd at " + where + " runs " + c.hello.personality + " (" + c.hello.profile +
             "), but this program was built for " + std::string(personality()) + " (" +
             profile().name + "); " + hint(true));
    drop(c);
    return EPROTONOSUPPORT;
  }
  if (int e = exchange_json(c, proto::Op::attach, json::object(), a); e != 0) return e;
  if (a.os_error != 0) {
    drop(c);
    return EPROTO;
  }
  // A new channel (a forked child's, an exec'd image's) starts in the
  // process's FIB; a daemon without that FIB leaves it in 0.
  load_fib(c);
  if (c.fib != 0)
    if (int e = fib_option(c, c.fib, a); e != 0) return e;
  return 0;
}

int fib_option(Channel& c, std::uint32_t fib, Answer& a) {
  const abi::Profile& p = profile();
  const int name = p.os == abi::Os::openbsd ? 0x1021 : 0x1014;
  std::vector<std::byte> v(4);
  for (std::size_t i = 0; i < 4; ++i)
    v[p.order == abi::ByteOrder::little ? i : 3 - i] = std::byte(static_cast<std::uint8_t>(fib >> (8 * i)));
  return exchange_json(c, proto::Op::setsockopt, {{"level", 0xffff}, {"name", name}, {"value", proto::to_hex(v)}}, a);
}

int attach_locked(Channel& c, RouteSock& rs) {
  if (int e = connect_locked(c); e != 0) return e;
  if (rs.handle != 0 && rs.gen == c.gen) return 0;
  Answer a;
  if (int e = exchange_json(c, proto::Op::attach, {{"name", rs.name}}, a); e != 0) return e;
  if (a.os_error != 0) return host_errno(a.os_error) == ENOENT ? ECONNRESET : host_errno(a.os_error);
  auto h = jf::integer_as<std::uint32_t>(a.json(), "handle");
  if (!h) return EPROTO;
  rs.handle = *h;
  rs.gen = c.gen;
  return 0;
}

void before_fork() { chan().m.lock(); }
void after_fork_parent() { chan().m.unlock(); }
void after_fork_child() {
  Channel& c = chan();
  // The parent's channel stays the parent's: the child opens its own, so
  // that the daemon stamps the child's pid.
  drop(c);
  ++c.gen;
  c.m.unlock();
}

}  // namespace

json Answer::json() const {
  auto j = jf::parse_object(payload);
  return j ? *j : nlohmann::json::object();
}

std::string path() { return client::default_socket_path(); }

int hello(Hello& out) {
  Channel& c = chan();
  std::lock_guard lock(c.m);
  if (int e = connect_locked(c); e != 0) return e;
  out = c.hello;
  return 0;
}

int request(proto::Op op, const nlohmann::json& req, Answer& out) {
  Channel& c = chan();
  std::lock_guard lock(c.m);
  if (int e = connect_locked(c); e != 0) return e;
  return exchange_json(c, op, req, out);
}

int request_for(RouteSock& rs, proto::Op op, nlohmann::json req, Answer& out) {
  Channel& c = chan();
  std::lock_guard lock(c.m);
  if (int e = attach_locked(c, rs); e != 0) return e;
  req["handle"] = rs.handle;
  return exchange_json(c, op, req, out);
}

int attach(RouteSock& rs) {
  Channel& c = chan();
  std::lock_guard lock(c.m);
  return attach_locked(c, rs);
}

int write(RouteSock& rs, const iovec* iov, int iovcnt, int& verdict) {
  if (iovcnt < 0 || iovcnt > UIO_MAXIOV - 2) return EINVAL;
  Channel& c = chan();
  std::lock_guard lock(c.m);
  if (int e = attach_locked(c, rs); e != 0) return e;
  std::byte handle[4];
  for (std::size_t i = 0; i < 4; ++i) handle[i] = std::byte((rs.handle >> (8 * i)) & 0xff);
  // Header, handle, then the program's buffers as they are: the kernel
  // copies them (EFAULT for a bad one, as write() would say).
  constexpr int kInline = 8;
  iovec inline_parts[kInline];
  std::vector<iovec> heap_parts;
  const int n = iovcnt + 2;
  iovec* parts = inline_parts;
  if (n > kInline) {
    heap_parts.resize(static_cast<std::size_t>(n));
    parts = heap_parts.data();
  }
  parts[1] = {handle, sizeof handle};
  for (int i = 0; i < iovcnt; ++i) parts[i + 2] = iov[i];
  Answer a;
  if (int e = exchange(c, proto::Op::write, parts, n, a); e != 0) return e;
  verdict = a.os_error;
  return 0;
}

std::uint32_t process_fib() {
  Channel& c = chan();
  std::lock_guard lock(c.m);
  load_fib(c);
  return c.fib;
}

int set_process_fib(int fib) {
  Channel& c = chan();
  std::lock_guard lock(c.m);
  load_fib(c);
  if (fib >= 0 && static_cast<std::uint32_t>(fib) == c.fib) return 0;
  if (int e = connect_locked(c); e != 0) return e;
  const bool openbsd = profile().os == abi::Os::openbsd;
  // OpenBSD: only root leaves a table other than 0 (sys_setrtable).
  if (openbsd && c.fib != 0 && !c.hello.privileged) return EPERM;
  if (fib < 0 || (!openbsd && static_cast<std::uint32_t>(fib) >= c.hello.fibs)) return EINVAL;
  Answer a;
  if (int e = fib_option(c, static_cast<std::uint32_t>(fib), a); e != 0) return e;
  if (a.os_error != 0) return host_errno(a.os_error);
  c.fib = static_cast<std::uint32_t>(fib);
  // exec keeps the process's FIB, as the kernel's proc does.
  char text[16];
  std::snprintf(text, sizeof text, "%u", c.fib);
  ::setenv(kFibVariable, text, 1);
  return 0;
}

void evacuate(int fd) {
  if (!fds::is_hidden(fd)) return;
  Channel& c = chan();
  std::lock_guard lock(c.m);
  if (c.fd != fd) return;
  const int moved = real::fcntl(c.fd, F_DUPFD_CLOEXEC, c.fd + 1);
  fds::set_hidden(c.fd, false);
  if (moved < 0) {  // no room: give the channel up, it reconnects when needed
    real::close(c.fd);
    c.fd = -1;
    ++c.gen;
    return;
  }
  real::close(c.fd);
  c.fd = moved;
  fds::set_hidden(moved, true);
}

void install_fork_handlers() { ::pthread_atfork(before_fork, after_fork_parent, after_fork_child); }

}  // namespace rtsock::compat::side
