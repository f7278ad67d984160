// Sockaddr values and their wire form.
#include "rtsock/codec/sockaddr.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "wire.hpp"

namespace rtsock::codec {
namespace {

constexpr std::size_t kIn4Size = 16;
constexpr std::size_t kIn6Size = 28;
constexpr std::size_t kIn4AddrOff = 4;
constexpr std::size_t kIn6AddrOff = 8;

bool kame_scoped(const std::array<std::uint8_t, 16>& a) {
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return true;  // fe80::/10
  // Interface- and link-local multicast: ffx1::, ffx2::.
  return a[0] == 0xff && ((a[1] & 0x0f) == 0x01 || (a[1] & 0x0f) == 0x02);
}

std::uint8_t byte_at(std::span<const std::byte> b, std::size_t i) {
  return i < b.size() ? static_cast<std::uint8_t>(b[i]) : 0;
}

// Natural sa_len of an address in a mask slot of a compressed-mask profile:
// up to the last non-zero address byte (0 for the all-zero mask).
std::size_t compressed_len(const Sockaddr& sa) {
  const std::size_t off = sa.kind == SaKind::inet6 ? kIn6AddrOff : kIn4AddrOff;
  const std::size_t n = sa.addr_size();
  std::size_t last = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (sa.addr[i] != 0) last = i + 1;
  return last == 0 ? 0 : off + last;
}

bool compressed_mask(const abi::Profile& p, const Sockaddr& sa, bool mask_slot) {
  return mask_slot && p.mask_form == abi::MaskForm::compressed &&
         (sa.kind == SaKind::inet4 || sa.kind == SaKind::inet6);
}

std::size_t link_data_used(const Sockaddr& sa) {
  auto eff = [](std::uint8_t v) -> std::size_t { return v == 0xff ? 0 : v; };
  return std::min<std::size_t>(eff(sa.nlen) + eff(sa.alen) + eff(sa.slen), sa.data.size());
}

std::size_t natural_len(const abi::Profile& p, const Sockaddr& sa, bool mask_slot) {
  if (compressed_mask(p, sa, mask_slot)) return compressed_len(sa);
  switch (sa.kind) {
    case SaKind::empty: return 0;
    case SaKind::inet4: return kIn4Size;
    case SaKind::inet6: return kIn6Size;
    case SaKind::link:
      return p.sdl_compact ? 8 + sa.data_len : std::max<std::size_t>(8 + sa.data_len, p.sdl_size);
    case SaKind::other: return 2 + sa.data_len;
  }
  return 0;
}

std::uint8_t natural_family(const abi::Profile& p, const Sockaddr& sa, bool mask_slot) {
  if (compressed_mask(p, sa, mask_slot)) return 0;
  switch (sa.kind) {
    case SaKind::inet4: return p.af_inet;
    case SaKind::inet6: return p.af_inet6;
    case SaKind::link: return p.af_link;
    case SaKind::other: return sa.family_num;
    case SaKind::empty: break;
  }
  return 0;
}

}  // namespace

// ---- constructors -----------------------------------------------------------

Sockaddr Sockaddr::inet4(std::array<std::uint8_t, 4> a) {
  Sockaddr s;
  s.kind = SaKind::inet4;
  std::copy(a.begin(), a.end(), s.addr.begin());
  return s;
}

Sockaddr Sockaddr::inet6(std::array<std::uint8_t, 16> a, std::uint32_t scope) {
  Sockaddr s;
  s.kind = SaKind::inet6;
  s.addr = a;
  s.scope_id = scope;
  return s;
}

Sockaddr Sockaddr::link(std::uint16_t index, std::uint8_t type, std::string_view name,
                        std::span<const std::uint8_t> lladdr) {
  Sockaddr s;
  s.kind = SaKind::link;
  s.link_index = index;
  s.link_type = type;
  const std::size_t n = std::min<std::size_t>(name.size(), 200);
  const std::size_t a = std::min<std::size_t>(lladdr.size(), s.data.size() - n);
  if (n) std::memcpy(s.data.data(), name.data(), n);
  if (a) std::memcpy(s.data.data() + n, lladdr.data(), a);
  s.nlen = static_cast<std::uint8_t>(n);
  s.alen = static_cast<std::uint8_t>(a);
  s.data_len = static_cast<std::uint8_t>(n + a);
  return s;
}

Sockaddr Sockaddr::raw(std::uint8_t family, std::span<const std::uint8_t> bytes) {
  Sockaddr s;
  s.kind = SaKind::other;
  s.family_num = family;
  const std::size_t n = std::min(bytes.size(), s.data.size());
  if (n) std::memcpy(s.data.data(), bytes.data(), n);
  s.data_len = static_cast<std::uint8_t>(n);
  return s;
}

Sockaddr Sockaddr::mask(SaKind kind, int plen) {
  Sockaddr s;
  s.kind = kind;
  const int bits = kind == SaKind::inet6 ? 128 : 32;
  plen = std::clamp(plen, 0, bits);
  for (int i = 0; i < plen; ++i) s.addr[static_cast<std::size_t>(i / 8)] |= static_cast<std::uint8_t>(0x80 >> (i % 8));
  return s;
}

std::optional<Sockaddr> Sockaddr::parse_ip(std::string_view text) {
  std::string t(text);
  std::uint32_t zone = 0;
  if (auto pct = t.find('%'); pct != std::string::npos) {
    const std::string z = t.substr(pct + 1);
    if (z.empty() || z.size() > 10 || !std::all_of(z.begin(), z.end(), ::isdigit)) return std::nullopt;
    const unsigned long v = std::stoul(z);
    if (v > 0xffffffffUL) return std::nullopt;
    zone = static_cast<std::uint32_t>(v);
    t.resize(pct);
  }
  std::array<std::uint8_t, 16> a{};
  if (zone == 0 && ::inet_pton(AF_INET, t.c_str(), a.data()) == 1)
    return inet4({a[0], a[1], a[2], a[3]});
  if (::inet_pton(AF_INET6, t.c_str(), a.data()) == 1) return inet6(a, zone);
  return std::nullopt;
}

std::string_view Sockaddr::link_name() const {
  const std::size_t n = nlen == 0xff ? 0 : std::min<std::size_t>(nlen, data_len);
  return {reinterpret_cast<const char*>(data.data()), n};
}

std::span<const std::uint8_t> Sockaddr::link_addr() const {
  const std::size_t n = nlen == 0xff ? 0 : std::min<std::size_t>(nlen, data_len);
  const std::size_t a = alen == 0xff ? 0 : std::min<std::size_t>(alen, data_len - n);
  return {data.data() + n, a};
}

bool operator==(const Sockaddr& a, const Sockaddr& b) {
  return a.kind == b.kind && a.wire_len == b.wire_len && a.wire_family == b.wire_family &&
         a.addr == b.addr && a.port == b.port && a.flowinfo == b.flowinfo &&
         a.scope_id == b.scope_id && a.kame_zone == b.kame_zone && a.link_index == b.link_index &&
         a.link_type == b.link_type && a.nlen == b.nlen && a.alen == b.alen && a.slen == b.slen &&
         a.family_num == b.family_num && a.data_len == b.data_len &&
         std::equal(a.data.begin(), a.data.begin() + a.data_len, b.data.begin());
}

// ---- masks and text ---------------------------------------------------------

std::optional<int> prefix_length(const Sockaddr& m) {
  if (m.kind == SaKind::empty) return 0;
  if (m.kind != SaKind::inet4 && m.kind != SaKind::inet6) return std::nullopt;
  int plen = 0;
  bool ended = false;
  for (std::size_t i = 0; i < m.addr_size(); ++i)
    for (int b = 7; b >= 0; --b) {
      const bool one = (m.addr[i] >> b) & 1;
      if (one && ended) return std::nullopt;
      if (one) ++plen;
      else ended = true;
    }
  return plen;
}

bool is_contiguous(const Sockaddr& m) { return prefix_length(m).has_value(); }

std::string ip_string(const Sockaddr& sa) {
  char buf[INET6_ADDRSTRLEN + 16] = {};
  if (sa.kind == SaKind::inet4) {
    ::inet_ntop(AF_INET, sa.addr.data(), buf, sizeof buf);
    return buf;
  }
  if (sa.kind == SaKind::inet6) {
    ::inet_ntop(AF_INET6, sa.addr.data(), buf, sizeof buf);
    std::string s = buf;
    if (sa.zone() != 0) {
      s += '%';
      s += std::to_string(sa.zone());
    }
    return s;
  }
  return {};
}

std::string lladdr_string(const Sockaddr& sa) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (std::uint8_t b : sa.link_addr()) {
    if (!s.empty()) s += ':';
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

std::string hex_string(std::span<const std::uint8_t> b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(b.size() * 2);
  for (std::uint8_t c : b) {
    s += kHex[c >> 4];
    s += kHex[c & 15];
  }
  return s;
}

// ---- wire form --------------------------------------------------------------

std::size_t sa_roundup(const abi::Profile& p, std::size_t len) {
  const std::size_t a = p.sa_align;
  return len == 0 ? a : (len + a - 1) / a * a;
}

Sockaddr decode_sockaddr(const abi::Profile& p, std::span<const std::byte> b, bool mask_slot,
                         SaKind ctx) {
  Sockaddr s;
  const std::uint8_t len = byte_at(b, 0);
  const std::uint8_t fam = byte_at(b, 1);
  if (len == 0) {
    // The empty sockaddr: in a mask slot it is the /0 mask of the context family.
    if (mask_slot && (ctx == SaKind::inet4 || ctx == SaKind::inet6)) {
      s.kind = ctx;
      if (natural_len(p, s, true) != 0) s.wire_len = 0;
    }
    return s;
  }
  // What family do the bytes carry?
  SaKind kind = SaKind::other;
  if (fam == p.af_inet) kind = SaKind::inet4;
  else if (fam == p.af_inet6) kind = SaKind::inet6;
  else if (fam == p.af_link) kind = SaKind::link;
  if (mask_slot && (ctx == SaKind::inet4 || ctx == SaKind::inet6) &&
      (fam == 0 || fam == 0xff || kind == ctx))
    kind = ctx;  // kernel-form mask: the destination's family interprets it
  s.kind = kind;

  const abi::ByteOrder o = p.order;
  switch (kind) {
    case SaKind::inet4:
      s.port = static_cast<std::uint16_t>(byte_at(b, 2) << 8 | byte_at(b, 3));
      if (len >= 8 && b.size() >= 8)
        std::memcpy(s.addr.data(), b.data() + kIn4AddrOff, 4);
      else
        for (std::size_t i = 0; i < 4 && kIn4AddrOff + i < len; ++i) s.addr[i] = byte_at(b, kIn4AddrOff + i);
      break;
    case SaKind::inet6:
      s.port = static_cast<std::uint16_t>(byte_at(b, 2) << 8 | byte_at(b, 3));
      if (len >= 8)
        s.flowinfo = static_cast<std::uint32_t>(byte_at(b, 4)) << 24 | static_cast<std::uint32_t>(byte_at(b, 5)) << 16 |
                     static_cast<std::uint32_t>(byte_at(b, 6)) << 8 | byte_at(b, 7);
      if (len >= 24 && b.size() >= 24)
        std::memcpy(s.addr.data(), b.data() + kIn6AddrOff, 16);
      else
        for (std::size_t i = 0; i < 16 && kIn6AddrOff + i < len; ++i) s.addr[i] = byte_at(b, kIn6AddrOff + i);
      if (len >= kIn6Size && b.size() >= kIn6Size)
        s.scope_id = static_cast<std::uint32_t>(wire::load(b.data() + 24, 4, o));
      if (!mask_slot && kame_scoped(s.addr)) {
        s.kame_zone = static_cast<std::uint16_t>(s.addr[2] << 8 | s.addr[3]);
        s.addr[2] = s.addr[3] = 0;
      }
      break;
    case SaKind::link: {
      if (b.size() >= 4) s.link_index = static_cast<std::uint16_t>(wire::load(b.data() + 2, 2, o));
      s.link_type = byte_at(b, 4);
      s.nlen = byte_at(b, 5);
      s.alen = byte_at(b, 6);
      s.slen = byte_at(b, 7);
      // Keep sdl_data up to the last meaningful byte; trailing zero padding
      // is what the natural length re-creates.
      const std::size_t avail = len > 8 ? std::min<std::size_t>(len - 8, b.size() > 8 ? b.size() - 8 : 0) : 0;
      std::size_t keep = std::min(link_data_used(s), avail);
      for (std::size_t i = 0; i < avail; ++i)
        if (byte_at(b, 8 + i) != 0) keep = std::max(keep, i + 1);
      for (std::size_t i = 0; i < keep; ++i) s.data[i] = byte_at(b, 8 + i);
      s.data_len = static_cast<std::uint8_t>(keep);
      break;
    }
    case SaKind::other: {
      s.family_num = fam;
      const std::size_t n = len > 2 ? std::min<std::size_t>(len - 2, b.size() > 2 ? b.size() - 2 : 0) : 0;
      for (std::size_t i = 0; i < n; ++i) s.data[i] = byte_at(b, 2 + i);
      s.data_len = static_cast<std::uint8_t>(n);
      break;
    }
    case SaKind::empty:
      break;
  }
  if (len != natural_len(p, s, mask_slot)) s.wire_len = len;
  if (len >= 2 && fam != natural_family(p, s, mask_slot)) s.wire_family = fam;
  return s;
}

std::size_t encoded_len(const abi::Profile& p, const Sockaddr& sa, bool mask_slot) {
  return sa.wire_len >= 0 ? static_cast<std::size_t>(sa.wire_len) : natural_len(p, sa, mask_slot);
}

void encode_sockaddr(const abi::Profile& p, const Sockaddr& sa, bool mask_slot,
                     std::span<std::byte> out) {
  // Build the full natural image, then emit its first sa_len bytes.
  std::array<std::byte, 256 + 8> img{};
  const std::size_t len = encoded_len(p, sa, mask_slot);
  auto put = [&](std::size_t i, std::uint8_t v) { img[i] = static_cast<std::byte>(v); };
  if (len == 0) {
    std::fill(out.begin(), out.end(), std::byte{0});
    return;
  }
  put(0, static_cast<std::uint8_t>(len));
  put(1, sa.wire_family >= 0 ? static_cast<std::uint8_t>(sa.wire_family) : natural_family(p, sa, mask_slot));
  const abi::ByteOrder o = p.order;
  switch (sa.kind) {
    case SaKind::inet4:
      put(2, static_cast<std::uint8_t>(sa.port >> 8));
      put(3, static_cast<std::uint8_t>(sa.port));
      for (std::size_t i = 0; i < 4; ++i) put(kIn4AddrOff + i, sa.addr[i]);
      break;
    case SaKind::inet6: {
      put(2, static_cast<std::uint8_t>(sa.port >> 8));
      put(3, static_cast<std::uint8_t>(sa.port));
      for (int i = 0; i < 4; ++i) put(4 + static_cast<std::size_t>(i), static_cast<std::uint8_t>(sa.flowinfo >> (24 - 8 * i)));
      auto a = sa.addr;
      if (sa.kame_zone != 0) {
        a[2] = static_cast<std::uint8_t>(sa.kame_zone >> 8);
        a[3] = static_cast<std::uint8_t>(sa.kame_zone);
      }
      for (std::size_t i = 0; i < 16; ++i) put(kIn6AddrOff + i, a[i]);
      wire::store(img.data() + 24, 4, sa.scope_id, o);
      break;
    }
    case SaKind::link:
      wire::store(img.data() + 2, 2, sa.link_index, o);
      put(4, sa.link_type);
      put(5, sa.nlen);
      put(6, sa.alen);
      put(7, sa.slen);
      for (std::size_t i = 0; i < sa.data_len; ++i) put(8 + i, sa.data[i]);
      break;
    case SaKind::other:
      for (std::size_t i = 0; i < sa.data_len; ++i) put(2 + i, sa.data[i]);
      break;
    case SaKind::empty:
      break;
  }
  const std::size_t n = std::min(out.size(), len);
  std::copy_n(img.begin(), n, out.begin());
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(n), out.end(), std::byte{0});
}

}  // namespace rtsock::codec
