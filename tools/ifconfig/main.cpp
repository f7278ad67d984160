// ifconfig(8) for rtsockd's virtual interfaces: the listing and the changes
// of the BSD ifconfig of the daemon's personality (learned from its HELLO).
//
//   ifconfig [-S socket] [--json] [-a | -A | -l] [address_family]
//   ifconfig [-S socket] [--json] interface [create | destroy]
//            [address_family [address [dest_address]] [parameters]]
//
// Changes go to the daemon as ifconfig control requests (docs/protocol.md,
// "ifconfig (9)"), in the order the BSD ifconfig issues its ioctls: flags,
// MTU and metric at once, address changes last (SIOCDIFADDR, then
// SIOCAIFADDR). Facts and sources: docs/research/ifconfig.md.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "ifconfig_model.hpp"
#include "ifconfig_print.hpp"
#include "rtsock/abi/errno.hpp"
#include "rtsock/client/ifclone.hpp"
#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/sockaddr.hpp"

namespace ifconfig {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// strerror(3) as the BSDs word it (ENXIO is "Device not configured").
std::string bsd_strerror(int e) { return std::string(rtsock::abi::bsd_strerror(e)); }

int errno_of(const rtsock::Error& e) {
  return e.code().category() == std::generic_category() ? e.code().value() : EIO;
}

// The ioctls whose failures ifconfig reports.
// FreeBSD ifconfig's ND6_IFF_* words (af_nd6.c), with or without '-'; the
// bits are netinet6/nd6.h's, as the daemon's nd6_on/nd6_off take them.
std::uint32_t nd6_flag(std::string_view w) {
  if (!w.empty() && w[0] == '-') w.remove_prefix(1);
  static constexpr std::pair<std::string_view, std::uint32_t> kWords[] = {
      {"perform_nud", 0x1},      {"accept_rtadv", 0x2},    {"prefer_source", 0x4},
      {"ifdisabled", 0x8},       {"auto_linklocal", 0x20}, {"no_radr", 0x40},
      {"no_prefer_iface", 0x80}, {"no_dad", 0x100},
  };
  for (const auto& [word, bit] : kWords)
    if (w == word) return bit;
  return 0;
}

enum class Op : std::uint8_t {
  create,
  destroy,
  flags,
  mtu,
  metric,
  addr_add,
  addr_delete,
  lladdr,
  rdomain,  // OpenBSD
  parent,   // OpenBSD vlan(4)
  inet6,    // OpenBSD SIOCIFAFATTACH/DETACH
  fib,      // FreeBSD SIOCSIFFIB
  nd6,      // FreeBSD SIOCSIFINFO_FLAGS (af_nd6.c setnd6flags)
};

struct Failure {
  std::string text;   // without the "ifconfig: " prefix
  bool fatal = true;  // err(3) exits 1; warn(3) goes on and exits 0
};

class Tool {
 public:
  explicit Tool(rtsock::RoutingSocket rs) : rs_(std::move(rs)), style_(style_of(rs_.profile())) {}

  int usage();
  int list(const std::optional<std::string>& name, const Filter& f, bool json_out);
  int names_only(const Filter& f);
  int configure(std::string name, std::vector<std::string> args);
  int wait_dad(int seconds);

 private:
  // ---- messages ----
  void warnx(const std::string& s) { fmt::print(stderr, "ifconfig: {}\n", s); }
  int errx(const std::string& s) {
    warnx(s);
    return 1;
  }
  Failure failure(Op op, int e, std::string_view what) const;
  // Reports a failed change; returns true when ifconfig stops there.
  bool report(Op op, int e, std::string_view what) {
    const Failure f = failure(op, e, what);
    warnx(f.text);
    if (!f.fatal) return false;
    status_ = 1;
    return true;
  }
  int send(const json& req) {
    auto r = rs_.ifconfig(req);
    if (r) return 0;
    return errno_of(r.error());
  }
  bool bsd_freebsd_family() const {
    return style_ == Style::freebsd14 || style_ == Style::freebsd12;
  }

  bool reload();
  // Creates the interface; false when it failed (reported). A name without
  // a unit becomes the one created.
  bool create(std::string& name);
  std::optional<int> parse_inet(const std::string& s, bool v6, bool width_check,
                                std::array<std::uint8_t, 16>& out, int& plen, bool& plen_set);

  rtsock::RoutingSocket rs_;
  Style style_;
  std::vector<Interface> ifs_;
  int status_ = 0;

