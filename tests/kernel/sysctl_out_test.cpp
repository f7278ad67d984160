// SysctlOut: the buffers a sysctl answer is written into.
#include "rtsock/kernel/sysctl_out.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace {

using rtsock::kernel::SysctlOut;

std::vector<std::byte> counting(std::size_t n) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = std::byte(static_cast<std::uint8_t>(i * 7));
  return v;
}

TEST(SysctlOut, DefaultIsOneBufferTakenWhole) {
  SysctlOut o;
  const auto a = counting(1000);
  o.append(a);
  o.push_back(std::byte{9});
  EXPECT_EQ(o.size(), 1001u);
  ASSERT_EQ(o.buffers().size(), 1u);
  auto all = o.take();
  ASSERT_EQ(all.size(), 1001u);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), all.begin()));
  EXPECT_EQ(all.back(), std::byte{9});
  EXPECT_EQ(o.size(), 0u);
  EXPECT_TRUE(o.buffers().empty());
}

TEST(SysctlOut, BoundedBuffersKeepHeadroomAndSplitAppends) {
  SysctlOut o(16, 100);
  const auto a = counting(250);
  // Appends of odd sizes straddle buffer boundaries; nothing is lost.
  o.append(std::span(a).first(37));
  o.append(std::span(a).subspan(37, 150));
  o.append(std::span(a).subspan(187));
  EXPECT_EQ(o.size(), 250u);
  auto& bufs = o.buffers();
  ASSERT_EQ(bufs.size(), 3u);  // 84 + 84 + 82 payload bytes in 100-byte buffers
  std::vector<std::byte> joined;
  for (const auto& b : bufs) {
    ASSERT_LE(b.size(), 100u);
    ASSERT_GT(b.size(), 16u);
    joined.insert(joined.end(), b.begin() + 16, b.end());
  }
  EXPECT_EQ(joined, a);
  EXPECT_EQ(o.take(), a);
}

// With a sink, a full buffer leaves when the next one starts; the last
// (possibly full) one stays until the owner takes it, since only the owner
// knows that nothing follows it.
TEST(SysctlOut, SinkTakesFullBuffersAsTheNextStarts) {
  SysctlOut o(16, 100);
  std::vector<std::vector<std::byte>> sunk;
  o.set_sink([&](std::vector<std::byte>&& b) { sunk.push_back(std::move(b)); });
  const auto a = counting(84 * 3);  // exactly three full buffers
  o.append(std::span(a).first(84));
  EXPECT_TRUE(sunk.empty()) << "full, but nothing follows yet";
  o.append(std::span(a).subspan(84, 84));
  ASSERT_EQ(sunk.size(), 1u);
  EXPECT_EQ(sunk[0].size(), 100u);
  o.append(std::span(a).subspan(168));
  ASSERT_EQ(sunk.size(), 2u);
  ASSERT_EQ(o.buffers().size(), 1u);
  EXPECT_EQ(o.size(), a.size());
  std::vector<std::byte> joined;
  for (const auto& b : sunk) joined.insert(joined.end(), b.begin() + 16, b.end());
  joined.insert(joined.end(), o.buffers()[0].begin() + 16, o.buffers()[0].end());
  EXPECT_EQ(joined, a);
}

TEST(SysctlOut, NothingAppendedMeansNoBuffers) {
  SysctlOut o(16, 64);
  o.append({});
  EXPECT_TRUE(o.buffers().empty());
  EXPECT_TRUE(o.take().empty());
}

}  // namespace
