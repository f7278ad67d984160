// The Linux backend's two rtnetlink sockets (libmnl): one for requests and
// dumps, answered in order; one subscribed to the link, address and route
// groups, read when it is readable. Both are opened in the namespace named
// at open() (or the caller's).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "message.hpp"
#include "rtsock/result.hpp"

struct mnl_socket;
struct nlmsghdr;

namespace rtsock::backend::rtnl {

class Channel {
 public:
  // netns: a namespace file (/run/netns/NAME, /proc/PID/ns/net); empty: ours.
  // rcvbuf: bytes asked for the notification socket's receive buffer.
  static Result<std::unique_ptr<Channel>> open(const std::string& netns, std::size_t rcvbuf);
  ~Channel();
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  int event_fd() const;
  // The request socket's port: the kernel's notices of our own requests
  // carry it as their nlmsg_pid.
  std::uint32_t portid() const;

  // Sends a request (NLM_F_REQUEST | NLM_F_ACK added) and waits for its
  // acknowledgement; what the kernel echoes (NLM_F_ECHO) lands in echoed.
  // The error is the kernel's errno.
  Result<void> request(nlmsghdr* nlh, std::vector<Message>* echoed = nullptr);
  // Dumps (NLM_F_DUMP) one message type of one family: fn sees each reply.
  // A dump the kernel marks interrupted (the set changed) is restarted.
  Result<void> dump(std::uint16_t type, int family, const std::function<void(Message&)>& fn);
  // Reads the waiting notifications into fn. True when some were lost
  // (ENOBUFS): those still queued, older than the loss, are discarded.
  Result<bool> read_events(const std::function<void(Message&)>& fn);

  std::uint64_t malformed() const { return malformed_; }

 private:
  Channel() = default;
  mnl_socket* req_ = nullptr;
  mnl_socket* ev_ = nullptr;
  std::uint32_t seq_ = 0;
  std::uint64_t malformed_ = 0;
  std::vector<std::uint32_t> buf_;  // one datagram, 4-byte aligned
};

}  // namespace rtsock::backend::rtnl