 public:
  std::string created_name_;  // printed when configure() ends
  bool json_out_ = false;     // --json: listings as JSON lines
};

int Tool::usage() {
  switch (style_) {
    case Style::openbsd:
      fmt::print(stderr,
                 "usage: ifconfig [-AaC] [-M lladdr] [interface] [address_family]\n"
                 "\t\t[address [dest_address]] [parameters]\n");
      break;
    case Style::netbsd:
      fmt::print(stderr,
                 "usage: ifconfig [-h] [-v] [-z] interface\n"
                 "\t[ af [ address [ dest_addr ] ] [ netmask mask ] [ prefixlen n ]\n"
                 "\t\t[ alias | -alias ] ]\n"
                 "\t[ up ] [ down ] [ metric n ] [ mtu n ]\n"
                 "       ifconfig -a [-b] [-d] [-h] [-u] [-v] [-z] [ af ]\n"
                 "       ifconfig -l [-b] [-d] [-s] [-u]\n"
                 "       ifconfig -w n\n"
                 "       ifconfig interface create\n"
                 "       ifconfig interface destroy\n");
      break;
    case Style::freebsd14:
    case Style::freebsd12:
      fmt::print(stderr,
                 "usage: ifconfig [-j jail] [-f type:format] interface address_family\n"
                 "                [address [dest_address]] [parameters]\n"
                 "       ifconfig [-j jail] interface create\n"
                 "       ifconfig [-j jail] -a [-d] [-m] [-u] [-v] [address_family]\n"
                 "       ifconfig [-j jail] -l [-d] [-u] [address_family]\n"
                 "       ifconfig [-j jail] [-d] [-m] [-u] [-v]\n");
      break;
    case Style::darwin:
    case Style::dragonfly:
      fmt::print(stderr,
                 "usage: ifconfig [-L] [-m] interface address_family [address [dest_address]]\n"
                 "                [parameters]\n"
                 "       ifconfig interface create\n"
                 "       ifconfig -a [-L] [-d] [-m] [-u] [-v] [address_family]\n"
                 "       ifconfig -l [-d] [-u] [address_family]\n"
                 "       ifconfig [-L] [-d] [-m] [-u] [-v]\n");
      break;
  }
  fmt::print(stderr,
             "       ifconfig [-S socket] --json [-a | interface]   (rtsock: JSON lines)\n");
  return 1;
}

// The usage without a daemon to learn the personality from (--help).
std::string generic_usage() {
  return "usage: ifconfig [-S socket] [--json] [-a | -A | -l] [address_family]\n"
         "       ifconfig [-S socket] [--json] interface [create | destroy]\n"
         "                [address_family [address [dest_address]]] [parameters]\n"
         "       ifconfig --help\n"
         "The options, parameters and output follow the personality of rtsockd\n"
         "(-j jail on FreeBSD, -A on OpenBSD); see ifconfig(8).\n";
}

Failure Tool::failure(Op op, int e, std::string_view what) const {
  const std::string s = bsd_strerror(e);
  // FreeBSD's Perror(): ENXIO and EPERM get words of their own.
  auto perror = [&](std::string_view cmd) {
    if (e == ENXIO) return fmt::format("{}: no such interface", cmd);
    if (e == EPERM) return fmt::format("{}: permission denied", cmd);
    return fmt::format("{}: {}", cmd, s);
  };
  switch (style_) {
    case Style::freebsd14:
    case Style::freebsd12:
      switch (op) {
        case Op::create:
          if (e == EEXIST) return {fmt::format("interface {} already exists", what)};
          return {fmt::format("SIOCIFCREATE2 ({}): {}", what, s)};
        case Op::destroy:
          return {fmt::format("SIOCIFDESTROY: {}", s)};
        case Op::flags:
          return {perror(what)};
        case Op::mtu:
          return {fmt::format("ioctl SIOCSIFMTU (set mtu): {}", s)};
        case Op::metric:
          return {fmt::format("ioctl SIOCSIFMETRIC (set metric): {}", s)};
        case Op::addr_add:
        case Op::lladdr:
          return {perror("ioctl (SIOCAIFADDR)")};
        case Op::addr_delete:
          return {perror("ioctl (SIOCDIFADDR)")};
        case Op::fib:  // setiffib: warn(3), ifconfig goes on
          return {fmt::format("ioctl (SIOCSIFFIB): {}", s), false};
        case Op::nd6:  // setnd6flags: warn(3), ifconfig goes on
          return {fmt::format("ioctl(SIOCSIFINFO_FLAGS): {}", s), false};
        case Op::rdomain:  // OpenBSD words only
        case Op::parent:
        case Op::inet6:
          break;
      }
      break;
    case Style::darwin:
    case Style::dragonfly:
      switch (op) {
        case Op::create:
          return {fmt::format("SIOCIFCREATE2: {}", s)};
        case Op::destroy:
          return {fmt::format("SIOCIFDESTROY: {}", s)};
        case Op::flags:
          return {perror(what)};
        case Op::mtu:
          return {fmt::format("ioctl (set mtu): {}", s), false};
        case Op::metric:
          return {fmt::format("ioctl (set metric): {}", s), false};
        case Op::addr_add:
          return {perror("ioctl (SIOCAIFADDR)")};
        case Op::lladdr:
          return {perror("ioctl (set lladdr)")};
        case Op::addr_delete:
          return {perror("ioctl (SIOCDIFADDR)")};
        case Op::rdomain:  // OpenBSD words only
        case Op::parent:
        case Op::inet6:
        case Op::fib:  // FreeBSD words only
        case Op::nd6:
          break;
      }
      break;
    case Style::openbsd:
      switch (op) {
        case Op::create:
          return {fmt::format("{}: SIOCIFCREATE: {}", what, s)};
        case Op::destroy:
          return {fmt::format("{}: SIOCIFDESTROY: {}", what, s)};
        case Op::flags:  // SIOCGIFFLAGS comes first and fails for a missing interface
          return {fmt::format("{}: {}: {}", what, e == ENXIO ? "SIOCGIFFLAGS" : "SIOCSIFFLAGS", s)};
        case Op::mtu:
          return {fmt::format("SIOCSIFMTU: {}", s), false};
        case Op::metric:
          return {fmt::format("SIOCSIFMETRIC: {}", s), false};
        case Op::addr_add:
          return {fmt::format("SIOCAIFADDR: {}", s)};
        case Op::lladdr:
          return {fmt::format("SIOCSIFLLADDR: {}", s), false};
        case Op::addr_delete:
          return {fmt::format("SIOCDIFADDR: {}", s)};
        case Op::rdomain:
          return {fmt::format("SIOCSIFRDOMAIN: {}", s), false};
        case Op::parent:
          return {fmt::format("SIOCSIFPARENT: {}", s), false};
        case Op::inet6:
          return {fmt::format("SIOCIFAFATTACH: {}", s), false};
        case Op::fib:  // FreeBSD words only
        case Op::nd6:
          break;
      }
      break;
    case Style::netbsd:
      switch (op) {
        case Op::create:
          return {fmt::format("SIOCIFCREATE: {}", s)};
        case Op::destroy:
          return {fmt::format("SIOCIFDESTROY: {}", s)};
        case Op::flags:
          return {fmt::format("SIOCSIFFLAGS: {}", s)};
        case Op::mtu:
          return {fmt::format("SIOCSIFMTU: {}", s), false};
        case Op::metric:
          return {fmt::format("SIOCSIFMETRIC: {}", s), false};
        case Op::addr_add:
          return {fmt::format("SIOCAIFADDR: {}", s)};
        case Op::lladdr:
          return {fmt::format("SIOCALIFADDR: {}", s)};
        case Op::addr_delete:
          return {fmt::format("SIOCDIFADDR: {}", s)};
        case Op::rdomain:  // OpenBSD words only
        case Op::parent:
        case Op::inet6:
        case Op::fib:  // FreeBSD words only
        case Op::nd6:
          break;
      }
      break;
  }
  return {s};
}

// NetBSD's -w n (wait_dad_exec): polls until no address is tentative.
int Tool::wait_dad(int seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  for (;;) {
    if (!reload()) return status_;
    const bool tentative = std::any_of(ifs_.begin(), ifs_.end(), [](const Interface& i) {
      return std::any_of(i.addrs.begin(), i.addrs.end(), [](const Address& a) {
        return (a.flags & (a.v6 ? 0x2u : 0x1u)) != 0;  // IN6_IFF_TENTATIVE, IN_IFF_TENTATIVE
      });
    });
    if (!tentative) return 0;
    if (std::chrono::steady_clock::now() >= until)
      return errx("timed out waiting for DAD to complete");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool Tool::reload() {
  auto l = load_interfaces(rs_);
  if (!l) {
    status_ = errx(fmt::format("sysctl NET_RT_IFLIST: {}", bsd_strerror(errno_of(l.error()))));
    return false;
  }
  ifs_ = std::move(*l);
  return true;
}

// One interface as a JSON object (docs/man/ifconfig.8, JSON OUTPUT): the
// flags as the first line of the text shows them, every address of the
// families the filter lets through.
ojson to_json(const Interface& i, const std::vector<Interface>& all, const Printer& printer,
              const Filter& f) {
  ojson j;
  j["name"] = i.name;
  j["index"] = i.index;
  const auto flags = printer.shown_flags(i);
  j["flags"] = flags.value;
  j["flag_names"] = flags.names;
  j["metric"] = i.metric;
  j["mtu"] = i.mtu;
  j["type"] = i.type;
  j["link_state"] = i.link == Link::up ? "up" : i.link == Link::down ? "down" : "unknown";
  if (f.link && !i.lladdr.empty()) j["lladdr"] = ether_02x(i.lladdr);
  ojson addrs = ojson::array();
  for (const auto& a : i.addrs) {
    if (!(a.v6 ? f.inet6 : f.inet)) continue;
    ojson x;
    x["family"] = a.v6 ? "inet6" : "inet";
    x["address"] = a.zone != 0 ? a.text + "%" + name_of_index(all, a.zone) : a.text;
    x["prefixlen"] = a.plen;
    if (a.broadcast) x["broadcast"] = *a.broadcast;
    if (a.peer) x["peer"] = *a.peer;
    if (a.zone != 0) x["scopeid"] = a.zone;
    addrs.push_back(std::move(x));
  }
  j["addresses"] = std::move(addrs);
  return j;
}

int Tool::list(const std::optional<std::string>& name, const Filter& f, bool json_out) {
  if (!reload()) return status_;
  const Interface* one = nullptr;
  if (name) {
    one = find_interface(ifs_, *name);
    if (one == nullptr) {
      if (style_ == Style::openbsd) {
        fmt::print(stderr, "{}: no such interface\n", *name);
        return 1;
      }
      if (style_ == Style::netbsd)
        return errx(fmt::format("SIOCGIFFLAGS {}: {}", *name, bsd_strerror(ENXIO)));
      return errx(fmt::format("interface {} does not exist", *name));
    }
  }
  const Printer printer(rs_.profile(), ifs_);
  std::string out;
  for (const auto& i : ifs_) {
    if (one != nullptr && &i != one) continue;
    // A family filter lists only the interfaces that have such an address.
    if (!f.inet || !f.inet6 || !f.link) {
      bool match = f.link && !i.lladdr.empty();
      for (const auto& a : i.addrs) match = match || (a.v6 ? f.inet6 : f.inet);
      if (!match && one == nullptr) continue;
    }
    if (json_out)  // JSON lines: one object a line
      out += to_json(i, ifs_, printer, f).dump() + "\n";
    else
      out += printer.status(i, f);
  }
  fmt::print("{}", out);
  return 0;
}

int Tool::names_only(const Filter& f) {
  if (!reload()) return status_;
  std::string out;
  for (const auto& i : ifs_) {
    bool match = f.inet && f.inet6 && f.link;
    if (!match) {
      match = f.link && !i.lladdr.empty();
      for (const auto& a : i.addrs) match = match || (a.v6 ? f.inet6 : f.inet);
    }
    if (!match) continue;
    if (!out.empty()) out += ' ';
    out += i.name;
  }
  fmt::print("{}\n", out);
  return 0;
}

// Whether OpenBSD has an interface cloner for this name (ifconfig -C).
bool openbsd_cloner(std::string_view name) {
  static constexpr std::string_view kCloners[] = {
      "aggr",   "bpe",   "bridge", "carp", "egre",  "enc",   "eoip",  "etherip", "gif",
      "gre",    "lo",    "mgre",   "mpe",  "mpip",  "mpw",   "nvgre", "pair",    "pflog",
      "pfsync", "pppac", "pppoe",  "pppx", "sec",   "svlan", "tap",   "tpmr",    "trunk",
      "tun",    "veb",   "vether", "vlan", "vxlan", "wg"};
  std::size_t digits = name.size();
  while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
  if (digits == name.size()) return false;
  const std::string_view base = name.substr(0, digits);
  return std::find(std::begin(kCloners), std::end(kCloners), base) != std::end(kCloners);
}

bool Tool::create(std::string& name) {
  const bool wildcard = style_ != Style::openbsd && style_ != Style::netbsd;
  const bool freebsd = bsd_freebsd_family();
  // FreeBSD's epair cloner makes epairNa and epairNb: a unit is free only
  // when neither half exists.
  const bool pair = freebsd && rtsock::client::is_epair_cloner(name);
  const auto cn = rtsock::client::clone_name(name, wildcard, [&](std::string_view n) {
    if (pair)
      return find_interface(ifs_, std::string(n) + "a") != nullptr ||
             find_interface(ifs_, std::string(n) + "b") != nullptr;
    return find_interface(ifs_, n) != nullptr;
  });
  if (cn.error != 0) {
    report(Op::create, cn.error, name);
    return false;
  }
  json req = rtsock::client::clone_create_request(
      cn.name, freebsd ? rtsock::client::CloneOs::freebsd : rtsock::client::CloneOs::other);
  auto r = rs_.ifconfig(req);
  if (!r) {
    report(Op::create, errno_of(r.error()), cn.name);
    return false;
  }
  // A FreeBSD cloner may name the interface itself (epair0 is epair0a) and
  // then gives it its Ethernet address too.
  std::string made = cn.name;
  bool kernel_named = false;
  if (freebsd && r->contains("name") && (*r)["name"].is_string()) {
    made = (*r)["name"].get<std::string>();
    kernel_named = made != cn.name;
  }
  // An Ethernet-like clone gets a locally administered address from its index
  // (a BSD picks a random one); SIOCSIFLLADDR sends no routing message.
  if (!kernel_named && !req.contains("type") && r->contains("index") &&
      (*r)["index"].is_number_unsigned()) {
    const auto index = (*r)["index"].get<std::uint32_t>();
    (void)send({{"op", "set"}, {"name", made}, {"lladdr", rtsock::client::clone_lladdr(index)}});
  }
  // The name is printed only when the kernel picked another (ifconfig lo
  // create makes lo1, epair create epair0a), at exit as FreeBSD's
  // printifnamemaybe() does.
  if (made != name) created_name_ = made;
  name = made;
  return true;
}

bool parse_uint_prefix(std::string_view s, long& out) {
  // strtol(3) as BSD ifconfig uses it: leading digits, the rest ignored.
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  long v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9' && v < 100000000; ++i)
    v = v * 10 + (s[i] - '0');
  out = neg ? -v : v;
  return true;
}

// atoi(3).
long atoi_like(std::string_view s) {
  long v = 0;
  parse_uint_prefix(s, v);
  return v;
}

// strtonum(3) over [lo, hi]: nullopt and the error word on failure.
std::optional<long> strtonum(std::string_view s, long lo, long hi, std::string& err) {
  if (s.empty()) {
    err = "invalid";
    return std::nullopt;
  }
  std::size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) {
    err = "invalid";
    return std::nullopt;
  }
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') {
      err = "invalid";
      return std::nullopt;
    }
    v = v * 10 + (s[i] - '0');
    if (v > 100000000000LL) break;
  }
  if (neg) v = -v;
  if (v < lo) {
    err = "too small";
    return std::nullopt;
  }
  if (v > hi) {
    err = "too large";
    return std::nullopt;
  }
  return static_cast<long>(v);
}

