// RoutingSocket: opening, packet I/O, requests matched to replies, the event
// stream. Socket options, sysctl and rtsockd's own requests are in
// control_calls.cpp.
#include "rtsock/client/routing_socket.hpp"

#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "host_socket.hpp"
#include "json_fields.hpp"
#include "rtsock/abi/errno.hpp"
#include "rtsock/codec/marshal.hpp"

namespace rtsock::client {
namespace {

namespace jf = json_fields;
using Clock = std::chrono::steady_clock;

tl::unexpected<Error> errno_error(int e) { return tl::unexpected(Error::from_errno(e)); }

#if defined(MSG_NOSIGNAL)
// A daemon that went away must be an EPIPE, not a SIGPIPE.
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;
#endif

int poll_timeout_ms(const std::optional<Clock::time_point>& deadline) {
  if (!deadline) return -1;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), INT_MAX));
}

int make_unix_socket() {
#if defined(SOCK_CLOEXEC)
  return ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
#else
  return ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
#endif
}

}  // namespace

std::string default_socket_path() {
  const char* env = std::getenv("RTSOCK_SOCKET");
  if (env != nullptr && *env != '\0') return env;
  return "/tmp/rtsockd.sock";
}

// ---- construction ----

RoutingSocket::RoutingSocket(int fd, Backend backend, const abi::Profile& profile)
    : fd_(fd), backend_(backend), profile_(&profile) {}

RoutingSocket::RoutingSocket(RoutingSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      backend_(other.backend_),
      profile_(other.profile_),
      session_(std::move(other.session_)),
      desync_type_(other.desync_type_),
      pending_(std::move(other.pending_)),
      pending_head_(std::exchange(other.pending_head_, 0)),
      pending_bytes_(std::exchange(other.pending_bytes_, 0)),
      max_pending_bytes_(other.max_pending_bytes_),
      receive_buffer_(std::move(other.receive_buffer_)),
      undecoded_(std::move(other.undecoded_)),
      next_control_id_(other.next_control_id_),
      control_timeout_(other.control_timeout_),
      busy_poll_(other.busy_poll_),
      use_loopback_(other.use_loopback_) {}

RoutingSocket& RoutingSocket::operator=(RoutingSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    backend_ = other.backend_;
    profile_ = other.profile_;
    session_ = std::move(other.session_);
    desync_type_ = other.desync_type_;
    pending_ = std::move(other.pending_);
    pending_head_ = std::exchange(other.pending_head_, 0);
    pending_bytes_ = std::exchange(other.pending_bytes_, 0);
    max_pending_bytes_ = other.max_pending_bytes_;
    receive_buffer_ = std::move(other.receive_buffer_);
    undecoded_ = std::move(other.undecoded_);
    next_control_id_ = other.next_control_id_;
    control_timeout_ = other.control_timeout_;
    busy_poll_ = other.busy_poll_;
    use_loopback_ = other.use_loopback_;
  }
  return *this;
}

RoutingSocket::~RoutingSocket() {
  if (fd_ >= 0) ::close(fd_);
}

Result<RoutingSocket> RoutingSocket::connect(ConnectOptions opt) {
  return connect(default_socket_path(), opt);
}

Result<RoutingSocket> RoutingSocket::connect(std::string_view path, ConnectOptions opt) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty()) return errno_error(EINVAL);
  if (path.size() >= sizeof addr.sun_path) return errno_error(ENAMETOOLONG);
  std::memcpy(addr.sun_path, path.data(), path.size());
  const int fd = make_unix_socket();
  if (fd < 0) return errno_error(errno);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int e = errno;
    ::close(fd);
    return errno_error(e);
  }
  return attach(fd, opt);
}

Result<RoutingSocket> RoutingSocket::attach(int fd, ConnectOptions opt) {
  // Until HELLO names the personality, errors are read with 4.4BSD's numbers.
  RoutingSocket s(fd, Backend::rtsockd, abi::default_profile());
  s.control_timeout_ = opt.control_timeout;
  s.busy_poll_ = opt.busy_poll;
  s.max_pending_bytes_ = opt.max_pending_bytes;
  if (auto r = s.hello(); !r) return tl::unexpected(r.error());
  if (opt.protocol != 0) {
    if (auto r = s.set_family(opt.protocol); !r) return tl::unexpected(r.error());
  }
  if (opt.status_reports) {
    if (auto r = s.set_status_reports(true); !r) return tl::unexpected(r.error());
  }
  return Result<RoutingSocket>(std::move(s));
}

