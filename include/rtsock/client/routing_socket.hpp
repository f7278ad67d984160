// rtsock/client/routing_socket.hpp — a routing socket for programs.
//
// RoutingSocket is what socket(PF_ROUTE, SOCK_RAW, 0) gives a BSD program,
// with the helpers every routing daemon writes by hand: typed messages in
// and out, RTM_GET-style requests matched to their reply by (pid, seq), a
// monitor stream that reports overflow, the socket options of every BSD, and
// the sysctl dumps. It speaks either to rtsockd (any host: the daemon's
// personality decides the wire format) or, on a BSD host, to the kernel.
//
//   auto rs = rtsock::RoutingSocket::connect();          // $RTSOCK_SOCKET or /tmp/rtsockd.sock
//   if (!rs) return fail(rs.error().message());
//   const auto& p = rs->profile();
//   auto get = rtsock::codec::Message::make(p, *p.type_number("RTM_GET"));
//   get.set_addr(rtsock::abi::kDst, *rtsock::codec::Sockaddr::parse_ip("192.0.2.1"));
//   auto reply = rs->request(get);                        // Result<codec::Message>; ESRCH, ...
//
//   for (;;) {                                            // route monitor
//     auto ev = rs->receive();
//     if (!ev) { report(ev.error()); continue; }          // one bad packet; the stream goes on
//     if (ev->is_overflow()) redump();                    // messages were lost
//     else if (ev->message) print(*ev->message);
//   }
//
// Errors are Result values and never exceptions. Errno values are the host's
// (Error::from_errno): numbers the daemon reports in the personality's
// numbering are translated with abi::host_errno, and the untranslated number
// is kept where it matters (Reply::os_errno, WriteStatus::os_errno).
//
// A RoutingSocket is not thread-safe: like a FILE, one thread uses it at a
// time. It owns its descriptor (closed by the destructor), moves, and does
// not copy.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/nexthop.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/proto/control.hpp"
#include "rtsock/result.hpp"

