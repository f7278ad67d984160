// Encoding a Message for a profile.
#include "rtsock/codec/marshal.hpp"

#include <algorithm>
#include <cstring>

#include "wire.hpp"

namespace rtsock::codec {

using abi::Field;
using abi::HdrKind;

Result<std::size_t> marshal(const abi::Profile& p, const Message& m, std::vector<std::byte>& out,
                            MarshalOptions opt) {
  const std::size_t start = out.size();
  auto put_bytes = [&](std::size_t at, const std::vector<std::uint8_t>& v) {
    if (!v.empty()) std::memcpy(out.data() + at, v.data(), v.size());
  };

  if (m.kind == HdrKind::none) {
    const std::size_t len = 4 + m.body.size();
    if (len > 0xffff) return fail(codec_errc::message_too_long);
    out.resize(start + len);
    wire::store(out.data() + start, 2, len, p.order);
    out[start + 2] = static_cast<std::byte>(m.get(Field::version));
    out[start + 3] = static_cast<std::byte>(m.type);
    put_bytes(start + 4, m.body);
    return len;
  }

  // The profile must carry this type in this header.
  const HdrKind want = p.types[m.type].hdr;
  const bool long_form = (m.kind == HdrKind::ifinfol && want == HdrKind::ifinfo) ||
                         (m.kind == HdrKind::ifaddrl && want == HdrKind::ifaddr);
  const abi::Layout& l = p.layout(m.kind);
  if ((want != m.kind && !long_form) || !l.present()) return fail(codec_errc::unsupported_message);
  if ((m.present >> std::min<int>(p.rtax_max, 31)) != 0 && p.rtax_max < 32)
    return fail(codec_errc::slot_out_of_range);

  // Sizes first.
  const std::size_t hdr = l.size + (l.hdrlen_field ? m.hdr_extra.size() : 0);
  const bool unpadded_last = m.last_pad == LastPad::unpadded ||
                             (m.last_pad == LastPad::automatic && kernel_unpadded(p, m.type, opt.sysctl));
  std::array<std::size_t, abi::kMaxSlots> salen{}, step{};
  std::size_t total = hdr;
  int last = -1;
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (m.has(s)) last = s;
  for (int s = 0; s <= last; ++s) {
    if (!m.has(s)) continue;
    const auto i = static_cast<std::size_t>(s);
    salen[i] = encoded_len(p, m.sa[i], p.mask_slot(s));
    if (salen[i] > 255) return fail(codec_errc::value_out_of_range);
    // Unpadded, a sockaddr still keeps its sa_len byte, except where Darwin's
    // rt_msg1 ends the message right before an empty last one.
    if (s == last && unpadded_last)
      step[i] = (salen[i] == 0 && !p.last_sa_unpadded) ? 1 : salen[i];
    else
      step[i] = sa_roundup(p, salen[i]);
    total += step[i];
  }
  total += m.tail.size();
  if (opt.sysctl && p.sysctl_align != 0) total = (total + p.sysctl_align - 1) / p.sysctl_align * p.sysctl_align;
  if (total > 0xffff) return fail(codec_errc::message_too_long);

  // Header fields.
  out.resize(start + total);
  std::byte* b = out.data() + start;
  std::uint32_t addrs = m.present;
  {
    const auto stored = static_cast<std::uint32_t>(m.get(Field::addrs));
    const std::uint32_t known = p.rtax_max >= 32 ? ~0u : ((1u << p.rtax_max) - 1);
    addrs |= stored & ~known;  // bits no slot can hold travel as they came
  }
  for (const auto& fl : l.fields) {
    std::int64_t v = m.get(fl.field);
    switch (fl.field) {
      case Field::msglen: v = static_cast<std::int64_t>(total); break;
      case Field::addrs: v = static_cast<std::int32_t>(addrs); break;
      case Field::type: v = m.type; break;
      default: break;
    }
    if (l.hdrlen_field && fl.field == *l.hdrlen_field) v = static_cast<std::int64_t>(hdr);
    if (l.data_off_field && fl.field == *l.data_off_field) v = l.data_off;
    if (!wire::fits(v, fl.size)) return fail(codec_errc::value_out_of_range);
    const std::size_t off = fl.in_data ? l.data_off + fl.off : fl.off;
    wire::store(b + off, fl.size, static_cast<std::uint64_t>(v), p.order);
  }
  if (l.name_len != 0) {
    const std::size_t n = std::min<std::size_t>(m.name.size(), l.name_len);
    if (n) std::memcpy(b + l.name_off, m.name.data(), n);
  }
  if (l.hdrlen_field) put_bytes(start + l.size, m.hdr_extra);

  // Sockaddrs.
  std::size_t cp = hdr;
  for (int s = 0; s <= last; ++s) {
    if (!m.has(s)) continue;
    const auto i = static_cast<std::size_t>(s);
    encode_sockaddr(p, m.sa[i], p.mask_slot(s), {b + cp, salen[i]});
    cp += step[i];
  }
  put_bytes(start + cp, m.tail);
  return total;
}

Result<std::vector<std::byte>> marshal(const abi::Profile& p, const Message& m, MarshalOptions opt) {
  std::vector<std::byte> out;
  auto r = marshal(p, m, out, opt);
  if (!r) return tl::unexpected(r.error());
  return out;
}

}  // namespace rtsock::codec
