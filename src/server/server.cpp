// rtsockd's I/O loop: epoll over the listening socket, the connections, a
// stop eventfd and (for the daemon) a signalfd; route expiry rides on the
// epoll timeout. One thread serves; the engine is never shared (a helper
// thread only sends progress packets while one request runs long:
// progress.hpp).
#include "rtsock/server/server.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <unordered_map>

#include "admission.hpp"
#include "connection.hpp"
#include "control.hpp"
#include "listener.hpp"
#include "progress.hpp"
#include "rtsock/abi/errno.hpp"
#include "rtsock/proto/control.hpp"

namespace rtsock::server {
namespace {

constexpr int kMaxEvents = 64;
// Packets read from one client per wakeup, so that a busy writer cannot
// starve the others.
constexpr int kReadsPerWakeup = 64;
// Packets one recvmmsg/sendmmsg moves: a pipelining client's writes, and the
// replies and copies queued for a connection, cross in batches. While busy
// polling, one recvmmsg per wake-up: it returns what is there (one packet for
// a request/reply client), never a call that only says EAGAIN.
constexpr std::size_t kBatch = 32;
// A client whose unread replies pass this stops being read until it catches
// up: its own requests wait, nobody else's.
constexpr std::size_t kReadPauseBytes = 8u << 20;
// Queued bytes that only replies (a dump) can make for a connection without
// privilege (copies stop at its rcvbuf, at most 4 MiB): held_replies().
constexpr std::size_t kHeldReplyBytes = (4u << 20) + proto::kMaxPacket;
// Longest sleep while a route is due to expire (the engine clock is in
// seconds and may be stepped).
constexpr int kMaxExpiryWaitMs = 1000;

void log_to_stderr(std::string_view line) {
  std::string text(line);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

struct Server::Impl final : Connections {
  ServerOptions opt;
  std::function<std::int64_t()> clock;
  std::unique_ptr<kernel::Engine> engine;
  Listener listener;
  int epfd = -1;
  int stopfd = -1;
  int sigfd = -1;
  int sparefd = -1;  // given up to accept and drop a client when out of descriptors
  bool accept_paused = false;  // the listener is out of epoll until a descriptor frees up
  int tablefd = -1;  // the engine's table: changes made by other hands (-1: none)
  Admission admission{0, 0};
  std::unordered_map<int, std::unique_ptr<Connection>> by_fd;
  std::unordered_map<kernel::SockId, Connection*> by_sock;
  // The compat library's routing sockets (by peer address) and side channels.
  std::unordered_map<std::uint32_t, Connection*> handles;
  std::unordered_map<std::string, Connection*> names;
  std::uint32_t next_handle = 1;
  std::vector<Connection*> dirty;
  std::vector<int> closed;
  ServerCounters counters;
  std::vector<kernel::Delivery> deliveries;
  std::vector<kernel::Packet> replies;
  // kBatch receive buffers of proto::kMaxPacket each (pages are touched
  // only as far as packets fill them).
  std::vector<std::byte> rxbuf = std::vector<std::byte>(kBatch * proto::kMaxPacket);
  int enobufs = 0;
  int epipe = 0;
  bool stopping = false;
  int exit_code = 0;
  ProgressWatch progress;  // tells waiting clients when a request runs long

  ~Impl();
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Connection* by_handle(std::uint32_t handle) override;
  Connection* by_name(std::string_view name) override;
  std::size_t held_replies(std::uint32_t uid) const override;
  template <class... A>
  void log(fmt::format_string<A...> f, A&&... a) {
    opt.log(fmt::format(f, std::forward<A>(a)...));
  }
  template <class... A>
  void log_verbose(fmt::format_string<A...> f, A&&... a) {
    if (opt.verbose) log(f, std::forward<A>(a)...);
  }

  Result<void> setup();
  bool watch(int fd, std::uint32_t events);
  int run();

  void accept_clients();
  void adopt_accepted();
  void adopt(int fd, std::string name);
  void read_from(Connection& c, std::uint32_t events);
  // Handles the packets a batch left (false: still backlogged).
  bool handle_held(Connection& c);
  void handle_packet(Connection& c, std::span<const std::byte> pkt);
  void handle_request(Connection& c, std::span<const std::byte> pkt);
  void routing_write(Connection& c, std::span<const std::byte> pkt);
  void control_request(Connection& c, std::span<const std::byte> pkt);
  void side_write(Connection& side, const proto::Header& h, std::span<const std::byte> payload);
  void deliver();
  void queue_reply(Connection& c, kernel::Packet p);
  void flush(Connection& c);
  void flush_dirty();
  void update_interest(Connection& c);
  // Too much waits for this client: its requests are not read until it catches up.
  bool backlogged(const Connection& c) const;
  void size_kernel_buffer(Connection& c);
  void drop_client(Connection& c, std::string_view why);
  void reap();
  OverflowMode overflow_mode(const Connection& c) const;
  int expiry_timeout() const;
  void run_expiry();
  void table_events();
  void signal_overflow();
};

Server::Impl::~Impl() {
  progress.stop();
  for (auto& [name_fd, name] : progress.take_accepted()) ::close(name_fd);
  for (auto& [fd, c] : by_fd) {
    if (engine) engine->close(c->sock);
    ::close(fd);
  }
  for (int fd : {epfd, stopfd, sigfd, sparefd})
    if (fd >= 0) ::close(fd);
}

Connection* Server::Impl::by_handle(std::uint32_t handle) {
  auto it = handles.find(handle);
  return it == handles.end() || it->second->closing ? nullptr : it->second;
}

std::size_t Server::Impl::held_replies(std::uint32_t uid) const {
  std::size_t n = 0;
  for (const auto& [fd, c] : by_fd)
    if (c->creds.uid == uid && !c->closing && c->out.total_bytes() >= kHeldReplyBytes) ++n;
  return n;
}

Connection* Server::Impl::by_name(std::string_view name) {
  auto it = names.find(std::string(name));
  if (it == names.end()) {
    // The library attaches right after connect() returns: the connection
    // may still wait in the listen backlog.
    accept_clients();
    it = names.find(std::string(name));
  }
  return it == names.end() || it->second->closing ? nullptr : it->second;
}

bool Server::Impl::watch(int fd, std::uint32_t events) {
  epoll_event ev{};
  ev.events = events;
  ev.data.fd = fd;
  return ::epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) == 0;
}

Result<void> Server::Impl::setup() {
  auto sys_failure = [&](const char* what) {
    const int e = errno;
    log("rtsockd: {}: {}", what, std::strerror(e));
    return tl::unexpected(Error::from_errno(e));
  };
  admission = Admission(opt.max_clients, opt.max_clients_per_uid);
  epfd = ::epoll_create1(EPOLL_CLOEXEC);
  if (epfd < 0) return sys_failure("epoll_create1");
  stopfd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stopfd < 0) return sys_failure("eventfd");
  sparefd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (opt.handle_signals) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    if (::pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return sys_failure("pthread_sigmask");
    sigfd = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sigfd < 0) return sys_failure("signalfd");
  }
  std::string why;
  auto l = Listener::open(opt.socket_path, why);
  if (!l) {
    log("rtsockd: {}", why);
    return tl::unexpected(l.error());
  }
  listener = std::move(*l);
  tablefd = engine->table_fd();
  for (int fd : {listener.fd(), stopfd, sigfd, tablefd})
    if (fd >= 0 && !watch(fd, EPOLLIN)) return sys_failure("epoll_ctl");
  return {};
}

