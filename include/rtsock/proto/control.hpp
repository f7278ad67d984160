// rtsock/proto/control.hpp — rtsockd's control packets.
//
// On the rtsockd socket (SOCK_SEQPACKET), one packet is one routing message
// in the personality's wire format, in both directions. What a BSD program
// does through other system calls — setsockopt(), shutdown(), sysctl(),
// ifconfig's ioctls — travels as control packets, which begin with the four
// bytes "RTSK". A routing message cannot be taken for one: its third byte is
// rtm_version (3 to 7), and 'S' (83) is none. docs/protocol.md is the full
// description; in brief:
//
//   offset 0  "RTSK"
//          4  u8  protocol version (1)
//          5  u8  op (Op)
//          6  u16 flags (little-endian; bit 0 "more": a chunk of a reply follows)
//          8  u32 id (little-endian): chosen by the client, echoed in the reply
//         12  i32 error (little-endian): OS errno of the outcome, 0 in requests
//         16  payload: UTF-8 JSON, except sysctl replies (raw dump bytes)
//
// Requests are answered by exactly one reply of the same op and id (sysctl
// replies may span several packets, all with flag "more" but the last). The
// daemon also sends three unsolicited packets: `status` (the outcome of a
// routing write that the sender cannot see in a reply), `overflow` (the
// ENOBUFS of SO_RERROR) and `progress` (busy with a long request).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/result.hpp"

namespace rtsock::proto {

inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 16;
inline constexpr std::uint16_t kFlagMore = 0x1;
// Largest packet either side sends; sysctl replies are cut into chunks.
inline constexpr std::size_t kMaxPacket = 65536;

enum class Op : std::uint8_t {
  // c→s {} ; s→c {"protocol":1,"personality":"freebsd","profile":"freebsd14-amd64",
  //   "os":"freebsd","socket":N,"uid":U,"pid":P,"privileged":bool,"fibs":N,
  //   "dad_count":N,"ip_dad_count":N}
  hello = 1,
  // s→c only, id 0: a routing write's outcome when the sender gets no copy
  // that shows it: {"error":E,"pid":P,"seq":S,"type":T,"reply":bool}.
  // Sent only after SET "status" is on (rtsock_status socket option), first.
  status = 2,
  // s→c only, id 0: SO_RERROR overflow; error = ENOBUFS, {"dropped":N}.
  overflow = 3,
  // c→s {"protocol":P}: as if the socket had been opened with
  // socket(PF_ROUTE, SOCK_RAW, P) (OS family numbers); reply {}.
  socket = 4,
  // c→s {"level":L,"name":N,"value":"hex bytes"} in the OS's numbering;
  // level "rtsock" for the daemon's own options ("status": 0/1,
  // "rcvbuf": bytes). Reply {} with error.
  setsockopt = 5,
  // c→s {"level":L,"name":N}; reply {"value":"hex bytes"}.
  getsockopt = 6,
  // c→s {"how":"rd"}: shutdown(SHUT_RD); reply {}.
  shutdown = 7,
  // c→s {"mib":[4,17,0,af,op,arg(,fib)]}; reply: the dump bytes (chunked).
  sysctl = 8,
  // c→s {"op":"create","name":"em1","type":6,"mtu":1500,"lladdr":"02:…","fib":0}
  //     {"op":"destroy","name":…}
  //     {"op":"set","name":…,"up":bool,"mtu":N,"lladdr":"…","link":"up|down|unknown","metric":N}
  //     {"op":"addr_add","name":…,"addr":"192.0.2.1","plen":24,"broadcast":"…","peer":"…",
  //      "flags":IN6_IFF_*}
  //     {"op":"addr_delete","name":…,"addr":"…"}
  //     {"op":"addr_flags","name":…,"addr":"…"} → {"flags":N} (unprivileged)
  //     {"op":"nd6_flags","name":…} → {"flags":ND6_IFF_*,"mtu":N} (unprivileged)
  // reply {"index":N} for create, {} otherwise; privileged.
  ifconfig = 9,
  // c→s {"event":"forward","fib":F,"dst":"…"} → {"verdict":"deliver|miss|reject|blackhole",
  //       "error":E,"ifindex":I,"next_hop":"…"}
  //     {"event":"redirect","fib":F,"dst":…,"gateway":…,"src":…} → {}
  //     {"event":"expire"} → {"expired":N}; privileged.
  inject = 10,
  // c→s {}; reply {"clients":N,"drops":N,"writes":N,…}.
  stats = 11,
  // c→s {"name":"rtsock-compat/…"}: find the connection whose socket is
  // bound to that abstract address (the compat library's routing sockets);
  // reply {"handle":H,"socket":N}. This connection becomes a side channel:
  // it receives no routing messages, and its requests may act on the
  // attached connection (a "handle" field in setsockopt, getsockopt,
  // shutdown, socket, hello, stats; the write op). Same uid or privileged.
  attach = 12,
  // c→s payload: u32 handle (little-endian), then a routing message, which
  // is written to that connection's socket by this connection's process
  // (its pid in rtm_pid, its privilege). Reply: no payload, error = what
  // write() returns (OS numbering), sent after the copies it caused.
  write = 13,
  // s→c only, id 0, {}: the daemon is busy with a long request (a large
  // sysctl dump) and will answer. Sent every ServerOptions::progress_interval
  // of such work to the connection it serves and to every connection with
  // requests waiting to be read (not to compat routing sockets). A client
  // waiting for a reply restarts its timeout; everyone else ignores it.
  progress = 14,
};

// The abstract-address prefix that marks a compat routing socket.
inline constexpr std::string_view kCompatNamePrefix = "rtsock-compat/";

struct Header {
  Op op = Op::hello;
  std::uint16_t flags = 0;
  std::uint32_t id = 0;
  std::int32_t error = 0;
};

// Whether a packet is a control packet (starts with "RTSK").
bool is_control(std::span<const std::byte> pkt);
// Decodes the header (EPROTO-free: codec_errc::truncated / bad_version).
Result<Header> parse_header(std::span<const std::byte> pkt);
std::span<const std::byte> payload(std::span<const std::byte> pkt);
// Writes the header into the first kHeaderSize bytes of out.
void encode_header(const Header& h, std::span<std::byte> out);
// Header then payload.
std::vector<std::byte> encode(const Header& h, std::span<const std::byte> payload = {});
std::vector<std::byte> encode(const Header& h, std::string_view json);

// Hex text of option values: "01000000".
std::string to_hex(std::span<const std::byte> b);
Result<std::vector<std::byte>> from_hex(std::string_view s);

}  // namespace rtsock::proto
