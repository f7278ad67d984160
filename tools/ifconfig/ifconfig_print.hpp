// ifconfig_print.hpp — the status listing of ifconfig(8), byte for byte as
// each BSD's ifconfig prints the parts rtsockd models. Sources and the lines
// left out are in docs/research/ifconfig.md.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ifconfig_model.hpp"
#include "rtsock/abi/profile.hpp"

namespace ifconfig {

// Whose ifconfig the output imitates.
enum class Style : std::uint8_t {
  freebsd14,  // FreeBSD 14 (netlink listing); also HP-UX, which has no such ifconfig
  freebsd12,  // FreeBSD 12 (getifaddrs listing)
  dragonfly,  // DragonFly (rt_addrinfo listing, FreeBSD 6 lineage)
  darwin,     // macOS network_cmds
  openbsd,
  netbsd,
};

inline Style style_of(const rtsock::abi::Profile& p) {
  using rtsock::abi::Os;
  switch (p.os) {
    case Os::freebsd:
      return p.os_version >= 14 || p.os_version == 0 ? Style::freebsd14 : Style::freebsd12;
    case Os::darwin:
      return Style::darwin;
    case Os::openbsd:
      return Style::openbsd;
    case Os::netbsd:
      return Style::netbsd;
    case Os::dragonfly:
      return Style::dragonfly;
    case Os::hpux:
      return Style::freebsd14;
  }
  return Style::freebsd14;
}

// Which families a listing shows (ifconfig -a inet, ifconfig em0 inet6).
struct Filter {
  bool inet = true;
  bool inet6 = true;
  bool link = true;
  bool all_inet = true;  // OpenBSD: ifconfig and -a show the first inet address only
};

// FreeBSD 14's IFFBITS (ifconfig_netlink.c): every bit of the word is named.
inline constexpr std::string_view kFreeBSD14Bits[] = {
    "UP",    "BROADCAST", "DEBUG",      "LOOPBACK",    "POINTOPOINT", "NEEDSEPOCH", "RUNNING",
    "NOARP", "PROMISC",   "ALLMULTI",   "DRV_OACTIVE", "SIMPLEX",     "LINK0",      "LINK1",
    "LINK2", "MULTICAST", "CANTCONFIG", "PPROMISC",    "MONITOR",     "STATICARP",  "STICKYARP",
    "DYING", "RENAMING",  "NOGROUP",    "LOWER_UP"};
inline constexpr std::uint32_t kIffLowerUp = 0x1000000;

// printb(): "flags=8843<UP,BROADCAST,...>", only named bits listed.
inline std::string printb(std::string_view label, std::uint32_t v,
                          const rtsock::abi::BitNames& names, std::string_view hex_prefix = "",
                          bool brackets_when_empty = true) {
  std::string names_list;
  for (std::size_t i = 0; i < 32; ++i) {
    if ((v & (1u << i)) == 0 || names[i].empty()) continue;
    if (!names_list.empty()) names_list += ',';
    names_list += names[i];
  }
  std::string out = v == 0 && !hex_prefix.empty() ? fmt::format("{}=0", label)
                                                  : fmt::format("{}={}{:x}", label, hex_prefix, v);
  if (!names_list.empty() || brackets_when_empty) out += fmt::format("<{}>", names_list);
  return out;
}

inline std::string ether_02x(const std::vector<std::uint8_t>& ll) {
  std::string s;
  for (std::size_t i = 0; i < ll.size(); ++i) s += fmt::format("{}{:02x}", i ? ":" : "", ll[i]);
  return s;
}

inline std::string ether_x(const std::vector<std::uint8_t>& ll) {
  std::string s;
  for (std::size_t i = 0; i < ll.size(); ++i) s += fmt::format("{}{:x}", i ? ":" : "", ll[i]);
  return s;
}

// link_ntoa(3) without the name: "0.c.29.66.2c.dc".
inline std::string link_ntoa_addr(const std::vector<std::uint8_t>& ll) {
  std::string s;
  for (std::size_t i = 0; i < ll.size(); ++i) s += fmt::format("{}{:x}", i ? "." : "", ll[i]);
  return s;
}

inline std::uint32_t mask_of(int plen) {
  return plen <= 0 ? 0u : plen >= 32 ? 0xffffffffu : ~((1u << (32 - plen)) - 1u);
}

inline bool is_ether(const Interface& i) {
  return (i.type == kIftEther || i.type == kIftL2vlan) && i.lladdr.size() == 6;
}

class Printer {
 public:
  Printer(const rtsock::abi::Profile& p, const std::vector<Interface>& all)
      : p_(p), all_(all), style_(style_of(p)) {}

