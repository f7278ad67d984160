// route(8)'s newroute()/getaddr(): arguments to a routing message.
//
// The order of arguments matters as it does in route(8): -net/-host must
// come before the destination they qualify, the first bare word is the
// destination, the second the gateway, the third a netmask. Address rules
// differ by dialect: FreeBSD 14 takes A.B.C.D[/N] only (and refuses "10/8"
// whose bits fall after the mask), older route(8)s guess a classful network
// for short forms ("128.32" is host 128.0.0.32, "-net 128.32" is 128.32/16).
#include "args.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "rtsock/codec/sockaddr.hpp"

namespace rtsock::route {
namespace {

constexpr int kDst = abi::kDst, kGw = abi::kGateway, kMask = abi::kNetmask,
              kGenmask = abi::kGenmask, kIfp = abi::kIfp, kIfa = abi::kIfa;
constexpr int kLabelSlot = 10;  // OpenBSD RTAX_LABEL

enum class Fam : std::uint8_t { unset, inet, inet6, link };

// newroute()'s nrflags.
constexpr unsigned kIsHost = 0x01, kForceNet = 0x02, kForceHost = 0x04, kProxy = 0x08,
                   kInterface = 0x10;

// atoi(3): leading blanks, a sign, digits; anything else ends the number.
long c_atoi(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  long v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (v > (LONG_MAX - 9) / 10) return neg ? LONG_MIN : LONG_MAX;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

// strtol(s, &end, base) with errno: nullopt on a bad number, ERANGE in *range.
struct Strtol {
  long value = 0;
  bool junk = false;   // characters after the number
  bool range = false;  // ERANGE
};
Strtol c_strtol(std::string_view s, int base) {
  std::string z(s);
  char* end = nullptr;
  errno = 0;
  Strtol r;
  r.value = std::strtol(z.c_str(), &end, base);
  r.range = errno == ERANGE;
  r.junk = end != nullptr && *end != '\0';
  return r;
}

// One part of an inet_aton/inet_network address: decimal, 0octal or 0xhex.
std::optional<std::uint64_t> c_part(std::string_view s, bool allow_empty_hex) {
  if (s.empty()) return std::nullopt;
  int base = 10;
  std::size_t i = 0;
  if (s[0] == '0') {
    if (s.size() > 1 && (s[1] == 'x' || s[1] == 'X')) {
      base = 16;
      i = 2;
      if (i == s.size() && !allow_empty_hex) return std::nullopt;
    } else {
      base = 8;
      i = 1;
    }
  }
  std::uint64_t v = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return std::nullopt;
    if (d >= base) return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
    if (v > 0xffffffffULL) return std::nullopt;
  }
  return v;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = s.find(sep, start);
    out.push_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

codec::Sockaddr in4(std::uint32_t host_order) {
  return codec::Sockaddr::inet4(
      {static_cast<std::uint8_t>(host_order >> 24), static_cast<std::uint8_t>(host_order >> 16),
       static_cast<std::uint8_t>(host_order >> 8), static_cast<std::uint8_t>(host_order)});
}

std::uint32_t host_of(const codec::Sockaddr& sa) {
  return static_cast<std::uint32_t>(sa.addr[0]) << 24 |
         static_cast<std::uint32_t>(sa.addr[1]) << 16 |
         static_cast<std::uint32_t>(sa.addr[2]) << 8 | sa.addr[3];
}

std::string dotted(std::uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

std::uint32_t inet_lnaof(std::uint32_t a) {
  if ((a & 0x80000000u) == 0) return a & 0x00ffffffu;
  if ((a & 0xc0000000u) == 0x80000000u) return a & 0x0000ffffu;
  return a & 0x000000ffu;
}

// getaddrinfo(3)'s EAI_NONAME text in the dialect's libc.
std::string_view noname_text(Dialect d) {
  return d == Dialect::darwin ? "nodename nor servname provided, or not known"
                              : "hostname nor servname provided, or not known";
}

class Parser {
 public:
  Parser(const Options& opt, const Env& env)
      : opt_(opt), env_(env), d_(env.dialect), p_(*env.profile) {
    if (opt.family == 4) fam_ = Fam::inet;
    if (opt.family == 6) fam_ = Fam::inet6;
  }

  tl::expected<Request, Exit> run(std::span<const std::string> args);

 private:
  using Status = tl::expected<void, Exit>;

  Exit usage(std::optional<std::string_view> bad = std::nullopt) const {
    return usage_exit(d_, bad);
  }
  Exit errx(int status, std::string text) const {
    if (d_ == Dialect::openbsd || d_ == Dialect::netbsd) status = 1;
    return exit_with(status, "route: " + text + "\n");
  }

  codec::Sockaddr blank(Fam f) const {
    switch (f) {
      case Fam::inet6:
        return codec::Sockaddr::inet6({});
      case Fam::link:
        return codec::Sockaddr::link(0, 0);
      default:
        return codec::Sockaddr::inet4({});
    }
  }

  tl::expected<bool, Exit> getaddr(int idx, std::string_view str, unsigned nrflags);
  tl::expected<bool, Exit> getaddr_inet(int idx, std::string_view str, unsigned nrflags);
  tl::expected<bool, Exit> getaddr_inet6(int idx, std::string_view str);
  tl::expected<int, Exit> prefixlen(std::string_view str);
  void makemask(std::uint32_t bits);
  void makenetandmask(std::uint32_t net, std::uint32_t bits);
  Status set_metric(Kw key, std::string_view value);
  std::uint32_t rtf(std::string_view name) const { return bit_of(p_.rtf, name); }

  const Options& opt_;
  const Env& env_;
  Dialect d_;
  const abi::Profile& p_;
  Fam fam_ = Fam::unset;
  std::uint32_t addrs_ = 0;
  std::array<codec::Sockaddr, abi::kMaxSlots> so_{};
  bool locking_ = false, lockrest_ = false;
  std::uint32_t inits_ = 0, locks_ = 0;
  std::vector<std::pair<abi::Field, std::int64_t>> metrics_;
};

void Parser::makemask(std::uint32_t bits) {
  addrs_ |= 1u << kMask;
  so_[kMask] = in4(bits == 0 ? 0 : 0xffffffffu << (32 - bits));
}

// inet_makenetandmask() of FreeBSD 5-13 and the route(8)s that share it:
// the network's first byte is its most significant one, and without /N the
// mask ends at its last non-zero byte.
void Parser::makenetandmask(std::uint32_t net, std::uint32_t bits) {
  if (net > 0)
    while ((net & 0xff000000u) == 0) net <<= 8;
  if (bits == 0 && net != 0) {
    std::uint32_t i = 0;
    for (std::uint32_t j = 0xff; i < 4; ++i, j <<= 8)
      if (net & j) break;
    bits = 32 - i * 8;
  }
  so_[kDst] = in4(net);
  makemask(bits);
}

tl::expected<int, Exit> Parser::prefixlen(std::string_view str) {
  const long len = c_atoi(str);
  addrs_ |= 1u << kMask;
  // route(8) has defaulted af to AF_INET by the time a prefixlen is read.
  if (fam_ == Fam::unset) fam_ = Fam::inet;
  int max;
  switch (fam_) {
    case Fam::inet6:
      max = 128;
      break;
    case Fam::inet:
      max = 32;
      break;
    default:
      return tl::unexpected(errx(kExOsErr, "prefixlen not supported in this af"));
  }
  if (len < 0 || len > max)
    return tl::unexpected(errx(kExUsage, fmt::format("{}: invalid prefixlen", str)));
  so_[kMask] = codec::Sockaddr::mask(
      fam_ == Fam::inet6 ? codec::SaKind::inet6 : codec::SaKind::inet4, static_cast<int>(len));
  return len == max ? -1 : static_cast<int>(len);
}

tl::expected<bool, Exit> Parser::getaddr_inet6(int idx, std::string_view str) {
  std::string_view addr = str;
  std::optional<std::string_view> plen;
  if (idx == kDst) {
    if (const auto slash = str.find('/'); slash != std::string_view::npos) {
      addr = str.substr(0, slash);
      plen = str.substr(slash + 1);
    }
  }
  std::optional<codec::Sockaddr> sa;
  if (const auto pct = addr.find('%'); pct != std::string_view::npos) {
    // fe80::1%em0: the zone by name, as getaddrinfo(3) resolves it.
    auto base = codec::Sockaddr::parse_ip(addr.substr(0, pct));
    const auto zone = addr.substr(pct + 1);
    if (base && base->kind == codec::SaKind::inet6) {
      if (auto numeric = codec::Sockaddr::parse_ip(addr); numeric) {
        sa = numeric;
      } else if (env_.find_link) {
        if (auto link = env_.find_link(zone); link) {
          base->scope_id = link->link_index;
          sa = base;
        }
      }
    }
  } else {
    sa = codec::Sockaddr::parse_ip(addr);
  }
  if (!sa || sa->kind != codec::SaKind::inet6)
    return tl::unexpected(errx(kExOsErr, fmt::format("{}: {}", addr, noname_text(d_))));
  so_[static_cast<std::size_t>(idx)] = *sa;
  if (idx != kDst) return false;
  // inet6_makenetandmask()
  if (!plen) {
    const bool unspecified =
        std::all_of(sa->addr.begin(), sa->addr.end(), [](std::uint8_t b) { return b == 0; });
    if (unspecified && sa->scope_id == 0) plen = "0";
  }
  if (!plen || *plen == "128") return true;
  addrs_ |= 1u << kMask;
  if (auto r = prefixlen(*plen); !r) return tl::unexpected(r.error());
  return false;
}

// inet_net_pton(AF_INET): dotted decimal octets with an optional /bits;
// without /bits the class of the first octet, widened to the octets given.
std::optional<std::pair<std::uint32_t, int>> inet_net_pton4(std::string_view s) {
  const auto slash = s.find('/');
  const auto parts = split(s.substr(0, slash), '.');
  if (parts.empty() || parts.size() > 4) return std::nullopt;
  std::uint32_t a = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint32_t v = 0;
    if (i < parts.size()) {
      if (parts[i].empty() || parts[i].size() > 3) return std::nullopt;
      for (char c : parts[i]) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint32_t>(c - '0');
      }
      if (v > 255) return std::nullopt;
    }
    a = a << 8 | v;
  }
  int bits;
  if (slash != std::string_view::npos) {
    const auto b = s.substr(slash + 1);
    if (b.empty() || b.size() > 2) return std::nullopt;
    bits = 0;
    for (char c : b) {
      if (c < '0' || c > '9') return std::nullopt;
      bits = bits * 10 + (c - '0');
    }
    if (bits > 32) return std::nullopt;
  } else {
    const std::uint32_t first = a >> 24;
    bits = first >= 240 ? 32 : first >= 224 ? 4 : first >= 192 ? 24 : first >= 128 ? 16 : 8;
    if (bits < static_cast<int>(parts.size()) * 8) bits = static_cast<int>(parts.size()) * 8;
  }
  return std::pair{a, bits};
}

tl::expected<bool, Exit> Parser::getaddr_inet(int idx, std::string_view str, unsigned nrflags) {
  const auto slash = str.find('/');
  if (d_ == Dialect::openbsd) {
    if (idx == kDst && (nrflags & kForceHost) == 0) {
      if (const auto net = inet_net_pton4(str); net && net->second != 32) {
        const std::uint32_t mask = net->second == 0 ? 0 : 0xffffffffu << (32 - net->second);
        so_[kDst] = in4(net->first & mask);
        makemask(static_cast<std::uint32_t>(net->second));
        return false;
      }
    }
    const auto parts = split(str, '.');
    const auto a = inet_aton_bsd(str);
    if (a && parts.size() == 4) {
      so_[static_cast<std::size_t>(idx)] = in4(*a);
      return true;
    }
    return tl::unexpected(errx(1, fmt::format("{}: bad address", str)));
  }
  if (d_ == Dialect::freebsd) {
    if (slash != std::string_view::npos && idx == kDst) {
      const auto prefix = str.substr(0, slash);
      const auto a = inet_aton_bsd(prefix);
      if (!a) return tl::unexpected(errx(kExNoHost, fmt::format("bad address: {}", prefix)));
      const long masklen = c_strtol(str.substr(slash + 1), 10).value;
      if (masklen < 0 || masklen > 32)
        return tl::unexpected(
            errx(kExNoHost, fmt::format("bad mask length: {}", str.substr(slash + 1))));
      so_[kDst] = in4(*a);
      makemask(static_cast<std::uint32_t>(masklen));
      const std::uint32_t mask = host_of(so_[kMask]);
      if ((*a & ~mask) != 0 && prefix.find('.') == std::string_view::npos)
        return tl::unexpected(
            errx(kExNoHost, fmt::format("malformed address, bits set after mask; {} means {}",
                                        prefix, dotted(*a))));
      return false;
    }
    if (const auto a = inet_aton_bsd(str); a) {
      so_[static_cast<std::size_t>(idx)] = in4(*a);
      return true;
    }
    return tl::unexpected(errx(kExNoHost, fmt::format("bad address: {}", str)));
  }

  // The classful route(8)s (FreeBSD 5-13, macOS, NetBSD, DragonFly, HP-UX).
  if (slash != std::string_view::npos && idx == kDst) {
    if (const auto net = inet_network_bsd(str.substr(0, slash)); net) {
      const auto bits = c_strtol(str.substr(slash + 1), 0).value;
      if (bits < 0 || bits > 32)
        return tl::unexpected(
            errx(kExNoHost, fmt::format("bad mask length: {}", str.substr(slash + 1))));
      makenetandmask(*net, static_cast<std::uint32_t>(bits));
      return false;
    }
  }
  std::optional<std::uint32_t> val;
  if (idx != kDst || (nrflags & kForceNet) == 0) {
    if (const auto a = inet_aton_bsd(str); a) {
      so_[static_cast<std::size_t>(idx)] = in4(*a);
      if (idx != kDst || (nrflags & kForceHost) != 0 || inet_lnaof(*a) != 0) return true;
      val = *a;
    }
  }
  if (!val && idx == kDst && (nrflags & kForceHost) == 0) val = inet_network_bsd(str);
  if (val && idx == kDst) {
    makenetandmask(*val, 0);
    return false;
  }
  return tl::unexpected(errx(kExNoHost, fmt::format("bad address: {}", str)));
}

// Interprets an argument as an address of some kind: true for a host
// address, false for a network.
tl::expected<bool, Exit> Parser::getaddr(int idx, std::string_view str, unsigned nrflags) {
  if (fam_ == Fam::unset)
    fam_ =
        d_ == Dialect::openbsd && str.find(':') != std::string_view::npos ? Fam::inet6 : Fam::inet;
  addrs_ |= 1u << idx;
  Fam f = fam_;
  so_[static_cast<std::size_t>(idx)] = blank(f);

  if (idx == kGw && (nrflags & kInterface) != 0 &&
      (d_ == Dialect::freebsd || d_ == Dialect::freebsd12)) {
    std::optional<codec::Sockaddr> link;
    if (env_.find_link) link = env_.find_link(str);
    if (!link)
      return tl::unexpected(errx(kExDataErr, fmt::format("interface '{}' does not exist", str)));
    so_[kGw] = *link;
    return true;
  }
  if (idx == kIfp) f = Fam::link;

  if (str == "default") {
    if (idx == kDst) {
      addrs_ |= 1u << kMask;
      so_[kMask] = blank(fam_);
    }
    return false;
  }
  switch (f) {
    case Fam::inet6:
      return getaddr_inet6(idx, str);
    case Fam::link:
      // link_addr(3): an interface name, optionally with ":"-separated
      // hex link-level address bytes.
      {
        const auto colon = str.find(':');
        const auto name = str.substr(0, colon);
        std::vector<std::uint8_t> ll;
        if (colon != std::string_view::npos) {
          for (auto part : split(str.substr(colon + 1), '.')) {
            const auto v = c_part(std::string("0x") + std::string(part), false);
            if (!v || *v > 0xff) break;
            ll.push_back(static_cast<std::uint8_t>(*v));
          }
        }
        so_[static_cast<std::size_t>(idx)] =
            codec::Sockaddr::link(0, 0, name.substr(0, std::min<std::size_t>(name.size(), 46)), ll);
      }
      return true;
    default:
      return getaddr_inet(idx, str, nrflags);
  }
}

tl::expected<void, Exit> Parser::set_metric(Kw key, std::string_view value) {
  struct M {
    Kw kw;
    abi::Field field;
    std::string_view rtv;
  };
  static constexpr M kMetrics[] = {
      {Kw::mtu, abi::Field::rmx_mtu, "MTU"},
      {Kw::hopcount, abi::Field::rmx_hopcount, "HOPCOUNT"},
      {Kw::expire, abi::Field::rmx_expire, "EXPIRE"},
      {Kw::recvpipe, abi::Field::rmx_recvpipe, "RPIPE"},
      {Kw::sendpipe, abi::Field::rmx_sendpipe, "SPIPE"},
      {Kw::ssthresh, abi::Field::rmx_ssthresh, "SSTHRESH"},
      {Kw::rtt, abi::Field::rmx_rtt, "RTT"},
      {Kw::rttvar, abi::Field::rmx_rttvar, "RTTVAR"},
      {Kw::weight, abi::Field::rmx_weight, "WEIGHT"},
  };
  const M* m = nullptr;
  for (const auto& x : kMetrics)
    if (x.kw == key) m = &x;
  if (m == nullptr) return {};
  const std::uint32_t flag = bit_of(p_.rtv, m->rtv);
  inits_ |= flag;
  if (lockrest_ || locking_) locks_ |= flag;
  locking_ = false;
  std::int64_t v;
  if (d_ == Dialect::freebsd || d_ == Dialect::freebsd12) {
    const auto r = c_strtol(value, 0);
    if (r.range)
      return tl::unexpected(errx(kExUsage, fmt::format("{}: {}", value, os_strerror(d_, ERANGE))));
    if (r.junk)
      return tl::unexpected(errx(kExUsage, fmt::format("{}: {}", value, os_strerror(d_, EINVAL))));
    v = r.value;
  } else {
    v = c_atoi(value);
  }
  if (key == Kw::expire && !value.empty() && (value[0] == '+' || value[0] == '-')) v += env_.now;
  metrics_.emplace_back(m->field, v);
  return {};
}

tl::expected<Request, Exit> Parser::run(std::span<const std::string> args) {
  Request rq;
  rq.word = args[0];
  switch (keyword(d_, args[0])) {
    case Kw::add:
      rq.verb = Verb::add;
      break;
    case Kw::change:
      rq.verb = Verb::change;
      break;
    case Kw::del:
    case Kw::delete_:
      rq.verb = Verb::del;
      break;
    default:
      rq.verb = Verb::get;
      break;
  }
  std::uint32_t flags = rtf("STATIC");
  unsigned nrflags = 0;
  std::optional<std::string> dest, gateway;
  std::vector<int> fibs;
  std::optional<std::int64_t> priority;
  std::optional<std::string> label;
  std::optional<codec::Sockaddr> ifscope;

  // The argument after a keyword that needs one.
  std::size_t i = 1;
  auto next = [&]() -> tl::expected<std::string_view, Exit> {
    if (i + 1 >= args.size()) {
      if (d_ == Dialect::openbsd || d_ == Dialect::netbsd)
        return tl::unexpected(usage(std::string_view(args[i]).substr(1)));
      return tl::unexpected(usage());
    }
    return std::string_view(args[++i]);
  };

  for (; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (!a.empty() && a[0] == '-') {
      const Kw key = keyword(d_, a.substr(1));
      switch (key) {
        case Kw::link:
          fam_ = Fam::link;
          break;
        case Kw::k4:
        case Kw::inet:
          fam_ = Fam::inet;
          break;
        case Kw::k6:
        case Kw::inet6:
          fam_ = Fam::inet6;
          break;
        case Kw::iface:
        case Kw::interface:
          nrflags |= kInterface;
          break;
        case Kw::nostatic:
          flags &= ~rtf("STATIC");
          break;
        case Kw::lock:
          locking_ = true;
          break;
        case Kw::lockrest:
          lockrest_ = true;
          break;
        case Kw::host:
          nrflags |= kForceHost;
          break;
        case Kw::reject:
          flags |= rtf("REJECT");
          break;
        case Kw::blackhole:
          flags |= rtf("BLACKHOLE");
          break;
        case Kw::proto1:
          flags |= rtf("PROTO1");
          break;
        case Kw::proto2:
          flags |= rtf("PROTO2");
          break;
        case Kw::proto3:
          flags |= rtf("PROTO3");
          break;
        case Kw::proxy:
          nrflags |= kProxy;
          break;
        case Kw::xresolve:
          // NetBSD 8 retired RTF_XRESOLVE and route(8)'s case for it.
          if (rtf("XRESOLVE") == 0) return tl::unexpected(usage(a.substr(1)));
          flags |= rtf("XRESOLVE");
          break;
        case Kw::static_:
          flags |= rtf("STATIC");
          break;
        case Kw::sticky:
          flags |= rtf("STICKY");
          break;
        case Kw::nostick:
          flags &= ~rtf("STICKY");
          break;
        case Kw::cloning:
          // NetBSD 8 retired RTF_CLONING; its bit is RTF_CONNECTED now.
          flags |= rtf("CLONING") ? rtf("CLONING") : rtf("CONNECTED");
          break;
        case Kw::nocloning:
          flags &= ~(rtf("CLONING") ? rtf("CLONING") : rtf("CONNECTED"));
          break;
        case Kw::connected:
          flags |= rtf("CONNECTED");
          break;
        case Kw::noreject:
          flags &= ~rtf("REJECT");
          break;
        case Kw::noblackhole:
          flags &= ~rtf("BLACKHOLE");
          break;
        case Kw::noproxy:
          nrflags &= ~kProxy;
          break;
        case Kw::llinfo:
          flags |= rtf("LLINFO");
          break;
        case Kw::mpath:
          flags |= rtf("MPATH");
          break;
        case Kw::bfd:
        case Kw::nobfd:
          flags = key == Kw::bfd ? flags | rtf("BFD") : flags & ~rtf("BFD");
          break;
        case Kw::fib: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          auto list = parse_fib_list(*v, env_.numfibs, env_.defaultfib);
          if (!list)
            return tl::unexpected(errx(kExUsage, fmt::format("invalid fib number: {}", *v)));
          fibs.insert(fibs.end(), list->begin(), list->end());
          break;
        }
        case Kw::ifa:
        case Kw::ifp:
        case Kw::genmask:
        case Kw::gateway:
        case Kw::dst:
        case Kw::netmask: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          const int slot = key == Kw::ifa       ? kIfa
                           : key == Kw::ifp     ? kIfp
                           : key == Kw::genmask ? kGenmask
                           : key == Kw::gateway ? kGw
                           : key == Kw::dst     ? kDst
                                                : kMask;
          auto host = getaddr(slot, *v, nrflags);
          if (!host) return tl::unexpected(host.error());
          if (key == Kw::gateway) gateway = std::string(*v);
          if (key == Kw::dst) {
            if (*host) nrflags |= kIsHost;
            dest = std::string(*v);
          }
          if (key == Kw::netmask) nrflags |= kForceNet;
          break;
        }
        case Kw::net:
          nrflags |= kForceNet;
          break;
        case Kw::prefixlen: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          auto len = prefixlen(*v);
          if (!len) return tl::unexpected(len.error());
          if (*len == -1) {
            nrflags &= ~kForceNet;
            nrflags |= kIsHost;
          } else {
            nrflags |= kForceNet;
            nrflags &= ~kIsHost;
          }
          break;
        }
        case Kw::mtu:
        case Kw::hopcount:
        case Kw::expire:
        case Kw::recvpipe:
        case Kw::sendpipe:
        case Kw::ssthresh:
        case Kw::rtt:
        case Kw::rttvar:
        case Kw::weight: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          if (auto r = set_metric(key, *v); !r) return tl::unexpected(r.error());
          break;
        }
        case Kw::priority: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          const auto r = c_strtol(*v, 10);
          if (r.junk || r.range || v->empty() || r.value < 1 || r.value > 63)
            return tl::unexpected(errx(
                1, fmt::format("priority is {}: {}", r.value < 1 ? "too small" : "too large", *v)));
          priority = r.value;
          break;
        }
        case Kw::label: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          if (v->size() >= 32) return tl::unexpected(errx(1, fmt::format("label too long")));
          label = std::string(*v);
          break;
        }
        case Kw::ifscope: {
          auto v = next();
          if (!v) return tl::unexpected(v.error());
          std::optional<codec::Sockaddr> link;
          if (env_.find_link) link = env_.find_link(*v);
          if (!link) return tl::unexpected(errx(1, fmt::format("bad interface name")));
          ifscope = *link;
          break;
        }
        default:
          return tl::unexpected(usage(a.substr(1)));
      }
    } else {
      if ((addrs_ & (1u << kDst)) == 0) {
        dest = std::string(a);
        auto host = getaddr(kDst, a, nrflags);
        if (!host) return tl::unexpected(host.error());
        if (*host) nrflags |= kIsHost;
      } else if ((addrs_ & (1u << kGw)) == 0) {
        gateway = std::string(a);
        auto host = getaddr(kGw, a, nrflags);
        if (!host) return tl::unexpected(host.error());
      } else {
        auto host = getaddr(kMask, a, nrflags);
        if (!host) return tl::unexpected(host.error());
        nrflags |= kForceNet;
      }
    }
  }

  if ((addrs_ & (1u << kDst)) == 0) {
    Exit e = usage();
    e.err = "route: destination parameter required\n" + e.err;
    return tl::unexpected(e);
  }
  if ((addrs_ & (1u << kMask)) != 0 && so_[kMask].kind != codec::SaKind::empty &&
      so_[kDst].kind != so_[kMask].kind) {
    Exit e = usage();
    e.err = "route: destination and netmask family need to be the same\n" + e.err;
    return tl::unexpected(e);
  }
  if (nrflags & kForceHost) {
    nrflags |= kIsHost;
    if (fam_ == Fam::inet6) {
      addrs_ &= ~(1u << kMask);
      so_[kMask] = {};
    }
  }
  if (nrflags & kForceNet) nrflags &= ~kIsHost;
  flags |= rtf("UP");
  if (nrflags & kIsHost) flags |= rtf("HOST");
  if ((nrflags & kInterface) == 0) flags |= rtf("GATEWAY");
  // RTF_ANNOUNCE: RTF_PROTO2 on FreeBSD and Darwin, a bit of its own on NetBSD.
  if (nrflags & kProxy) flags |= d_ == Dialect::netbsd ? rtf("ANNOUNCE") : rtf("PROTO2");
  if (ifscope) flags |= rtf("IFSCOPE");

  const char* type = rq.verb == Verb::add      ? "RTM_ADD"
                     : rq.verb == Verb::change ? "RTM_CHANGE"
                     : rq.verb == Verb::del    ? "RTM_DELETE"
                                               : "RTM_GET";
  if (rq.verb == Verb::get && (addrs_ & (1u << kIfp)) == 0) {
    // Ask for the interface in the reply.
    addrs_ |= 1u << kIfp;
    so_[kIfp] = codec::Sockaddr::link(0, 0);
  }
  if (rq.verb == Verb::del && (d_ == Dialect::freebsd || d_ == Dialect::freebsd12))
    flags |= rtf("PINNED");

  const auto t = p_.type_number(type);
  rq.msg = codec::Message::make(p_, t.value_or(0));
  rq.msg.set(abi::Field::flags, flags);
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (addrs_ & (1u << s)) rq.msg.set_addr(s, so_[static_cast<std::size_t>(s)]);
  for (const auto& [field, v] : metrics_) rq.msg.set(field, v);
  rq.msg.set(abi::Field::inits, inits_);
  rq.msg.set(abi::Field::rmx_locks, locks_);
  if (priority) rq.msg.set(abi::Field::priority, *priority);
  if (opt_.table >= 0) rq.msg.set(abi::Field::tableid, opt_.table);
  if (label) {
    std::array<std::uint8_t, 32> b{};
    std::copy(label->begin(), label->end(), b.begin());
    rq.msg.set_addr(kLabelSlot, codec::Sockaddr::raw(0, b));
  }
  if (ifscope) rq.msg.set(abi::Field::index, ifscope->link_index);

  rq.is_host = (nrflags & kIsHost) != 0;
  rq.dest = dest.value_or("");
  // getaddr() ends the IPv4 text at its '/' for good (only OpenBSD echoes
  // the prefix length back), also when a later -link changed the family.
  if ((fam_ == Fam::inet || so_[kDst].kind == codec::SaKind::inet4) && d_ != Dialect::openbsd)
    rq.dest = rq.dest.substr(0, rq.dest.find('/'));
  rq.gateway = gateway.value_or("");
  rq.fibs = fibs.empty() ? std::vector<int>{env_.defaultfib} : fibs;
  rq.af = fam_ == Fam::inet6 ? p_.af_inet6 : fam_ == Fam::link ? p_.af_link : p_.af_inet;
  return rq;
}

}  // namespace