Result<RoutingSocket> RoutingSocket::open_kernel(int protocol) {
  const abi::Profile* p = host::profile();
  if (p == nullptr) return errno_error(EAFNOSUPPORT);
  auto fd = host::open_route_socket(protocol);
  if (!fd) return tl::unexpected(fd.error());
  RoutingSocket s(*fd, Backend::kernel, *p);
  s.desync_type_ = p->type_number("RTM_DESYNC");
  s.session_.protocol_version = 0;
  s.session_.personality = std::string(abi::os_name(p->os));
  s.session_.profile = p->name;
  s.session_.os = std::string(abi::os_name(p->os));
  s.session_.uid = static_cast<std::uint32_t>(::getuid());
  s.session_.pid = static_cast<std::int32_t>(::getpid());
  s.session_.privileged = ::geteuid() == 0;
  s.session_.fibs = 1;
  return Result<RoutingSocket>(std::move(s));
}

Result<void> RoutingSocket::hello() {
  auto payload = control(proto::Op::hello, "{}");
  if (!payload) return tl::unexpected(payload.error());
  auto j = jf::parse_object(*payload);
  if (!j) return tl::unexpected(j.error());
  // "profile" is the exact ABI; a daemon that only names its personality
  // means that personality's default profile.
  auto name = jf::string(*j, "profile");
  if (!name) name = jf::string(*j, "personality");
  if (!name) return errno_error(EPROTO);
  const abi::Profile* p = abi::find_profile(*name);
  if (p == nullptr) return fail(codec_errc::unknown_profile);
  profile_ = p;
  desync_type_ = p->type_number("RTM_DESYNC");
  session_.protocol_version = jf::integer_as<int>(*j, "protocol").value_or(proto::kVersion);
  session_.profile = p->name;
  session_.personality = jf::string(*j, "personality").value_or(std::string(abi::os_name(p->os)));
  session_.os = jf::string(*j, "os").value_or(std::string(abi::os_name(p->os)));
  session_.socket = jf::integer_as<std::uint32_t>(*j, "socket").value_or(0);
  session_.uid = jf::integer_as<std::uint32_t>(*j, "uid").value_or(0);
  session_.pid = jf::integer_as<std::int32_t>(*j, "pid").value_or(0);
  session_.privileged = jf::boolean(*j, "privileged").value_or(false);
  session_.fibs = jf::integer_as<std::uint32_t>(*j, "fibs").value_or(1);
  return {};
}

// ---- packets ----

RoutingSocket::Deadline RoutingSocket::deadline_after(std::chrono::milliseconds timeout) {
  if (timeout.count() < 0) return std::nullopt;
  return Clock::now() + timeout;
}

int RoutingSocket::to_host_errno(int os_errno) const {
  if (os_errno <= 0) return os_errno == 0 ? 0 : EPROTO;
  // The kernel backend runs on the OS itself: its numbers are the host's.
  if (backend_ == Backend::kernel) return os_errno;
  return abi::host_errno(*profile_, os_errno);
}

void RoutingSocket::keep(Inbound&& in) {
  // Reclaim the consumed front before the vector would grow.
  if (pending_head_ > 0 && pending_.size() == pending_.capacity()) {
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pending_head_));
    pending_head_ = 0;
  }
  if (pending_bytes_ + in.bytes.size() > max_pending_bytes_) {
    // No room: one marker stands where the run of lost packets began.
    if (pending_.size() > pending_head_ && pending_.back().lost_here > 0)
      ++pending_.back().lost_here;
    else
      pending_.push_back(Inbound{{}, true, 1});
    return;
  }
  pending_bytes_ += in.bytes.size();
  pending_.push_back(std::move(in));
}

std::optional<RoutingSocket::Inbound> RoutingSocket::take_kept() {
  if (pending_head_ == pending_.size()) return std::nullopt;
  Inbound in = std::move(pending_[pending_head_++]);
  pending_bytes_ -= in.bytes.size();
  if (pending_head_ == pending_.size()) {
    pending_.clear();
    pending_head_ = 0;
  }
  return in;
}

Result<void> RoutingSocket::write_packet(std::span<const std::byte> bytes) {
  for (;;) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), kSendFlags);
    if (n >= 0) {
      // Datagram semantics: a packet goes whole or not at all.
      if (static_cast<std::size_t>(n) != bytes.size()) return errno_error(EMSGSIZE);
      return {};
    }
    if (errno != EINTR) return errno_error(errno);
  }
}

