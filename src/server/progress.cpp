// Progress packets from a helper thread while one request holds the loop
// (see progress.hpp).
#include "progress.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>

#include "rtsock/proto/control.hpp"

namespace rtsock::server {

std::string compat_name(int fd) {
  sockaddr_un sa{};
  socklen_t len = sizeof sa;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0) return {};
  const std::size_t off = offsetof(sockaddr_un, sun_path);
  if (len <= off + 1 || sa.sun_path[0] != '\0') return {};
  std::string name(sa.sun_path + 1, len - off - 1);
  return name.starts_with(proto::kCompatNamePrefix) ? name : std::string{};
}

void ProgressWatch::start(int listen_fd, std::chrono::milliseconds interval) {
  if (interval.count() <= 0 || thread_.joinable()) return;
  listen_fd_ = listen_fd;
  {
    std::lock_guard lk(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this, interval] { run(interval); });
}

void ProgressWatch::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressWatch::add(int fd) {
  std::lock_guard lk(mu_);
  fds_.insert(fd);
}

void ProgressWatch::remove(int fd) {
  std::lock_guard lk(mu_);
  fds_.erase(fd);
}

std::vector<std::pair<int, std::string>> ProgressWatch::take_accepted() {
  std::lock_guard lk(mu_);
  has_accepted_.store(false, std::memory_order_release);
  return std::exchange(accepted_, {});
}

void ProgressWatch::run(std::chrono::milliseconds interval) {
  std::unique_lock lk(mu_);
  std::uint64_t seen = 0;
  while (!stopping_) {
    wake_.wait_for(lk, interval);
    if (stopping_) break;
    // The same request on two wake-ups: it has held the loop for at least
    // one interval.
    const std::uint64_t now = request_.load(std::memory_order_acquire);
    if (now == 0 || now != seen) {
      seen = now;
      continue;
    }
    tell_waiting(serving_.load(std::memory_order_relaxed));
  }
}

void ProgressWatch::tell_waiting(int serving) {
  // Clients in the listen backlog wait too (a connect, then hello): accept
  // them here; the loop adopts them when it is free.
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      break;  // EAGAIN, or out of descriptors: the loop deals with it later
    }
    accepted_.emplace_back(fd, compat_name(fd));
  }
  has_accepted_.store(!accepted_.empty(), std::memory_order_release);

  std::vector<pollfd> waiting;
  for (int fd : fds_)
    if (fd != serving) waiting.push_back({fd, POLLIN, 0});
  for (const auto& [fd, name] : accepted_)
    if (name.empty()) waiting.push_back({fd, POLLIN, 0});
  if (!waiting.empty() && ::poll(waiting.data(), waiting.size(), 0) < 0) waiting.clear();

  static const std::vector<std::byte> packet =
      proto::encode(proto::Header{proto::Op::progress, 0, 0, 0}, std::string_view("{}"));
  // Outside the connection's queue: the packet carries nothing, so its place
  // among the others does not matter; when the socket buffer is full the
  // client has enough to read, and the next interval tries again.
  const auto tell = [](int fd) {
    (void)::send(fd, packet.data(), packet.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  };
  if (fds_.count(serving) != 0) tell(serving);
  for (const pollfd& p : waiting)
    if ((p.revents & POLLIN) != 0) tell(p.fd);
}

}  // namespace rtsock::server
