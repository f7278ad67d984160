// getifaddrs(), if_nametoindex() and friends over the emulated interfaces
// (glibc's own ask the host's netlink from inside glibc, so they are
// reimplemented, not wrapped), and BSD libc's link_ntoa()/link_addr().
#include "exports.hpp"

#include <ifaddrs.h>
#include <net/if.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

#include "ifaces.hpp"
#include "real.hpp"
#include "runtime.hpp"

namespace compat = rtsock::compat;
namespace real = rtsock::compat::real;

namespace {

// Blocks this library handed out, so that free*() knows whose they are.
struct Allocations {
  std::mutex m;
  std::set<void*> blocks;
};
Allocations& allocations() {
  static auto* a = new Allocations;
  return *a;
}
void* remember(void* p) {
  if (p != nullptr) {
    std::lock_guard lock(allocations().m);
    allocations().blocks.insert(p);
  }
  return p;
}
bool forget_block(void* p) {
  std::lock_guard lock(allocations().m);
  return allocations().blocks.erase(p) != 0;
}

std::size_t up8(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

// A bump allocator over one malloc'd block (freed with one free()).
class Block {
 public:
  explicit Block(std::size_t size) : base_(static_cast<char*>(std::calloc(1, std::max<std::size_t>(size, 8)))) {}
  char* base() const { return base_; }
  void* take(std::size_t n) {
    void* p = base_ + used_;
    used_ += up8(n);
    return p;
  }
  sockaddr* copy(const compat::Bytes& b) {
    if (b.empty()) return nullptr;
    void* p = take(b.size());
    std::memcpy(p, b.data(), b.size());
    return static_cast<sockaddr*>(p);
  }
  char* copy(const std::string& s) {
    auto* p = static_cast<char*>(take(s.size() + 1));
    std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
  }

 private:
  char* base_;
  std::size_t used_ = 0;
};

int fail(int e) {
  errno = e;
  return -1;
}

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

RTSOCK_EXPORT int getifaddrs(ifaddrs** out) noexcept {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::getifaddrs(out);
  const compat::Internal internal;
  if (out == nullptr) return fail(EFAULT);
  std::vector<compat::Iface> all;
  if (int e = compat::interfaces(all); e != 0) return fail(e);
  std::size_t n = 0, size = 0;
  for (const auto& i : all) {
    const std::size_t name = up8(i.name.size() + 1);
    n += 1 + i.addrs.size();
    size += name + up8(i.link.size()) + up8(i.if_data.size());
    for (const auto& a : i.addrs) size += name + up8(a.addr.size()) + up8(a.mask.size()) + up8(a.dst.size());
  }
  if (n == 0) {
    *out = nullptr;
    return 0;
  }
  // NetBSD's struct ifaddrs ends with `unsigned int ifa_addrflags` (the
  // dump's ifam_addrflags): its entries are 8 bytes longer.
  const bool netbsd = compat::profile().os == rtsock::abi::Os::netbsd;
  const std::size_t stride = up8(sizeof(ifaddrs) + (netbsd ? 4 : 0));
  Block b(n * stride + size);
  if (b.base() == nullptr) return fail(ENOMEM);
  char* const first = static_cast<char*>(b.take(n * stride));
  auto entry = [&](std::size_t j) -> ifaddrs& { return *reinterpret_cast<ifaddrs*>(first + j * stride); };
  std::size_t k = 0;
  for (const auto& i : all) {
    ifaddrs& l = entry(k++);
    l.ifa_name = b.copy(i.name);
    l.ifa_flags = i.flags;
    l.ifa_addr = b.copy(i.link);
    if (!i.if_data.empty()) {
      l.ifa_data = b.take(i.if_data.size());
      std::memcpy(l.ifa_data, i.if_data.data(), i.if_data.size());
    }
    for (const auto& a : i.addrs) {
      ifaddrs& e = entry(k++);
      e.ifa_name = b.copy(i.name);
      e.ifa_flags = i.flags;
      e.ifa_addr = b.copy(a.addr);
      e.ifa_netmask = b.copy(a.mask);
      e.ifa_dstaddr = b.copy(a.dst);
      if (netbsd) {
        const unsigned int flags = a.addrflags;
        std::memcpy(reinterpret_cast<char*>(&e) + sizeof(ifaddrs), &flags, sizeof flags);
      }
    }
  }
  for (std::size_t j = 0; j + 1 < n; ++j) entry(j).ifa_next = &entry(j + 1);
  *out = static_cast<ifaddrs*>(remember(b.base()));
  return 0;
}

RTSOCK_EXPORT void freeifaddrs(ifaddrs* ifa) noexcept {
  real::ensure();
  if (ifa == nullptr) return;
  if (forget_block(ifa))
    std::free(ifa);
  else
    real::freeifaddrs(ifa);
}

// BSD's struct ifmaddrs (FreeBSD, macOS): the multicast groups
// each interface has joined, from NET_RT_IFMALIST (macOS: the RTM_NEWMADDR2
// messages of NET_RT_IFLIST2), as their libc builds it.
struct ifmaddrs {
  ifmaddrs* ifma_next;
  sockaddr* ifma_name;    // the interface's sockaddr_dl
  sockaddr* ifma_addr;    // the group
  sockaddr* ifma_lladdr;  // its link-layer address, if any
};

RTSOCK_EXPORT int getifmaddrs(ifmaddrs** out) noexcept {
  compat::init();
  const compat::Internal internal;
  if (out == nullptr) return fail(EFAULT);
  std::vector<compat::GroupMembership> groups;
  if (int e = compat::memberships(groups); e != 0) return fail(e);
  std::size_t size = groups.size() * sizeof(ifmaddrs);
  for (const auto& g : groups) size += up8(g.ifp.size()) + up8(g.group.size()) + up8(g.lladdr.size());
  *out = nullptr;
  if (groups.empty()) return 0;
  Block b(size);
  if (b.base() == nullptr) return fail(ENOMEM);
  auto* entries = static_cast<ifmaddrs*>(b.take(groups.size() * sizeof(ifmaddrs)));
  for (std::size_t j = 0; j < groups.size(); ++j) {
    entries[j].ifma_next = j + 1 < groups.size() ? &entries[j + 1] : nullptr;
    entries[j].ifma_name = b.copy(groups[j].ifp);
    entries[j].ifma_addr = b.copy(groups[j].group);
    entries[j].ifma_lladdr = b.copy(groups[j].lladdr);
  }
  *out = static_cast<ifmaddrs*>(remember(b.base()));
  return 0;
}

RTSOCK_EXPORT void freeifmaddrs(ifmaddrs* ifma) noexcept {
  if (ifma != nullptr && forget_block(ifma)) std::free(ifma);
}

RTSOCK_EXPORT unsigned int if_nametoindex(const char* name) noexcept {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::if_nametoindex(name);
  const compat::Internal internal;
  std::vector<compat::Iface> all;
  if (name == nullptr || compat::interfaces(all) != 0) return 0;
  const compat::Iface* i = compat::find_iface(all, name);
  if (i == nullptr) {
    errno = ENXIO;
    return 0;
  }
  return i->index;
}

RTSOCK_EXPORT char* if_indextoname(unsigned int index, char* name) noexcept {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::if_indextoname(index, name);
  const compat::Internal internal;
  std::vector<compat::Iface> all;
  if (name == nullptr || compat::interfaces(all) != 0) return nullptr;
  for (const auto& i : all) {
    if (i.index != index) continue;
    const std::size_t n = std::min<std::size_t>(i.name.size(), IF_NAMESIZE - 1);
    std::memcpy(name, i.name.data(), n);
    name[n] = '\0';
    return name;
  }
  errno = ENXIO;
  return nullptr;
}

RTSOCK_EXPORT struct if_nameindex* if_nameindex(void) noexcept {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::if_nameindex();
  const compat::Internal internal;
  std::vector<compat::Iface> all;
  if (int e = compat::interfaces(all); e != 0) {
    errno = e;
    return nullptr;
  }
  std::size_t size = (all.size() + 1) * sizeof(struct if_nameindex);
  for (const auto& i : all) size += up8(i.name.size() + 1);
  Block b(size);
  if (b.base() == nullptr) {
    errno = ENOMEM;
    return nullptr;
  }
  auto* v = static_cast<struct if_nameindex*>(b.take((all.size() + 1) * sizeof(struct if_nameindex)));
  for (std::size_t j = 0; j < all.size(); ++j) {
    v[j].if_index = all[j].index;
    v[j].if_name = b.copy(all[j].name);
  }
  return static_cast<struct if_nameindex*>(remember(b.base()));
}

RTSOCK_EXPORT void if_freenameindex(struct if_nameindex* p) noexcept {
  real::ensure();
  if (p == nullptr) return;
  if (forget_block(p))
    std::free(p);
  else
    real::if_freenameindex(p);
}

namespace {

// struct sockaddr_dl: sdl_len, sdl_family, sdl_index (2), sdl_type,
// sdl_nlen, sdl_alen, sdl_slen, then sdl_data: the name, the address.
// Its text, "em0:0.c.29.66.2c.dc", in `out` (room bytes); the length needed.
std::size_t link_text(const unsigned char* sdl, char* out, std::size_t room) {
  char text[IF_NAMESIZE + 3 * 255 + 2];
  const std::size_t nlen = std::min<std::size_t>(sdl[5], IF_NAMESIZE);
  const std::size_t alen = sdl[6];
  std::size_t at = 0;
  std::memcpy(text, sdl + 8, nlen);
  at += nlen;
  if (nlen > 0 && alen > 0) text[at++] = ':';
  const unsigned char* a = sdl + 8 + sdl[5];
  for (std::size_t i = 0; i < alen; ++i) {
    const unsigned v = a[i];
    if (i > 0) text[at++] = '.';
    if (v > 0xf) text[at++] = kHex[v >> 4];
    text[at++] = kHex[v & 0xf];
  }
  if (room > 0) {
    const std::size_t n = std::min(at, room - 1);
    std::memcpy(out, text, n);
    out[n] = '\0';
  }
  return at + 1;
}

}  // namespace

RTSOCK_EXPORT char* link_ntoa(const void* sdl) {
  static thread_local char text[64];
  link_text(static_cast<const unsigned char*>(sdl), text, sizeof text);
  return text;
}

// FreeBSD 14's reentrant form: -1 and the size needed when buf is short.
RTSOCK_EXPORT int link_ntoa_r(const void* sdl, char* buf, size_t* buflen) {
  if (buflen == nullptr) {
    errno = EINVAL;
    return -1;
  }
  const std::size_t need = link_text(static_cast<const unsigned char*>(sdl), buf, buf != nullptr ? *buflen : 0);
  const bool fits = buf != nullptr && need <= *buflen;
  *buflen = need;
  return fits ? 0 : -1;
}

// "[name:]hex.hex..." (any non-hex character separates bytes; a third
// digit in a row starts a new byte), into a sockaddr_dl whose sdl_len says
// how much room it has.
RTSOCK_EXPORT void link_addr(const char* addr, void* sdl_out) {
  auto* sdl = static_cast<unsigned char*>(sdl_out);
  const std::size_t sdl_size = compat::profile().sdl_size;
  std::size_t room = sdl[0] >= 8 ? sdl[0] : sdl_size;
  std::memset(sdl + 1, 0, room - 1);
  sdl[1] = compat::profile().af_link;
  unsigned char* cp = sdl + 8;
  unsigned char* const lim = sdl + room;
  const char* p = addr;
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  // The name runs to the first character that is neither a letter nor a digit.
  const char* q = p;
  while (*q != '\0' && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))) ++q;
  if (*q != '\0') {
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(q - p), static_cast<std::size_t>(lim - cp));
    std::memcpy(cp, p, n);
    cp += n;
    sdl[5] = static_cast<unsigned char>(n);
    p = q + 1;
  } else {
    p = q;  // a name alone: no address
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(q - addr), static_cast<std::size_t>(lim - cp));
    std::memcpy(cp, addr, n);
    cp += n;
    sdl[5] = static_cast<unsigned char>(n);
  }
  unsigned char* const lladdr = cp;
  int digits = 0;
  unsigned byte = 0;
  for (; *p != '\0' && cp < lim; ++p) {
    const int v = hex(*p);
    if (v < 0) {
      if (digits > 0) *cp++ = static_cast<unsigned char>(byte);
      digits = 0;
      byte = 0;
      continue;
    }
    if (digits == 2) {
      *cp++ = static_cast<unsigned char>(byte);
      digits = 0;
      byte = 0;
      if (cp >= lim) break;
    }
    byte = (byte << 4) | static_cast<unsigned>(v);
    ++digits;
  }
  if (digits > 0 && cp < lim) *cp++ = static_cast<unsigned char>(byte);
  sdl[6] = static_cast<unsigned char>(cp - lladdr);
  const std::size_t used = static_cast<std::size_t>(cp - sdl);
  if (used > sdl_size) sdl[0] = static_cast<unsigned char>(used);
  else if (sdl[0] < 8) sdl[0] = static_cast<unsigned char>(sdl_size);
}
