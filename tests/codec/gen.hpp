// RapidCheck generators: canonical messages of every kind for a profile.
// "Canonical" = what parsing yields: natural sockaddr lengths, KAME zones
// lifted out of the address, masks in the family that interprets them.
#pragma once

#include <rapidcheck.h>

#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/message.hpp"

namespace rtsock::test {

inline std::int64_t gen_field(const rtsock::abi::FieldLoc& l) {
  const unsigned bits = l.size * 8u;
  if (l.is_signed) {
    if (bits == 64) return *rc::gen::arbitrary<std::int64_t>();
    const std::int64_t lo = -(std::int64_t{1} << (bits - 1)), hi = (std::int64_t{1} << (bits - 1)) - 1;
    return *rc::gen::inRange<std::int64_t>(lo, hi);
  }
  if (bits == 64) return static_cast<std::int64_t>(*rc::gen::arbitrary<std::uint64_t>());
  return static_cast<std::int64_t>(*rc::gen::inRange<std::uint64_t>(0, (std::uint64_t{1} << bits) - 1));
}

inline std::vector<std::uint8_t> gen_bytes(std::size_t max) {
  return *rc::gen::container<std::vector<std::uint8_t>>(*rc::gen::inRange<std::size_t>(0, max + 1),
                                                        rc::gen::arbitrary<std::uint8_t>());
}

inline bool kame_scoped(const std::array<std::uint8_t, 16>& a) {
  return (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || (a[0] == 0xff && ((a[1] & 0x0f) == 1 || (a[1] & 0x0f) == 2));
}

inline codec::Sockaddr gen_addr(const rtsock::abi::Profile& p) {
  using codec::Sockaddr;
  switch (*rc::gen::inRange(0, 5)) {
    case 0: {
      auto s = Sockaddr::inet4(*rc::gen::arbitrary<std::array<std::uint8_t, 4>>());
      s.port = *rc::gen::arbitrary<std::uint16_t>();
      return s;
    }
    case 1: {
      auto a = *rc::gen::arbitrary<std::array<std::uint8_t, 16>>();
      if (*rc::gen::arbitrary<bool>()) { a[0] = 0xfe; a[1] = 0x80; }
      auto s = Sockaddr::inet6(a, *rc::gen::arbitrary<std::uint32_t>());
      s.port = *rc::gen::arbitrary<std::uint16_t>();
      s.flowinfo = *rc::gen::arbitrary<std::uint32_t>();
      if (kame_scoped(s.addr)) {
        s.kame_zone = static_cast<std::uint16_t>(s.addr[2] << 8 | s.addr[3]);
        s.addr[2] = s.addr[3] = 0;
      }
      return s;
    }
    case 2: {
      const auto name = *rc::gen::container<std::string>(*rc::gen::inRange<std::size_t>(0, 17), rc::gen::inRange('a', 'z'));
      return Sockaddr::link(*rc::gen::arbitrary<std::uint16_t>(), *rc::gen::arbitrary<std::uint8_t>(), name, gen_bytes(8));
    }
    case 3: {
      std::uint8_t fam;
      do fam = *rc::gen::arbitrary<std::uint8_t>();
      while (fam == p.af_inet || fam == p.af_inet6 || fam == p.af_link);
      return Sockaddr::raw(fam, gen_bytes(40));
    }
    default:
      return Sockaddr{};  // empty
  }
}

inline codec::Sockaddr gen_mask(const rtsock::abi::Profile& p, codec::SaKind ctx) {
  auto s = codec::Sockaddr::mask(ctx, *rc::gen::inRange(0, ctx == codec::SaKind::inet6 ? 129 : 33));
  if (*rc::gen::inRange(0, 4) == 0) {  // the odd non-contiguous mask
    auto a = *rc::gen::arbitrary<std::array<std::uint8_t, 16>>();
    for (std::size_t i = 0; i < s.addr_size(); ++i) s.addr[i] = a[i];
  }
  (void)p;
  return s;
}

// A message of a random type the profile knows, canonical in every part.
inline codec::Message gen_message(const rtsock::abi::Profile& p) {
  using namespace codec;
  struct Choice { std::uint8_t type; bool long_if; };
  std::vector<Choice> choices;
  for (int t = 0; t < 256; ++t) {
    const auto k = p.types[static_cast<std::size_t>(t)].hdr;
    if (k != rtsock::abi::HdrKind::none) choices.push_back({static_cast<std::uint8_t>(t), false});
    if ((k == rtsock::abi::HdrKind::ifinfo && p.layout(rtsock::abi::HdrKind::ifinfol).present()) ||
        (k == rtsock::abi::HdrKind::ifaddr && p.layout(rtsock::abi::HdrKind::ifaddrl).present()))
      choices.push_back({static_cast<std::uint8_t>(t), true});
  }
  choices.push_back({0xfe, false});  // no OS numbers a type 254: opaque
  const Choice c = *rc::gen::elementOf(choices);
  Message m = Message::make(p, c.type, c.long_if);
  if (m.kind == rtsock::abi::HdrKind::none) {
    m.body = gen_bytes(64);
    return m;
  }
  const rtsock::abi::Layout& l = p.layout(m.kind);
  for (const auto& fl : l.fields)
    if (!is_derived(fl.field) && fl.field != rtsock::abi::Field::type && fl.field != rtsock::abi::Field::version)
      m.f[rtsock::abi::idx(fl.field)] = gen_field(fl);
  if (l.name_len)
    m.name = *rc::gen::container<std::string>(*rc::gen::inRange<std::size_t>(0, l.name_len + 1u), rc::gen::inRange('a', 'z'));
  if (l.hdrlen_field) m.hdr_extra = gen_bytes(16);

  if (l.has(rtsock::abi::Field::addrs)) {
    const int slots = std::min<int>(p.rtax_max, rtsock::abi::kMaxSlots);
    const auto mask = *rc::gen::inRange<std::uint32_t>(0, 1u << slots);
    // Plain addresses first; masks take the family that will interpret them.
    for (int s = 0; s < slots; ++s)
      if (((mask >> s) & 1u) && !p.mask_slot(s)) m.set_addr(s, gen_addr(p));
    SaKind ctx = SaKind::empty;
    for (int s : {rtsock::abi::kDst, rtsock::abi::kIfa})
      if (ctx == SaKind::empty && m.has(s) && (m.sa[static_cast<std::size_t>(s)].kind == SaKind::inet4 ||
                                               m.sa[static_cast<std::size_t>(s)].kind == SaKind::inet6))
        ctx = m.sa[static_cast<std::size_t>(s)].kind;
    if (ctx == SaKind::empty)
      ctx = (p.mask_form == rtsock::abi::MaskForm::full && *rc::gen::arbitrary<bool>()) ? SaKind::inet6 : SaKind::inet4;
    for (int s = 0; s < slots; ++s)
      if (((mask >> s) & 1u) && p.mask_slot(s)) m.set_addr(s, gen_mask(p, ctx));
    // A full-form IPv6 mask names its family; without an inet DST/IFA an
    // IPv4 mask in another mask slot would then be read as IPv6: keep them alike.
  }
  // Bytes after the sockaddrs survive only when the last one is padded.
  if (!kernel_unpadded(p, m.type, false) && *rc::gen::inRange(0, 4) == 0) m.tail = gen_bytes(12);
  return m;
}

}  // namespace rtsock::test
