// rtsock/codec/hexin.hpp — reading hex dumps ("98 00 05 01", "0x98,0x00",
// one message per line or all on one) into bytes. `#` starts a comment that
// runs to the end of the line.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "rtsock/result.hpp"

namespace rtsock::codec {

// Whitespace, commas, newlines and 0x prefixes are tolerated; digits pair up
// into bytes across separators only within a token. Returns EINVAL with the
// character offset on anything else or on an odd number of digits in a token.
Result<std::vector<std::byte>> parse_hex(std::string_view text);

}  // namespace rtsock::codec