// ---- connections ----

void Server::Impl::accept_clients() {
  for (;;) {
    const int fd = ::accept4(listener.fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) {
        // Linux says EMFILE before it looks at the backlog: take the waiting
        // client off it (so that the listener stops firing) and stop when
        // there is none, or this loop never ends.
        const int e = errno;
        const int refused = sparefd >= 0 && ::close(sparefd) == 0
                                ? ::accept4(listener.fd(), nullptr, nullptr, SOCK_CLOEXEC)
                                : -1;
        if (refused >= 0) {
          ::close(refused);
          log("rtsockd: accept: {}; refused a client", std::strerror(e));
        }
        sparefd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (refused >= 0) continue;
        // No spare descriptor left to refuse with: stop listening until a
        // connection closes.
        if (sparefd < 0 && !accept_paused &&
            ::epoll_ctl(epfd, EPOLL_CTL_DEL, listener.fd(), nullptr) == 0)
          accept_paused = true;
        return;
      }
      if (errno != EAGAIN && errno != EWOULDBLOCK) log("rtsockd: accept: {}", std::strerror(errno));
      return;
    }
    adopt(fd, compat_name(fd));
  }
}

// Those the progress thread accepted while a long request held the loop.
void Server::Impl::adopt_accepted() {
  for (auto& [fd, name] : progress.take_accepted()) adopt(fd, std::move(name));
}