std::optional<std::uint32_t> inet_aton_bsd(std::string_view s) {
  const auto parts = split(s, '.');
  if (parts.size() > 4) return std::nullopt;
  std::array<std::uint64_t, 4> v{};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto x = c_part(parts[i], true);
    if (!x) return std::nullopt;
    v[i] = *x;
  }
  switch (parts.size()) {
    case 1:
      return static_cast<std::uint32_t>(v[0]);
    case 2:
      if (v[0] > 0xff || v[1] > 0xffffff) return std::nullopt;
      return static_cast<std::uint32_t>(v[0] << 24 | v[1]);
    case 3:
      if (v[0] > 0xff || v[1] > 0xff || v[2] > 0xffff) return std::nullopt;
      return static_cast<std::uint32_t>(v[0] << 24 | v[1] << 16 | v[2]);
    default:
      if (v[0] > 0xff || v[1] > 0xff || v[2] > 0xff || v[3] > 0xff) return std::nullopt;
      return static_cast<std::uint32_t>(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
  }
}

std::optional<std::uint32_t> inet_network_bsd(std::string_view s) {
  auto parts = split(s, '.');
  if (!parts.empty() && parts.back().empty() && parts.size() > 1) parts.pop_back();  // "10."
  if (parts.empty() || parts.size() > 4) return std::nullopt;
  std::uint32_t val = 0;
  for (const auto part : parts) {
    const auto x = c_part(part, false);
    if (!x || *x > 0xff) return std::nullopt;
    val = val << 8 | static_cast<std::uint32_t>(*x);
  }
  return val;
}

