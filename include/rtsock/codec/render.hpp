// rtsock/codec/render.hpp — human and machine renderings of messages.
//
// monitor_text() prints what route(8)'s print_rtmsg prints for the message in
// `route -n monitor` (FreeBSD's layout; OpenBSD and macOS add their own fields
// as their route(8) does). message_json() follows the JSON contract of
// `route decode -j` (docs/route-decode.md): type, type_num, version, len, index,
// flags, flags_raw, addrs, then per-kind keys. Neither ever fails: unknown
// bits, types and families are printed as numbers.
#pragma once

#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/result.hpp"

namespace rtsock::codec {

// The text print_rtmsg prints for one message (ends with a newline except
// where route(8) itself leaves the line open).
std::string monitor_text(const abi::Profile& p, const Message& m);
// route(8)'s text for an address in monitor mode with -n ("default",
// "192.0.2.1", "link#3", "em0:0.c.29.66.2c.dc", "(17) 0 a0b").
std::string route_name(const abi::Profile& p, const Sockaddr& sa);
// route(8)'s own bit tables (its spelling and order, which differ from the
// kernel headers: PTP for IFF_POINTOPOINT, ...).
enum class Route8Bits : std::uint8_t { route_flags, if_flags, addrs, metrics };
// printb() with the table of the profile's route(8): "<UP,GATEWAY>", or ""
// when no set bit has a name.
std::string route8_bits(const abi::Profile& p, Route8Bits table, std::uint32_t bits);
// Names of the set bits, in bit order; unnamed bits as "0x…".
std::string flag_list(const abi::BitNames& names, std::uint64_t bits, std::string_view sep = ",");

nlohmann::ordered_json message_json(const abi::Profile& p, const Message& m);
nlohmann::ordered_json error_json(const Error& e);

}  // namespace rtsock::codec
