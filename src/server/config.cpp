// rtsockd's boot configuration: parsing the line format and applying it to
// an engine (docs/rtsockd.md).
#include "rtsock/server/config.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "rtsock/fib/flags.hpp"
#include "rtsock/kernel/engine.hpp"
#include "text.hpp"

namespace rtsock::server {

const std::string_view kDefaultConfigText = R"(# rtsockd's built-in configuration
interface lo0 type loop mtu 16384 flags up,loopback,multicast
address lo0 127.0.0.1/8
address lo0 ::1/128
interface em0 type ether mtu 1500 lladdr 02:00:00:00:00:01 flags up,broadcast,simplex,multicast
address em0 192.0.2.10/24 broadcast 192.0.2.255
address em0 2001:db8::10/64
route default 192.0.2.1
route default 2001:db8::1
)";

std::string ConfigError::str() const {
  if (line == 0) return fmt::format("{}: {}", source, message);
  return fmt::format("{}:{}: {}", source, line, message);
}

namespace {

constexpr std::size_t kMaxIfName = 15;  // IFNAMSIZ - 1

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j;
  }
  return words;
}

// Parses one line's statement; the error message is completed with the
// source and line number by the caller.
class LineParser {
 public:
  LineParser(BootConfig& config, std::set<std::string, std::less<>>& interfaces)
      : config_(config), interfaces_(interfaces) {}

  tl::expected<void, std::string> parse(std::vector<std::string_view> words, std::size_t line) {
    line_ = line;
    const std::string_view keyword = words.front();
    args_ = std::span<const std::string_view>(words).subspan(1);
    if (keyword == "interface") return interface();
    if (keyword == "address") return address();
    if (keyword == "route") return route();
    if (keyword == "personality") return personality();
    if (keyword == "fibs") return fibs();
    if (keyword == "rcvbuf") return rcvbuf();
    return err("unknown statement '{}' (interface, address, route, personality, fibs, rcvbuf)",
               keyword);
  }

 private:
  template <class... A>
  static tl::unexpected<std::string> err(fmt::format_string<A...> f, A&&... a) {
    return tl::unexpected(fmt::format(f, std::forward<A>(a)...));
  }