namespace rtsock::client {

// A negative timeout waits for ever.
inline constexpr std::chrono::milliseconds kWaitForever{-1};
inline constexpr std::chrono::milliseconds kDefaultTimeout{5000};
// ConnectOptions::max_pending_bytes: four times rtsockd's default rcvbuf.
inline constexpr std::size_t kDefaultMaxPending = std::size_t{1} << 20;

// The rtsockd socket: $RTSOCK_SOCKET when set and not empty, else
// "/tmp/rtsockd.sock". The daemon (rtsock::server::default_socket_path)
// follows the same rule, so a client and a daemon started in the same
// environment meet without configuration.
std::string default_socket_path();

// sysctl({CTL_NET, PF_ROUTE, 0, af, NET_RT_*, arg}) operations that every BSD
// numbers alike. Others are the OS's own (FreeBSD NET_RT_IFLISTL 5, Darwin
// NET_RT_DUMP2 7, OpenBSD NET_RT_TABLE 5, ...) and are passed as numbers.
namespace net_rt {
inline constexpr int dump = 1;    // every route (arg: 0; OpenBSD: priority filter)
inline constexpr int flags = 2;   // routes with all of the rtm_flags bits in arg
inline constexpr int iflist = 3;  // interfaces and their addresses (arg: ifindex or 0), but:
// NET_RT_IFLIST as the profile's OS numbers it: 3, except NetBSD (6 since
// NetBSD 8, 5 before, where 3 is the old format the daemon does not serve).
inline int iflist_of(const abi::Profile& p) {
  if (p.os == abi::Os::netbsd) return p.os_version >= 8 ? 6 : 5;
  return iflist;
}
// FreeBSD 13+: the nexthop objects / nexthop groups of one (FIB, family); the
// FIB is required (fetch_rib's fib) and af must be AF_INET or AF_INET6.
// Records: an RTM_GET rt_msghdr, then struct nhop_external / nhgrp_external
// (docs/research/freebsd-nexthops.md).
inline constexpr int nhop_freebsd = 6;
inline constexpr int nhgrp_freebsd = 7;
}  // namespace net_rt

// Socket option numbers (wire-and-kernel.md A.11), in the OS's numbering.
namespace sockopt {
inline constexpr int sol_socket = 0xffff;          // SOL_SOCKET on every BSD
inline constexpr int so_useloopback = 0x40;        // all
inline constexpr int so_rcvbuf = 0x1002;           // all
inline constexpr int so_setfib = 0x1014;           // FreeBSD
inline constexpr int so_rtable = 0x1021;           // OpenBSD: the socket's routing table
inline constexpr int so_rerror_freebsd = 0x20000;  // FreeBSD 13+
inline constexpr int so_rerror_netbsd = 0x4000;    // NetBSD 9+
inline constexpr int so_rerror_dragonfly = 0x2000;
// At level PF_ROUTE (Profile::af_route: 17 on OpenBSD, 34 on NetBSD).
inline constexpr int route_msgfilter = 1;    // OpenBSD: u_int, bit 1 << rtm_type
inline constexpr int route_tablefilter = 2;  // OpenBSD: u_int table id, 0xffffffff any
inline constexpr int route_priofilter = 3;   // OpenBSD: u_int, pass rtm_priority <= value
inline constexpr int route_flagfilter = 4;   // OpenBSD: u_int, drop when rtm_flags has any
inline constexpr int ro_msgfilter = 1;       // NetBSD: u_char rtm_type values
}  // namespace sockopt

enum class Backend : std::uint8_t {
  rtsockd,  // a connection to the daemon (SOCK_SEQPACKET, control packets)
  kernel,   // the host's own PF_ROUTE socket (BSD hosts only)
};

struct ConnectOptions {
  // socket(PF_ROUTE, SOCK_RAW, protocol): 0 receives every family; the OS's
  // AF_INET / AF_INET6 number restricts the socket to that family.
  int protocol = 0;
  // Ask rtsockd for status packets (WriteStatus): without them a write that
  // fails with no reply copy (SO_USELOOPBACK off, OpenBSD's early errors)
  // cannot be told from one that succeeded, and request() waits until its
  // timeout instead of returning the error.
  bool status_reports = true;
  // How long one control exchange (hello, setsockopt, sysctl, ...) may wait
  // in silence: each packet of its reply, and each progress packet the
  // daemon sends while busy (a dump of a large table), restarts it. A dump
  // of any size therefore never times out on a daemon that is working.
  std::chrono::milliseconds control_timeout = kDefaultTimeout;
  // A read first polls the socket without sleeping for this long, then
  // blocks in poll(): a reply that comes within it costs no wake-up (the
  // round trip of request() roughly halves). 0 turns it off.
  std::chrono::microseconds busy_poll{50};
  // Bytes of packets kept for receive() while request() or a control call
  // waits for its answer (see pending()). Past this bound further packets
  // are dropped, and one overflow event with Event::local set and
  // Event::dropped = the number of packets lost takes their place in the
  // stream, as the kernel's ENOBUFS would: re-dump what you track. The
  // answer being waited for is never dropped. Change it with
  // set_pending_limit().
  std::size_t max_pending_bytes = kDefaultMaxPending;
};

// What the daemon said in its HELLO reply (or, for the kernel, the local
// process's view of the same facts).
struct SessionInfo {
  int protocol_version = 0;  // the daemon's protocol (proto::kVersion); 0 on the kernel
  std::string personality;   // "freebsd"
  std::string profile;       // "freebsd14-amd64": the abi::Profile in use
  std::string os;            // "freebsd"
  std::uint32_t socket = 0;  // the daemon's number for this socket
  std::uint32_t uid = 0;     // who the daemon thinks we are (SO_PEERCRED)
  std::int32_t pid = 0;      // the pid it writes into our messages' rtm_pid
  bool privileged = false;   // may change routes and interfaces
  std::uint32_t fibs = 1;    // FreeBSD net.fibs / OpenBSD rtables
};

// The outcome of a routing write that the sender sees in no reply copy
// (rtsockd's `status` packet): SO_USELOOPBACK off, an OpenBSD error raised
// before a reply exists, or an echo of the raw bytes that does not carry the
// error.
struct WriteStatus {
  int os_errno = 0;      // in the personality's numbering; 0 on success
  int host_errno = 0;    // the same, as this host numbers it
  std::int32_t pid = 0;  // rtm_pid and rtm_seq of the write
  std::int32_t seq = 0;
  std::uint8_t type = 0;  // rtm_type of the write
  bool reply = false;     // a copy of the message was delivered to the sender as well

