// ioctl(2) with the BSD SIOC* numbers on a socket: the interface requests
// of ifconfig(8) and of the programs that copy it, answered from rtsockd's
// interfaces and carried out through its ifconfig op (so they cause the
// routing messages they cause on a BSD). Other numbers go to the kernel.
#include "exports.hpp"

#include <arpa/inet.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <optional>

#include "ifaces.hpp"
#include "ioctl_numbers.hpp"
#include "real.hpp"
#include "rtsock/client/ifclone.hpp"
#include "runtime.hpp"
#include "side.hpp"
#include "user_mem.hpp"

namespace compat = rtsock::compat;
namespace real = rtsock::compat::real;
using compat::Bytes;
using compat::Iface;
using compat::Sio;
using rtsock::abi::Os;

namespace {

constexpr std::size_t kName = 16;  // IFNAMSIZ
constexpr std::uint32_t kIffUp = 0x1, kIffBroadcast = 0x2, kIffPointopoint = 0x10;

std::string request_name(const Bytes& r) {
  const auto* p = reinterpret_cast<const char*>(r.data());
  return std::string(p, strnlen(p, std::min(kName, r.size())));
}

template <class T>
T get(const Bytes& r, std::size_t off) {
  T v{};
  if (off + sizeof v <= r.size()) std::memcpy(&v, r.data() + off, sizeof v);
  return v;
}

template <class T>
void put(Bytes& r, std::size_t off, T v) {
  if (off + sizeof v <= r.size()) std::memcpy(r.data() + off, &v, sizeof v);
}

void put_sa(Bytes& r, std::size_t off, const Bytes& sa, std::size_t room) {
  std::fill(r.begin() + static_cast<std::ptrdiff_t>(std::min(off, r.size())),
            r.begin() + static_cast<std::ptrdiff_t>(std::min(off + room, r.size())), std::byte{0});
  const std::size_t n = std::min({sa.size(), room, r.size() > off ? r.size() - off : 0});
  std::memcpy(r.data() + off, sa.data(), n);
}

// The address in a request's sockaddr at `off` as text ("" if none).
std::string sa_text(const Bytes& r, std::size_t off, int* family = nullptr) {
  const auto& p = compat::profile();
  const int fam = off + 2 <= r.size() ? std::to_integer<int>(r[off + 1]) : 0;
  if (family != nullptr) *family = fam;
  char text[INET6_ADDRSTRLEN] = {};
  if (fam == p.af_inet && off + 8 <= r.size()) {
    real::inet_ntop(AF_INET, r.data() + off + 4, text, sizeof text);
  } else if (fam == p.af_inet6 && off + 24 <= r.size()) {
    real::inet_ntop(AF_INET6, r.data() + off + 8, text, sizeof text);
  }
  return text;
}

// Prefix length of a mask sockaddr at `off` (contiguous leading ones).
int plen_at(const Bytes& r, std::size_t off, bool v6) {
  const std::size_t len = off < r.size() ? std::to_integer<std::size_t>(r[off]) : 0;
  const std::size_t first = off + (v6 ? 8 : 4), bytes = v6 ? 16 : 4;
  int plen = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    // A short (radix) mask ends early: the rest is zero.
    const unsigned b = (first + i < r.size() && first + i < off + std::max<std::size_t>(len, 2))
                           ? std::to_integer<unsigned>(r[first + i]) : 0;
    if (b == 0xff) {
      plen += 8;
      continue;
    }
    for (unsigned m = 0x80; m != 0 && (b & m) != 0; m >>= 1) ++plen;
    break;
  }
  return plen;
}

int classful_plen(const std::string& v4) {
  in_addr a{};
  real::inet_pton(AF_INET, v4.c_str(), &a);
  const std::uint32_t h = ntohl(a.s_addr);
  return (h >> 31) == 0 ? 8 : (h >> 30) == 2 ? 16 : 24;
}

int ifconfig(const nlohmann::json& req, nlohmann::json* reply = nullptr) {
  compat::side::Answer a;
  if (int e = compat::side::request(rtsock::proto::Op::ifconfig, req, a); e != 0) return e;
  if (a.os_error != 0) return compat::host_errno(a.os_error);
  if (reply != nullptr) *reply = a.json();
  return 0;
}

