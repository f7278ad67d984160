// A client connection's daemon-side state, and the queue that stands in for
// its routing socket's receive buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "rtsock/kernel/engine.hpp"

namespace rtsock::server {

// What a dropped routing-message copy leads to (B.12 of the spec).
enum class OverflowMode : std::uint8_t {
  silent,  // FreeBSD <= 12, Darwin, or SO_RERROR off
  rerror,  // SO_RERROR: one `overflow` control packet (ENOBUFS)
  desync,  // OpenBSD: RTM_DESYNC, then nothing until the queue has drained
};

// The outgoing packets of one connection, in order. Routing-message copies
// count against the bound (the socket's SO_RCVBUF); replies to the client's
// own requests do not, as a sysctl copyout does not use the socket buffer.
class OutQueue {
 public:
  // enobufs: ENOBUFS in the OS numbering; desync: the bare RTM_DESYNC header.
  OutQueue(std::size_t bound, int enobufs, kernel::Packet desync);

  // Queues a routing-message copy if it fits; otherwise drops it and signals
  // the overflow as `mode` says. Returns whether the copy was queued.
  bool offer(const kernel::Packet& msg, OverflowMode mode);
  // Messages were lost before they reached this queue (the table's own
  // notices overflowed): signal it as `mode` says, as a drop here would.
  void signal_loss(OverflowMode mode);
  // Queues a reply (or status packet), whatever the bound.
  void push(kernel::Packet pkt);

  const kernel::Packet* front() const { return q_.empty() ? nullptr : &q_.front().bytes; }
  // The i-th packet from the front (a batch for sendmmsg), or null.
  const kernel::Packet* at(std::size_t i) const { return i < q_.size() ? &q_[i].bytes : nullptr; }
  // The front packet has been sent.
  void pop();
  bool empty() const { return q_.empty(); }
  // Forgets everything queued or pending (the client is gone).
  void clear();

  std::size_t bound() const { return bound_; }
  void set_bound(std::size_t b);
  std::size_t bounded_bytes() const { return bounded_bytes_; }
  std::size_t total_bytes() const { return total_bytes_; }
  std::uint64_t drops() const { return drops_; }
  // Routing-message copies queued (offer() returned true) since the start.
  std::uint64_t messages() const { return messages_; }
  // OpenBSD: routing messages are dropped until the queue has drained.
  bool flushing() const { return flushing_; }

 private:
  struct Entry {
    kernel::Packet bytes;
    bool bounded = false;
  };
  enum class Pending : std::uint8_t { none, overflow, desync };

  bool fits(std::size_t n) const { return bounded_bytes_ + n <= bound_; }
  void append(kernel::Packet p, bool bounded);
  // Queues a pending overflow signal once there is room for it (always on a
  // queue holding no routing messages, so that a tiny bound cannot wedge it).
  void settle();

  std::deque<Entry> q_;
  std::size_t bound_;
  std::size_t bounded_bytes_ = 0;
  std::size_t total_bytes_ = 0;
  std::uint64_t drops_ = 0;
  std::uint64_t messages_ = 0;
  std::uint64_t unsignalled_drops_ = 0;
  Pending pending_ = Pending::none;
  bool flushing_ = false;
  int enobufs_;
  kernel::Packet desync_;
};

struct Connection {
  Connection(int socket_fd, kernel::SockId id, const kernel::Creds& c, OutQueue q)
      : fd(socket_fd), sock(id), creds(c), out(std::move(q)) {}

  int fd = -1;
  kernel::SockId sock = 0;
  kernel::Creds creds;
  std::uint32_t handle = 0;  // stable for the connection's life (attach's answer)
  std::string name;          // the peer's compat abstract address, without the NUL
  bool side = false;         // a compat side channel (attach): no routing messages
  bool status = false;       // rtsock option "status": status packets wanted
  bool shut_wr = false;      // shutdown(SHUT_WR): routing writes fail with EPIPE
  bool read_closed = false;  // the client shut its writing side down
  bool send_closed = false;  // the client cannot receive any more
  bool closing = false;      // gone; removed after the current batch of events
  bool dirty = false;        // has packets queued since the last flush
  std::uint32_t events = 0;  // epoll interest registered now
  OutQueue out;
  // Packets read in one batch but not handled yet: the connection became
  // backlogged part-way. They go first, in order, once it has caught up.
  std::deque<std::vector<std::byte>> held;
};

// The daemon's own counters (the engine keeps the kernel's).
struct ServerCounters {
  std::uint64_t clients = 0;      // connected now
  std::uint64_t connections = 0;  // accepted since start
  std::uint64_t drops = 0;        // routing-message copies dropped on overflow
  std::uint64_t control = 0;      // control requests handled
  std::uint64_t control_errors = 0;
};

}  // namespace rtsock::server
