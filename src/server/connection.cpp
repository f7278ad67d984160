// OutQueue: a connection's receive buffer, with the overflow rules of B.12.
#include "connection.hpp"

#include <fmt/format.h>

#include "rtsock/proto/control.hpp"

namespace rtsock::server {

OutQueue::OutQueue(std::size_t bound, int enobufs, kernel::Packet desync)
    : bound_(bound), enobufs_(enobufs), desync_(std::move(desync)) {}

void OutQueue::append(kernel::Packet p, bool bounded) {
  const std::size_t n = p->size();
  q_.push_back({std::move(p), bounded});
  total_bytes_ += n;
  if (bounded) bounded_bytes_ += n;
}

bool OutQueue::offer(const kernel::Packet& msg, OverflowMode mode) {
  if (!flushing_) settle();
  if (!flushing_ && pending_ == Pending::none && fits(msg->size())) {
    append(msg, true);
    ++messages_;
    return true;
  }
  ++drops_;
  signal_loss(mode);
  return false;
}

void OutQueue::signal_loss(OverflowMode mode) {
  ++unsignalled_drops_;
  if (pending_ != Pending::none || flushing_) return;
  if (mode == OverflowMode::rerror) pending_ = Pending::overflow;
  if (mode == OverflowMode::desync && desync_ && !desync_->empty()) {
    pending_ = Pending::desync;
    flushing_ = true;
  }
  settle();
}

void OutQueue::push(kernel::Packet pkt) { append(std::move(pkt), false); }

void OutQueue::pop() {
  if (q_.empty()) return;
  const std::size_t n = q_.front().bytes->size();
  total_bytes_ -= n;
  if (q_.front().bounded) bounded_bytes_ -= n;
  q_.pop_front();
  settle();
  if (q_.empty() && pending_ == Pending::none) flushing_ = false;
}

void OutQueue::clear() {
  q_.clear();
  bounded_bytes_ = total_bytes_ = 0;
  pending_ = Pending::none;
  flushing_ = false;
}

void OutQueue::set_bound(std::size_t b) {
  bound_ = b;
  settle();
}

void OutQueue::settle() {
  if (pending_ == Pending::none) return;
  if (pending_ == Pending::overflow) {
    const std::string json = fmt::format(R"({{"dropped":{}}})", unsignalled_drops_);
    auto pkt = std::make_shared<const std::vector<std::byte>>(
        proto::encode({.op = proto::Op::overflow, .flags = 0, .id = 0, .error = enobufs_}, json));
    if (!fits(pkt->size()) && bounded_bytes_ != 0) return;
    append(std::move(pkt), true);
  } else {
    if (!fits(desync_->size()) && bounded_bytes_ != 0) return;
    append(desync_, true);
  }
  unsignalled_drops_ = 0;
  pending_ = Pending::none;
}

}  // namespace rtsock::server