std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view s, bool v6) {
  const auto pct = s.find('%');
  if (v6 && pct != std::string_view::npos) s = s.substr(0, pct);
  auto sa = rtsock::codec::Sockaddr::parse_ip(s);
  if (!sa) return std::nullopt;
  if (v6 != (sa->kind == rtsock::codec::SaKind::inet6)) return std::nullopt;
  return sa->addr;
}

std::string ip_text(const std::array<std::uint8_t, 16>& b, bool v6) {
  rtsock::codec::Sockaddr sa = v6 ? rtsock::codec::Sockaddr::inet6(b)
                                  : rtsock::codec::Sockaddr::inet4({b[0], b[1], b[2], b[3]});
  return rtsock::codec::ip_string(sa);
}

// A netmask as inet_aton(3) takes it: dotted quad or one hex/decimal number.
std::optional<int> parse_netmask(std::string_view s) {
  std::uint32_t m = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (s.size() > 10) return std::nullopt;
    for (char c : s.substr(2)) {
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return std::nullopt;
      m = (m << 4) | static_cast<std::uint32_t>(d);
    }
  } else {
    auto b = parse_ip(s, false);
    if (!b) return std::nullopt;
    m = (std::uint32_t{(*b)[0]} << 24) | (std::uint32_t{(*b)[1]} << 16) |
        (std::uint32_t{(*b)[2]} << 8) | std::uint32_t{(*b)[3]};
  }
  return __builtin_popcount(m);
}

