// Fuzz target: parse -> render -> marshal -> re-parse for every profile.
// Input: byte 0 picks the profile, byte 1 bit 0 flips its byte order and bit 1
// selects NET_RT_IFLISTL headers; the rest is the buffer. Any message that
// parses must render, and whatever marshal accepts must parse back equal.
#include <cstddef>
#include <cstdint>
#include <span>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/render.hpp"

namespace {

const rtsock::abi::Profile& pick(std::uint8_t sel, bool flip) {
  const auto& all = rtsock::abi::profiles();
  const auto& base = all[sel % all.size()];
  if (!flip) return base;
  return *rtsock::abi::find_profile(base.name + (base.order == rtsock::abi::ByteOrder::little ? "-be" : "-le"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rtsock::codec;
  if (size < 2) return 0;
  const auto& p = pick(data[0], data[1] & 1);
  const ParseOptions opt{.long_if = (data[1] & 2) != 0};
  std::span<const std::byte> buf(reinterpret_cast<const std::byte*>(data + 2), size - 2);
  std::size_t steps = 0;
  for (const auto& r : RibView(buf, p, opt)) {
    if (++steps > buf.size() / 4 + 1) __builtin_trap();  // no progress
    if (!r) {
      (void)error_json(r.error()).dump();
      continue;
    }
    if (r->offset() + r->length() > buf.size()) __builtin_trap();
    const Message m = r->to_message();
    (void)monitor_text(p, m);
    (void)message_json(p, m).dump();
    auto bytes = marshal(p, m);
    if (!bytes) continue;
    auto again = parse_message(*bytes, p, opt);
    if (!again || !(again->to_message() == m)) __builtin_trap();
  }
  return 0;
}