void Server::Impl::adopt(int fd, std::string name) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
    log("rtsockd: SO_PEERCRED: {}", std::strerror(errno));
    ::close(fd);
    return;
  }
  // A packet larger than the send buffer fails with EMSGSIZE: make room
  // for the largest one where the host default is small (Linux doubles
  // the value set).
  int sndbuf = 0;
  len = sizeof sndbuf;
  if (::getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) == 0 &&
      sndbuf < static_cast<int>(2 * proto::kMaxPacket)) {
    sndbuf = static_cast<int>(proto::kMaxPacket);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  }
  if (std::string why = admission.admit(fd, cred.uid, opt.engine.privileged_uids.contains(cred.uid),
                                        by_fd.size());
      !why.empty()) {
    ::close(fd);
    if (std::uint64_t n = 0; admission.log_refusal(n))
      log("rtsockd: refused {}: {}", n == 1 ? "a client" : fmt::format("{} clients", n), why);
    return;
  }
  const kernel::Creds creds{.uid = cred.uid, .pid = cred.pid};
  auto sock = engine->open(creds, 0);
  if (!sock) {
    log("rtsockd: cannot open a routing socket for pid {}: {}", cred.pid, sock.error().message());
    admission.left(cred.uid);
    ::close(fd);
    return;
  }
  auto conn = std::make_unique<Connection>(
      fd, *sock, creds, OutQueue(opt.rcvbuf, enobufs, engine->desync_message()));
  conn->events = EPOLLIN | EPOLLRDHUP;
  if (!watch(fd, conn->events)) {
    log("rtsockd: epoll_ctl: {}", std::strerror(errno));
    engine->close(*sock);
    admission.left(cred.uid);
    ::close(fd);
    return;
  }
  by_sock[*sock] = conn.get();
  conn->handle = next_handle++;
  if (next_handle == 0) next_handle = 1;
  handles[conn->handle] = conn.get();
  conn->name = std::move(name);
  if (!conn->name.empty()) {
    names[conn->name] = conn.get();
    size_kernel_buffer(*conn);
  } else {
    progress.add(fd);  // compat routing sockets carry routing messages only
  }
  by_fd[fd] = std::move(conn);
  ++counters.clients;
  ++counters.connections;
  log_verbose("rtsockd: client connected: socket {}, uid {}, pid {}", *sock, cred.uid, cred.pid);
}

void Server::Impl::drop_client(Connection& c, std::string_view why) {
  if (c.closing) return;
  c.closing = true;
  log_verbose("rtsockd: client disconnected: socket {}, uid {}, pid {}{}{}", c.sock, c.creds.uid,
              c.creds.pid, why.empty() ? "" : ": ", why);
  ::epoll_ctl(epfd, EPOLL_CTL_DEL, c.fd, nullptr);
  engine->close(c.sock);
  admission.left(c.creds.uid);
  by_sock.erase(c.sock);
  handles.erase(c.handle);
  if (auto it = names.find(c.name); !c.name.empty() && it != names.end() && it->second == &c)
    names.erase(it);
  closed.push_back(c.fd);
  --counters.clients;
}

// Connections are freed only between batches of events: pointers to them
// live in the batch.
void Server::Impl::reap() {
  for (int fd : closed) {
    progress.remove(fd);
    ::close(fd);
    by_fd.erase(fd);
  }
  if (!closed.empty() && accept_paused) {
    if (sparefd < 0) sparefd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (watch(listener.fd(), EPOLLIN)) accept_paused = false;
  }
  closed.clear();
}

bool Server::Impl::backlogged(const Connection& c) const {
  return c.out.total_bytes() >= std::max(kReadPauseBytes, 2 * c.out.bound());
}

void Server::Impl::update_interest(Connection& c) {
  if (c.closing) return;
  std::uint32_t want = 0;
  if (!c.read_closed && !backlogged(c)) want |= EPOLLIN | EPOLLRDHUP;
  if (!c.out.empty()) want |= EPOLLOUT;
  if (want == c.events) return;
  epoll_event ev{};
  ev.events = want;
  ev.data.fd = c.fd;
  if (::epoll_ctl(epfd, EPOLL_CTL_MOD, c.fd, &ev) == 0) c.events = want;
}