Result<RoutingSocket::Inbound> RoutingSocket::read_packet(Deadline deadline) {
  if (receive_buffer_.size() < proto::kMaxPacket) receive_buffer_.resize(proto::kMaxPacket);
  const auto spin_until = std::chrono::steady_clock::now() + busy_poll_;
  for (;;) {
    // While spinning, recvmsg itself is the poll (one syscall, not two).
    const bool spin = std::chrono::steady_clock::now() < spin_until;
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = spin ? 1 : ::poll(&pfd, 1, poll_timeout_ms(deadline));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno);
    }
    if (ready == 0) return errno_error(ETIMEDOUT);
    iovec iov{receive_buffer_.data(), receive_buffer_.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    const ssize_t n = ::recvmsg(fd_, &msg, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;  // spin or retry
      // SO_RERROR: the kernel dropped messages for this socket.
      if (errno == ENOBUFS) return Inbound{{}, true};
      return errno_error(errno);
    }
    // Neither peer ever sends an empty packet: 0 is the end of the stream.
    if (n == 0) return errno_error(ECONNRESET);
    if ((msg.msg_flags & MSG_TRUNC) != 0) return errno_error(EMSGSIZE);
    const auto len = static_cast<std::size_t>(n);
    return Inbound{
        {receive_buffer_.begin(), receive_buffer_.begin() + static_cast<std::ptrdiff_t>(len)},
        false};
  }
}

