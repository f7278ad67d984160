// Control packets: requests a client sends ("RTSK" …) and the unsolicited
// status packets, handled against the engine (docs/protocol.md).
#pragma once

#include <functional>

#include <span>
#include <string_view>
#include <vector>

#include "connection.hpp"
#include "rtsock/kernel/engine.hpp"

namespace rtsock::server {

// The daemon's connections as control requests may look them up.
class Connections {
 public:
  virtual Connection* by_handle(std::uint32_t handle) = 0;
  virtual Connection* by_name(std::string_view name) = 0;
  // Connections of `uid` holding replies past kHeldReplyBytes, unread.
  virtual std::size_t held_replies(std::uint32_t uid) const = 0;

 protected:
  ~Connections() = default;
};

// What a control request may see and change.
struct ControlContext {
  kernel::Engine& engine;
  std::string_view personality;  // as the daemon was started
  Connection& conn;              // the requesting connection
  const ServerCounters& counters;
  std::vector<kernel::Delivery>& deliveries;  // messages the request caused
  Connections* connections = nullptr;         // for attach and "handle"
  // Set when the request acted on another connection ("handle"), with that
  // connection's socket before it (the socket op replaces it).
  Connection* acted_on = nullptr;
  kernel::SockId acted_on_before = 0;
  // Where a long reply's packets may go before the request is done (a
  // sysctl dump's first packets while the rest is built); unset: every
  // packet waits in `replies`. Set by handle_control's caller.
  std::function<void(kernel::Packet)> stream;
  std::uint32_t request_id = 0;  // the request's id (handle_control fills it in)
};

// Whether a side channel may act on a connection: the same user, or a
// privileged one.
bool may_act_on(const kernel::Engine& engine, const Connection& side, const Connection& target);

// Handles one control packet; appends the reply packets (several for a long
// sysctl dump) to `replies`. Returns the reply's error (OS numbering).
int handle_control(ControlContext& ctx, std::span<const std::byte> pkt,
                   std::vector<kernel::Packet>& replies);

// Whether a routing write's outcome is invisible to its sender: no copy, or
// a copy that does not carry the error.
inline bool needs_status(const kernel::WriteResult& r) {
  return !r.sender_copy || (r.error != 0 && !r.reply_has_error);
}
// The status packet for a routing write of `msg` (pid, seq and type are read
// from its header when it is long enough, else 0).
kernel::Packet status_packet(const abi::Profile& p, const kernel::WriteResult& r,
                             std::span<const std::byte> msg);

}  // namespace rtsock::server