  Style style() const { return style_; }

  // The flags word and the names the first line shows for it (FreeBSD 14:
  // with IFF_LOWER_UP and every bit named; the others: the named bits).
  struct Flags {
    std::uint32_t value = 0;
    std::vector<std::string> names;
  };
  Flags shown_flags(const Interface& i) const {
    Flags f{i.flags, {}};
    if (style_ == Style::freebsd14 && oper_up(i)) f.value |= kIffLowerUp;
    for (std::size_t b = 0; b < 32; ++b) {
      if ((f.value & (1u << b)) == 0) continue;
      if (style_ == Style::freebsd14)
        f.names.push_back(b < std::size(kFreeBSD14Bits) ? std::string(kFreeBSD14Bits[b])
                                                        : fmt::format("IFF_{}", b));
      else if (!p_.iff[b].empty())
        f.names.emplace_back(p_.iff[b]);
    }
    return f;
  }

  std::string status(const Interface& i, const Filter& f) const {
    std::string out = header(i);
    switch (style_) {
      case Style::freebsd14:
        out += link_line(i, f);
        for (const Address* a : sorted_by_family(i)) out += addr_line(i, *a, f);
        out += media_status(i, f);
        out += nd6_options(i, f);
        break;
      case Style::freebsd12:
        out += link_line(i, f);
        for (const Address* a : grouped_by_family(i)) out += addr_line(i, *a, f);
        out += media_status(i, f);
        out += nd6_options(i, f);
        break;
      case Style::darwin:
        out += link_line(i, f);
        for (const Address& a : i.addrs) out += addr_line(i, a, f);
        out += media_status(i, f);
        break;
      case Style::dragonfly:
        for (const Address& a : i.addrs) out += addr_line(i, a, f);
        out += link_line(i, f);
        out += media_status(i, f);
        break;
      case Style::openbsd: {
        out += link_line(i, f);
        out += fmt::format("\tindex {} priority 0 llprio 3\n", i.index);
        if (i.link != Link::unknown) out += fmt::format("\tstatus: {}\n", openbsd_linkstate(i));
        bool inet_seen = false;
        for (const Address& a : i.addrs) {
          if (!a.v6 && inet_seen && !f.all_inet) continue;
          out += addr_line(i, a, f);
          if (!a.v6) inet_seen = true;
        }
        break;
      }
      case Style::netbsd:
        out += link_line(i, f);
        out += media_status(i, f);
        for (const Address& a : i.addrs)
          if (!a.v6) out += addr_line(i, a, f);
        for (const Address& a : i.addrs)
          if (a.v6) out += addr_line(i, a, f);
        break;
    }
    return out;
  }

 private:
  std::string header(const Interface& i) const {
    std::string out = i.name + ": ";
    switch (style_) {
      case Style::freebsd14: {
        const Flags f = shown_flags(i);
        out += fmt::format("flags={:x}", f.value);
        if (!f.names.empty()) out += fmt::format("<{}>", fmt::join(f.names, ","));
        out += fmt::format(" metric {} mtu {}\n", i.metric, i.mtu);
        return out;
      }
      case Style::freebsd12:
      case Style::dragonfly:
        return out + printb("flags", i.flags, p_.iff) +
               fmt::format(" metric {} mtu {}\n", i.metric, i.mtu);
      case Style::netbsd:
        out += printb("flags", i.flags, p_.iff, "0x", false);
        break;
      case Style::darwin:
      case Style::openbsd:
        out += printb("flags", i.flags, p_.iff);
        break;
    }
    if (i.metric != 0) out += fmt::format(" metric {}", i.metric);
    if (i.mtu != 0) out += fmt::format(" mtu {}", i.mtu);
    return out + "\n";
  }

  // FreeBSD 14's netlink sets IFF_LOWER_UP when the operational state is up:
  // for Ethernet when the media is active, for the rest when IFF_UP is set.
  static bool oper_up(const Interface& i) {
    if (i.type == kIftEther || i.type == kIftL2vlan) return i.link == Link::up;
    return (i.flags & kIffUp) != 0;
  }

