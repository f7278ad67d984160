// The view path allocates nothing per message: RibView iteration, header
// fields and address decoding. Its own binary, because it replaces the global
// allocator with a counting one.
#include <gtest/gtest.h>

#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"

#include "../support/alloc_counter.hpp"

namespace {

using namespace rtsock;

TEST(ViewPath, walk_and_decode_allocate_nothing) {
  for (const char* name : {"freebsd14-amd64", "darwin", "openbsd", "netbsd", "dragonfly", "hpux"}) {
    const rtsock::abi::Profile& p = *rtsock::abi::find_profile(name);
    std::vector<std::byte> buf;
    for (int i = 0; i < 100; ++i) {
      auto m = codec::Message::make(p, 4);
      m.set_addr(rtsock::abi::kDst, codec::Sockaddr::inet4({10, static_cast<std::uint8_t>(i), 0, 0}));
      m.set_addr(rtsock::abi::kGateway, codec::Sockaddr::inet4({192, 0, 2, 1}));
      m.set_addr(rtsock::abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, 16));
      m.set_addr(rtsock::abi::kIfp, codec::Sockaddr::link(1, 6, "em0"));
      ASSERT_TRUE(codec::marshal(p, m, buf, {.sysctl = true}));
    }
    const auto before = test::allocations();
    int n = 0;
    for (const auto& r : codec::RibView(buf, p)) {
      ASSERT_TRUE(r);
      ++n;
      volatile std::int64_t f = r->get(rtsock::abi::Field::flags);
      (void)f;
      for (int s = 0; s < rtsock::abi::kMaxSlots; ++s)
        if (r->has_addr(s)) {
          volatile auto k = r->addr(s).kind;
          (void)k;
        }
    }
    EXPECT_EQ(n, 100) << name;
    EXPECT_EQ(test::allocations() - before, 0u) << name;
  }
}

}  // namespace
