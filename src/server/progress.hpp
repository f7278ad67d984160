// The daemon's one helper thread: while the loop is held by one long request
// (a sysctl dump of a large table sorts and encodes it all before the first
// byte goes out), it tells every client that waits — the requester, those
// whose requests are still unread, and those still in the listen backlog —
// that the daemon is working, with progress packets (proto::Op::progress).
// Clients time out on the daemon's silence, not on the size of the table.
//
// It never touches the engine or the connections: the loop lists the
// descriptors that may hear progress, marks each request's start and end,
// and adopts the clients this thread accepted while it was busy.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

namespace rtsock::server {

class ProgressWatch {
 public:
  ProgressWatch() = default;
  ~ProgressWatch() { stop(); }
  ProgressWatch(const ProgressWatch&) = delete;
  ProgressWatch& operator=(const ProgressWatch&) = delete;

  // Starts the thread (no-op for a zero interval). A request counts as long
  // once it has run for one interval; progress then goes out every interval.
  void start(int listen_fd, std::chrono::milliseconds interval);
  void stop();

  // The loop handles one request of the client on `fd`, then is done.
  void begin(int fd) {
    serving_.store(fd, std::memory_order_relaxed);
    request_.store(++requests_, std::memory_order_release);
  }
  void end() { request_.store(0, std::memory_order_release); }

  // Descriptors that may hear progress: not a compat routing socket, which
  // carries routing messages only. remove() before the descriptor is closed.
  void add(int fd);
  void remove(int fd);
  // Clients this thread accepted while the loop was busy, with their compat
  // names ("" for others); the loop adopts them as its own accepts.
  bool has_accepted() const { return has_accepted_.load(std::memory_order_acquire); }
  std::vector<std::pair<int, std::string>> take_accepted();

 private:
  void run(std::chrono::milliseconds interval);
  void tell_waiting(int serving);

  int listen_fd_ = -1;
  std::thread thread_;
  std::atomic<int> serving_{-1};
  std::atomic<std::uint64_t> request_{0};  // the request being handled (0: idle)
  std::uint64_t requests_ = 0;             // the loop's count
  std::mutex mu_;                          // guards everything below
  std::condition_variable wake_;
  bool stopping_ = false;
  std::unordered_set<int> fds_;
  std::vector<std::pair<int, std::string>> accepted_;
  std::atomic<bool> has_accepted_{false};
};

// The abstract address a compat routing socket is bound to ("" for others).
std::string compat_name(int fd);

}  // namespace rtsock::server