const compat::IfAddr* first_of(const Iface& i, int family, const std::string& want = {}) {
  for (const auto& a : i.addrs) {
    if (a.family != family) continue;
    if (want.empty() || rtsock::codec::ip_string(a.a) == want) return &a;
  }
  return nullptr;
}

// Replaces an address (SIOCSIF*: the first IPv4 address, changed in one part).
int replace_v4(const Iface& i, const std::string& addr, std::optional<int> plen,
               std::optional<std::string> other) {
  const auto& p = compat::profile();
  const compat::IfAddr* old = first_of(i, p.af_inet);
  std::string keep_addr = old != nullptr ? rtsock::codec::ip_string(old->a) : "";
  nlohmann::json add = {{"op", "addr_add"}, {"name", i.name}};
  add["addr"] = addr.empty() ? keep_addr : addr;
  if (add["addr"].get<std::string>().empty()) return EADDRNOTAVAIL;
  int keep_plen = 0;
  if (old != nullptr) keep_plen = rtsock::codec::prefix_length(old->m).value_or(32);
  add["plen"] = plen ? *plen : old != nullptr ? keep_plen : classful_plen(add["addr"]);
  const bool p2p = (i.flags & kIffPointopoint) != 0;
  std::string keep_other = old != nullptr && !old->dst.empty() ? rtsock::codec::ip_string(old->d) : "";
  const std::string o = other ? *other : keep_other;
  if (!o.empty()) add[p2p ? "peer" : "broadcast"] = o;
  if (old != nullptr) ifconfig({{"op", "addr_delete"}, {"name", i.name}, {"addr", keep_addr}});
  return ifconfig(add);
}

// SIOCAIFADDR / SIOCAIFADDR_IN6: add, or replace the same address.
int add_alias(const Iface& i, const Bytes& r, bool v6) {
  const std::size_t sa = v6 ? 28 : 16;
  const std::string addr = sa_text(r, kName);
  if (addr.empty()) return EINVAL;
  nlohmann::json add = {{"op", "addr_add"}, {"name", i.name}, {"addr", addr}};
  const std::size_t mask_off = kName + 2 * sa;
  const bool has_mask = mask_off < r.size() && std::to_integer<int>(r[mask_off]) != 0;
  add["plen"] = has_mask ? plen_at(r, mask_off, v6) : v6 ? 128 : classful_plen(addr);
  const std::string other = sa_text(r, kName + sa);
  if (!other.empty()) add[(i.flags & kIffPointopoint) != 0 ? "peer" : "broadcast"] = other;
  // in6_aliasreq: ifra_flags after the three sockaddr_in6.
  if (v6 && r.size() >= kName + 3 * sa + 4) add["flags"] = get<std::uint32_t>(r, kName + 3 * sa);
  const int fam = v6 ? compat::profile().af_inet6 : compat::profile().af_inet;
  if (first_of(i, fam, addr) != nullptr)
    ifconfig({{"op", "addr_delete"}, {"name", i.name}, {"addr", addr}});
  return ifconfig(add);
}

int delete_addr(const Iface& i, const Bytes& r, bool v6) {
  const auto& p = compat::profile();
  const int fam = v6 ? p.af_inet6 : p.af_inet;
  std::string addr = sa_text(r, kName);
  const compat::IfAddr* a = first_of(i, fam, addr);

  if (a == nullptr) return EADDRNOTAVAIL;
  return ifconfig({{"op", "addr_delete"}, {"name", i.name}, {"addr", rtsock::codec::ip_string(a->a)}});
}

