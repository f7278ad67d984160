// Fuzz target: the hex-text reader of `route decode --hex`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rtsock/codec/hexin.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = rtsock::codec::parse_hex(text);
  if (r && r->size() > size / 2) __builtin_trap();  // two digits per byte at least
  if (!r && r.error().offset() > size) __builtin_trap();
  return 0;
}
