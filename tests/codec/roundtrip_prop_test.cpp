// Properties: parse(marshal(m)) == m and marshal(parse(b)) == b for every
// message kind of every profile (both byte orders); rendering never fails.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "gen.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/render.hpp"

using namespace rtsock;
using namespace rtsock::codec;

namespace {

std::vector<const rtsock::abi::Profile*> all_profiles() {
  std::vector<const rtsock::abi::Profile*> v;
  for (const auto& p : rtsock::abi::profiles()) {
    v.push_back(&p);
    v.push_back(rtsock::abi::find_profile(p.name + (p.order == rtsock::abi::ByteOrder::little ? "-be" : "-le")));
  }
  return v;
}

void round_trip(const rtsock::abi::Profile& p) {
  const Message m = test::gen_message(p);
  auto b = marshal(p, m);
  RC_ASSERT(b.has_value());
  const bool long_if = m.kind == rtsock::abi::HdrKind::ifinfol || m.kind == rtsock::abi::HdrKind::ifaddrl;
  auto v = parse_message(*b, p, {.long_if = long_if});
  if (!v) RC_FAIL(v.error().message());
  RC_ASSERT(v->length() == b->size());
  const Message back = v->to_message();
  RC_ASSERT(back == m);
  auto again = marshal(p, back);
  RC_ASSERT(again.has_value());
  RC_ASSERT(*again == *b);
  // Rendering accepts whatever parsed.
  RC_ASSERT(!monitor_text(p, back).empty());
  RC_ASSERT(message_json(p, back).contains("type"));
}

TEST(RoundTrip, every_kind_every_profile) {
  for (const rtsock::abi::Profile* p : all_profiles()) {
    SCOPED_TRACE(p->name);
    const bool ok = rc::check(p->name + " parse(marshal(m)) == m", [p] { round_trip(*p); });
    EXPECT_TRUE(ok) << p->name;
  }
}

RC_GTEST_PROP(Parse, arbitrary_bytes_never_crash, (std::vector<std::uint8_t> raw)) {
  const auto* bytes = reinterpret_cast<const std::byte*>(raw.data());
  for (const char* n : {"freebsd14-amd64", "freebsd9-i386", "darwin", "openbsd", "netbsd", "netbsd7", "dragonfly",
                        "dragonfly56", "hpux"}) {
    const rtsock::abi::Profile& p = *rtsock::abi::find_profile(n);
    std::size_t count = 0;
    for (const auto& r : RibView({bytes, raw.size()}, p)) {
      RC_ASSERT(++count <= raw.size() / 4 + 1);  // progress: every step eats 4+ bytes
      if (!r) continue;
      const Message m = r->to_message();
      (void)monitor_text(p, m);
      (void)message_json(p, m).dump();
      auto again = marshal(p, m);
      if (again) {
        auto v = parse_message(*again, p);
        RC_ASSERT(v.has_value());
        RC_ASSERT(v->to_message() == m);
      }
    }
  }
}

}  // namespace