std::optional<std::vector<int>> parse_fib_list(std::string_view arg, int numfibs, int defaultfib) {
  std::string expanded;
  if (arg == "all")
    expanded = numfibs > 1 ? fmt::format("0-{}", numfibs - 1) : "0";
  else if (arg == "default")
    expanded = fmt::format("{}", defaultfib);
  else
    expanded = std::string(arg);
  auto one = [&](std::string_view tok) -> std::optional<int> {
    const auto r = c_strtol(tok, 0);
    if (r.range || r.junk || r.value < 0 || (numfibs != -1 && r.value > numfibs - 1) ||
        r.value > INT_MAX)
      return std::nullopt;
    return static_cast<int>(r.value);
  };
  std::vector<int> out;
  for (const auto tok : split(expanded, ',')) {
    if (!tok.empty() && tok[0] != '-' && tok.find('-') != std::string_view::npos) {
      const auto ends = split(tok, '-');
      if (ends.size() != 2) return std::nullopt;
      const auto lo = one(ends[0]), hi = one(ends[1]);
      if (!lo || !hi || *lo >= *hi) return std::nullopt;
      for (int f = *lo; f <= *hi; ++f) out.push_back(f);
    } else {
      const auto f = one(tok);
      if (!f) return std::nullopt;
      out.push_back(*f);
    }
  }
  return out;
}

tl::expected<Request, Exit> parse_route(const Options& opt, const Env& env,
                                        std::span<const std::string> args) {
  if (args.empty() || env.profile == nullptr) return tl::unexpected(usage_exit(env.dialect));
  Parser parser(opt, env);
  return parser.run(args);
}

}  // namespace rtsock::route