  bool ok() const { return os_errno == 0; }
  Error error() const { return Error::from_errno(host_errno); }
};

// One thing read from the socket.
struct Event {
  enum class Kind : std::uint8_t {
    message,   // a routing message
    overflow,  // messages were lost: SO_RERROR's ENOBUFS, or OpenBSD's RTM_DESYNC
    status,    // the outcome of one of this socket's writes (WriteStatus)
  };
  Kind kind = Kind::message;
  // The routing message: always for `message`; for `overflow` only when the
  // OS reports it as a message (OpenBSD RTM_DESYNC).
  std::optional<codec::Message> message;
  // The packet as received (a routing message, or an rtsockd control packet);
  // empty for an overflow reported by read() failing with ENOBUFS.
  std::vector<std::byte> bytes;
  std::uint64_t dropped = 0;  // overflow: messages lost when the daemon knows, else 0
  // overflow: the packets were lost here, in the queue a request keeps
  // (ConnectOptions::max_pending_bytes), not by the daemon or the kernel;
  // `dropped` counts them (a lost packet may itself have been a message
  // or an overflow notice).
  bool local = false;
  WriteStatus status;         // kind status

  bool is_overflow() const { return kind == Kind::overflow; }
};

// The outcome of request_reply(): the reply copy, and the write's error
// whether or not a copy carries it.
struct Reply {
  // The sender's copy of the message (matched by pid and seq); absent when the
  // OS delivers none: SO_USELOOPBACK off, OpenBSD's early errors, or a failed
  // write on the kernel backend.
  std::optional<codec::Message> message;
  std::vector<std::byte> bytes;  // that copy as received
  int os_errno = 0;              // rtm_errno, or the status packet's error; personality numbering
  int host_errno = 0;            // the same, as this host numbers it
  std::int32_t pid = 0;          // what the request was sent with
  std::int32_t seq = 0;

  bool ok() const { return os_errno == 0; }
  Error error() const { return Error::from_errno(host_errno); }
};

// A sysctl routing dump with the means to walk it. view() points into the
// dump, which must outlive the walk:
//   for (const auto& r : dump.view()) if (r) print(r->to_message());
class RibDump {
 public:
  RibDump(std::vector<std::byte> bytes, const abi::Profile& p, codec::ParseOptions opt = {})
      : bytes_(std::move(bytes)), profile_(&p), options_(opt) {}

  std::span<const std::byte> bytes() const { return bytes_; }
  const abi::Profile& profile() const { return *profile_; }
  codec::RibView view() const { return codec::RibView(bytes_, *profile_, options_); }

 private:
  std::vector<std::byte> bytes_;
  const abi::Profile* profile_;
  codec::ParseOptions options_;
};

class RoutingSocket {
 public:
  // ---- opening ----

  // Connects to rtsockd at default_socket_path() or `path`, learns the
  // personality from its HELLO, and applies `opt` (the family filter, status
  // reports). ENOENT / ECONNREFUSED when no daemon listens; EPROTO when the
  // peer does not speak the protocol; codec_errc::unknown_profile when it
  // names a personality this library does not know.
  static Result<RoutingSocket> connect(ConnectOptions opt = {});
  static Result<RoutingSocket> connect(std::string_view path, ConnectOptions opt = {});
  // The same over a descriptor already connected to rtsockd (a socketpair in
  // tests, a socket passed by a supervisor). Takes ownership of `fd` whether
  // or not it succeeds.
  static Result<RoutingSocket> attach(int fd, ConnectOptions opt = {});
  // The host kernel's socket(PF_ROUTE, SOCK_RAW, protocol), with the ABI
  // profile this program was built for. EAFNOSUPPORT on hosts that are not
  // BSDs (FreeBSD, macOS, OpenBSD, NetBSD, DragonFly).
  static Result<RoutingSocket> open_kernel(int protocol = 0);

