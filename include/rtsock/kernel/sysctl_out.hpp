// rtsock/kernel/sysctl_out.hpp — where a sysctl's answer is written.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace rtsock::kernel {

// A sysctl's answer as a chain of buffers. Each buffer begins with
// `headroom` bytes its owner fills in later (rtsockd: a packet header) and
// holds at most `limit` bytes in all, so a dump of a large table leaves in
// the pieces it was written into: never gathered in one growing buffer and
// cut up again. The default is one buffer without headroom or limit.
class SysctlOut {
 public:
  SysctlOut() = default;
  // limit > headroom.
  SysctlOut(std::size_t headroom, std::size_t limit);

  // With a sink, each buffer that is full leaves as soon as the next one
  // starts (more is certain to follow), instead of waiting in buffers():
  // rtsockd sends a dump's first packets while it builds the rest. The
  // table is not touched meanwhile (the engine runs one request at a
  // time), so the answer is still one snapshot.
  using Sink = std::function<void(std::vector<std::byte>&& full)>;
  void set_sink(Sink sink) { sink_ = std::move(sink); }

  void append(std::span<const std::byte> bytes);
  void push_back(std::byte b) { append({&b, 1}); }
  // Bytes appended (headroom not counted).
  std::size_t size() const { return size_; }
  // The buffers not handed to the sink, headroom included; none before the
  // first append.
  std::vector<std::vector<std::byte>>& buffers() { return bufs_; }
  // Everything appended, as one buffer (for the default form).
  std::vector<std::byte> take();

 private:
  std::size_t headroom_ = 0;
  std::size_t limit_ = std::numeric_limits<std::size_t>::max();
  std::size_t size_ = 0;
  std::vector<std::vector<std::byte>> bufs_;
  Sink sink_;
};

}  // namespace rtsock::kernel