// SIOCIFCREATE: "gif" alone takes the first free unit, and the name is
// written back. On FreeBSD "epair" and "epairN" make a pair, and the name
// written back is its a half (the kernel's reply says so).
int create(Bytes& r, const std::vector<Iface>& all) {
  std::string name = request_name(r);
  if (name.empty()) return EINVAL;
  const bool freebsd = compat::profile().os == Os::freebsd;
  const bool pair = freebsd && rtsock::client::is_epair_cloner(name);
  auto taken = [&](const std::string& n) {
    if (pair)
      return compat::find_iface(all, n + "a") != nullptr ||
             compat::find_iface(all, n + "b") != nullptr;
    return compat::find_iface(all, n) != nullptr;
  };
  if (name.back() < '0' || name.back() > '9') {
    for (int unit = 0;; ++unit) {
      const std::string n = name + std::to_string(unit);
      if (!taken(n)) {
        name = n;
        break;
      }
    }
    if (name.size() >= kName) return EINVAL;
  } else if (taken(name)) {
    return EEXIST;
  }
  auto req = rtsock::client::clone_create_request(
      name, freebsd ? rtsock::client::CloneOs::freebsd : rtsock::client::CloneOs::other);
  nlohmann::json reply;
  if (int e = ifconfig(req, &reply); e != 0) return e;
  if (freebsd && reply.contains("name") && reply["name"].is_string()) {
    // The kernel named it and gave it its Ethernet address.
    name = reply["name"].get<std::string>();
    if (name.size() >= kName) return ENOSPC;
  } else if (!req.contains("type") && reply.contains("index") &&
             reply["index"].is_number_unsigned()) {
    ifconfig({{"op", "set"}, {"name", name}, {"lladdr", rtsock::client::clone_lladdr(reply["index"].get<std::uint32_t>())}});
  }
  std::fill(r.begin(), r.begin() + kName, std::byte{0});
  std::memcpy(r.data(), name.data(), name.size());
  return 0;
}

// struct ifmediareq: an Ethernet's autoselected gigabit medium; other
// interfaces have no media (EINVAL, as a loopback answers).
int media(Bytes& r, const Iface& i) {
  constexpr std::uint8_t kIftEther = 6;
  if (i.type != kIftEther) return EINVAL;
  const Os os = compat::profile().os;
  const bool running = (i.flags & 0x40) != 0;
  if (os == Os::openbsd) {  // uint64_t words, int count, uint64_t *ulist
    const std::uint64_t ether = 0x100, fdx = 0x0000010000000000ull, t1000 = 16;
    put<std::uint64_t>(r, 16, ether);
    put<std::uint64_t>(r, 24, 0);
    put<std::uint64_t>(r, 32, running ? 3 : 1);
    put<std::uint64_t>(r, 40, ether | t1000 | fdx);
    const int want = get<int>(r, 48);
    const auto list = get<std::uint64_t*>(r, 56);
    if (list != nullptr && want > 0) compat::copy_out(list, &ether, sizeof ether);
    put<int>(r, 48, 1);
    return 0;
  }
  const int ether = 0x20, fdx = 0x00100000, t1000 = 16;  // int words, int *ulist
  put<int>(r, 16, ether);
  put<int>(r, 20, 0);
  put<int>(r, 24, running ? 3 : 1);
  put<int>(r, 28, ether | t1000 | fdx);
  const int want = get<int>(r, 32);
  const auto list = get<int*>(r, r.size() == 44 ? 36 : 40);  // xnu packs it to 4 bytes
  if (list != nullptr && want > 0) compat::copy_out(list, &ether, sizeof ether);
  put<int>(r, 32, 1);
  return 0;
}

// SIOCGIFCONF: struct ifconf {int ifc_len; char *ifc_buf}, records of the
// name and a sockaddr (at least sizeof(struct sockaddr); NetBSD: whole
// struct ifreqs), the link address first for each interface.
int ifconf(Bytes& r, const std::vector<Iface>& all, std::size_t ifreq_size) {
  const bool fixed = compat::profile().os == Os::netbsd;
  Bytes out;
  auto record = [&](const std::string& name, const Bytes& sa) {
    Bytes rec(fixed ? ifreq_size : kName + std::max<std::size_t>(16, sa.size()));
    std::memcpy(rec.data(), name.data(), std::min(name.size(), kName - 1));
    std::memcpy(rec.data() + kName, sa.data(), std::min(sa.size(), rec.size() - kName));
    out.insert(out.end(), rec.begin(), rec.end());
  };
  std::vector<std::size_t> ends;
  for (const Iface& i : all) {
    record(i.name, i.link);
    ends.push_back(out.size());
    for (const auto& a : i.addrs) {
      record(i.name, a.addr);
      ends.push_back(out.size());
    }
  }
  const int len = get<int>(r, 0);
  auto* buf = get<char*>(r, r.size() == 12 ? 4 : 8);  // xnu packs it to 4 bytes
  if (buf == nullptr || len <= 0) {  // OpenBSD, NetBSD: how much is needed
    put<int>(r, 0, buf == nullptr ? static_cast<int>(out.size()) : 0);
    return 0;
  }
  std::size_t n = 0;
  for (std::size_t e : ends)
    if (e <= static_cast<std::size_t>(len)) n = e;
  if (n > 0 && !compat::copy_out(buf, out.data(), n)) return EFAULT;
  put<int>(r, 0, static_cast<int>(n));
  return 0;
}