  RoutingSocket(RoutingSocket&& other) noexcept;
  RoutingSocket& operator=(RoutingSocket&& other) noexcept;
  RoutingSocket(const RoutingSocket&) = delete;
  RoutingSocket& operator=(const RoutingSocket&) = delete;
  ~RoutingSocket();

  // ---- what it is ----

  Backend backend() const { return backend_; }
  // The descriptor, for poll()/kqueue loops. Check pending() before waiting
  // on it: messages read while a request() waited for its reply are kept
  // here and do not make the descriptor readable.
  int native_handle() const { return fd_; }
  const abi::Profile& profile() const { return *profile_; }
  std::string_view personality() const { return session_.personality; }
  const SessionInfo& session() const { return session_; }
  // The rtm_pid the OS writes into this socket's messages, which replies
  // carry: the HELLO pid on rtsockd, getpid() on the kernel.
  std::int32_t pid() const { return session_.pid; }
  // Messages and notices received but not yet returned by receive() (a run
  // of packets lost to the bound below counts as one overflow notice).
  std::size_t pending() const { return pending_.size() - pending_head_; }
  // Bytes those take, and their bound (ConnectOptions::max_pending_bytes).
  std::size_t pending_bytes() const { return pending_bytes_; }
  std::size_t pending_limit() const { return max_pending_bytes_; }
  // A new bound; packets kept already stay.
  void set_pending_limit(std::size_t bytes) { max_pending_bytes_ = bytes; }

  // A fresh rtm_seq: positive, never 0 (the kernel's own events carry 0),
  // from one counter for the whole process, so that the sockets of one
  // process (which share a pid) never reuse each other's numbers.
  static std::int32_t next_seq();

  // ---- writing ----

  // Writes the message as given, marshalled with profile(). Nothing is filled
  // in: rtm_seq stays what the caller set (0 is legal; use next_seq() to
  // match replies yourself) and rtm_pid is overwritten by the OS anyway. The
  // error is write()'s: on the kernel the operation's errno; on rtsockd only
  // the transport's (the outcome arrives later, as a reply copy or a status
  // event). Does not wait for anything.
  Result<void> send(const codec::Message& m);
  // Writes bytes as one routing message (no validation: tests, fuzzing, and
  // messages this library cannot express).
  Result<void> send_raw(std::span<const std::byte> bytes);
  // Pipelining: writes every message, in order, without waiting for any
  // answer, in as few system calls as the socket allows (sendmmsg on
  // rtsockd, up to 64 messages a call). Fields are left as the caller set
  // them, as send() does: give each its own rtm_seq to match the replies,
  // which come later through receive() (none with SO_USELOOPBACK off; a
  // failed write then shows only in stats()' write_errors, or as a status
  // event where status reports are on). Returns how many were written: all
  // of them, or those before the first that could not be; an error only
  // when not even the first was.
  Result<std::size_t> send_batch(std::span<const codec::Message> ms);
  // The same for bytes already marshalled (one routing message each).
  Result<std::size_t> send_raw_batch(std::span<const std::span<const std::byte>> packets);

  // RTM_GET / RTM_ADD / ... with its answer: sets rtm_pid to pid() and
  // rtm_seq to next_seq(), writes, and reads until the copy with that pid and
  // seq arrives. Everything else read meanwhile is kept, in order, for
  // receive(). Returns the reply, or the write's error: rtm_errno of the
  // reply, or the error of a status packet (ESRCH, EEXIST, EPERM, ...);
  // ETIMEDOUT when nothing came in time (rtsockd's progress packets, sent
  // while it is busy with a long dump, restart the timeout); ENOMSG when the
  // write succeeded but no copy will come (SO_USELOOPBACK off: use
  // request_reply()).
  Result<codec::Message> request(codec::Message m,
                                 std::chrono::milliseconds timeout = kDefaultTimeout);
  // The same, but a routing error is not a failure: the reply copy (as route
  // -v prints it, errno and all) and the error are returned together. Errors
  // are left for the transport, parsing and the timeout.
  Result<Reply> request_reply(codec::Message m,
                              std::chrono::milliseconds timeout = kDefaultTimeout);

