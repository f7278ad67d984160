// Who may stay connected: the daemon keeps descriptors in reserve below its
// limit (a daemon at EMFILE can open nothing, not even what its sanitizer
// runtime needs), caps clients in all and per unprivileged uid, and logs
// refusals at most once a second so that a storm cannot flood the log.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace rtsock::server {

// Descriptors left free below RLIMIT_NOFILE.
inline constexpr std::size_t kFdReserve = 16;

class Admission {
 public:
  // max_clients 0: as many as the descriptor limit allows; per_uid 0: no
  // per-uid cap.
  Admission(std::size_t max_clients, std::size_t per_uid) : max_(max_clients), per_uid_(per_uid) {}

  // Whether a client just accepted on `fd` may stay: "" if so, else why not.
  // `clients` is the number connected now, the new one aside.
  std::string admit(int fd, std::uint32_t uid, bool privileged, std::size_t clients);
  // The client admitted for `uid` has gone.
  void left(std::uint32_t uid);
  // Call on each refusal: whether to log it now, and how many refusals the
  // line stands for.
  bool log_refusal(std::uint64_t& count);
  std::uint64_t refused() const { return refused_; }

 private:
  std::size_t max_, per_uid_;
  std::unordered_map<std::uint32_t, std::size_t> by_uid_;  // unprivileged uids only
  std::uint64_t refused_ = 0, unlogged_ = 0;
  std::chrono::steady_clock::time_point last_log_{};
};

}  // namespace rtsock::server
