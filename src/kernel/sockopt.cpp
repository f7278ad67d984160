// setsockopt/getsockopt on a routing socket (spec A.11).
#include <cerrno>

#include "impl.hpp"

namespace rtsock::kernel {
namespace {

constexpr int kSolSocket = 0xffff;
constexpr int kUseLoopback = 0x40;
constexpr int kSetFib = 0x1014;  // FreeBSD SO_SETFIB
constexpr int kRtable = 0x1021;  // OpenBSD SO_RTABLE
constexpr int kRcvbuf = 0x1002;  // accepted; the daemon applies it to its queue

int rerror_name(const abi::Profile& p) {
  if (p.os == abi::Os::freebsd && p.os_version >= 13) return 0x20000;
  if (p.os == abi::Os::dragonfly) return 0x2000;
  if (p.os == abi::Os::netbsd) return 0x4000;
  return -1;
}

std::optional<std::uint32_t> as_uint(const abi::Profile& p, std::span<const std::byte> v) {
  if (v.size() != 4) return std::nullopt;
  std::uint32_t x = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t at = p.order == abi::ByteOrder::little ? 3 - i : i;
    x = x << 8 | std::to_integer<std::uint32_t>(v[at]);
  }
  return x;
}

std::vector<std::byte> of_uint(const abi::Profile& p, std::uint32_t x) {
  std::vector<std::byte> v(4);
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t at = p.order == abi::ByteOrder::little ? i : 3 - i;
    v[at] = std::byte(static_cast<std::uint8_t>(x >> (8 * i)));
  }
  return v;
}

}  // namespace

int Engine::setsockopt(SockId sid, int level, int name, std::span<const std::byte> value) {
  auto& im = *impl_;
  auto it = im.socks.find(sid);
  if (it == im.socks.end()) return im.err(EBADF);
  SockState& s = it->second;
  const abi::Profile& p = *im.p;
  if (level == kSolSocket) {
    auto x = as_uint(p, value);
    if (!x) return im.err(EINVAL);
    if (name == kUseLoopback) {
      s.useloopback = *x != 0;
    } else if (name == rerror_name(p)) {
      s.rerror = *x != 0;
    } else if ((name == kSetFib && p.os == abi::Os::freebsd) ||
               (name == kRtable && p.os == abi::Os::openbsd)) {
      if (!im.table_exists(*x)) return im.err(EINVAL);
      s.fib = *x;
    } else if (name != kRcvbuf) {
      return im.err(ENOPROTOOPT);
    }
    return 0;
  }
  if (level != p.af_route) return im.err(EINVAL);
  if (p.os == abi::Os::openbsd) {
    auto x = as_uint(p, value);
    if (!x) return im.err(EINVAL);
    switch (name) {
      case 1:
        s.msgfilter = *x;
        return 0;
      case 2:
        if (*x != rtable_any && !im.table_exists(*x)) return im.err(ENOENT);
        s.tablefilter = *x;
        return 0;
      case 3:
        if (*x > fib::rtp::max) return im.err(EINVAL);
        s.priofilter = *x;
        return 0;
      case 4:
        s.flagfilter = *x;
        return 0;
      default:
        return im.err(ENOPROTOOPT);
    }
  }
  if (p.os == abi::Os::netbsd && name == 1) {
    std::uint32_t mask = 0;
    for (std::byte b : value) {
      const auto type = std::to_integer<unsigned>(b);
      if (type >= 32) return im.err(EOVERFLOW);
      mask |= 1u << type;
    }
    s.ro_msgfilter = mask;
    return 0;
  }
  if (p.os == abi::Os::netbsd && p.os_version >= 8 && name == 2) {
    // RO_MISSFILTER (route_ctloutput): sockaddrs of 2 to 128 bytes, each
    // padded to RT_ROUNDUP, at most RO_FILTSA_MAX (30) of them, exactly
    // filling the value; they replace the filter, and none removes it.
    constexpr std::size_t kMaxSockaddrs = 30;
    std::size_t at = 0, count = 0;
    while (at < value.size()) {
      if (++count > kMaxSockaddrs) return im.err(ENOBUFS);
      const std::size_t len = std::to_integer<std::size_t>(value[at]);
      if (len < 2 || len > 128) return im.err(EINVAL);
      at += (len + 7) & ~std::size_t{7};
    }
    if (at != value.size()) return im.err(EINVAL);
    s.ro_missfilter.assign(value.begin(), value.end());
    return 0;
  }
  return im.err(ENOPROTOOPT);
}

Result<std::vector<std::byte>> Engine::getsockopt(SockId sid, int level, int name) const {
  const auto& im = *impl_;
  auto fail_with = [&](int e) { return tl::unexpected(Error::from_errno(im.err(e))); };
  auto it = im.socks.find(sid);
  if (it == im.socks.end()) return fail_with(EBADF);
  const SockState& s = it->second;
  const abi::Profile& p = *im.p;
  if (level == kSolSocket) {
    if (name == kUseLoopback) return of_uint(p, s.useloopback ? 1 : 0);
    if (name == rerror_name(p)) return of_uint(p, s.rerror ? 1 : 0);
    if ((name == kSetFib && p.os == abi::Os::freebsd) ||
        (name == kRtable && p.os == abi::Os::openbsd))
      return of_uint(p, s.fib);
    return fail_with(ENOPROTOOPT);
  }
  if (level != p.af_route) return fail_with(EINVAL);
  if (p.os == abi::Os::openbsd) {
    switch (name) {
      case 1:
        return of_uint(p, s.msgfilter);
      case 2:
        return of_uint(p, s.tablefilter);
      case 3:
        return of_uint(p, s.priofilter);
      case 4:
        return of_uint(p, s.flagfilter);
      default:
        break;
    }
  }
  // NetBSD's RO_MSGFILTER cannot be read back (ENOTSUP).
  if (p.os == abi::Os::netbsd && name == 1) return fail_with(ENOTSUP);
  return fail_with(ENOPROTOOPT);
}

}  // namespace rtsock::kernel