  // ---- reading ----

  // The next event: kept ones first, then the socket's. A packet that cannot
  // be decoded is returned as an error (codec_errc with the offset for a
  // routing message, EPROTO for a malformed control packet) and the next
  // call goes on with the following packet. ETIMEDOUT after `timeout`;
  // ECONNRESET when the daemon closed the connection.
  Result<Event> receive(std::chrono::milliseconds timeout = kWaitForever);
  // The packet behind receive()'s last decoding error, as received (route
  // monitor -v shows it; a BSD kernel relays a malformed write it refused
  // before reading it, byte for byte, to every listener).
  std::span<const std::byte> last_undecoded() const { return undecoded_; }

  // ---- socket options ----
  // Each is setsockopt() on the kernel, a control exchange with rtsockd;
  // values go in the profile's byte order. An option the personality does
  // not have fails with ENOPROTOOPT, as the OS would, without asking it.

  // socket(PF_ROUTE, SOCK_RAW, protocol) again: which family's messages this
  // socket receives (0 all). The daemon opens a new socket, so the options
  // set so far are back to their defaults (status reports stay) and
  // session().socket changes. rtsockd only; EOPNOTSUPP on the kernel, whose
  // socket keeps the protocol it was opened with.
  Result<void> set_family(int protocol);
  // SO_USELOOPBACK: whether this socket receives its own messages (default on).
  Result<void> set_use_loopback(bool on);
  // FreeBSD SO_SETFIB; OpenBSD SO_RTABLE.
  Result<void> set_fib(std::uint32_t fib);
  // SO_RERROR (FreeBSD 13+, NetBSD 9+, DragonFly): report lost messages as an
  // overflow event instead of losing them silently.
  Result<void> set_rerror(bool on);
  // Only these rtm_type values reach the socket (empty: all). OpenBSD
  // ROUTE_MSGFILTER (types below 32, else EINVAL), NetBSD RO_MSGFILTER.
  Result<void> set_msgfilter(std::span<const std::uint8_t> types);
  // OpenBSD ROUTE_TABLEFILTER: messages of one routing table (0xffffffff all).
  Result<void> set_tablefilter(std::uint32_t table);
  // OpenBSD ROUTE_PRIOFILTER: messages whose rtm_priority is at most `prio` (0 off).
  Result<void> set_priofilter(std::uint32_t prio);
  // OpenBSD ROUTE_FLAGFILTER: drop messages with any of these rtm_flags bits.
  Result<void> set_flagfilter(std::uint32_t rtm_flags);
  // SO_RCVBUF: on rtsockd, how many bytes of copies the daemon queues for
  // this connection before it drops them (an overflow).
  Result<void> set_receive_buffer(std::uint32_t bytes);
  // rtsockd's status packets on or off (see ConnectOptions::status_reports).
  // EOPNOTSUPP on the kernel, which has none.
  Result<void> set_status_reports(bool on);
  // Any option, in the OS's numbering.
  Result<void> setsockopt(int level, int name, std::span<const std::byte> value);
  Result<std::vector<std::byte>> getsockopt(int level, int name);
  // shutdown(SHUT_RD): the socket receives nothing more (a write-only socket
  // that will not fill up).
  Result<void> shutdown_read();

  // ---- sysctl ----

