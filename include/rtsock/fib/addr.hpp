// rtsock/fib/addr.hpp — typed IPv4/IPv6 addresses and prefixes for the
// forwarding database. No sockaddrs here: the kernel layer converts.
//
// IPv6 scope: like KAME kernels, the table does not know zones. The kernel
// layer embeds a link-local zone in address bytes 2–3 before it reaches the
// table and strips it when reporting, so fe80::/64 on two interfaces are two
// different keys.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rtsock::fib {

enum class Family : std::uint8_t { inet4, inet6 };

inline constexpr int max_plen(Family f) { return f == Family::inet4 ? 32 : 128; }

// An address in network byte order. IPv4 uses bytes[0..3]; the rest is zero.
struct Addr {
  Family family = Family::inet4;
  std::array<std::uint8_t, 16> bytes{};

  static Addr v4(std::uint32_t host_order);
  static Addr v6(const std::array<std::uint8_t, 16>& b) { return {Family::inet6, b}; }
  // "192.0.2.1" or "2001:db8::1"; nullopt for anything else.
  static std::optional<Addr> parse(std::string_view text);

  std::uint32_t v4() const;  // host order; IPv4 only
  bool is_zero() const;
  std::string str() const;

  // The address with every bit past plen cleared.
  Addr masked(int plen) const;
  // Whether this address lies inside prefix/plen.
  bool within(const Addr& prefix, int plen) const;

  friend bool operator==(const Addr&, const Addr&) = default;
  friend std::strong_ordering operator<=>(const Addr&, const Addr&) = default;
};

// A routing-table key. A host entry (`host`) is the mask-less key of the BSD
// radix tree; its plen is the family maximum. On kernels that keep them apart
// (FreeBSD <= 12, Darwin, NetBSD, DragonFly) a network route with an explicit
// all-ones mask is a different key with host == false.
struct Prefix {
  Addr addr;  // already masked to plen
  std::uint8_t plen = 0;
  bool host = false;

  static Prefix net(const Addr& a, int plen);  // masks a
  static Prefix host_of(const Addr& a);
  // "10.0.0.0/8", "192.0.2.1" (host), "::/0"; nullopt when malformed.
  static std::optional<Prefix> parse(std::string_view text);

  Family family() const { return addr.family; }
  bool is_default() const { return !host && plen == 0; }
  bool contains(const Addr& a) const { return a.family == addr.family && a.within(addr, plen); }
  std::string str() const;

  friend bool operator==(const Prefix&, const Prefix&) = default;
};

// Radix-tree order: by key, then host entry first, then longer masks first.
bool radix_less(const Prefix& a, const Prefix& b);

}  // namespace rtsock::fib
