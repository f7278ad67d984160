#include "admission.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

namespace rtsock::server {

std::string Admission::admit(int fd, std::uint32_t uid, bool privileged, std::size_t clients) {
  std::string why;
  rlimit l{};
  // The kernel gives the lowest free descriptor: one this high means that
  // fewer than the reserve are left.
  if (::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur != RLIM_INFINITY &&
      static_cast<rlim_t>(fd) + kFdReserve >= l.rlim_cur)
    why = fmt::format("descriptor {} of {}, {} kept in reserve", fd, l.rlim_cur, kFdReserve);
  else if (max_ != 0 && clients >= max_)
    why = fmt::format("{} clients connected, the limit", clients);
  else if (!privileged && per_uid_ != 0 && by_uid_[uid] >= per_uid_)
    why = fmt::format("uid {} has {} clients connected, the limit per unprivileged uid", uid,
                      per_uid_);
  if (!why.empty()) {
    ++refused_;
    ++unlogged_;
    if (auto it = by_uid_.find(uid); it != by_uid_.end() && it->second == 0) by_uid_.erase(it);
    return why;
  }
  if (!privileged) ++by_uid_[uid];
  return why;
}

void Admission::left(std::uint32_t uid) {
  auto it = by_uid_.find(uid);
  if (it == by_uid_.end()) return;  // privileged
  if (--it->second == 0) by_uid_.erase(it);
}

bool Admission::log_refusal(std::uint64_t& count) {
  const auto now = std::chrono::steady_clock::now();
  if (unlogged_ == 0 || now - last_log_ < std::chrono::seconds(1)) return false;
  last_log_ = now;
  count = unlogged_;
  unlogged_ = 0;
  return true;
}

}  // namespace rtsock::server
