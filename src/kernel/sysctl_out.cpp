// The chain of buffers a sysctl answer is written into.
#include "rtsock/kernel/sysctl_out.hpp"

#include <algorithm>

namespace rtsock::kernel {

SysctlOut::SysctlOut(std::size_t headroom, std::size_t limit)
    : headroom_(headroom), limit_(std::max(limit, headroom + 1)) {}

void SysctlOut::append(std::span<const std::byte> bytes) {
  size_ += bytes.size();
  while (!bytes.empty()) {
    if (bufs_.empty() || bufs_.back().size() >= limit_) {
      if (sink_ && !bufs_.empty()) {
        sink_(std::move(bufs_.back()));
        bufs_.pop_back();
      }
      auto& b = bufs_.emplace_back();
      // A bounded buffer is allocated once at its final size.
      if (limit_ != std::numeric_limits<std::size_t>::max()) b.reserve(limit_);
      b.resize(headroom_);
    }
    auto& b = bufs_.back();
    const std::size_t n = std::min(bytes.size(), limit_ - b.size());
    b.insert(b.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    bytes = bytes.subspan(n);
  }
}

std::vector<std::byte> SysctlOut::take() {
  std::vector<std::byte> all;
  if (bufs_.size() == 1 && headroom_ == 0) {
    all = std::move(bufs_.front());
  } else {
    all.reserve(size_);
    for (const auto& b : bufs_)
      all.insert(all.end(), b.begin() + static_cast<std::ptrdiff_t>(headroom_), b.end());
  }
  bufs_.clear();
  size_ = 0;
  return all;
}

}  // namespace rtsock::kernel