  std::string link_line(const Interface& i, const Filter& f) const {
    if (!f.link || i.lladdr.empty()) return {};
    switch (style_) {
      case Style::freebsd14:
      case Style::freebsd12:
      case Style::dragonfly:
        if (is_ether(i)) return "\tether " + ether_02x(i.lladdr) + "\n";
        return "\tlladdr " + link_ntoa_addr(i.lladdr) + "\n";
      case Style::darwin:
        if (is_ether(i)) return "\tether " + ether_x(i.lladdr) + "\n";
        return "\tlladdr " + ether_02x(i.lladdr) + "\n";
      case Style::openbsd:
        if (i.type == kIftEther) return "\tlladdr " + ether_02x(i.lladdr) + "\n";
        return {};
      case Style::netbsd:
        return "\taddress: " + ether_02x(i.lladdr) + "\n";
    }
    return {};
  }

  // The "status:" line that follows the media line (which is not modelled):
  // only media-capable (Ethernet) interfaces with a known link state.
  std::string media_status(const Interface& i, const Filter& f) const {
    if (!f.inet || !f.inet6 || !f.link) return {};  // af_other_status: all families only
    if (i.type != kIftEther || i.link == Link::unknown) return {};
    return fmt::format("\tstatus: {}\n", i.link == Link::up ? "active" : "no carrier");
  }

  // af_nd6.c nd6_status, inet6's af_other_status: with every family or
  // inet6 alone, when the interface has nd6 flags.
  static std::string nd6_options(const Interface& i, const Filter& f) {
    const bool all = f.inet && f.inet6 && f.link, v6_only = f.inet6 && !f.inet && !f.link;
    if (!(all || v6_only) || !i.nd6 || *i.nd6 == 0) return {};
    static constexpr std::string_view kNd6Bits[] = {
        "PERFORMNUD",      "ACCEPT_RTADV", "PREFER_SOURCE",   "IFDISABLED",
        "DONT_SET_IFROUTE", "AUTO_LINKLOCAL", "NO_RADR",       "NO_PREFER_IFACE",
        "NO_DAD",          "IPV6_ONLY",    "IPV6_ONLY_MANUAL"};
    std::string out = fmt::format("\tnd6 options={:x}", *i.nd6);
    char sep = '<';
    for (std::size_t b = 0; b < std::size(kNd6Bits); ++b) {
      if ((*i.nd6 & (1u << b)) == 0) continue;
      out += sep;
      out += kNd6Bits[b];
      sep = ',';
    }
    if (sep == ',') out += '>';
    return out + "\n";
  }

  std::string openbsd_linkstate(const Interface& i) const {
    if (i.link == Link::up) return "active";
    // LINK_STATE_DESCRIPTIONS: Ethernet and PPP say "no carrier", others "down".
    if (i.link_raw == 3) return "keepalive down";
    return i.type == kIftEther || i.type == 0x17 ? "no carrier" : "down";
  }

  std::vector<const Address*> sorted_by_family(const Interface& i) const {
    std::vector<const Address*> v;
    for (const auto& a : i.addrs)
      if (!a.v6) v.push_back(&a);
    for (const auto& a : i.addrs)
      if (a.v6) v.push_back(&a);
    return v;
  }

  // FreeBSD's sortifaddrs(): families in the order they first appear.
  std::vector<const Address*> grouped_by_family(const Interface& i) const {
    std::vector<const Address*> v;
    if (i.addrs.empty()) return v;
    const bool first_v6 = i.addrs.front().v6;
    for (const auto& a : i.addrs)
      if (a.v6 == first_v6) v.push_back(&a);
    for (const auto& a : i.addrs)
      if (a.v6 != first_v6) v.push_back(&a);
    return v;
  }

  std::string zoned(const Address& a) const {
    if (a.zone == 0) return a.text;
    return a.text + "%" + name_of_index(all_, a.zone);
  }

  std::string addr_line(const Interface& i, const Address& a, const Filter& f) const {
    if (a.v6 ? !f.inet6 : !f.inet) return {};
    return a.v6 ? inet6_line(i, a) : inet_line(i, a);
  }

