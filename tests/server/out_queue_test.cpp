// OutQueue: the per-connection receive buffer and the overflow rules of
// B.12 (silent drop, SO_RERROR's ENOBUFS, OpenBSD's RTM_DESYNC), without
// sockets.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "connection.hpp"
#include "rtsock/proto/control.hpp"

namespace rtsock::server {
namespace {

constexpr int kEnobufs = 55;

kernel::Packet bytes(std::size_t n, std::uint8_t fill = 0xaa) {
  return std::make_shared<const std::vector<std::byte>>(n, std::byte{fill});
}

OutQueue queue(std::size_t bound) { return OutQueue(bound, kEnobufs, bytes(20, 0xde)); }

// Pops every queued packet, front first.
std::vector<kernel::Packet> drain(OutQueue& q) {
  std::vector<kernel::Packet> out;
  while (const kernel::Packet* p = q.front()) {
    out.push_back(*p);
    q.pop();
  }
  return out;
}

bool is_overflow(const kernel::Packet& p, std::uint64_t dropped) {
  auto h = proto::parse_header(*p);
  if (!h || h->op != proto::Op::overflow || h->error != kEnobufs || h->id != 0) return false;
  auto body = proto::payload(*p);
  auto j = nlohmann::json::parse(reinterpret_cast<const char*>(body.data()),
                                 reinterpret_cast<const char*>(body.data() + body.size()), nullptr,
                                 false);
  return j.is_object() && j.value("dropped", 0u) == dropped;
}

TEST(OutQueue, CopiesWithinBound_Queued) {
  OutQueue q = queue(300);
  EXPECT_TRUE(q.offer(bytes(100), OverflowMode::silent));
  EXPECT_TRUE(q.offer(bytes(200), OverflowMode::silent));
  EXPECT_EQ(q.bounded_bytes(), 300u);
  EXPECT_EQ(q.drops(), 0u);
  EXPECT_EQ(drain(q).size(), 2u);
  EXPECT_EQ(q.bounded_bytes(), 0u);
}

TEST(OutQueue, CopyOverBoundSilent_DroppedWithoutSignal) {
  OutQueue q = queue(150);
  EXPECT_TRUE(q.offer(bytes(100), OverflowMode::silent));
  EXPECT_FALSE(q.offer(bytes(100), OverflowMode::silent));
  EXPECT_EQ(q.drops(), 1u);
  auto out = drain(q);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]->size(), 100u);
  // Room again: the next copy goes in.
  EXPECT_TRUE(q.offer(bytes(100), OverflowMode::silent));
}

TEST(OutQueue, RepliesNotBounded_CopiesStillFit) {
  OutQueue q = queue(100);
  q.push(bytes(5000));
  EXPECT_TRUE(q.offer(bytes(100), OverflowMode::silent));
  EXPECT_EQ(q.bounded_bytes(), 100u);
  EXPECT_EQ(q.total_bytes(), 5100u);
}

TEST(OutQueue, RerrorWithRoom_OverflowQueuedAheadOfLaterCopies) {
  OutQueue q = queue(300);
  ASSERT_TRUE(q.offer(bytes(100, 1), OverflowMode::rerror));
  EXPECT_FALSE(q.offer(bytes(250, 2), OverflowMode::rerror));  // the signal fits at once
  EXPECT_TRUE(q.offer(bytes(50, 3), OverflowMode::rerror));
  auto out = drain(q);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ((*out[0])[0], std::byte{1});
  EXPECT_TRUE(is_overflow(out[1], 1));
  EXPECT_EQ((*out[2])[0], std::byte{3});
}

TEST(OutQueue, RerrorWithoutRoom_OverflowWaitsAndCountsEveryDrop) {
  OutQueue q = queue(200);
  ASSERT_TRUE(q.offer(bytes(200, 1), OverflowMode::rerror));
  EXPECT_FALSE(q.offer(bytes(10, 2), OverflowMode::rerror));
  EXPECT_FALSE(q.offer(bytes(10, 3), OverflowMode::rerror));  // the signal still waits
  EXPECT_EQ(q.drops(), 2u);
  q.pop();  // the client read: the signal goes in first, then new copies
  EXPECT_TRUE(q.offer(bytes(10, 4), OverflowMode::rerror));
  auto out = drain(q);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(is_overflow(out[0], 2));
  EXPECT_EQ((*out[1])[0], std::byte{4});
}

TEST(OutQueue, RerrorTinyBound_SignalStillDelivered) {
  OutQueue q = queue(8);  // smaller than the overflow packet itself
  EXPECT_FALSE(q.offer(bytes(100), OverflowMode::rerror));
  auto out = drain(q);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(is_overflow(out[0], 1));
}

TEST(OutQueue, Desync_DropsEverythingUntilDrained) {
  OutQueue q = queue(200);
  ASSERT_TRUE(q.offer(bytes(100, 1), OverflowMode::desync));
  ASSERT_TRUE(q.offer(bytes(100, 2), OverflowMode::desync));
  EXPECT_FALSE(q.offer(bytes(50, 3), OverflowMode::desync));  // no room for RTM_DESYNC yet
  EXPECT_TRUE(q.flushing());
  q.pop();                                                    // room: RTM_DESYNC is queued
  EXPECT_FALSE(q.offer(bytes(10, 4), OverflowMode::desync));  // room, but flushing
  q.pop();
  EXPECT_FALSE(q.offer(bytes(10, 5), OverflowMode::desync));  // RTM_DESYNC still unread
  const kernel::Packet* last = q.front();
  ASSERT_NE(last, nullptr);
  EXPECT_EQ((**last)[0], std::byte{0xde});
  q.pop();  // drained completely
  EXPECT_FALSE(q.flushing());
  EXPECT_TRUE(q.offer(bytes(10, 6), OverflowMode::desync));
  EXPECT_EQ(q.drops(), 3u);
}

TEST(OutQueue, DesyncWithoutDesyncMessage_SilentDrop) {
  OutQueue q(50, kEnobufs, std::make_shared<const std::vector<std::byte>>());
  EXPECT_FALSE(q.offer(bytes(100), OverflowMode::desync));
  EXPECT_FALSE(q.flushing());
  EXPECT_TRUE(q.empty());
}

TEST(OutQueue, SetBoundLarger_PendingSignalQueued) {
  OutQueue q = queue(100);
  ASSERT_TRUE(q.offer(bytes(100), OverflowMode::rerror));
  EXPECT_FALSE(q.offer(bytes(100), OverflowMode::rerror));
  q.set_bound(1000);
  auto out = drain(q);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(is_overflow(out[1], 1));
}

TEST(OutQueue, Clear_ForgetsQueueAndSignals) {
  OutQueue q = queue(100);
  ASSERT_TRUE(q.offer(bytes(100), OverflowMode::desync));
  EXPECT_FALSE(q.offer(bytes(100), OverflowMode::desync));
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(q.flushing());
  EXPECT_EQ(q.total_bytes(), 0u);
}

}  // namespace
}  // namespace rtsock::server