// A compat routing socket receives nothing but routing messages, so the
// kernel's buffer between us and the program can be as small as the
// socket's SO_RCVBUF: then a program that stops reading overflows where it
// would on a BSD, instead of after hundreds of kilobytes in two queues.
void Server::Impl::size_kernel_buffer(Connection& c) {
  if (c.name.empty()) return;
  const int want = static_cast<int>(std::min<std::size_t>(c.out.bound(), 1u << 20));
  ::setsockopt(c.fd, SOL_SOCKET, SO_SNDBUF, &want, sizeof want);
}

// ---- input ----

void Server::Impl::read_from(Connection& c, std::uint32_t events) {
  // A client that hung up still gets its last writes executed, as a
  // process's write() completes before its close().
  const bool gone = (events & (EPOLLHUP | EPOLLERR)) != 0;
  const bool half_closed = (events & EPOLLRDHUP) != 0;
  if (gone && !c.send_closed) {  // nothing more reaches it: keep nothing for it
    c.send_closed = true;
    c.out.clear();
  }
  const bool spin = opt.busy_poll.count() > 0;
  mmsghdr msgs[kBatch];
  iovec iov[kBatch];
  int got = 0;
  for (bool first = true; !c.closing && !c.read_closed; first = false) {
    if (!handle_held(c)) break;
    if (!gone && !half_closed &&
        ((spin && !first) || got >= kReadsPerWakeup || (c.events & EPOLLIN) == 0))
      break;
    for (std::size_t i = 0; i < kBatch; ++i) {
      iov[i] = {rxbuf.data() + i * proto::kMaxPacket, proto::kMaxPacket};
      msgs[i] = {};
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    const int n = ::recvmmsg(c.fd, msgs, static_cast<unsigned>(kBatch), MSG_DONTWAIT, nullptr);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (gone) drop_client(c, {});
        break;
      }
      drop_client(c, std::strerror(errno));
      break;
    }
    got += n;
    bool stop = n == 0;
    for (int i = 0; i < n && !stop; ++i) {
      const std::size_t len = msgs[i].msg_len;
      if (len == 0 && (gone || half_closed)) {
        // End of stream, or an empty packet: recvmsg cannot tell them
        // apart on SEQPACKET, the poll events can.
        if (gone)
          drop_client(c, {});
        else
          c.read_closed = true;  // shutdown(SHUT_WR) by the client: it may still read
        stop = true;
        break;
      }
      if ((msgs[i].msg_hdr.msg_flags & MSG_TRUNC) != 0)
        log_verbose("rtsockd: socket {}: a packet over {} bytes was truncated", c.sock,
                    proto::kMaxPacket);
      const std::span<const std::byte> pkt(static_cast<const std::byte*>(iov[i].iov_base), len);
      // Every request may queue a reply (a sysctl dump, all of it): check
      // the backlog per packet, not per batch, or one batch of dump
      // requests (or a hung-up client's last ones) multiplies the table in
      // memory. What the batch still holds waits for the client.
      if (!c.held.empty() || (backlogged(c) && (flush(c), !c.closing && backlogged(c)))) {
        c.held.emplace_back(pkt.begin(), pkt.end());
        continue;
      }
      if (c.closing) break;
      handle_packet(c, pkt);
    }
    if (stop) break;
  }
  flush_dirty();
  update_interest(c);
}

bool Server::Impl::handle_held(Connection& c) {
  while (!c.held.empty()) {
    if (c.closing) return false;
    if (backlogged(c)) {
      flush(c);  // a client that has gone takes its queue with it
      if (c.closing || backlogged(c)) return false;
    }
    const std::vector<std::byte> pkt = std::move(c.held.front());
    c.held.pop_front();
    handle_packet(c, pkt);
  }
  return !c.closing;
}

void Server::Impl::handle_packet(Connection& c, std::span<const std::byte> pkt) {
  progress.begin(c.fd);
  handle_request(c, pkt);
  progress.end();
}

