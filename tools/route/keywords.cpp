// route(8)'s keyword table (sbin/route/keywords), one table for every
// dialect: each entry says which route(8)s know the word.
#include <array>

#include "args.hpp"

namespace rtsock::route {
namespace {

constexpr std::uint8_t bit(Dialect d) {
  return static_cast<std::uint8_t>(1u << static_cast<int>(d));
}
constexpr std::uint8_t kFb = bit(Dialect::freebsd) | bit(Dialect::freebsd12);
constexpr std::uint8_t kDa = bit(Dialect::darwin);
constexpr std::uint8_t kOb = bit(Dialect::openbsd);
constexpr std::uint8_t kNb = bit(Dialect::netbsd);
constexpr std::uint8_t kDf = bit(Dialect::dragonfly);
constexpr std::uint8_t kHp = bit(Dialect::hpux);
constexpr std::uint8_t kAll = kFb | kDa | kOb | kNb | kDf | kHp;
constexpr std::uint8_t kBsd = kFb | kDa | kOb | kNb | kDf;

struct Entry {
  std::string_view word;
  Kw kw;
  std::uint8_t in;
};

constexpr std::array kTable{
    // commands
    Entry{"add", Kw::add, kAll},
    Entry{"change", Kw::change, kBsd},
    Entry{"delete", Kw::delete_, kAll},
    Entry{"del", Kw::del, kFb | kDf},
    Entry{"flush", Kw::flush, kBsd},
    Entry{"flushall", Kw::flushall, kNb},
    Entry{"get", Kw::get, kBsd},
    Entry{"monitor", Kw::monitor, kBsd},
    Entry{"show", Kw::show, kFb | kOb | kNb},
    // families
    Entry{"4", Kw::k4, kFb},
    Entry{"6", Kw::k6, kFb},
    Entry{"inet", Kw::inet, kAll},
    Entry{"inet6", Kw::inet6, kBsd},
    Entry{"link", Kw::link, kBsd},
    // addresses
    Entry{"net", Kw::net, kAll},
    Entry{"host", Kw::host, kAll},
    Entry{"netmask", Kw::netmask, kAll},
    Entry{"prefixlen", Kw::prefixlen, kBsd},
    Entry{"dst", Kw::dst, kBsd},
    Entry{"gateway", Kw::gateway, kBsd},
    Entry{"genmask", Kw::genmask, kFb | kDa | kNb | kDf},
    Entry{"ifa", Kw::ifa, kBsd},
    Entry{"ifp", Kw::ifp, kBsd},
    Entry{"iface", Kw::iface, kBsd},
    Entry{"interface", Kw::interface, kBsd},
    // flags
    Entry{"static", Kw::static_, kBsd},
    Entry{"nostatic", Kw::nostatic, kBsd},
    Entry{"reject", Kw::reject, kBsd},
    Entry{"blackhole", Kw::blackhole, kBsd},
    Entry{"xresolve", Kw::xresolve, kFb | kDa | kNb | kDf},
    Entry{"proto1", Kw::proto1, kBsd},
    Entry{"proto2", Kw::proto2, kBsd},
    Entry{"proto3", Kw::proto3, kDf},
    Entry{"proxy", Kw::proxy, kFb | kDa | kNb | kDf},
    Entry{"sticky", Kw::sticky, kFb},
    Entry{"nostick", Kw::nostick, kFb},
    Entry{"cloning", Kw::cloning, kDa | kNb | kDf | kOb},
    Entry{"llinfo", Kw::llinfo, kDa | kNb | kDf | kOb},
    Entry{"mpath", Kw::mpath, kOb},
    // metrics
    Entry{"mtu", Kw::mtu, kBsd},
    Entry{"hopcount", Kw::hopcount, kBsd},
    Entry{"expire", Kw::expire, kBsd},
    Entry{"recvpipe", Kw::recvpipe, kBsd},
    Entry{"sendpipe", Kw::sendpipe, kBsd},
    Entry{"ssthresh", Kw::ssthresh, kBsd},
    Entry{"rtt", Kw::rtt, kBsd},
    Entry{"rttvar", Kw::rttvar, kBsd},
    Entry{"weight", Kw::weight, kFb},
    Entry{"lock", Kw::lock, kBsd},
    Entry{"lockrest", Kw::lockrest, kBsd},
    // per OS
    Entry{"fib", Kw::fib, kFb},
    Entry{"priority", Kw::priority, kOb},
    Entry{"label", Kw::label, kOb},
    Entry{"bfd", Kw::bfd, kOb},
    Entry{"nobfd", Kw::nobfd, kOb},
    Entry{"ifscope", Kw::ifscope, kDa},
    Entry{"noreject", Kw::noreject, kNb},
    Entry{"noblackhole", Kw::noblackhole, kNb},
    Entry{"noproxy", Kw::noproxy, kNb},
    Entry{"nocloning", Kw::nocloning, kNb},
    Entry{"connected", Kw::connected, kNb},
};

}  // namespace

Kw keyword(Dialect d, std::string_view word) {
  for (const auto& e : kTable)
    if (e.word == word && (e.in & bit(d)) != 0) return e.kw;
  return Kw::none;
}

}  // namespace rtsock::route