namespace {

// Makes room for `extra` more bytes at the end of a reply being gathered.
// A dump of a large table is hundreds of megabytes: its buffer doubles,
// and from 8 MiB on each new one is advised to use huge pages before it is
// touched, so the copy into it takes a few hundred page faults rather than
// a hundred thousand (they were a third of a 1M-route fetch_rib).
void reserve_more(std::vector<std::byte>& v, std::size_t extra) {
  const std::size_t need = v.size() + extra;
  if (need <= v.capacity()) return;
  const std::size_t cap = std::max(need, 2 * v.capacity());
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  if (cap < 4 * kHuge) {
    v.reserve(cap);
    return;
  }
  std::vector<std::byte> bigger;
  bigger.reserve(cap);
  const auto first = (reinterpret_cast<std::uintptr_t>(bigger.data()) + kHuge - 1) & ~(kHuge - 1);
  const auto last = (reinterpret_cast<std::uintptr_t>(bigger.data()) + cap) & ~(kHuge - 1);
  if (last > first)  // advice only: where it is refused, small pages serve
    (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  bigger.insert(bigger.end(), v.begin(), v.end());
  v.swap(bigger);
}

// A status packet's facts; EPROTO when its JSON is not what the protocol says.
Result<WriteStatus> read_status(const proto::Header& h, std::span<const std::byte> payload) {
  auto j = jf::parse_object(payload);
  if (!j) return tl::unexpected(j.error());
  WriteStatus st;
  st.os_errno = jf::integer_as<int>(*j, "error").value_or(h.error);
  st.pid = jf::integer_as<std::int32_t>(*j, "pid").value_or(0);
  st.seq = jf::integer_as<std::int32_t>(*j, "seq").value_or(0);
  st.type = jf::integer_as<std::uint8_t>(*j, "type").value_or(0);
  st.reply = jf::boolean(*j, "reply").value_or(false);
  return st;
}

}  // namespace

Result<std::vector<std::byte>> RoutingSocket::control(proto::Op op, std::string_view json,
                                                      std::size_t expect) {
  const std::uint32_t id = next_control_id_++;
  // Id 0 is the daemon's, for unsolicited packets.
  if (next_control_id_ == 0) next_control_id_ = 1;
  if (auto w = write_packet(proto::encode(proto::Header{op, 0, id, 0}, json)); !w)
    return tl::unexpected(w.error());
  std::vector<std::byte> payload;
  reserve_more(payload, expect);
  int os_error = 0;
  // The timeout measures the daemon's silence about this request: each
  // chunk of a long sysctl reply and each progress packet (the daemon is
  // busy, with this request or another's) restart it; other traffic does not.
  Deadline deadline = deadline_after(control_timeout_);
  for (;;) {
    auto in = read_packet(deadline);
    if (!in) return tl::unexpected(in.error());
    if (in->overflowed || !proto::is_control(in->bytes)) {
      keep(std::move(*in));
      continue;
    }
    auto h = proto::parse_header(in->bytes);
    if (h && h->op == proto::Op::progress) {
      deadline = deadline_after(control_timeout_);
      continue;
    }
    if (!h || h->op == proto::Op::status || h->op == proto::Op::overflow) {
      keep(std::move(*in));  // receive() reports these (malformed ones as errors)
      continue;
    }
    if (h->op != op || h->id != id) continue;  // the reply to a request that timed out
    if (os_error == 0) os_error = h->error;
    const auto body = proto::payload(in->bytes);
    reserve_more(payload, body.size());
    payload.insert(payload.end(), body.begin(), body.end());
    if ((h->flags & proto::kFlagMore) == 0) break;
    deadline = deadline_after(control_timeout_);
  }
  if (os_error != 0) return errno_error(to_host_errno(os_error));
  return payload;
}

Result<nlohmann::json> RoutingSocket::control_json(proto::Op op, const nlohmann::json& request) {
  if (backend_ == Backend::kernel) return errno_error(EOPNOTSUPP);
  auto payload = control(op, jf::dump(request));
  if (!payload) return tl::unexpected(payload.error());
  return jf::parse_object(*payload);
}

// ---- messages ----

std::int32_t RoutingSocket::next_seq() {
  static std::atomic<std::uint32_t> counter{0};
  for (;;) {
    const std::uint32_t n = (counter.fetch_add(1, std::memory_order_relaxed) + 1) & 0x7fffffffu;
    if (n != 0) return static_cast<std::int32_t>(n);
  }
}

Result<void> RoutingSocket::send(const codec::Message& m) {
  auto wire = codec::marshal(*profile_, m);
  if (!wire) return tl::unexpected(wire.error());
  return send_raw(*wire);
}

Result<void> RoutingSocket::send_raw(std::span<const std::byte> bytes) {
  // The daemon would take these bytes for one of its control packets.
  if (backend_ == Backend::rtsockd && proto::is_control(bytes)) return errno_error(EINVAL);
  return write_packet(bytes);
}

Result<std::size_t> RoutingSocket::send_batch(std::span<const codec::Message> ms) {
  std::vector<std::byte> wire;
  std::vector<std::size_t> ends;
  ends.reserve(ms.size());
  for (const codec::Message& m : ms) {
    if (auto n = codec::marshal(*profile_, m, wire); !n) {
      if (ends.empty()) return tl::unexpected(n.error());
      break;  // the ones before it still go
    }
    ends.push_back(wire.size());
  }
  std::vector<std::span<const std::byte>> packets;
  packets.reserve(ends.size());
  std::size_t at = 0;
  for (std::size_t end : ends) {
    packets.emplace_back(wire.data() + at, end - at);
    at = end;
  }
  return write_packets(packets);
}

Result<std::size_t> RoutingSocket::send_raw_batch(
    std::span<const std::span<const std::byte>> packets) {
  std::size_t n = 0;
  if (backend_ == Backend::rtsockd)
    while (n < packets.size() && !proto::is_control(packets[n])) ++n;
  else
    n = packets.size();
  if (n == 0 && !packets.empty()) return errno_error(EINVAL);
  return write_packets(packets.first(n));
}

Result<std::size_t> RoutingSocket::write_packets(
    std::span<const std::span<const std::byte>> packets) {
  std::size_t done = 0;
#if defined(__linux__)
  constexpr std::size_t kPerCall = 64;
  mmsghdr msgs[kPerCall];
  iovec iov[kPerCall];
  while (done < packets.size()) {
    const std::size_t k = std::min(kPerCall, packets.size() - done);
    for (std::size_t i = 0; i < k; ++i) {
      const auto& p = packets[done + i];
      iov[i] = {const_cast<std::byte*>(p.data()), p.size()};
      msgs[i] = {};
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    const int n = ::sendmmsg(fd_, msgs, static_cast<unsigned>(k), kSendFlags);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (done == 0) return errno_error(errno);
      break;
    }
    for (int i = 0; i < n; ++i) {
      // Datagram semantics: a packet goes whole or not at all.
      if (msgs[i].msg_len != iov[i].iov_len) {
        if (done == 0) return errno_error(EMSGSIZE);
        return done;
      }
      ++done;
    }
  }
#else
  for (; done < packets.size(); ++done)
    if (auto w = write_packet(packets[done]); !w) {
      if (done == 0) return tl::unexpected(w.error());
      break;
    }
#endif
  return done;
}

Result<codec::Message> RoutingSocket::request(codec::Message m, std::chrono::milliseconds timeout) {
  auto r = request_reply(std::move(m), timeout);
  if (!r) return tl::unexpected(r.error());
  if (!r->ok()) return tl::unexpected(r->error());
  if (!r->message) return errno_error(ENOMSG);
  return std::move(*r->message);
}

Result<Reply> RoutingSocket::request_reply(codec::Message m, std::chrono::milliseconds timeout) {
  Reply out;
  out.pid = session_.pid;
  out.seq = next_seq();
  m.set(abi::Field::pid, out.pid);
  m.set(abi::Field::seq, out.seq);
  auto wire = codec::marshal(*profile_, m);
  if (!wire) return tl::unexpected(wire.error());
  Deadline deadline = deadline_after(timeout);
  if (auto w = write_packet(*wire); !w) {
    // The kernel's write() error is the operation's outcome; whether a copy
    // follows depends on how far the kernel got, so none is waited for.
    if (backend_ != Backend::kernel) return tl::unexpected(w.error());
    out.os_errno = out.host_errno = w.error().code().value();
    return out;
  }
  if (backend_ == Backend::kernel && !use_loopback_) return out;  // succeeded; no copy comes

  // rtsockd sends a write's status before any copy of it (a raw echo whose
  // rtm_errno is 0 is preceded by the status that carries the error).
  std::optional<WriteStatus> status;
  for (;;) {
    auto in = read_packet(deadline);
    if (!in) return tl::unexpected(in.error());
    if (!in->overflowed && proto::is_control(in->bytes)) {
      auto h = proto::parse_header(in->bytes);
      if (h && h->op == proto::Op::progress) {  // busy with another client's dump
        deadline = deadline_after(timeout);
        continue;
      }
      if (h && h->op == proto::Op::status) {
        auto st = read_status(*h, proto::payload(in->bytes));
        if (st && st->pid == out.pid && st->seq == out.seq) {
          st->host_errno = to_host_errno(st->os_errno);
          if (!st->reply) {
            out.os_errno = st->os_errno;
            out.host_errno = st->host_errno;
            return out;
          }
          status = *st;
          continue;
        }
      }
    } else if (!in->overflowed) {
      auto v = codec::parse_message(in->bytes, *profile_);
      if (v && v->get(abi::Field::pid) == out.pid && v->get(abi::Field::seq) == out.seq) {
        out.message = v->to_message();
        int err = static_cast<int>(v->get(abi::Field::err));
        if (err == 0 && status) err = status->os_errno;
        out.os_errno = err;
        out.host_errno = to_host_errno(err);
        out.bytes = std::move(in->bytes);
        return out;
      }
    }
    keep(std::move(*in));
  }
}

Result<std::optional<Event>> RoutingSocket::decode(Inbound& in) const {
  Event ev;
  if (in.overflowed) {
    ev.kind = Event::Kind::overflow;
    ev.dropped = in.lost_here;
    ev.local = in.lost_here > 0;
    return ev;
  }
  if (backend_ == Backend::rtsockd && proto::is_control(in.bytes)) {
    auto h = proto::parse_header(in.bytes);
    if (!h) return errno_error(EPROTO);
    const auto payload = proto::payload(in.bytes);
    switch (h->op) {
      case proto::Op::status: {
        auto st = read_status(*h, payload);
        if (!st) return tl::unexpected(st.error());
        st->host_errno = to_host_errno(st->os_errno);
        ev.kind = Event::Kind::status;
        ev.status = *st;
        break;
      }
      case proto::Op::overflow: {
        auto j = jf::parse_object(payload);
        if (!j) return tl::unexpected(j.error());
        ev.kind = Event::Kind::overflow;
        ev.dropped = jf::integer_as<std::uint64_t>(*j, "dropped").value_or(0);
        break;
      }
      default:  // progress, or a reply nobody waits for any more
        return std::optional<Event>{};
    }
    ev.bytes = std::move(in.bytes);
    return ev;
  }
  auto v = codec::parse_message(in.bytes, *profile_);
  if (!v) return tl::unexpected(v.error());
  ev.kind =
      desync_type_ && v->type() == *desync_type_ ? Event::Kind::overflow : Event::Kind::message;
  ev.message = v->to_message();
  ev.bytes = std::move(in.bytes);
  return ev;
}

Result<Event> RoutingSocket::receive(std::chrono::milliseconds timeout) {
  const Deadline deadline = deadline_after(timeout);
  for (;;) {
    std::optional<Inbound> in = take_kept();
    if (!in) {
      auto read = read_packet(deadline);
      if (!read) return tl::unexpected(read.error());
      in = std::move(*read);
    }
    auto ev = decode(*in);
    if (!ev) {
      undecoded_ = std::move(in->bytes);
      return tl::unexpected(ev.error());
    }
    if (*ev) return std::move(**ev);
  }
}

}  // namespace rtsock::client