void Server::Impl::handle_request(Connection& c, std::span<const std::byte> pkt) {
  // Whatever the table heard before the request goes out first, and the
  // request sees the table as it is now.
  table_events();
  if (proto::is_control(pkt)) {
    if (auto h = proto::parse_header(pkt); h && h->op == proto::Op::write) {
      side_write(c, *h, proto::payload(pkt));
      return;
    }
    control_request(c, pkt);
  } else {
    routing_write(c, pkt);
  }
  table_events();
}

void Server::Impl::routing_write(Connection& c, std::span<const std::byte> pkt) {
  deliveries.clear();
  kernel::WriteResult r;
  if (c.shut_wr) {
    r.error = epipe;
  } else {
    r = engine->write(c.sock, pkt, deliveries);
  }
  if (c.status && needs_status(r)) queue_reply(c, status_packet(engine->profile(), r, pkt));
  deliver();
}

void Server::Impl::control_request(Connection& c, std::span<const std::byte> pkt) {
  // A request that only reads is moot once its reply can go nowhere (a dump
  // for a client that hung up would be built for nothing).
  if (pkt.size() > 5) {
    const auto op = static_cast<proto::Op>(std::to_integer<std::uint8_t>(pkt[5]));
    const bool reads_only = op == proto::Op::sysctl || op == proto::Op::hello ||
                            op == proto::Op::stats || op == proto::Op::getsockopt;
    // The client may have gone since this wake-up's events (killed after
    // writing a dump request): one poll before a dump spares seconds of
    // building on a large table.
    if (reads_only && !c.send_closed && op == proto::Op::sysctl) {
      pollfd p{c.fd, 0, 0};
      if (::poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR)) != 0) {
        c.send_closed = true;
        c.out.clear();
      }
    }
    if (reads_only && c.send_closed) return;
  }
  deliveries.clear();
  replies.clear();
  const kernel::SockId before = c.sock;
  const auto stream = [this, &c](kernel::Packet p) {
    queue_reply(c, std::move(p));
    flush(c);
  };
  ControlContext ctx{*engine, opt.engine.personality, c, counters, deliveries, this,
                     nullptr, 0,       stream, 0};
  ++counters.control;
  const int error = handle_control(ctx, pkt, replies);
  if (error != 0) {
    ++counters.control_errors;
    log_verbose("rtsockd: socket {}: control request failed with errno {}", c.sock, error);
  }
  if (c.sock != before) {  // the "socket" op reopened it
    by_sock.erase(before);
    by_sock[c.sock] = &c;
  }
  if (Connection* t = ctx.acted_on; t != nullptr && t->sock != ctx.acted_on_before) {
    by_sock.erase(ctx.acted_on_before);
    by_sock[t->sock] = t;
  }
  if (ctx.acted_on != nullptr) size_kernel_buffer(*ctx.acted_on);
  if (c.side) {
    // A compat program's ioctl or setsockopt returns only after the
    // messages it caused are on its routing sockets, as a system call does.
    deliver();
    flush_dirty();
    for (auto& p : replies) queue_reply(c, std::move(p));
    return;
  }
  // The reply first, then the messages the request caused.
  for (auto& p : replies) queue_reply(c, std::move(p));
  deliver();
}

// A compat library's write() on one of its routing sockets: executed as
// that socket's write by the side channel's process, then answered with
// the verdict once the copies it caused (the writer's reply first) have
// been handed to the kernel, so that a read() after write() returns finds
// the reply waiting.
void Server::Impl::side_write(Connection& side, const proto::Header& h,
                              std::span<const std::byte> payload) {
  ++counters.control;
  int error = 0;
  Connection* target = nullptr;
  if (payload.size() >= 4) {
    std::uint32_t handle = 0;
    for (std::size_t i = 0; i < 4; ++i)
      handle |= std::to_integer<std::uint32_t>(payload[i]) << (8 * i);
    target = side.side ? by_handle(handle) : nullptr;
  }
  if (target == nullptr || !may_act_on(*engine, side, *target)) {
    error = abi::os_errno(engine->profile(), EBADF);
    ++counters.control_errors;
  } else if (target->shut_wr) {
    error = epipe;
  } else {
    deliveries.clear();
    const kernel::Creds writer = side.creds;
    error = engine->write_as(target->sock, writer, payload.subspan(4), deliveries).error;
    deliver();
    flush(*target);
  }
  queue_reply(side, std::make_shared<const std::vector<std::byte>>(
                        proto::encode({.op = proto::Op::write, .flags = 0, .id = h.id, .error = error})));
}