int handle(Sio op, Bytes& r, std::size_t ifreq_size, bool v6) {
  const auto& p = compat::profile();
  std::vector<Iface> all;
  if (int e = compat::interfaces(all); e != 0) return e;
  if (op == Sio::gifconf) return ifconf(r, all, ifreq_size);
  if (op == Sio::ifcreate) return create(r, all);
  const std::string name = request_name(r);
  const Iface* i = compat::find_iface(all, name);
  if (i == nullptr) return ENXIO;
  const int fam = v6 ? p.af_inet6 : p.af_inet;
  switch (op) {
    case Sio::gifflags:
      put<std::uint16_t>(r, 16, static_cast<std::uint16_t>(i->flags));
      if (p.os == Os::freebsd || p.os == Os::dragonfly)
        put<std::uint16_t>(r, 18, static_cast<std::uint16_t>(i->flags >> 16));
      return 0;
    case Sio::sifflags: {
      const bool up = (get<std::uint16_t>(r, 16) & kIffUp) != 0;
      if (up == ((i->flags & kIffUp) != 0)) return 0;
      return ifconfig({{"op", "set"}, {"name", name}, {"up", up}});
    }
    case Sio::gifmtu: put<int>(r, 16, static_cast<int>(i->mtu)); return 0;
    case Sio::gifhardmtu: put<int>(r, 16, static_cast<int>(i->mtu)); return 0;
    case Sio::sifmtu: return ifconfig({{"op", "set"}, {"name", name}, {"mtu", get<int>(r, 16)}});
    case Sio::gifmetric: put<int>(r, 16, static_cast<int>(i->metric)); return 0;
    case Sio::sifmetric: return ifconfig({{"op", "set"}, {"name", name}, {"metric", get<int>(r, 16)}});
    case Sio::gifindex:
      if (p.os == Os::netbsd) put<std::uint32_t>(r, 16, i->index);
      else put<std::uint16_t>(r, 16, i->index);
      return 0;
    case Sio::giffib: case Sio::gifrdomain: case Sio::gifxflags: case Sio::gifcap:
      put<std::uint64_t>(r, 16, 0);
      return 0;
    case Sio::gifaddr: case Sio::gifnetmask: case Sio::gifbrdaddr: case Sio::gifdstaddr: {
      const std::string want = v6 ? sa_text(r, kName) : "";
      const compat::IfAddr* a = first_of(*i, fam, want == "::" ? "" : want);
      if (a == nullptr) return EADDRNOTAVAIL;
      if (op == Sio::gifbrdaddr && (i->flags & kIffBroadcast) == 0) return EINVAL;
      if (op == Sio::gifdstaddr && (i->flags & kIffPointopoint) == 0) return EINVAL;
      const Bytes& sa = op == Sio::gifaddr ? a->addr : op == Sio::gifnetmask ? a->mask : a->dst;
      put_sa(r, 16, sa, v6 ? 28 : std::max<std::size_t>(16, ifreq_size - kName));
      return 0;
    }
    case Sio::gifaflag_in: case Sio::gifaflag_in6: case Sio::gifalifetime_in6: {
      // The address must be there; it lives for ever.
      const std::string want = sa_text(r, kName);
      const compat::IfAddr* a = first_of(*i, fam, want);
      if (a == nullptr || want.empty()) return EADDRNOTAVAIL;
      if (op == Sio::gifalifetime_in6) {
        constexpr std::uint32_t kInfinite = 0xffffffff;  // ND6_INFINITE_LIFETIME
        put<std::int64_t>(r, 16, 0);   // ia6t_expire
        put<std::int64_t>(r, 24, 0);   // ia6t_preferred
        put<std::uint32_t>(r, 32, kInfinite);
        put<std::uint32_t>(r, 36, kInfinite);
        return 0;
      }
      // ifru_flags6 / ifr_addrflags: the daemon's word now (DAD clears
      // tentative in its own time).
      nlohmann::json reply;
      const int e = ifconfig({{"op", "addr_flags"}, {"name", name}, {"addr", want}}, &reply);
      if (e != 0) return e;
      put<int>(r, 16, reply.value("flags", 0));
      return 0;
    }
    case Sio::gifinfo_in6: case Sio::sifinfo_flags: {
      // struct in6_ndireq: the name, then struct nd_ifinfo (flags at 20).
      constexpr std::size_t kNdi = kName, kFlags = kNdi + 20;
      if (r.size() < kNdi + 30) return EINVAL;
      nlohmann::json reply;
      if (int e = ifconfig({{"op", "nd6_flags"}, {"name", name}}, &reply); e != 0) return e;
      const auto flags = reply.value("flags", 0u);
      if (op == Sio::sifinfo_flags) {
        const auto want = get<std::uint32_t>(r, kFlags);
        return ifconfig({{"op", "set"}, {"name", name}, {"nd6_on", want & ~flags},
                         {"nd6_off", flags & ~want}});
      }
      std::fill(r.begin() + kNdi, r.end(), std::byte{0});
      put<std::uint32_t>(r, kNdi + 4, reply.value("mtu", 0u));  // maxmtu: the link's
      put<std::uint32_t>(r, kNdi + 8, 30000);   // REACHABLE_TIME (ms)
      put<std::uint32_t>(r, kNdi + 12, 30000);
      put<std::uint32_t>(r, kNdi + 16, 1000);   // RETRANS_TIMER (ms)
      put<std::uint32_t>(r, kFlags, flags);
      r[kNdi + 28] = std::byte{64};             // chlim: IPV6_DEFHLIM
      r[kNdi + 29] = std::byte{1};              // initialized
      return 0;
    }
    case Sio::sifaddr: return replace_v4(*i, sa_text(r, kName), std::nullopt, std::nullopt);
    case Sio::sifnetmask: return replace_v4(*i, "", plen_at(r, kName, false), std::nullopt);
    case Sio::sifbrdaddr: case Sio::sifdstaddr: return replace_v4(*i, "", std::nullopt, sa_text(r, kName));
    case Sio::difaddr: return delete_addr(*i, r, v6);
    case Sio::aifaddr: return add_alias(*i, r, v6);
    case Sio::ifdestroy: return ifconfig({{"op", "destroy"}, {"name", name}});
    case Sio::gifmedia: return media(r, *i);
    case Sio::siflladdr: {
      const std::size_t alen = std::min<std::size_t>(std::to_integer<std::size_t>(r[16]), 14);
      std::string text;
      char hex[4];
      for (std::size_t k = 0; k < alen; ++k) {
        std::snprintf(hex, sizeof hex, k == 0 ? "%02x" : ":%02x", std::to_integer<unsigned>(r[18 + k]));
        text += hex;
      }
      return ifconfig({{"op", "set"}, {"name", name}, {"lladdr", text}});
    }
    case Sio::gifdata_ptr: {
      auto* dst = get<void*>(r, 16);
      if (dst == nullptr || !compat::copy_out(dst, i->if_data.data(), i->if_data.size())) return EFAULT;
      return 0;
    }
    case Sio::gifdata_inline:
      put_sa(r, 16, i->if_data, r.size() - 16);
      return 0;
    default:
      return EOPNOTSUPP;
  }
}

bool is_socket(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

}  // namespace

RTSOCK_EXPORT int ioctl(int fd, unsigned long request, ...) noexcept {
  real::ensure();
  va_list ap;
  va_start(ap, request);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  if (!compat::active()) return real::ioctl(fd, request, arg);
  const compat::Ioc ioc = compat::decode_ioc(request);
  if (auto host = compat::file_ioctl(ioc)) return real::ioctl(fd, *host, arg);
  bool v6 = false;
  const Sio op = compat::socket_ioctl(ioc, v6);
  if (op == Sio::none || !is_socket(fd)) return real::ioctl(fd, request, arg);
  const compat::Internal internal;
  Bytes r(ioc.size);
  if (arg == nullptr || !compat::copy_in(r.data(), arg, r.size())) {
    errno = EFAULT;
    return -1;
  }
  if (int e = handle(op, r, compat::ifreq_size(), v6); e != 0) {
    errno = e;
    return -1;
  }
  if ((ioc.dir & compat::kIocOut) != 0 && !compat::copy_out(arg, r.data(), r.size())) {
    errno = EFAULT;
    return -1;
  }
  return 0;
}
