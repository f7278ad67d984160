// The BSD ioctl numbers the library answers, per personality. A BSD
// request packs direction (IOC_VOID/OUT/IN), the argument's size, a group
// letter and a number: _IOWR('i', 17, struct ifreq) is SIOCGIFFLAGS. The
// numbers differ between the BSDs (SIOCGIFMTU is 51 on FreeBSD, 126 on
// OpenBSD; SIOCGIFCONF 38 on NetBSD), and an IPv6 request shares its
// number with the IPv4 one, told apart by the argument's size.
#pragma once

#include <cstdint>
#include <optional>

namespace rtsock::compat {

inline constexpr std::uint32_t kIocVoid = 0x20000000, kIocOut = 0x40000000, kIocIn = 0x80000000;

struct Ioc {
  std::uint32_t dir = 0;  // kIocVoid, kIocOut, kIocIn or both
  std::uint32_t size = 0;
  std::uint8_t group = 0, num = 0;
};

enum class Sio : std::uint8_t {
  none, gifconf, gifflags, sifflags, gifmtu, sifmtu, gifmetric, sifmetric, gifaddr, gifdstaddr,
  gifbrdaddr, gifnetmask, sifaddr, sifdstaddr, sifbrdaddr, sifnetmask, difaddr, aifaddr, gifindex,
  ifcreate, ifdestroy, gifmedia, siflladdr, gifdata_ptr, gifdata_inline, gifcap, giffib, gifrdomain,
  gifxflags, gifhardmtu, gifaflag_in, gifaflag_in6, gifalifetime_in6, gifinfo_in6, sifinfo_flags,
};

Ioc decode_ioc(unsigned long request);
// A socket-interface request of the personality; `v6` for the in6_ifreq /
// in6_aliasreq forms.
Sio socket_ioctl(const Ioc& ioc, bool& v6);
// The host's number for a BSD file ioctl (FIONBIO, FIONREAD, FIOCLEX, ...).
std::optional<unsigned long> file_ioctl(const Ioc& ioc);
// sizeof(struct ifreq): 32, NetBSD 144 (its union holds a sockaddr_storage).
std::size_t ifreq_size();

}  // namespace rtsock::compat