  // sysctl({CTL_NET, PF_ROUTE, 0, af, type, arg [, fib]}): the dump as the OS
  // writes it (af 0: every family; type net_rt::*). `fib` is added to the
  // name only when given (FreeBSD's per-FIB dumps, OpenBSD's table id).
  Result<std::vector<std::byte>> fetch_rib(int af, int type, int arg = 0,
                                           std::optional<int> fib = std::nullopt);
  // The sizing call (a NULL buffer): how many bytes fetch_rib needs. Route
  // dumps from rtsockd give an upper bound at once (docs/protocol.md); on a
  // kernel, the dump is read and measured.
  Result<std::size_t> rib_size(int af, int type, int arg = 0,
                               std::optional<int> fib = std::nullopt);
  // The same, ready to walk (FreeBSD NET_RT_IFLISTL dumps parsed as such).
  Result<RibDump> fetch_rib_messages(int af, int type, int arg = 0,
                                     std::optional<int> fib = std::nullopt);

  // FreeBSD 13+: the nexthops / nexthop groups of one FIB and family
  // (NET_RT_NHOP / NET_RT_NHGRP, as `netstat -onW` reads them), decoded.
  Result<std::vector<codec::NexthopRecord>> fetch_nexthops(int af, int fib = 0);
  Result<std::vector<codec::NexthopGroupRecord>> fetch_nexthop_groups(int af, int fib = 0);

  // ---- rtsockd's own requests (EOPNOTSUPP on the kernel) ----
  // The request and reply objects are documented in rtsock/proto/control.hpp.

  // Interfaces: {"op":"create"|"destroy"|"set"|"addr_add"|"addr_delete", ...}.
  Result<nlohmann::json> ifconfig(const nlohmann::json& request);
  // Events of the emulated data path: {"event":"forward"|"redirect"|"expire", ...}.
  Result<nlohmann::json> inject(const nlohmann::json& request);
  // The daemon's counters.
  Result<nlohmann::json> stats();

 private:
  using Deadline = std::optional<std::chrono::steady_clock::time_point>;

  // A packet as read, or the ENOBUFS a read returned in its place.
  struct Inbound {
    std::vector<std::byte> bytes;
    bool overflowed = false;
    std::uint64_t lost_here = 0;  // a marker for packets keep() had no room for
  };

  RoutingSocket(int fd, Backend backend, const abi::Profile& profile);

  static Deadline deadline_after(std::chrono::milliseconds timeout);
  Result<void> write_packet(std::span<const std::byte> bytes);
  Result<std::size_t> write_packets(std::span<const std::span<const std::byte>> packets);
  Result<Inbound> read_packet(Deadline deadline);
  // Optional: packets receive() passes over (stale control replies).
  // On success the event owns the packet's bytes; on failure they stay in `in`.
  Result<std::optional<Event>> decode(Inbound& in) const;
  int to_host_errno(int os_errno) const;
  void keep(Inbound&& in);
  std::optional<Inbound> take_kept();

  // One control exchange; the reply's payload (sysctl chunks joined), or its
  // error. Packets that are not the reply are kept for receive().
  // expect: bytes the reply will likely take (a dump's sizing call), so
  // that its buffer is allocated once.
  Result<std::vector<std::byte>> control(proto::Op op, std::string_view json,
                                         std::size_t expect = 0);
  Result<nlohmann::json> control_json(proto::Op op, const nlohmann::json& request);
  Result<void> hello();
  Result<void> set_uint_option(int level, int name, std::uint32_t value);
  Result<void> set_daemon_option(std::string_view name, std::uint32_t value);

  int fd_ = -1;
  Backend backend_ = Backend::rtsockd;
  const abi::Profile* profile_ = nullptr;
  SessionInfo session_;
  std::optional<std::uint8_t> desync_type_;  // OpenBSD RTM_DESYNC
  // Kept packets, oldest at pending_head_ (a vector moves without allocating).
  std::vector<Inbound> pending_;
  std::size_t pending_head_ = 0;
  std::size_t pending_bytes_ = 0;
  std::size_t max_pending_bytes_ = kDefaultMaxPending;
  std::vector<std::byte> receive_buffer_;
  std::vector<std::byte> undecoded_;
  std::uint32_t next_control_id_ = 1;
  std::chrono::milliseconds control_timeout_ = kDefaultTimeout;
  std::chrono::microseconds busy_poll_{50};
  bool use_loopback_ = true;
};

}  // namespace rtsock::client

namespace rtsock {
using client::RoutingSocket;
}  // namespace rtsock