  // The interface, address or route options after the fixed arguments, as
  // (keyword, value) pairs; every keyword at most once.
  tl::expected<std::vector<std::pair<std::string_view, std::string_view>>, std::string> options(
      std::size_t fixed, std::initializer_list<std::string_view> allowed) const {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    for (std::size_t i = fixed; i < args_.size(); i += 2) {
      const std::string_view key = args_[i];
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string names;
        for (auto a : allowed) names += fmt::format("{}{}", names.empty() ? "" : ", ", a);
        return err("unknown option '{}' (expected {})", key, names);
      }
      if (i + 1 >= args_.size()) return err("'{}' needs a value", key);
      for (const auto& [k, v] : out)
        if (k == key) return err("'{}' given twice", key);
      out.emplace_back(key, args_[i + 1]);
    }
    return out;
  }

  tl::expected<void, std::string> interface() {
    if (args_.empty()) return err("interface needs a name");
    InterfaceStatement st;
    st.line = line_;
    st.spec.name = std::string(args_[0]);
    if (st.spec.name.size() > kMaxIfName) return err("interface name '{}' is too long", args_[0]);
    if (interfaces_.count(args_[0]) != 0) return err("interface {} declared twice", args_[0]);
    auto opts = options(1, {"type", "mtu", "lladdr", "flags", "fib"});
    if (!opts) return tl::unexpected(opts.error());
    std::optional<std::uint32_t> flags, mtu;
    for (const auto& [key, value] : *opts) {
      if (key == "type") {
        auto t = text::parse_iftype(value);
        if (!t)
          return err("unknown interface type '{}' (loop, ether, ppp, gif, tunnel, other)", value);
        st.spec.type = *t;
      } else if (key == "mtu") {
        mtu = text::parse_uint<std::uint32_t>(value);
        if (!mtu || *mtu < 72 || *mtu > 65535) return err("bad mtu '{}' (72 to 65535)", value);
      } else if (key == "lladdr") {
        auto ll = text::parse_lladdr(value);
        if (!ll)
          return err("bad lladdr '{}' (expected hex octets such as 02:00:00:00:00:01)", value);
        st.spec.lladdr = std::move(*ll);
      } else if (key == "flags") {
        flags = 0;
        for (std::string_view rest = value;;) {
          const std::size_t comma = rest.find(',');
          const std::string_view name = rest.substr(0, comma);
          auto bit = text::parse_iff_flag(name);
          if (!bit) return err("unknown interface flag '{}'", name);
          *flags |= *bit;
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
        // Like ifconfig's "up", which also marks the driver running.
        if ((*flags & fib::iff::up) != 0) *flags |= fib::iff::running;
      } else if (key == "fib") {
        auto f = fib_number(value);
        if (!f) return tl::unexpected(f.error());
        st.spec.fib = *f;
      }
    }
    st.spec.flags = flags.value_or(text::default_iff(st.spec.type));
    st.spec.mtu = mtu.value_or(text::default_mtu(st.spec.type));
    interfaces_.emplace(st.spec.name);
    config_.statements.emplace_back(std::move(st));
    return {};
  }

  // A `fib N` option; whether N exists is known at boot, when the number of
  // FIBs is (the command line may raise it).
  static tl::expected<std::uint32_t, std::string> fib_number(std::string_view value) {
    auto f = text::parse_uint<std::uint32_t>(value);
    if (!f || *f >= kernel::kMaxFibs)
      return err("bad fib '{}' (a FIB number from 0 to {})", value, kernel::kMaxFibs - 1);
    return *f;
  }

  // "192.0.2.1", "fe80::1%em0"; the zone name, if any, goes to zone.
  tl::expected<fib::Addr, std::string> host(std::string_view s, std::string* zone) const {
    const std::size_t pct = s.find('%');
    if (pct != std::string_view::npos) {
      if (zone == nullptr) return err("'{}': a zone is not allowed here", s);
      *zone = std::string(s.substr(pct + 1));
      s = s.substr(0, pct);
    }
    auto a = fib::Addr::parse(s);
    if (!a) return err("bad address '{}'", s);
    return *a;
  }

  // "10.0.0.0/8" (plen) or "10.1.2.3" (no plen).
  tl::expected<std::pair<fib::Addr, std::optional<int>>, std::string> prefix(
      std::string_view s, std::string* zone) const {
    const std::size_t slash = s.find('/');
    auto a = host(s.substr(0, slash), zone);
    if (!a) return tl::unexpected(a.error());
    if (slash == std::string_view::npos) return std::pair{*a, std::optional<int>{}};
    auto plen = text::parse_uint<int>(s.substr(slash + 1));
    if (!plen || *plen > fib::max_plen(a->family)) return err("bad prefix length in '{}'", s);
    return std::pair{*a, std::optional<int>(*plen)};
  }

  tl::expected<void, std::string> address() {
    if (args_.size() < 2) return err("address needs an interface and an address");
    AddressStatement st;
    st.line = line_;
    st.ifname = std::string(args_[0]);
    if (interfaces_.count(args_[0]) == 0)
      return err("no interface {} (declare it before its addresses)", args_[0]);
    std::string zone;
    auto p = prefix(args_[1], &zone);
    if (!p) return tl::unexpected(p.error());
    if (!zone.empty() && zone != st.ifname)
      return err("address {} has zone {} on interface {}", args_[1], zone, st.ifname);
    st.address.addr = p->first;
    st.address.plen = static_cast<std::uint8_t>(p->second.value_or(fib::max_plen(p->first.family)));
    auto opts = options(2, {"broadcast", "peer"});
    if (!opts) return tl::unexpected(opts.error());
    for (const auto& [key, value] : *opts) {
      auto a = host(value, nullptr);
      if (!a) return tl::unexpected(a.error());
      if (a->family != st.address.addr.family) return err("{} {} is of another family", key, value);
      if (key == "broadcast") {
        if (a->family != fib::Family::inet4) return err("broadcast is for IPv4 addresses");
        st.address.broadcast = *a;
      } else {
        st.address.peer = *a;
      }
    }
    if (st.address.broadcast && st.address.peer)
      return err("an address has a broadcast or a peer, not both");
    config_.statements.emplace_back(std::move(st));
    return {};
  }

  tl::expected<void, std::string> route() {
    if (args_.size() < 2) return err("route needs a destination and a gateway");
    RouteStatement st;
    st.line = line_;
    auto gw = host(args_[1], &st.gateway_zone);
    if (!gw) return tl::unexpected(gw.error());
    fib::RouteRequest& r = st.request;
    r.flags = fib::rtf::up | fib::rtf::gateway | fib::rtf::static_;
    if (args_[0] == "default") {
      r.dst = fib::Addr{};
      r.dst.family = gw->family;
      r.plen = 0;
    } else {
      auto p = prefix(args_[0], nullptr);
      if (!p) return tl::unexpected(p.error());
      r.dst = p->first.masked(p->second.value_or(fib::max_plen(p->first.family)));
      r.plen = p->second;
      if (!p->second) r.flags |= fib::rtf::host;
      if (r.dst.family != gw->family)
        return err("destination {} and gateway {} are of different families", args_[0], args_[1]);
    }
    if (text::needs_zone(*gw) && st.gateway_zone.empty())
      return err("link-local gateway {} needs its interface: {}%IFNAME", args_[1], args_[1]);
    if (!st.gateway_zone.empty() && interfaces_.count(st.gateway_zone) == 0)
      return err("no interface {} (in {})", st.gateway_zone, args_[1]);
    r.gateway = fib::Gateway::address(*gw);
    auto opts = options(2, {"fib"});
    if (!opts) return tl::unexpected(opts.error());
    for (const auto& [key, value] : *opts) {
      auto f = fib_number(value);
      if (!f) return tl::unexpected(f.error());
      r.fib = *f;
    }
    config_.statements.emplace_back(std::move(st));
    return {};
  }

  tl::expected<void, std::string> personality() {
    if (args_.size() != 1) return err("personality needs one name");
    config_.personality = std::string(args_[0]);
    return {};
  }

  tl::expected<void, std::string> fibs() {
    auto n = args_.size() == 1 ? text::parse_uint<std::uint32_t>(args_[0]) : std::nullopt;
    if (!n || *n == 0 || *n > kernel::kMaxFibs)
      return err("fibs needs a number from 1 to {} (the limit of FIBs)", kernel::kMaxFibs);
    config_.fibs = *n;
    return {};
  }

  tl::expected<void, std::string> rcvbuf() {
    auto n = args_.size() == 1 ? text::parse_uint<std::size_t>(args_[0]) : std::nullopt;
    if (!n || *n == 0) return err("rcvbuf needs a number of bytes");
    config_.rcvbuf = *n;
    return {};
  }

  BootConfig& config_;
  std::set<std::string, std::less<>>& interfaces_;
  std::span<const std::string_view> args_;
  std::size_t line_ = 0;
};

