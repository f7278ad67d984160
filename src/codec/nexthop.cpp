// FreeBSD 13+ nexthop dump records (rtsock/codec/nexthop.hpp). Layouts:
// docs/research/freebsd-nexthops.md.
#include "rtsock/codec/nexthop.hpp"

namespace rtsock::codec {

namespace {

tl::unexpected<Error> nh_fail(codec_errc e, std::size_t off) { return tl::unexpected(Error(e, off)); }

struct Reader {
  const abi::Profile& p;
  std::span<const std::byte> b;
  std::uint64_t get(std::size_t off, std::size_t n) const {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t at = p.order == abi::ByteOrder::little ? off + n - 1 - i : off + i;
      v = v << 8 | std::to_integer<std::uint64_t>(b[at]);
    }
    return v;
  }
};

// Splits the dump by rtm_msglen; fn(record, offset) for records of the
// profile's version. Errors stop the walk.
template <class Fn>
Result<void> each_record(const abi::Profile& p, std::span<const std::byte> dump, std::size_t min,
                         Fn&& fn) {
  const Reader r{p, dump};
  for (std::size_t off = 0; off < dump.size();) {
    if (dump.size() - off < 4) return nh_fail(codec_errc::truncated, off);
    const auto len = static_cast<std::size_t>(r.get(off, 2));
    if (len < 4) return nh_fail(codec_errc::bad_length, off);
    if (len > dump.size() - off) return nh_fail(codec_errc::truncated, off);
    if (std::to_integer<std::uint8_t>(dump[off + 2]) == p.rtm_version) {
      if (len < min) return nh_fail(codec_errc::bad_length, off);
      if (auto e = fn(dump.subspan(off, len), off); !e) return e;
    }
    off += len;
  }
  return {};
}

std::size_t rtm_size(const abi::Profile& p) { return p.layout(abi::HdrKind::route).size; }

}  // namespace

Result<std::vector<NexthopRecord>> parse_nexthops(const abi::Profile& p,
                                                  std::span<const std::byte> dump) {
  std::vector<NexthopRecord> out;
  const std::size_t h = rtm_size(p);
  // The u64 members of nhop_external align to 8 (LP64) or 4 (i386).
  const std::size_t a8 = p.lp64 ? 8 : 4;
  const std::size_t pksent_off = (36 + a8 - 1) / a8 * a8;
  const std::size_t ext = pksent_off + 8 + 64 + 8;
  auto done = each_record(p, dump, h + ext + 8, [&](std::span<const std::byte> m, std::size_t off)
                                                    -> Result<void> {
    const Reader r{p, m};
    NexthopRecord n;
    const abi::FieldLoc* flags = p.layout(abi::HdrKind::route).find(abi::Field::flags);
    if (flags != nullptr) n.rtm_flags = static_cast<std::uint32_t>(r.get(flags->off, flags->size));
    const auto nh_len = static_cast<std::size_t>(r.get(h, 4));
    if (nh_len < ext || h + nh_len + 8 > m.size()) return nh_fail(codec_errc::bad_length, off + h);
    n.index = static_cast<std::uint32_t>(r.get(h + 4, 4));
    n.fib = static_cast<std::uint32_t>(r.get(h + 8, 4));
    n.ifindex = static_cast<std::uint32_t>(r.get(h + 12, 4));
    n.aifindex = static_cast<std::uint32_t>(r.get(h + 16, 4));
    n.family = static_cast<std::uint8_t>(r.get(h + 21, 1));
    n.type = static_cast<std::uint16_t>(r.get(h + 22, 2));
    n.mtu = static_cast<std::uint16_t>(r.get(h + 24, 2));
    n.flags = static_cast<std::uint16_t>(r.get(h + 26, 2));
    n.pksent = r.get(h + pksent_off, 8);
    n.refcount = r.get(h + pksent_off + 8 + 64, 8);
    // nhop_addrs follows nh_len bytes; its offsets count from itself.
    const std::size_t na = h + nh_len;
    const auto na_len = static_cast<std::size_t>(r.get(na, 4));
    if (na_len < 8 || na + na_len > m.size()) return nh_fail(codec_errc::bad_length, off + na);
    const auto sa_at = [&](std::size_t rel, Sockaddr& to) -> Result<void> {
      if (rel + 2 > na_len) return nh_fail(codec_errc::sockaddr_overrun, off + na + rel);
      const std::size_t len = std::to_integer<std::size_t>(m[na + rel]);
      if (rel + len > na_len) return nh_fail(codec_errc::sockaddr_overrun, off + na + rel);
      to = decode_sockaddr(p, m.subspan(na + rel, len), false, SaKind::empty);
      return {};
    };
    if (auto e = sa_at(static_cast<std::size_t>(r.get(na + 4, 2)), n.gateway); !e) return e;
    if (auto e = sa_at(static_cast<std::size_t>(r.get(na + 6, 2)), n.source); !e) return e;
    out.push_back(std::move(n));
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return out;
}

Result<std::vector<NexthopGroupRecord>> parse_nexthop_groups(const abi::Profile& p,
                                                             std::span<const std::byte> dump) {
  std::vector<NexthopGroupRecord> out;
  const std::size_t h = rtm_size(p);
  auto done = each_record(p, dump, h + 8, [&](std::span<const std::byte> m, std::size_t off)
                                              -> Result<void> {
    const Reader r{p, m};
    NexthopGroupRecord g;
    g.index = static_cast<std::uint32_t>(r.get(h, 4));
    g.refcount = static_cast<std::uint32_t>(r.get(h + 4, 4));
    std::size_t at = h + 8;
    // Two containers: control-plane (index, weight), then dataplane slots.
    for (int c = 0; c < 2; ++c) {
      if (at + 8 > m.size()) return nh_fail(codec_errc::truncated, off + at);
      const auto len = static_cast<std::size_t>(r.get(at, 4));
      const auto count = static_cast<std::size_t>(r.get(at + 4, 2));
      if (len < 8 + 8 * count || at + len > m.size()) return nh_fail(codec_errc::bad_length, off + at);
      for (std::size_t i = 0; i < count; ++i) {
        const auto idx = static_cast<std::uint32_t>(r.get(at + 8 + 8 * i, 4));
        const auto w = static_cast<std::uint32_t>(r.get(at + 12 + 8 * i, 4));
        if (c == 0)
          g.members.emplace_back(idx, w);
        else
          g.slots.push_back(idx);
      }
      at += len;
    }
    out.push_back(std::move(g));
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return out;
}

}  // namespace rtsock::codec
