// Message construction and equality.
#include "rtsock/codec/message.hpp"

namespace rtsock::codec {

bool is_derived(abi::Field f) {
  return f == abi::Field::msglen || f == abi::Field::addrs || f == abi::Field::hdrlen ||
         f == abi::Field::data_off;
}

bool kernel_unpadded(const abi::Profile& p, std::uint8_t type, bool sysctl) {
  if (!p.last_sa_unpadded || sysctl) return false;
  const auto k = p.types[type].hdr;
  return !(k == abi::HdrKind::route2 || p.types[type].name == "RTM_GET");
}

Message Message::make(const abi::Profile& p, std::uint8_t type, bool long_if) {
  Message m;
  m.type = type;
  m.kind = p.header_of(type, long_if);
  m.set(abi::Field::type, type);
  m.set(abi::Field::version, p.rtm_version);
  return m;
}

bool operator==(const Message& a, const Message& b) {
  if (a.kind != b.kind || a.type != b.type || a.name != b.name || a.present != b.present ||
      a.last_pad != b.last_pad || a.hdr_extra != b.hdr_extra || a.tail != b.tail ||
      a.body != b.body)
    return false;
  for (std::size_t i = 0; i < abi::kFieldCount; ++i) {
    const auto f = static_cast<abi::Field>(i);
    if (f == abi::Field::addrs) {
      // Only the bits no slot accounts for (beyond RTAX_MAX) are stored.
      if ((a.f[i] & ~static_cast<std::int64_t>(a.present)) != (b.f[i] & ~static_cast<std::int64_t>(b.present)))
        return false;
      continue;
    }
    if (!is_derived(f) && a.f[i] != b.f[i]) return false;
  }
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (a.has(s) && !(a.sa[static_cast<std::size_t>(s)] == b.sa[static_cast<std::size_t>(s)])) return false;
  return true;
}

}  // namespace rtsock::codec