  std::string inet_line(const Interface& i, const Address& a) const {
    const bool p2p = (i.flags & kIffPointopoint) != 0;
    const bool brd = (i.flags & kIffBroadcast) != 0;
    const std::uint32_t mask = mask_of(a.plen);
    std::string out;
    switch (style_) {
      case Style::freebsd14:
        out = "\tinet " + a.text;
        if (p2p) out += " --> " + a.peer.value_or("0.0.0.0");
        out += fmt::format(" netmask 0x{:x}", mask);
        if (brd && a.plen != 0 && a.broadcast) out += " broadcast " + *a.broadcast;
        return out + "\n";
      case Style::freebsd12:
      case Style::openbsd:
        out = "\tinet " + a.text;
        if (p2p) out += " --> " + a.peer.value_or("0.0.0.0");
        out += fmt::format(" netmask 0x{:x}", mask);
        if (brd && a.broadcast && *a.broadcast != "0.0.0.0") out += " broadcast " + *a.broadcast;
        return out + "\n";
      case Style::darwin:
      case Style::dragonfly:
        out = "\tinet " + a.text + " ";
        if (p2p) out += "--> " + a.peer.value_or("0.0.0.0") + " ";
        out += fmt::format("netmask 0x{:x} ", mask);
        if (brd && a.broadcast && *a.broadcast != "0.0.0.0") out += "broadcast " + *a.broadcast;
        return out + "\n";
      case Style::netbsd:
        out = fmt::format("\tinet {}/{}", a.text, a.plen);
        if (p2p) out += " -> " + a.peer.value_or("0.0.0.0");
        if (brd) out += " broadcast " + a.broadcast.value_or("0.0.0.0");
        return out + " flags " + snprintb(a.flags, kInFlagBits) + "\n";
    }
    return out;
  }

  // in6_status / in6_alias: the words for IN6_IFF_* in the order every
  // KAME ifconfig prints them (prefer_source: FreeBSD's only).
  static constexpr std::pair<std::uint32_t, std::string_view> kIn6FlagWords[] = {
      {0x1, "anycast"},     {0x2, "tentative"}, {0x4, "duplicated"}, {0x8, "detached"},
      {0x10, "deprecated"}, {0x40, "autoconf"}, {0x80, "temporary"}, {0x100, "prefer_source"}};
  // NetBSD prints the word with snprintb(3): IN6_IFFBITS, IN_IFFBITS.
  static constexpr std::string_view kIn6FlagBits[] = {"ANYCAST",    "TENTATIVE", "DUPLICATED",
                                                      "DETACHED",   "DEPRECATED", "NODAD",
                                                      "AUTOCONF",   "TEMPORARY"};
  static constexpr std::string_view kInFlagBits[] = {"TENTATIVE", "DUPLICATED", "DETACHED",
                                                     "TRYTENTATIVE"};
  template <std::size_t N>
  static std::string snprintb(std::uint32_t v, const std::string_view (&names)[N]) {
    if (v == 0) return "0";
    std::string out = fmt::format("{:#x}", v);
    char sep = '<';
    for (std::size_t b = 0; b < N; ++b) {
      if ((v & (1u << b)) == 0) continue;
      out += sep;
      out += names[b];
      sep = ',';
    }
    if (sep == ',') out += '>';
    return out;
  }

  std::string inet6_line(const Interface& i, const Address& a) const {
    const bool p2p = (i.flags & kIffPointopoint) != 0 && a.peer.has_value();
    std::string out;
    switch (style_) {
      case Style::freebsd14:
      case Style::freebsd12:
      case Style::openbsd:
        out = "\tinet6 " + zoned(a);
        if (p2p) out += " --> " + *a.peer;
        out += fmt::format(" prefixlen {}", a.plen);
        for (const auto& [bit, word] : kIn6FlagWords)
          if ((a.flags & bit) != 0 && (bit != 0x100 || style_ != Style::openbsd))
            out += fmt::format(" {}", word);
        if (a.zone != 0) out += fmt::format(" scopeid 0x{:x}", a.zone);
        return out + "\n";
      case Style::darwin:
      case Style::dragonfly:
        out = "\tinet6 " + zoned(a) + " ";
        if (p2p) out += "--> " + *a.peer + " ";
        out += fmt::format("prefixlen {} ", a.plen);
        for (const auto& [bit, word] : kIn6FlagWords)
          if ((a.flags & bit) != 0 && bit != 0x100) out += fmt::format("{} ", word);
        if (a.zone != 0) out += fmt::format("scopeid 0x{:x} ", a.zone);
        return out + "\n";
      case Style::netbsd:
        out = fmt::format("\tinet6 {}/{}", zoned(a), a.plen);
        if (p2p) out += " -> " + *a.peer;
        out += " flags " + snprintb(a.flags, kIn6FlagBits);
        if (a.zone != 0) out += fmt::format(" scopeid 0x{:x}", a.zone);
        return out + "\n";
    }
    return out;
  }

  const rtsock::abi::Profile& p_;
  const std::vector<Interface>& all_;
  Style style_;
};

}  // namespace ifconfig