std::string describe(const InterfaceStatement& st) {
  return fmt::format("interface {}", st.spec.name);
}
std::string describe(const AddressStatement& st) {
  return fmt::format("address {} {}/{}", st.ifname, st.address.addr.str(), st.address.plen);
}
std::string describe(const RouteStatement& st) {
  const auto& r = st.request;
  const std::string dst = r.plen ? fmt::format("{}/{}", r.dst.str(), *r.plen) : r.dst.str();
  return fmt::format("route {} {}", dst, r.gateway.addr.str());
}

}  // namespace

ConfigResult<BootConfig> parse_config(std::string_view text, std::string_view source) {
  BootConfig config;
  config.source = std::string(source);
  std::set<std::string, std::less<>> interfaces;
  LineParser parser(config, interfaces);
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    line = line.substr(0, line.find('#'));
    auto words = split_words(line);
    if (words.empty()) continue;
    if (auto r = parser.parse(std::move(words), number); !r)
      return tl::unexpected(ConfigError{config.source, number, r.error()});
  }
  return config;
}

ConfigResult<BootConfig> load_config(const std::string& path) {
  const auto fail = [&](std::string message) {
    return tl::unexpected(ConfigError{path, 0, std::move(message)});
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(fmt::format("cannot open the file: {}", std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return fail("is a directory, not a configuration file");
  }
  // Read as a stream (pipes and /dev/null are fine), but never without end:
  // binary data or more than kMaxConfigBytes is refused on sight.
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      return fail(fmt::format("cannot read the file: {}", std::strerror(e)));
    }
    if (n == 0) break;
    const std::string_view chunk(buf, static_cast<std::size_t>(n));
    if (const auto nul = chunk.find('\0'); nul != std::string_view::npos) {
      ::close(fd);
      text += chunk.substr(0, nul);
      const auto line = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
      return tl::unexpected(ConfigError{path, line, "a NUL byte: not a text configuration file"});
    }
    if (text.size() + chunk.size() > kMaxConfigBytes) {
      ::close(fd);
      return fail(fmt::format("larger than {} MiB, the limit of a configuration file",
                              kMaxConfigBytes >> 20));
    }
    text += chunk;
  }
  ::close(fd);
  return parse_config(text, path);
}

