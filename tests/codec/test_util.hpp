// Test helpers: hex literals to bytes.
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "rtsock/codec/hexin.hpp"

namespace rtsock::test {

inline std::vector<std::byte> hex(std::string_view s) {
  auto r = codec::parse_hex(s);
  EXPECT_TRUE(r.has_value()) << "bad hex literal";
  return r ? *r : std::vector<std::byte>{};
}

inline std::vector<std::byte> zeros(std::size_t n) { return std::vector<std::byte>(n); }

inline std::vector<std::byte> cat(std::initializer_list<std::vector<std::byte>> parts) {
  std::vector<std::byte> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace rtsock::test