std::optional<std::vector<std::uint8_t>> parse_lladdr(std::string_view s) {
  std::vector<std::uint8_t> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t j = s.find_first_of(":-.", i);
    if (j == std::string_view::npos) j = s.size();
    const std::string_view part = s.substr(i, j - i);
    if (part.empty() || part.size() > 2) return std::nullopt;
    unsigned v = 0;
    for (char c : part) {
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(d);
    }
    out.push_back(static_cast<std::uint8_t>(v));
    if (out.size() > 8) return std::nullopt;
    i = j + 1;
  }
  return out;
}

std::string lladdr_text(const std::vector<std::uint8_t>& ll) { return ether_02x(ll); }

int classful_plen(const std::array<std::uint8_t, 16>& b) {
  if ((b[0] & 0x80) == 0) return 8;
  if ((b[0] & 0xc0) == 0x80) return 16;
  return 24;
}

// The address words of one family (what af_getaddr takes), checked as that
// ifconfig checks them. Returns an exit status on a fatal error.
std::optional<int> Tool::parse_inet(const std::string& s, bool v6, bool width_check,
                                    std::array<std::uint8_t, 16>& out, int& plen, bool& plen_set) {
  std::string a = s;
  const auto slash = width_check ? a.rfind('/') : std::string::npos;
  if (slash != std::string::npos) {
    const std::string w = a.substr(slash + 1);
    a = a.substr(0, slash);
    if (!v6) {
      std::string err;
      std::optional<long> n;
      if (w.empty() || w[0] < '0' || w[0] > '9')
        err = "invalid";
      else
        n = strtonum(w, 0, 32, err);
      if (!n) return errx(fmt::format("{}: bad value (width {})", s, err));
      plen = static_cast<int>(*n);
    } else {
      long n = 0;
      parse_uint_prefix(w, n);
      if (n < 0 || n > 128) return errx(fmt::format("{}: bad value", w));
      plen = static_cast<int>(n);
    }
    plen_set = true;
  } else if (!width_check) {
    // Darwin, DragonFly, OpenBSD, NetBSD: ADDR/LEN parsed as one word.
    const auto sl = a.rfind('/');
    if (sl != std::string::npos) {
      const std::string w = a.substr(sl + 1);
      std::string err;
      auto n = strtonum(w, 0, v6 ? 128 : 32, err);
      if (!n) return errx(fmt::format("{}: bad value", s));
      plen = static_cast<int>(*n);
      plen_set = true;
      a = a.substr(0, sl);
    }
  }
  auto b = parse_ip(a, v6);
  if (!b) return errx(fmt::format("{}: bad value", width_check ? a : s));
  out = *b;
  return std::nullopt;
}

