// rtnetlink sockets: opening them in a namespace, requests with their
// acknowledgements, dumps, notifications and their overflow.
#include "channel.hpp"

#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace rtsock::backend::rtnl {
namespace {

constexpr std::size_t kDatagram = 1u << 16;  // larger than any skb the kernel sends us
constexpr int kDumpTries = 5;
constexpr unsigned kGroups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE |
                             RTMGRP_IPV6_IFADDR | RTMGRP_IPV6_ROUTE;

tl::unexpected<Error> sys_error(int e) { return tl::unexpected(Error::from_errno(e)); }

// Runs fn with the calling thread in the namespace at path, then returns it
// to the namespace it was in.
template <class F>
Result<void> in_namespace(const std::string& path, F&& fn) {
  if (path.empty()) return fn();
  const int target = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (target < 0) return sys_error(errno);
  const int home = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (home < 0) {
    const int e = errno;
    ::close(target);
    return sys_error(e);
  }
  Result<void> r;
  if (::setns(target, CLONE_NEWNET) != 0) {
    r = sys_error(errno);
  } else {
    r = fn();
    // Going home cannot fail for a namespace we were in; if it did, this
    // thread would serve the wrong namespace: stop rather than go on.
    if (::setns(home, CLONE_NEWNET) != 0) std::abort();
  }
  ::close(target);
  ::close(home);
  return r;
}

}  // namespace

Result<std::unique_ptr<Channel>> Channel::open(const std::string& netns, std::size_t rcvbuf) {
  std::unique_ptr<Channel> c(new Channel);
  c->buf_.resize(kDatagram / 4);
  auto opened = in_namespace(netns, [&]() -> Result<void> {
    c->req_ = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
    c->ev_ = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (c->req_ == nullptr || c->ev_ == nullptr) return sys_error(errno);
    return {};
  });
  if (!opened) return tl::unexpected(opened.error());
  if (mnl_socket_bind(c->req_, 0, MNL_SOCKET_AUTOPID) < 0 ||
      mnl_socket_bind(c->ev_, kGroups, MNL_SOCKET_AUTOPID) < 0)
    return sys_error(errno);
  // Nexthop objects (group 32) are past the legacy bit mask.
  unsigned nexthops = RTNLGRP_NEXTHOP;
  mnl_socket_setsockopt(c->ev_, NETLINK_ADD_MEMBERSHIP, &nexthops, sizeof nexthops);
  // A request never waits long: the kernel answers under its RTNL lock.
  timeval tv{10, 0};
  ::setsockopt(mnl_socket_get_fd(c->req_), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int on = 1;
  mnl_socket_setsockopt(c->req_, NETLINK_CAP_ACK, &on, sizeof on);
  // Room for bursts of notices; SO_RCVBUFFORCE passes rmem_max where we may.
  int size = static_cast<int>(std::min<std::size_t>(rcvbuf, 1u << 30));
  const int fd = mnl_socket_get_fd(c->ev_);
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  c->seq_ = static_cast<std::uint32_t>(std::time(nullptr));
  return c;
}

Channel::~Channel() {
  if (req_ != nullptr) mnl_socket_close(req_);
  if (ev_ != nullptr) mnl_socket_close(ev_);
}

int Channel::event_fd() const { return mnl_socket_get_fd(ev_); }
std::uint32_t Channel::portid() const { return mnl_socket_get_portid(req_); }

Result<void> Channel::request(nlmsghdr* nlh, std::vector<Message>* echoed) {
  nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
  nlh->nlmsg_seq = ++seq_;
  if (mnl_socket_sendto(req_, nlh, nlh->nlmsg_len) < 0) return sys_error(errno);
  const std::uint32_t seq = nlh->nlmsg_seq;
  for (;;) {
    const ssize_t n = mnl_socket_recvfrom(req_, buf_.data(), buf_.size() * 4);
    if (n < 0) {
      if (errno == EINTR) continue;
      return sys_error(errno == EAGAIN ? ETIMEDOUT : errno);
    }
    std::size_t bad = 0;
    auto msgs = parse({reinterpret_cast<const std::byte*>(buf_.data()), static_cast<std::size_t>(n)},
                      bad);
    malformed_ += bad;
    for (auto& m : msgs) {
      if (m.seq != seq) continue;  // a late answer to an abandoned request
      if (m.type == NLMSG_ERROR) {
        if (m.error != 0) return sys_error(m.error);
        return {};
      }
      if (echoed != nullptr) echoed->push_back(std::move(m));
    }
  }
}

Result<void> Channel::dump(std::uint16_t type, int family,
                           const std::function<void(Message&)>& fn) {
  for (int attempt = 0; attempt < kDumpTries; ++attempt) {
    std::vector<std::uint32_t> req(64);
    nlmsghdr* nlh = mnl_nlmsg_put_header(req.data());
    nlh->nlmsg_type = type;
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    nlh->nlmsg_seq = ++seq_;
    // rtgenmsg would do for the kernel; the type's own header is accepted
    // under strict checking too.
    if (type == RTM_GETROUTE) {
      auto* rtm = static_cast<rtmsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(rtmsg)));
      rtm->rtm_family = static_cast<unsigned char>(family);
    } else if (type == RTM_GETADDR) {
      auto* ifa = static_cast<ifaddrmsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifaddrmsg)));
      ifa->ifa_family = static_cast<unsigned char>(family);
    } else {
      auto* ifi = static_cast<ifinfomsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifinfomsg)));
      ifi->ifi_family = static_cast<unsigned char>(family);
    }
    if (mnl_socket_sendto(req_, nlh, nlh->nlmsg_len) < 0) return sys_error(errno);
    const std::uint32_t seq = nlh->nlmsg_seq;
    bool done = false, interrupted = false;
    while (!done) {
      const ssize_t n = mnl_socket_recvfrom(req_, buf_.data(), buf_.size() * 4);
      if (n < 0) {
        if (errno == EINTR) continue;
        return sys_error(errno == EAGAIN ? ETIMEDOUT : errno);
      }
      std::size_t bad = 0;
      auto msgs = parse(
          {reinterpret_cast<const std::byte*>(buf_.data()), static_cast<std::size_t>(n)}, bad);
      malformed_ += bad;
      for (auto& m : msgs) {
        if (m.seq != seq) continue;
        if ((m.flags & NLM_F_DUMP_INTR) != 0) interrupted = true;
        if (m.type == NLMSG_ERROR) {
          if (m.error != 0) return sys_error(m.error);
          done = true;
        } else if (m.done) {
          done = true;
        } else if (!interrupted) {
          fn(m);
        }
      }
    }
    if (!interrupted) return {};
  }
  return sys_error(EBUSY);
}

Result<bool> Channel::read_events(const std::function<void(Message&)>& fn) {
  for (;;) {
    const ssize_t n = ::recv(event_fd(), buf_.data(), buf_.size() * 4, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
      if (errno != ENOBUFS) return sys_error(errno);
      // Notices were dropped: what is still queued predates the loss and
      // would replay a past the dump to come replaces.
      while (::recv(event_fd(), buf_.data(), buf_.size() * 4, MSG_DONTWAIT) >= 0 || errno == EINTR ||
             errno == ENOBUFS) {
      }
      return true;
    }
    std::size_t bad = 0;
    auto msgs =
        parse({reinterpret_cast<const std::byte*>(buf_.data()), static_cast<std::size_t>(n)}, bad);
    malformed_ += bad;
    for (auto& m : msgs) fn(m);
  }
}

}  // namespace rtsock::backend::rtnl
