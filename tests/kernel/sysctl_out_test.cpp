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

TEST(SysctlOut, NothingAppendedMeansNoBuffers) {
  SysctlOut o(16, 64);
  o.append({});
  EXPECT_TRUE(o.buffers().empty());
  EXPECT_TRUE(o.take().empty());
}

}  // namespace