// ---- output ----

OverflowMode Server::Impl::overflow_mode(const Connection& c) const {
  const kernel::SockState* s = engine->socket(c.sock);
  if (s != nullptr && s->rerror) return OverflowMode::rerror;
  if (engine->profile().os == abi::Os::openbsd) return OverflowMode::desync;
  return OverflowMode::silent;
}

void Server::Impl::queue_reply(Connection& c, kernel::Packet p) {
  if (c.send_closed) return;
  c.out.push(std::move(p));
  if (!c.dirty) {
    c.dirty = true;
    dirty.push_back(&c);
  }
}

void Server::Impl::deliver() {
  for (const kernel::Delivery& d : deliveries) {
    auto it = by_sock.find(d.to);
    if (it == by_sock.end()) continue;
    Connection& c = *it->second;
    if (c.send_closed) continue;
    if (!c.out.offer(d.bytes, overflow_mode(c))) ++counters.drops;
    // A socket already waiting for room (EPOLLOUT) is flushed when the room
    // comes; trying now would cost a failing send() per message, and a
    // listener that never reads would slow every writer.
    if (!c.dirty && (c.events & EPOLLOUT) == 0) {
      c.dirty = true;
      dirty.push_back(&c);
    }
  }
  deliveries.clear();
}

void Server::Impl::flush_dirty() {
  for (Connection* c : dirty) {
    c->dirty = false;
    flush(*c);
  }
  dirty.clear();
}

void Server::Impl::flush(Connection& c) {
  mmsghdr msgs[kBatch];
  iovec iov[kBatch];
  while (!c.closing) {
    std::size_t k = 0;
    for (; k < kBatch; ++k) {
      const kernel::Packet* p = c.out.at(k);
      if (p == nullptr) break;
      iov[k] = {const_cast<std::byte*>((*p)->data()), (*p)->size()};
      msgs[k] = {};
      msgs[k].msg_hdr.msg_iov = &iov[k];
      msgs[k].msg_hdr.msg_iovlen = 1;
    }
    if (k == 0) break;
    // sendmmsg reports an error only for the batch's first packet; a later
    // one's comes back on the next call.
    const int n = ::sendmmsg(c.fd, msgs, static_cast<unsigned>(k), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      if (errno == EPIPE || errno == ECONNRESET) {
        // The client has gone; its hang-up event, after its last writes
        // have been read, closes the connection.
        c.send_closed = true;
        c.out.clear();
        break;
      }
      // The packet itself cannot go (EMSGSIZE): lose it, not the client.
      log("rtsockd: socket {}: send of {} bytes: {}", c.sock, iov[0].iov_len, std::strerror(errno));
      c.out.pop();
      continue;
    }
    for (int i = 0; i < n; ++i) c.out.pop();
  }
  update_interest(c);
}

// ---- expiry ----

int Server::Impl::expiry_timeout() const {
  const auto next = engine->next_expiry();
  if (!next) return -1;
  const std::int64_t now = clock();
  if (*next <= now) return 0;
  const std::int64_t ms = (*next - now) * 1000;
  return static_cast<int>(std::min<std::int64_t>(ms, kMaxExpiryWaitMs));
}

void Server::Impl::run_expiry() {
  const auto next = engine->next_expiry();
  if (!next || *next > clock()) return;
  deliveries.clear();
  engine->expire(deliveries);
  deliver();
  flush_dirty();
}

// ---- changes made by other hands ----

void Server::Impl::table_events() {
  if (tablefd < 0 || stopping) return;
  deliveries.clear();
  const kernel::Engine::TableEvents ev = engine->table_events(deliveries);
  deliver();
  if (ev.lost) {
    log("rtsockd: the table's change notices overflowed; resynchronised, listeners told");
    signal_overflow();
  }
  if (ev.error != 0) {
    log("rtsockd: the table is gone: {}", std::strerror(ev.error));
    stopping = true;
    exit_code = 1;
  }
}

// Every listener may have missed messages: each gets its personality's
// overflow signal, as if its own queue had overflowed.
void Server::Impl::signal_overflow() {
  for (auto& [fd, c] : by_fd) {
    if (c->closing || c->send_closed) continue;
    c->out.signal_loss(overflow_mode(*c));
    if (!c->dirty) {
      c->dirty = true;
      dirty.push_back(c.get());
    }
  }
}

