// Values and assertions shared by the fib unit tests: address literals,
// Result checks by errno, prefix/gateway/flag comparisons with readable
// failure messages.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include "rtsock/fib/fib.hpp"

namespace rtsock::fibtest {

using namespace rtsock::fib;

// ---- values ----

inline Addr A(const char* text) {
  auto a = Addr::parse(text);
  EXPECT_TRUE(a.has_value()) << "bad address literal " << text;
  return a.value_or(Addr{});
}

// An inet6 scoped address of interface `index` (zone in bytes 2-3, as the
// table keeps link-local and interface-local addresses).
inline Addr Zoned(const char* text, std::uint16_t index) {
  Addr a = A(text);
  a.bytes[2] = static_cast<std::uint8_t>(index >> 8);
  a.bytes[3] = static_cast<std::uint8_t>(index);
  return a;
}

inline IfAddress Ifa(const char* addr, int plen, const char* brd = nullptr) {
  IfAddress a;
  a.addr = A(addr);
  a.plen = static_cast<std::uint8_t>(plen);
  if (brd != nullptr) a.broadcast = A(brd);
  return a;
}

// A personality's table (semantics_for by name), one FIB.
inline Config KernelConfig(const char* kernel) {
  Config c;
  auto s = semantics_for(kernel);
  EXPECT_TRUE(s.has_value()) << kernel;
  if (s) c.semantics = *s;
  return c;
}

inline Prefix Net(const char* addr, int plen) { return Prefix::net(A(addr), plen); }
inline Prefix Host(const char* addr) { return Prefix::host_of(A(addr)); }

inline std::string Show(const Prefix& p) {
  return p.addr.str() + "/" + std::to_string(p.plen) + (p.host ? "H" : "");
}

// ---- assertions ----

template <class T>
::testing::AssertionResult Ok(const Result<T>& r) {
  if (r) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "failed with errno " << r.error().code().value() << " (" << r.error().message() << ")";
}

template <class T>
::testing::AssertionResult Errno(const Result<T>& r, int e) {
  const std::error_code want(e, std::generic_category());
  if (r) return ::testing::AssertionFailure() << "succeeded; expected " << want.message();
  if (r.error().code() == want) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "failed with " << r.error().code().value() << " (" << r.error().message()
         << "); expected " << e << " (" << want.message() << ")";
}

inline ::testing::AssertionResult PrefixIs(const Prefix& got, const Prefix& want) {
  if (got == want) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "prefix " << Show(got) << ", expected " << Show(want);
}

inline ::testing::AssertionResult GatewayIs(const Gateway& got, const char* want) {
  if (got == Gateway::address(A(want))) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "gateway " << got.str() << ", expected " << want;
}

inline ::testing::AssertionResult AddrIs(const std::optional<Addr>& got, const char* want) {
  if (got && *got == A(want)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "address " << (got ? got->str() : "none") << ", expected " << want;
}

inline std::string Hex(std::uint64_t v) {
  std::ostringstream o;
  o << "0x" << std::hex << v;
  return o.str();
}

inline ::testing::AssertionResult HasFlags(std::uint64_t flags, std::uint64_t want) {
  if ((flags & want) == want) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "flags " << Hex(flags) << " lack " << Hex(want & ~flags);
}

}  // namespace rtsock::fibtest