int Tool::configure(std::string name, std::vector<std::string> args) {
  if (!reload()) return status_;
  const bool freebsd = bsd_freebsd_family();
  std::size_t k = 0;
  // "create" and "destroy" first (FreeBSD and OpenBSD special-case create).
  const Interface* ifp = find_interface(ifs_, name);
  if (!args.empty() && (args[0] == "create" || args[0] == "plumb")) {
    if (ifp != nullptr && args.size() == 1 && style_ != Style::openbsd && style_ != Style::netbsd)
      return errx(fmt::format("interface {} already exists", name));
    if (ifp == nullptr || style_ == Style::openbsd || style_ == Style::netbsd) {
      if (!create(name)) return 1;
      if (args.size() == 1) return 0;
      if (!reload()) return status_;
      ifp = find_interface(ifs_, name);
    }
    k = 1;
  }
  // OpenBSD's ifconfig creates a missing interface it is asked to configure
  // (getinfo(create)) when the kernel has a cloner of its name.
  if (ifp == nullptr && style_ == Style::openbsd && !args.empty() && args[0] != "destroy" &&
      openbsd_cloner(name)) {
    if (!create(name)) return 1;
    if (!reload()) return status_;
    ifp = find_interface(ifs_, name);
  }
  if (ifp == nullptr && style_ != Style::openbsd) {
    if (style_ == Style::netbsd)
      return errx(fmt::format("SIOCGIFFLAGS {}: {}", name, bsd_strerror(ENXIO)));
    return errx(fmt::format("interface {} does not exist", name));
  }

  // The address family.
  enum class Af : std::uint8_t { inet, inet6, link };
  Af af = Af::inet;
  bool af_given = false;
  if (k < args.size()) {
    const std::string& w = args[k];
    const bool link_af = style_ != Style::openbsd && (w == "link" || w == "ether" || w == "lladdr");
    if (w == "inet" || w == "inet6" || link_af) {
      af = w == "inet" ? Af::inet : w == "inet6" ? Af::inet6 : Af::link;
      af_given = true;
      ++k;
    }
  }
  if (k >= args.size()) {
    Filter f;
    if (af_given) {
      f.inet = af == Af::inet;
      f.inet6 = af == Af::inet6;
      f.link = af == Af::link;
    }
    return list(name, f, json_out_);
  }

  // Deferred address state (ifconfig.c: setaddr, doalias, clearaddr, newaddr).
  std::array<std::uint8_t, 16> addr{}, rid{}, dst{}, brd{};
  bool addr_set = false, rid_set = false, dst_set = false, brd_set = false;
  int plen = 0;
  bool plen_set = false;
  int doalias = 0;
  bool clearaddr = false, newaddr = true;
  int setaddr = 0;
  std::vector<std::uint8_t> ll;
  const bool width_check = freebsd;

  auto need_arg = [&](const std::string& cmd) -> bool {
    if (k + 1 < args.size()) return true;
    if (style_ == Style::netbsd)
      status_ = usage();
    else
      status_ = errx(fmt::format("'{}' requires argument", cmd));
    return false;
  };
  const bool v6 = af == Af::inet6;

  for (; k < args.size(); ++k) {
    const std::string& w = args[k];
    if (w == "up" || w == "down") {
      const bool up = w == "up";
      if (int e = send({{"op", "set"}, {"name", name}, {"up", up}}); e != 0)
        if (report(Op::flags, e, style_ == Style::openbsd ? name : w)) return status_;
    } else if (w == "mtu" || w == "metric") {
      if (!need_arg(w)) return status_;
      const std::string& v = args[++k];
      long n = 0;
      if (style_ == Style::openbsd) {
        std::string err;
        auto x = strtonum(v, 0, 2147483647L, err);
        if (!x) return errx(fmt::format("{} {}: {}", w, v, err));
        n = *x;
      } else if (style_ == Style::netbsd) {
        std::string err;
        auto x = strtonum(v, 0, 2147483647L, err);
        if (!x) return errx(fmt::format("{}: bad value", v));
        n = *x;
      } else {
        n = atoi_like(v);
      }
      // A negative value is what the ioctl would refuse (EINVAL).
      int e = 0;
      if (n < 0)
        e = EINVAL;
      else
        e = send({{"op", "set"}, {"name", name}, {w, static_cast<std::uint32_t>(n)}});
      if (e != 0)
        if (report(w == "mtu" ? Op::mtu : Op::metric, e, name)) return status_;
    } else if (w == "alias" || w == "add") {
      doalias = 1;
      clearaddr = false;
    } else if (w == "-alias" || w == "delete" || w == "remove") {
      if (setaddr != 0 && doalias == 0) {
        rid = addr;
        rid_set = addr_set;
      }
      doalias = -1;
      clearaddr = true;
      newaddr = false;
    } else if (w == "netmask") {
      if (!need_arg(w)) return status_;
      const std::string& v = args[++k];
      if (v6) {
        auto b = parse_ip(v, true);
        if (!b) return errx(fmt::format("{}: bad value", v));
        auto sa = rtsock::codec::Sockaddr::inet6(*b);
        plen = rtsock::codec::prefix_length(sa).value_or(0);
      } else {
        auto m = parse_netmask(v);
        if (!m) return errx(fmt::format("{}: bad value", v));
        plen = *m;
      }
      plen_set = true;
    } else if (w == "prefixlen") {
      if (!need_arg(w)) return status_;
      const std::string& v = args[++k];
      long n = 0;
      parse_uint_prefix(v, n);
      if (n < 0 || n > (v6 ? 128 : 32)) return errx(fmt::format("{}: bad value", v));
      plen = static_cast<int>(n);
      plen_set = true;
    } else if (w == "broadcast") {
      if (!need_arg(w)) return status_;
      const std::string& v = args[++k];
      auto b = parse_ip(v, v6);
      if (!b) return errx(fmt::format("{}: bad value", v));
      brd = *b;
      brd_set = true;
    } else if (w == "lladdr" && style_ == Style::openbsd) {
      if (!need_arg(w)) return status_;
      const std::string& v = args[++k];
      auto b = parse_lladdr(v);
      if (!b || b->size() != 6) return errx("malformed link-level address");
      if (int e = send({{"op", "set"}, {"name", name}, {"lladdr", lladdr_text(*b)}}); e != 0)
        if (report(Op::lladdr, e, name)) return status_;
    } else if (style_ == Style::openbsd && (w == "rdomain" || w == "-rdomain")) {
      long id = 0;
      if (w == "rdomain") {
        if (!need_arg(w)) return status_;
        const std::string& v = args[++k];
        std::string err;
        auto x = strtonum(v, 0, 255, err);  // RT_TABLEID_MAX
        if (!x) return errx(fmt::format("rdomain {}: {}", v, err));
        id = *x;
      }
      if (int e = send({{"op", "set"}, {"name", name}, {"rdomain", id}}); e != 0)
        if (report(Op::rdomain, e, name)) return status_;
    } else if (freebsd && w == "fib") {
      // setiffib(): the FIB of the routes of addresses configured after it
      // (the address of this same command line is, being set last).
      if (!need_arg(w)) return status_;
      const std::string& v = args[++k];
      char* end = nullptr;
      errno = 0;
      const unsigned long long n = std::strtoull(v.c_str(), &end, 0);
      if (v.empty() || *end != '\0' || errno != 0 || n > 0xffffffffULL) {
        fmt::print(stderr, "ifconfig: fib {} not valid\n", v);
      } else if (int e =
                     send({{"op", "set"}, {"name", name}, {"fib", static_cast<std::uint32_t>(n)}});
                 e != 0) {
        if (report(Op::fib, e, name)) return status_;
      }
    } else if (freebsd && nd6_flag(w) != 0) {
      // af_nd6.c: [-]perform_nud, [-]auto_linklocal, [-]ifdisabled, ...:
      // one ND6_IFF_* bit set or cleared (SIOCGIFINFO_IN6, SIOCSIFINFO_FLAGS).
      const bool off = w[0] == '-';
      if (int e = send({{"op", "set"}, {"name", name}, {off ? "nd6_off" : "nd6_on", nd6_flag(w)}});
          e != 0)
        if (report(Op::nd6, e, name)) return status_;
    } else if (style_ == Style::openbsd && w == "parent") {
      if (!need_arg(w)) return status_;
      if (int e = send({{"op", "set"}, {"name", name}, {"parent", args[++k]}}); e != 0)
        if (report(Op::parent, e, name)) return status_;
    } else if (style_ == Style::openbsd && w == "vnetid") {
      // The VLAN tag changes nothing the routing table shows.
      if (!need_arg(w)) return status_;
      std::string err;
      if (!strtonum(args[++k], 0, 4095, err))
        return errx(fmt::format("vnetid {}: {}", args[k], err));
    } else if (style_ == Style::openbsd && (w == "eui64" || w == "-inet6")) {
      if (w == "eui64" && !v6) return errx(fmt::format("{} not allowed for the AF", w));
      if (int e = send({{"op", "set"}, {"name", name}, {"inet6", w == "eui64"}}); e != 0)
        if (report(Op::inet6, e, name)) return status_;
    } else if (w == "destroy" || w == "unplumb") {
      if (int e = send({{"op", "destroy"}, {"name", name}}); e != 0) {
        report(Op::destroy, e, name);
        return status_;
      }
      return status_;
    } else if (w == "create" || w == "plumb") {
      // Only valid first; later it is an address (FreeBSD) like any word.
      return errx(fmt::format("{}: bad value", w));
    } else if (af == Af::link) {
      if (setaddr != 0) return errx("can't set link-level netmask or broadcast");
      auto b = parse_lladdr(w);
      if (!b) b = std::vector<std::uint8_t>{};
      ll = *b;
      ++setaddr;
    } else if (setaddr == 0) {
      // setifaddr(): the address (or, after -alias, the one to remove).
      ++setaddr;
      if (doalias == 0) clearaddr = true;
      std::array<std::uint8_t, 16> b{};
      if (auto rc = parse_inet(w, v6, width_check, b, plen, plen_set)) return *rc;
      if (doalias >= 0) {
        addr = b;
        addr_set = true;
      } else {
        rid = b;
        rid_set = true;
      }
    } else {
      // setifdstaddr(): the destination of a point-to-point link.
      std::array<std::uint8_t, 16> b{};
      int ignored = 0;
      bool ignored_set = false;
      if (auto rc = parse_inet(w, v6, width_check, b, ignored, ignored_set)) return *rc;
      dst = b;
      dst_set = true;
    }
  }

  // ---- deferred address operations ----
  if (af == Af::link) {
    if (setaddr != 0 && newaddr) {
      int e =
          ll.empty() ? EINVAL : send({{"op", "set"}, {"name", name}, {"lladdr", lladdr_text(ll)}});
      if (e != 0) report(Op::lladdr, e, name);
    }
    return status_;
  }
  if (!reload()) return status_;
  ifp = find_interface(ifs_, name);
  const std::uint32_t flags = ifp != nullptr ? ifp->flags : 0;
  if (addr_set && !plen_set && newaddr && setaddr != 0) {
    if (v6) {
      plen = style_ == Style::openbsd && dst_set && (flags & kIffPointopoint) != 0 ? 128 : 64;
    } else {
      if (style_ == Style::freebsd14 && (flags & (kIffPointopoint | kIffLoopback)) == 0)
        warnx(
            "WARNING: setting interface address without mask is deprecated,\n"
            "default mask may not be correct.");
      plen = (flags & (kIffPointopoint | kIffLoopback)) != 0 && style_ != Style::freebsd14
                 ? 32
                 : classful_plen(addr);
    }
  } else if (v6 && !plen_set) {
    plen = 64;
  }
  if (clearaddr) {
    // SIOCDIFADDR: the named address, else (IPv4) the first of the interface.
    std::optional<std::string> victim;
    if (rid_set) {
      victim = ip_text(rid, v6);
    } else if (!v6 && ifp != nullptr) {
      for (const auto& a : ifp->addrs)
        if (!a.v6) {
          victim = a.text;
          break;
        }
    }
    int e = EADDRNOTAVAIL;
    if (victim) e = send({{"op", "addr_delete"}, {"name", name}, {"addr", *victim}});
    if (e != 0 && !(e == EADDRNOTAVAIL && doalias >= 0))
      if (report(Op::addr_delete, e, name)) return status_;
  }
  if (newaddr && (setaddr != 0 || plen_set)) {
    json req = {{"op", "addr_add"}, {"name", name}};
    int e = 0;
    if (!addr_set) {
      e = EINVAL;
    } else {
      req["addr"] = ip_text(addr, v6);
      req["plen"] = plen;
      // A destination counts on a point-to-point interface only (in_aifaddr).
      if (dst_set && (flags & kIffPointopoint) != 0) req["peer"] = ip_text(dst, v6);
      if (brd_set && !v6 && (flags & kIffBroadcast) != 0) req["broadcast"] = ip_text(brd, v6);
      e = send(req);
    }
    if (e != 0) report(Op::addr_add, e, name);
  }
  return status_;
}

}  // namespace
}  // namespace ifconfig

