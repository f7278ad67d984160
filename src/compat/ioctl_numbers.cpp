// Per-OS SIOC* tables (sys/sockio.h, netinet6/in6_var.h of each system).
#include "ioctl_numbers.hpp"

#include <sys/ioctl.h>

#include <cstddef>

#include "runtime.hpp"

namespace rtsock::compat {
namespace {

using abi::Os;

constexpr std::uint32_t W = kIocIn, RW = kIocIn | kIocOut;

struct Entry {
  std::uint32_t dir;
  std::uint8_t num;
  Sio op;
};

// The requests every BSD numbers alike.
constexpr Entry kCommon[] = {
    {W, 12, Sio::sifaddr},    {W, 14, Sio::sifdstaddr}, {W, 16, Sio::sifflags},
    {RW, 17, Sio::gifflags},  {W, 19, Sio::sifbrdaddr}, {W, 22, Sio::sifnetmask},
    {RW, 23, Sio::gifmetric}, {W, 24, Sio::sifmetric},  {W, 25, Sio::difaddr},
    {RW, 33, Sio::gifaddr},   {RW, 34, Sio::gifdstaddr}, {RW, 35, Sio::gifbrdaddr},
    {RW, 37, Sio::gifnetmask}, {W, 121, Sio::ifdestroy}, {RW, 56, Sio::gifmedia},
    {RW, 73, Sio::gifaflag_in6},
};

constexpr Entry kFreebsd[] = {
    {RW, 36, Sio::gifconf},  {W, 43, Sio::aifaddr},    {W, 26, Sio::aifaddr},  // OSIOCAIFADDR
    {W, 27, Sio::aifaddr},   {RW, 51, Sio::gifmtu},    {W, 52, Sio::sifmtu},
    {RW, 32, Sio::gifindex}, {RW, 122, Sio::ifcreate}, {RW, 124, Sio::ifcreate},
    {RW, 139, Sio::gifmedia}, {W, 60, Sio::siflladdr}, {W, 44, Sio::gifdata_ptr},
    {RW, 31, Sio::gifcap},   {RW, 92, Sio::giffib},
    {RW, 81, Sio::gifalifetime_in6}, {RW, 108, Sio::gifinfo_in6}, {RW, 87, Sio::sifinfo_flags},
};
constexpr Entry kDragonfly[] = {
    {RW, 36, Sio::gifconf},  {W, 26, Sio::aifaddr},    {RW, 51, Sio::gifmtu},
    {W, 52, Sio::sifmtu},    {RW, 32, Sio::gifindex},  {RW, 122, Sio::ifcreate},
    {RW, 124, Sio::ifcreate}, {W, 60, Sio::siflladdr}, {RW, 38, Sio::gifdata_ptr},
    {RW, 31, Sio::gifcap},
    {RW, 81, Sio::gifalifetime_in6},
};
constexpr Entry kDarwin[] = {
    {RW, 36, Sio::gifconf},  {W, 26, Sio::aifaddr},    {RW, 51, Sio::gifmtu},
    {W, 52, Sio::sifmtu},    {RW, 120, Sio::ifcreate}, {RW, 122, Sio::ifcreate},
    {W, 60, Sio::siflladdr}, {RW, 91, Sio::gifcap},
    {RW, 81, Sio::gifalifetime_in6},
};
constexpr Entry kOpenbsd[] = {
    {RW, 36, Sio::gifconf},   {W, 26, Sio::aifaddr},    {RW, 126, Sio::gifmtu},
    {W, 127, Sio::sifmtu},    {W, 122, Sio::ifcreate},  {W, 31, Sio::siflladdr},
    {RW, 27, Sio::gifdata_ptr}, {RW, 160, Sio::gifrdomain}, {RW, 158, Sio::gifxflags},
    {RW, 165, Sio::gifhardmtu},
    {RW, 81, Sio::gifalifetime_in6},
};
constexpr Entry kNetbsd[] = {
    {RW, 38, Sio::gifconf},  {W, 26, Sio::aifaddr},     {W, 107, Sio::aifaddr},
    {RW, 126, Sio::gifmtu},  {W, 127, Sio::sifmtu},     {RW, 140, Sio::gifindex},
    {W, 122, Sio::ifcreate}, {RW, 133, Sio::gifdata_inline}, {RW, 54, Sio::gifmedia},
    {RW, 106, Sio::gifalifetime_in6}, {RW, 39, Sio::gifaflag_in},
    {RW, 113, Sio::gifinfo_in6}, {RW, 115, Sio::sifinfo_flags},
};

template <std::size_t N>
Sio find(const Entry (&t)[N], const Ioc& ioc) {
  for (const Entry& e : t)
    if (e.dir == ioc.dir && e.num == ioc.num) return e.op;
  return Sio::none;
}

Sio os_table(const Ioc& ioc) {
  switch (profile().os) {
    case Os::freebsd: return find(kFreebsd, ioc);
    case Os::dragonfly: return find(kDragonfly, ioc);
    case Os::darwin: return find(kDarwin, ioc);
    case Os::openbsd: return find(kOpenbsd, ioc);
    case Os::netbsd: return find(kNetbsd, ioc);
    case Os::hpux: return find(kFreebsd, ioc);
  }
  return Sio::none;
}

}  // namespace

Ioc decode_ioc(unsigned long request) {
  const auto r = static_cast<std::uint32_t>(request);
  if ((request >> 32) != 0) return {};
  return {r & 0xe0000000u, (r >> 16) & 0x1fffu, static_cast<std::uint8_t>(r >> 8),
          static_cast<std::uint8_t>(r)};
}

std::size_t ifreq_size() { return profile().os == Os::netbsd ? 144 : 32; }

Sio socket_ioctl(const Ioc& ioc, bool& v6) {
  v6 = false;
  // Every request starts with an interface name, but for struct ifconf
  // (xnu packs it to 12 bytes).
  if (ioc.group != 'i' || ioc.dir == 0 || ioc.size < 12) return Sio::none;
  Sio op = os_table(ioc);
  if (op == Sio::none) op = find(kCommon, ioc);
  if (op != Sio::gifconf && ioc.size < 16) return Sio::none;
  switch (op) {
    case Sio::aifaddr:
      // struct in6_aliasreq holds three sockaddr_in6.
      v6 = ioc.size >= 16 + 3 * 28;
      break;
    case Sio::gifaflag_in6: case Sio::gifalifetime_in6:
      // Only the in6_ifreq forms exist.
      v6 = ioc.size != ifreq_size() && ioc.size >= 16 + 28;
      if (!v6) op = Sio::none;
      break;
    case Sio::difaddr: case Sio::gifaddr: case Sio::gifdstaddr: case Sio::gifnetmask:
      // struct in6_ifreq is larger than struct ifreq.
      v6 = ioc.size != ifreq_size() && ioc.size >= 16 + 28;
      break;
    default:
      break;
  }
  return op;
}

std::optional<unsigned long> file_ioctl(const Ioc& ioc) {
  if (ioc.group != 'f') return std::nullopt;
  if (ioc.dir == kIocVoid && ioc.size == 0 && ioc.num == 1) return FIOCLEX;
  if (ioc.dir == kIocVoid && ioc.size == 0 && ioc.num == 2) return FIONCLEX;
  if (ioc.size != sizeof(int)) return std::nullopt;
  if (ioc.dir == kIocIn && ioc.num == 126) return FIONBIO;
  if (ioc.dir == kIocIn && ioc.num == 125) return FIOASYNC;
  if (ioc.dir == kIocOut && ioc.num == 127) return FIONREAD;
  return std::nullopt;
}

}  // namespace rtsock::compat