// ---- the loop ----

int Server::Impl::run() {
  epoll_event events[kMaxEvents];
  using Clock = std::chrono::steady_clock;
  Clock::time_point active_until{};
  progress.start(listener.fd(), opt.progress_interval);
  while (!stopping) {
    if (progress.has_accepted()) adopt_accepted();
    const bool spin = opt.busy_poll.count() > 0 && Clock::now() < active_until;
    const int n = ::epoll_wait(epfd, events, kMaxEvents, spin ? 0 : expiry_timeout());
    if (n > 0 && opt.busy_poll.count() > 0) active_until = Clock::now() + opt.busy_poll;
    if (n < 0) {
      if (errno == EINTR) continue;
      log("rtsockd: epoll_wait: {}", std::strerror(errno));
      return 1;
    }
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      const std::uint32_t ev = events[i].events;
      if (fd == stopfd) {
        std::uint64_t count = 0;
        if (::read(stopfd, &count, sizeof count) < 0 && errno != EAGAIN)
          log("rtsockd: eventfd: {}", std::strerror(errno));
        stopping = true;
      } else if (fd == sigfd) {
        signalfd_siginfo si{};
        if (::read(sigfd, &si, sizeof si) == static_cast<ssize_t>(sizeof si))
          log_verbose("rtsockd: {}, exiting", strsignal(static_cast<int>(si.ssi_signo)));
        stopping = true;
      } else if (fd == listener.fd()) {
        accept_clients();
      } else if (fd == tablefd) {
        table_events();
      } else if (auto it = by_fd.find(fd); it != by_fd.end() && !it->second->closing) {
        Connection& c = *it->second;
        // Reading first: a client's last writes count even if it has gone.
        if ((ev & (EPOLLHUP | EPOLLERR)) != 0 && c.read_closed) {
          drop_client(c, {});
        } else if ((ev & (EPOLLIN | EPOLLHUP | EPOLLRDHUP | EPOLLERR)) != 0) {
          read_from(c, ev);
        }
        if ((ev & EPOLLOUT) != 0 && !c.closing) {
          flush(c);
          // Caught up: what the last batch held runs now (the socket may
          // have nothing more to read, so no EPOLLIN would come for it).
          if (!c.held.empty() && !c.closing && !backlogged(c)) read_from(c, 0);
        }
      }
    }
    run_expiry();
    flush_dirty();
    reap();
  }
  progress.stop();
  return exit_code;
}

// ---- Server ----

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(ServerOptions opt) {
  auto impl = std::make_unique<Impl>();
  if (!opt.log) opt.log = log_to_stderr;
  if (opt.socket_path.empty()) opt.socket_path = default_socket_path();
  if (!opt.engine.clock)
    opt.engine.clock = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
  impl->clock = opt.engine.clock;
  impl->opt = std::move(opt);
  Impl& im = *impl;

  auto engine = kernel::Engine::create(im.opt.engine);
  if (!engine) {
    im.log("rtsockd: cannot start the engine for personality {}: {}", im.opt.engine.personality,
           engine.error().message());
    return tl::unexpected(engine.error());
  }
  im.engine = std::move(*engine);
  im.enobufs = abi::os_errno(im.engine->profile(), ENOBUFS);
  im.epipe = abi::os_errno(im.engine->profile(), EPIPE);
  if (auto r = boot(*im.engine, im.opt.boot); !r) {
    im.log("rtsockd: {}", r.error().str());
    return tl::unexpected(Error::from_errno(EINVAL));
  }
  // The statements are in the table now: a 1M-route configuration held on
  // would cost more than the table itself. malloc_trim hands the pages back.
  std::vector<Statement>().swap(im.opt.boot.statements);
  ::malloc_trim(0);
  if (auto r = im.setup(); !r) return tl::unexpected(r.error());
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::run() { return impl_->run(); }

void Server::stop() {
  const std::uint64_t one = 1;
  // Nothing to do if it fails: the counter is already non-zero.
  [[maybe_unused]] const ssize_t n = ::write(impl_->stopfd, &one, sizeof one);
}

const std::string& Server::path() const { return impl_->listener.path(); }

kernel::Engine& Server::engine() { return *impl_->engine; }

}  // namespace rtsock::server