int main(int argc, char** argv) {
  using namespace ifconfig;
  // Options are read before rtsockd is asked for its personality, so that
  // --help and bad options need no daemon.
  std::optional<std::string> path, jail;
  bool all = false, all_aliases = false, names = false, json_out = false, bad = false;
  std::optional<int> wait_secs;  // NetBSD -w n
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--help") {
      fmt::print("{}", generic_usage());
      return 0;
    }
    if (a == "--json") {
      json_out = true;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') break;
    if (a[1] == '-') {
      bad = true;
      continue;
    }
    // A word such as "-alias" after the interface is a parameter, not an option.
    for (std::size_t c = 1; c < a.size(); ++c) {
      switch (a[c]) {
        case 'a':
          all = true;
          break;
        case 'A':
          all = all_aliases = true;
          break;
        case 'l':
          names = true;
          break;
        case 'w': {
          std::string n;
          if (c + 1 < a.size())
            n = std::string(a.substr(c + 1));
          else if (i + 1 < argc)
            n = argv[++i];
          char* end = nullptr;
          const long v = std::strtol(n.c_str(), &end, 10);
          if (n.empty() || *end != '\0' || v < 0 || v > 86400)
            bad = true;
          else
            wait_secs = static_cast<int>(v);
          c = a.size();
          break;
        }
        case 'S':
        case 'j':  // FreeBSD's -j jail
          if (c + 1 < a.size()) {
            (a[c] == 'S' ? path : jail) = std::string(a.substr(c + 1));
          } else if (i + 1 < argc) {
            (a[c] == 'S' ? path : jail) = argv[++i];
          } else {
            bad = true;
          }
          c = a.size();
          break;
        default:
          bad = true;
          break;
      }
    }
  }
  std::vector<std::string> rest(argv + i, argv + argc);

  auto rs = path ? rtsock::RoutingSocket::connect(*path) : rtsock::RoutingSocket::connect();
  if (!rs) {
    if (bad) {  // no personality to word the usage in: the generic one
      fmt::print(stderr, "{}", generic_usage());
      return 1;
    }
    fmt::print(stderr, "ifconfig: cannot connect to rtsockd at {}: {}\n",
               path ? *path : rtsock::client::default_socket_path(), rs.error().message());
    return 1;
  }
  const Style style = style_of(rs->profile());
  Tool tool(std::move(*rs));
  tool.json_out_ = json_out;
  const bool freebsd = style == Style::freebsd14 || style == Style::freebsd12;
  if (bad || (names && all) || (all_aliases && style != Style::openbsd) ||
      (names && style == Style::openbsd) || (jail && !freebsd) ||
      (wait_secs && style != Style::netbsd))
    return tool.usage();
  if (jail) {
    // rtsockd has no jails: jail_getid(3) fails as for an unknown name
    // (ENOENT), and ifconfig says so with Perror().
    fmt::print(stderr, "ifconfig: jail not found: {}\n", bsd_strerror(ENOENT));
    return 1;
  }

  if (wait_secs && rest.empty() && !all && !names) return tool.wait_dad(*wait_secs);
  if (all || names || rest.empty()) {
    Filter f;
    f.all_inet = style != Style::openbsd || all_aliases;
    if (rest.size() > 1) return tool.usage();
    if (rest.size() == 1) {
      const std::string& w = rest[0];
      if (w == "inet") {
        f.inet6 = f.link = false;
      } else if (w == "inet6") {
        f.inet = f.link = false;
      } else if (w == "link" || w == "ether" || w == "lladdr") {
        f.inet = f.inet6 = false;
      } else {
        if (style != Style::openbsd)
          fmt::print(stderr, "ifconfig: Address family '{}' unknown.\n", w);
        return tool.usage();
      }
    }
    return names ? tool.names_only(f) : tool.list(std::nullopt, f, json_out);
  }
  if (rest[0].size() >= 16) {
    if (style == Style::openbsd) {
      fmt::print(stderr, "ifconfig: interface name '{}' too long\n", rest[0]);
    } else {
      fmt::print(stderr, "ifconfig: {}: interface name too long\n", rest[0]);
    }
    return 1;
  }
  if (json_out && rest.size() == 1) return tool.list(rest[0], Filter{}, true);
  int rc = tool.configure(rest[0], {rest.begin() + 1, rest.end()});
  if (!tool.created_name_.empty()) fmt::print("{}\n", tool.created_name_);
  if (rc == 0 && wait_secs) rc = tool.wait_dad(*wait_secs);
  return rc;
}