BootConfig default_config() {
  // The built-in text is part of this file; it parses.
  return *parse_config(kDefaultConfigText, "built-in");
}

ConfigResult<void> boot(kernel::Engine& engine, const BootConfig& config) {
  auto failure = [&](std::size_t line, const std::string& what, const Error& e) {
    return tl::unexpected(
        ConfigError{config.source, line, fmt::format("{}: {}", what, e.message())});
  };
  const std::uint32_t fibs = engine.fib().config().fibs;
  auto no_such_fib = [&](std::size_t line, const std::string& what, std::uint32_t fib) {
    return tl::unexpected(ConfigError{
        config.source, line,
        fmt::format("{}: fib {} does not exist (fibs is {}: FIB numbers 0 to {}; raise it with "
                    "'fibs N' or --fibs N)",
                    what, fib, fibs, fibs - 1)});
  };
  auto index_of = [&](std::string_view name) -> std::uint16_t {
    const fib::Interface* ifp = engine.fib().interface(name);
    return ifp != nullptr ? ifp->index : 0;
  };
  for (const Statement& s : config.statements) {
    if (const auto* ifs = std::get_if<InterfaceStatement>(&s)) {
      if (ifs->spec.fib >= fibs) return no_such_fib(ifs->line, describe(*ifs), ifs->spec.fib);
      if (auto r = engine.boot_interface(ifs->spec); !r)
        return failure(ifs->line, describe(*ifs), r.error());
    } else if (const auto* as = std::get_if<AddressStatement>(&s)) {
      fib::IfAddress a = as->address;
      const std::uint16_t index = index_of(as->ifname);
      if (text::needs_zone(a.addr)) text::embed_zone(a.addr, index);
      if (a.peer && text::needs_zone(*a.peer)) text::embed_zone(*a.peer, index);
      if (auto r = engine.boot_address(as->ifname, a); !r)
        return failure(as->line, describe(*as), r.error());
    } else if (const auto* rs = std::get_if<RouteStatement>(&s)) {
      fib::RouteRequest r = rs->request;
      if (r.fib >= fibs) return no_such_fib(rs->line, describe(*rs), r.fib);
      if (!rs->gateway_zone.empty()) {
        const std::uint16_t index = index_of(rs->gateway_zone);
        text::embed_zone(r.gateway.addr, index);
        if (text::needs_zone(r.dst)) text::embed_zone(r.dst, index);
      }
      if (auto res = engine.boot_route(r); !res)
        return failure(rs->line, describe(*rs), res.error());
    }
  }
  return {};
}

}  // namespace rtsock::server
