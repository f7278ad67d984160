// route(8) monitor text and JSON for messages.
//
// monitor_text() re-creates the message's bytes and runs each OS's
// print_rtmsg() over them the way route(8) does: it casts the buffer to the
// header its switch picks for the type (which may not be the header the
// kernel used), walks the sockaddrs with route(8)'s own rounding and checks,
// and prints addresses with that OS's routename(). Tables and address
// printing live in monitor_style.cpp. Facts: docs/research/route-monitor.md.
#include "rtsock/codec/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <iterator>

#include <arpa/inet.h>

#include "monitor_style.hpp"
#include "wire.hpp"

namespace rtsock::codec {

using abi::Field;
using abi::HdrKind;
using detail::BitTable;
using detail::MonitorStyle;
using detail::Printer;
using detail::SaRef;
using json = nlohmann::ordered_json;

namespace {

bool is_route(HdrKind k) { return k == HdrKind::route || k == HdrKind::route2; }
bool is_ifinfo(HdrKind k) {
  return k == HdrKind::ifinfo || k == HdrKind::ifinfol || k == HdrKind::ifinfo2;
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string slot_key(const abi::Profile& p, int slot) {
  const auto n = p.rta[static_cast<std::size_t>(slot)];
  return n.empty() ? fmt::format("slot{}", slot) : lower(n);
}

std::string link_state_name(const abi::Profile& p, std::int64_t s) {
  switch (p.link_states) {
    case abi::LinkStates::none: return "unknown";
    case abi::LinkStates::bsd:
      return s == 1 ? "down" : s == 2 ? "up" : "unknown";
    case abi::LinkStates::openbsd:
      switch (s) {
        case 1: return "invalid";
        case 2: return "down";
        case 3: return "keepalive down";
        case 4: return "up";
        case 5: return "half duplex";
        case 6: return "full duplex";
        default: return "unknown";
      }
  }
  return "unknown";
}

// The if_msghdr "name": the IFP link sockaddr's name.
std::string if_name(const Message& m) {
  if (const Sockaddr* s = m.addr(abi::kIfp); s && s->kind == SaKind::link)
    return std::string(s->link_name());
  return {};
}

// A name from the wire as JSON text: printable ASCII kept, every other byte
// as \xNN, so hostile bytes can never make a document invalid UTF-8.
std::string json_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '\\')
      out += c;
    else
      out += fmt::format("\\x{:02x}", u);
  }
  return out;
}

json addr_json(const Sockaddr& s) {
  switch (s.kind) {
    case SaKind::inet4:
    case SaKind::inet6: return ip_string(s);
    case SaKind::link:
      return json{{"index", s.link_index},
                  {"type", s.link_type},
                  {"name", json_text(s.link_name())},
                  {"addr", lladdr_string(s)}};
    case SaKind::other: return json{{"family", s.family_num}, {"raw", hex_string(s.raw_bytes())}};
    case SaKind::empty: break;
  }
  return json{{"family", 0}, {"raw", ""}};
}

json flag_array(const abi::BitNames& names, std::uint64_t bits) {
  json a = json::array();
  for (int i = 0; i < 32; ++i) {
    if (!((bits >> i) & 1u)) continue;
    const auto n = names[static_cast<std::size_t>(i)];
    a.push_back(n.empty() ? fmt::format("0x{:x}", 1u << i) : std::string(n));
  }
  return a;
}


// ===== The bytes route(8) reads ==================================================

std::size_t roundup(std::size_t len, std::size_t unit) {
  return len == 0 ? unit : ((len - 1) | (unit - 1)) + 1;
}

// rtm_addrs as marshal writes it: the slots held, plus bits no slot can hold.
std::uint32_t addrs_bits(const abi::Profile& p, const Message& m) {
  const auto stored = static_cast<std::uint32_t>(m.get(Field::addrs));
  const std::uint32_t known = p.rtax_max >= 32 ? ~0u : ((1u << p.rtax_max) - 1);
  return m.present | (stored & ~known);
}

// The sockaddrs, each rounded to the profile's unit (Darwin's kernel leaves
// the last one unpadded where its rule says so).
void append_sockaddrs(const abi::Profile& p, const Message& m, std::vector<std::uint8_t>& out) {
  int last = -1;
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (m.has(s)) last = s;
  const bool unpadded = m.last_pad == LastPad::unpadded ||
                        (m.last_pad == LastPad::automatic && kernel_unpadded(p, m.type, false));
  for (int s = 0; s <= last; ++s) {
    if (!m.has(s)) continue;
    const auto& sa = m.sa[static_cast<std::size_t>(s)];
    const std::size_t len = std::min<std::size_t>(encoded_len(p, sa, p.mask_slot(s)), 255);
    std::vector<std::byte> b(len);
    encode_sockaddr(p, sa, p.mask_slot(s), b);
    for (auto x : b) out.push_back(static_cast<std::uint8_t>(x));
    out.resize(out.size() + ((s == last && unpadded) ? 0 : roundup(len, p.sa_align) - len));
  }
}

// Header fields at their offsets, truncated to their widths.
void store_fields(const abi::Profile& p, const Message& m, std::size_t hdr, std::vector<std::uint8_t>& out) {
  const abi::Layout& l = p.layout(m.kind);
  for (const auto& fl : l.fields) {
    std::int64_t v = m.get(fl.field);
    if (fl.field == Field::addrs) v = addrs_bits(p, m);
    if (l.hdrlen_field && fl.field == *l.hdrlen_field) v = static_cast<std::int64_t>(hdr);
    if (l.data_off_field && fl.field == *l.data_off_field) v = l.data_off;
    const std::size_t off = fl.in_data ? l.data_off + fl.off : fl.off;
    if (off + fl.size <= out.size())
      wire::store(reinterpret_cast<std::byte*>(out.data() + off), fl.size, static_cast<std::uint64_t>(v), p.order);
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(m.name.size(), l.name_len); ++i)
    if (l.name_off + i < out.size()) out[l.name_off + i] = static_cast<std::uint8_t>(m.name[i]);
}

// The message's bytes as the kernel wrote them: the layout marshal() writes,
// without its checks, so that a hand-built Message (values that do not fit, a
// header the profile lacks) still renders. Parsed messages come back byte for
// byte, except header padding and fields the layout does not name, which read 0.
std::vector<std::uint8_t> message_bytes(const abi::Profile& p, const Message& m) {
  const abi::Layout& l = p.layout(m.kind);
  std::vector<std::uint8_t> out(4);
  if (m.kind == HdrKind::none || !l.present()) {
    out.insert(out.end(), m.body.begin(), m.body.end());
  } else {
    out.resize(l.size);
    if (l.hdrlen_field) out.insert(out.end(), m.hdr_extra.begin(), m.hdr_extra.end());
    const std::size_t hdr = out.size();
    append_sockaddrs(p, m, out);
    out.insert(out.end(), m.tail.begin(), m.tail.end());
    store_fields(p, m, hdr, out);
  }
  wire::store(reinterpret_cast<std::byte*>(out.data()), 2, out.size(), p.order);
  out[2] = static_cast<std::uint8_t>(m.get(Field::version));
  out[3] = m.type;
  return out;
}

// One message's bytes, read as route(8) reads them: through a header layout
// of its choosing; bytes past the end read as 0.
class Raw {
 public:
  Raw(const abi::Profile& p, std::vector<std::uint8_t> b) : p_(p), b_(std::move(b)) {}

  std::size_t size() const { return b_.size(); }
  std::uint8_t at(std::size_t i) const { return i < b_.size() ? b_[i] : 0; }
  std::uint8_t type() const { return at(3); }
  std::uint64_t load(std::size_t off, std::size_t n) const {
    std::array<std::byte, 8> t{};
    for (std::size_t i = 0; i < n && i < t.size(); ++i) t[i] = static_cast<std::byte>(at(off + i));
    return wire::load(t.data(), std::min<std::size_t>(n, 8), p_.order);
  }
  unsigned msglen() const { return static_cast<unsigned>(load(0, 2)); }

  std::int64_t get(HdrKind k, Field f) const {
    const abi::Layout& l = p_.layout(k);
    const abi::FieldLoc* fl = l.find(f);
    if (fl == nullptr) return 0;
    std::array<std::byte, 8> t{};
    const std::size_t off = fl->in_data ? l.data_off + fl->off : fl->off;
    for (std::size_t i = 0; i < fl->size; ++i) t[i] = static_cast<std::byte>(at(off + i));
    return wire::load_field(t.data(), fl->size, fl->is_signed, p_.order);
  }
  std::size_t hdr_size(HdrKind k) const { return p_.layout(k).size; }
  // Where sockaddrs start: rtm_hdrlen / ifm_len when the header has one.
  std::size_t sa_start(HdrKind k) const {
    const abi::Layout& l = p_.layout(k);
    return l.hdrlen_field ? static_cast<std::size_t>(get(k, *l.hdrlen_field)) : l.size;
  }
  SaRef sa(std::size_t off) const {
    return SaRef{std::span<const std::uint8_t>(b_).subspan(std::min(off, b_.size()))};
  }
  std::string cstr(std::size_t off) const {
    std::string s;
    for (std::size_t i = off; i < b_.size() && b_[i] != 0; ++i) s += static_cast<char>(b_[i]);
    return s;
  }

 private:
  const abi::Profile& p_;
  std::vector<std::uint8_t> b_;
};

struct SaPos {
  int slot;
  std::size_t off;
};

// The sockaddrs rtm_addrs names, in bit order, each advancing by ROUNDUP(sa_len)
// in the profile's unit (sizeof(long), or 4 on Darwin), without length checks.
std::vector<SaPos> walk(const abi::Profile& p, const Raw& r, std::size_t start, std::uint32_t addrs, int nbits) {
  std::vector<SaPos> v;
  std::size_t cp = start;
  for (int i = 0; i < nbits && i < 32; ++i) {
    if (!((addrs >> i) & 1u)) continue;
    v.push_back({i, cp});
    cp += roundup(r.at(cp), p.sa_align);
  }
  return v;
}

// Kernel header variants a route(8) branch reads as its own header.
HdrKind kind_for(HdrKind have, HdrKind want) {
  if (want == HdrKind::ifinfo && have == HdrKind::ifinfol) return have;
  if (want == HdrKind::ifaddr && (have == HdrKind::ifaddrl || have == HdrKind::ifaddr_old)) return have;
  return want;
}

struct Ctx {
  const abi::Profile& p;
  const MonitorStyle& st;
  Raw r;
  HdrKind have;
  std::string o;

  HdrKind k(HdrKind want) const { return kind_for(have, want); }
  std::int64_t f(HdrKind want, Field x) const { return r.get(k(want), x); }
  std::uint32_t u(HdrKind want, Field x) const { return static_cast<std::uint32_t>(f(want, x)); }
  std::int32_t i(HdrKind want, Field x) const { return static_cast<std::int32_t>(f(want, x)); }
  std::string name(const SaRef& sa) const { return detail::routename(st, p, sa); }

  template <typename... A>
  void put(fmt::format_string<A...> fs, A&&... a) {
    fmt::format_to(std::back_inserter(o), fs, std::forward<A>(a)...);
  }
};

// ===== Bit masks =================================================================

bool bit_set(std::uint64_t v, int bit) { return bit >= 1 && bit <= 32 && ((v >> (bit - 1)) & 1u); }

// printb()/bprintf() of FreeBSD, OpenBSD, macOS, DragonFly: "<A,B>" in table
// order, nothing for 0 or when no bit has a name.
void printb(std::string& o, std::uint32_t b, const BitTable& t) {
  bool some = false;
  for (const auto& [bit, name] : t) {
    if (!bit_set(b, bit)) continue;
    o += some ? ',' : '<';
    o += name;
    some = true;
  }
  if (some) o += '>';
}

// NetBSD snprintb(3), old-style "\020" format: the int sign-extended to 64
// bits in hex, then "<A,B>" when a bit has a name.
void snprintb(std::string& o, std::int32_t v, const BitTable& t) {
  const auto val = static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
  fmt::format_to(std::back_inserter(o), "0x{:x}", val);
  if (val != 0) printb(o, static_cast<std::uint32_t>(val), t);
}

// NetBSD route.c 1.151 bprintf: "none" for 0, otherwise printb.
void bprintf_none(std::string& o, std::uint32_t b, const BitTable& t) {
  if (b == 0) o += "none";
  else printb(o, b, t);
}

std::string what_text(std::uint32_t what) {
  return what == 0 ? "arrival" : what == 1 ? "departure" : fmt::format("#{}", what);
}

// ===== FreeBSD (FB-RT; also HP-UX over its own tables) ============================

enum class Branch : std::uint8_t { route, ifinfo, ifaddr, ifmaddr, announce, other };

Branch freebsd_branch(const Ctx& c, std::uint8_t type) {
  if (c.st.kind_dispatch) {
    switch (c.p.types[type].hdr) {
      case HdrKind::ifinfo: return Branch::ifinfo;
      case HdrKind::ifaddr: return Branch::ifaddr;
      case HdrKind::ifmaddr: return Branch::ifmaddr;
      case HdrKind::announce: return Branch::announce;
      default: break;
    }
  } else {
    switch (type) {
      case 14: return Branch::ifinfo;
      case 12: case 13: return Branch::ifaddr;
      case 15: case 16: return Branch::ifmaddr;
      case 17: return Branch::announce;
      default: break;
    }
  }
  // FreeBSD <= 10 treats every other type as a route message.
  return (!c.st.resolve_check || type <= 11) ? Branch::route : Branch::other;
}

// pmsg_common's "locks: <…> inits: <…>" (printb style).
void locks_inits(Ctx& c, std::uint32_t locks, std::uint32_t inits) {
  c.o += "\nlocks: ";
  printb(c.o, locks, c.st.metricnames);
  c.o += " inits: ";
  printb(c.o, inits, c.st.metricnames);
}

// pmsg_addrs' opening: a bare newline when no address is present, else the
// "sockaddrs: <...>" line. Returns whether addresses follow.
bool pmsg_addrs_head(Ctx& c, std::uint32_t addrs) {
  if (addrs == 0) {
    c.o += '\n';
    return false;
  }
  c.o += "\nsockaddrs: ";
  printb(c.o, addrs, c.st.addrnames);
  c.o += '\n';
  return true;
}

// REQUIRE(hdr): the read must hold the header the branch casts to.
bool fb_require(Ctx& c, HdrKind k) {
  if (c.r.size() >= c.r.hdr_size(k)) return true;
  c.put("\nprint_rtmsg: truncated route message, only {} bytes left\n", c.r.size());
  return false;
}

void fb_pmsg_addrs(Ctx& c, std::size_t cp, std::uint32_t addrs, std::size_t len) {
  if (!pmsg_addrs_head(c, addrs)) return;
  const int nbits = c.st.walk_all_bits ? 32 : c.p.rtax_max;
  for (int i = 0; i < nbits && i < 32; ++i) {
    if (!((addrs >> i) & 1u)) continue;
    const SaRef sa = c.r.sa(cp);
    const std::size_t size = roundup(sa.len(), c.p.sa_align);  // SA_SIZE
    if (len == 0 || len < size) {
      c.put("\npmsg_addrs: truncated route message, only {} bytes left\n", len);
      break;
    }
    c.o += ' ' + c.name(sa);
    len -= size;
    cp += size;
  }
  c.o += '\n';
}

// The sockaddrs after a header, with the bytes left after it.
void fb_addrs_after(Ctx& c, HdrKind k) {
  const std::size_t start = c.r.sa_start(k);
  fb_pmsg_addrs(c, start, c.u(k, Field::addrs), c.r.size() > start ? c.r.size() - start : 0);
}

void fb_ifinfo(Ctx& c) {
  const HdrKind k = c.k(HdrKind::ifinfo);
  if (!fb_require(c, k)) return;
  const auto ls = c.f(k, Field::ifi_link_state);
  c.put("if# {}, link: {}, flags:", c.u(k, Field::index), ls == 1 ? "down" : ls == 2 ? "up" : "unknown");
  printb(c.o, c.u(k, Field::flags), c.st.ifnetflags);
  fb_addrs_after(c, k);
}

void fb_ifaddr(Ctx& c) {
  const HdrKind k = c.k(HdrKind::ifaddr);
  if (!fb_require(c, k)) return;
  c.put("metric {}, flags:", c.i(k, Field::metric));
  printb(c.o, c.u(k, Field::flags), c.st.routeflags);
  fb_addrs_after(c, k);
}

void fb_announce(Ctx& c) {
  if (!fb_require(c, HdrKind::announce)) return;
  c.put("if# {}, what: {}\n", c.u(HdrKind::announce, Field::index),
        what_text(c.u(HdrKind::announce, Field::what)));
}

// pmsg_common: addresses only when the read is longer than rt_msghdr; else the
// line stays open.
void fb_route(Ctx& c) {
  const HdrKind k = HdrKind::route;
  c.put("pid: {}, seq {}, errno {}, flags:", c.i(k, Field::pid), c.i(k, Field::seq), c.i(k, Field::err));
  printb(c.o, c.u(k, Field::flags), c.st.routeflags);
  locks_inits(c, c.u(k, Field::rmx_locks), c.u(k, Field::inits));
  const std::size_t hs = c.r.hdr_size(k);
  if (c.r.size() > hs) fb_pmsg_addrs(c, hs, c.u(k, Field::addrs), c.r.size() - hs);
}

void print_freebsd(Ctx& c) {
  const std::uint8_t t = c.r.type();
  if (t < c.st.msgtypes.size() && c.st.msgtypes[t]) c.put("{}: ", *c.st.msgtypes[t]);
  else c.put("unknown type {}: ", t);
  c.put("len {}, ", c.r.msglen());
  switch (freebsd_branch(c, t)) {
    case Branch::ifinfo: fb_ifinfo(c); break;
    case Branch::ifaddr: fb_ifaddr(c); break;
    case Branch::ifmaddr:
      if (fb_require(c, c.k(HdrKind::ifmaddr))) fb_addrs_after(c, c.k(HdrKind::ifmaddr));
      break;
    case Branch::announce: fb_announce(c); break;
    case Branch::route: fb_route(c); break;
    case Branch::other: c.put("type: {}, len: {}\n", t, c.r.size()); break;
  }
}

// ===== OpenBSD (OB-RT) =================================================================

constexpr std::uint32_t kObRtaDns = 0x1000, kObRtaStatic = 0x2000, kObRtaSearch = 0x4000;

// get_linkstate(): LINK_STATE_DESCRIPTIONS, first match wins (type 0 = any).
std::string ob_linkstate(std::uint8_t type, std::uint8_t state) {
  struct D {
    std::uint8_t type, state;
    const char* text;
  };
  static constexpr D kDesc[] = {{6, 2, "no carrier"}, {0x47, 2, "no network"}, {0x17, 2, "no carrier"},
                                {0xf7, 2, "backup"},    {0xf7, 4, "master"},     {0xf7, 5, "master"},
                                {0xf7, 6, "master"},    {0, 4, "active"},        {0, 5, "active"},
                                {0, 6, "active"},       {0, 0, "unknown"},       {0, 1, "invalid"},
                                {0, 2, "down"},         {0, 3, "keepalive down"}};
  for (const auto& d : kDesc)
    if ((d.type == type || d.type == 0) && d.state == state) return d.text;
  return fmt::format("[#{}]", state);
}

// pmsg_addrs: the NETMASK takes the family of the first DST or IFA; always
// ends the line.
void ob_pmsg_addrs(Ctx& c, std::size_t cp, std::uint32_t addrs) {
  if (addrs != 0) {
    c.o += "\nsockaddrs: ";
    printb(c.o, addrs, c.st.addrnames);
    c.o += '\n';
    const auto pos = walk(c.p, c.r, cp, addrs, 32);
    int family = 0;
    for (const auto& s : pos)
      if (family == 0 && (s.slot == abi::kDst || s.slot == abi::kIfa)) family = c.r.sa(s.off).fam();
    for (const auto& s : pos) {
      SaRef sa = c.r.sa(s.off);
      if (family != 0 && s.slot == abi::kNetmask) sa.family = family;
      c.o += ' ' + c.name(sa);
    }
  }
  c.o += '\n';
}

// "use: … mtu: … expire: …"; expire is printed as stored: a decode has no
// "now" to make it relative to.
void ob_route_lines(Ctx& c) {
  const HdrKind k = HdrKind::route;
  c.put("pid: {}, seq {}, errno {}\nflags:", c.i(k, Field::pid), c.i(k, Field::seq), c.i(k, Field::err));
  printb(c.o, c.u(k, Field::flags), c.st.routeflags);
  c.o += "\nfmask:";
  printb(c.o, c.u(k, Field::fmask), c.st.routeflags);
  const auto locks = c.u(k, Field::rmx_locks);
  c.put("\nuse: {:8}   mtu: {:8}{}   expire: {:8}{}", static_cast<std::uint64_t>(c.f(k, Field::rmx_pksent)),
        c.u(k, Field::rmx_mtu), (locks & 1u) ? 'L' : ' ', c.f(k, Field::rmx_expire), (locks & 4u) ? 'L' : ' ');
  locks_inits(c, locks, c.u(k, Field::inits));
}

void ob_route(Ctx& c) {
  const HdrKind k = HdrKind::route;
  // "name %s, " needs this host's if_indextoname(), which never succeeds here.
  c.put(", priority {}, table {}, if# {}, ", c.u(k, Field::priority), c.u(k, Field::tableid), c.u(k, Field::index));
  ob_route_lines(c);
  ob_pmsg_addrs(c, c.r.sa_start(k), c.u(k, Field::addrs));
}

void ob_ifinfo(Ctx& c) {
  const HdrKind k = HdrKind::ifinfo;
  c.put(", if# {}, link: {}, mtu: {}, flags:", c.u(k, Field::index),
        ob_linkstate(static_cast<std::uint8_t>(c.u(k, Field::ifi_type)),
                     static_cast<std::uint8_t>(c.u(k, Field::ifi_link_state))),
        c.u(k, Field::ifi_mtu));
  printb(c.o, c.u(k, Field::flags) | c.u(k, Field::xflags) << 16, c.st.ifnetflags);
  ob_pmsg_addrs(c, c.r.sa_start(k), c.u(k, Field::addrs));
}

void ob_ifaddr(Ctx& c) {
  const HdrKind k = HdrKind::ifaddr;
  c.put(", if# {}, metric {}, flags:", c.u(k, Field::index), c.i(k, Field::metric));
  printb(c.o, c.u(k, Field::flags), c.st.routeflags);
  ob_pmsg_addrs(c, c.r.sa_start(k), c.u(k, Field::addrs));
}

void ob_announce(Ctx& c) {
  const abi::Layout& l = c.p.layout(HdrKind::announce);
  c.put(", if# {}, name {}, what: {}\n", c.u(HdrKind::announce, Field::index), c.r.cstr(l.name_off),
        what_text(c.u(HdrKind::announce, Field::what)));
}

// RTM_80211INFO: struct if_ieee80211_msghdr (index at 6, if_ieee80211_data at 12).
void ob_80211info(Ctx& c) {
  const Raw& r = c.r;
  c.put(", if# {}, ", r.load(6, 2));
  const std::size_t nwid = 24, nlen = r.at(13);
  bool ascii = true;
  std::string text;
  for (std::size_t i = 0; i < nlen; ++i) {
    c.o += i == 0 ? "nwid " : ":";
    const std::uint8_t ch = r.at(nwid + i);
    c.put("{:02x}", ch);
    ascii = ascii && ch >= 0x20 && ch < 0x7f;
    text += static_cast<char>(ch);
  }
  if (nlen > 0) c.o += (ascii ? " (" + text + ")" : std::string()) + ", ";
  c.put("channel {}, bssid {}\nflags:", r.at(12), detail::ether_text(r.sa(0), 56));
  printb(c.o, static_cast<std::uint32_t>(r.load(16, 4)), c.st.ieee80211flags);
  c.o += "\nxflags:";
  printb(c.o, static_cast<std::uint32_t>(r.load(20, 4)), c.st.ieee80211xflags);
  c.o += '\n';
}

// RTM_PROPOSAL's sockaddr_rtstatic / rtsearch / rtdns (sr_len, sr_family,
// 128 bytes of data).
constexpr std::size_t kSrData = 2, kSrMax = 128;

bool sr_valid(Ctx& c, const SaRef& sa, bool strict) {
  const std::size_t len = sa.len();
  if (strict ? len <= kSrData : len < kSrData) {
    c.put("<invalid sr_len ({} <= {})>\n", len, kSrData);
    return false;
  }
  if (len - kSrData > kSrMax) {
    c.put("<invalid sr_len ({} > {})>\n", len - kSrData, kSrMax);
    return false;
  }
  return true;
}

std::string ipv4_of(const SaRef& sa, std::size_t off) {
  return fmt::format("{}.{}.{}.{}", sa.at(off), sa.at(off + 1), sa.at(off + 2), sa.at(off + 3));
}

std::string ipv6_of(const SaRef& sa, std::size_t off) {
  std::array<std::uint8_t, 16> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = sa.at(off + i);
  char buf[64] = {};
  ::inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
  return buf;
}

// RFC 3442 routes: prefix length, the significant destination bytes, gateway.
void ob_static4(Ctx& c, const SaRef& sa, std::size_t srclen) {
  std::size_t i = kSrData;
  bool first = true;
  while (srclen != 0) {
    const unsigned bits = sa.at(i++);
    --srclen;
    const std::size_t bytes = (bits + 7) / 8;
    if (srclen < bytes || bytes > 4) break;
    std::array<std::uint8_t, 4> d{};
    for (std::size_t b = 0; b < bytes; ++b) d[b] = sa.at(i + b);
    i += bytes;
    srclen -= bytes;
    if (srclen < 4) break;
    c.put("{}{}.{}.{}.{}/{} {} ", first ? "" : ", ", d[0], d[1], d[2], d[3], bits, ipv4_of(sa, i));
    i += 4;
    srclen -= 4;
    first = false;
  }
}

// Prefix length, in6_addr prefix, then a whole sockaddr_in6 gateway.
bool ob_static6(Ctx& c, const SaRef& sa, std::size_t srclen) {
  std::size_t i = kSrData;
  bool first = true;
  for (; srclen >= 1 + 16 + 28; srclen -= 1 + 16 + 28, i += 1 + 16 + 28) {
    const std::size_t gw = i + 17;
    // getnameinfo() refuses it: route(8) warns on stderr and stops the line.
    if (sa.at(gw) != 28 || sa.at(gw + 1) != c.p.af_inet6) return false;
    const SaRef g{sa.b.subspan(std::min(gw, sa.b.size()))};
    c.put("{}{}/{} {} ", first ? "" : ", ", ipv6_of(sa, i + 1), sa.at(i), detail::sin6_numeric(g, c.p));
    first = false;
  }
  return true;
}

void ob_rtstatic(Ctx& c, const SaRef& sa) {
  if (!sr_valid(c, sa, true)) return;
  const std::size_t srclen = sa.len() - kSrData;
  c.o += " [";
  if (sa.fam() == c.p.af_inet) ob_static4(c, sa, srclen);
  else if (sa.fam() == c.p.af_inet6) {
    if (!ob_static6(c, sa, srclen)) return;
  } else c.put("<unknown address family {}>", sa.fam());
  c.o += ']';
}

void ob_rtsearch(Ctx& c, const SaRef& sa) {
  if (!sr_valid(c, sa, true)) return;
  std::string s;
  for (std::size_t i = 0; i < sa.len() - kSrData && sa.at(kSrData + i) != 0; ++i)
    s += static_cast<char>(sa.at(kSrData + i));
  c.put(" [{}]", s);
}

void ob_rtdns(Ctx& c, const SaRef& sa) {
  if (!sr_valid(c, sa, false)) return;
  const std::size_t srclen = sa.len() - kSrData;
  const bool v4 = sa.fam() == c.p.af_inet, v6 = sa.fam() == c.p.af_inet6;
  c.o += v4 ? " INET [" : v6 ? " INET6 [" : " UNKNOWN [";
  if (v4 || v6) {
    const std::size_t w = v4 ? 4 : 16;
    if (srclen % w != 0) {
      c.o += "<invalid server count>\n";
      return;
    }
    for (std::size_t i = 0; i < srclen / w; ++i)
      c.put("{}{}", v4 ? ipv4_of(sa, kSrData + i * w) : ipv6_of(sa, kSrData + i * w), i + 1 == srclen / w ? "" : ", ");
  }
  c.o += ']';
}

void ob_proposal(Ctx& c) {
  static constexpr const char* kSource[] = {"static", "dhcp", "slaac", "umb", "ppp", "solicit"};
  const HdrKind k = HdrKind::route;
  const auto prio = c.u(k, Field::priority);  // RTP_PROPOSAL_STATIC is 57
  c.put(", source {}, table {}, if# {}, ", prio >= 57 && prio <= 62 ? kSource[prio - 57] : "unknown",
        c.u(k, Field::tableid), c.u(k, Field::index));
  ob_route_lines(c);
  const std::uint32_t addrs = c.u(k, Field::addrs), props = kObRtaDns | kObRtaStatic | kObRtaSearch;
  const std::size_t start = c.r.sa_start(k);
  ob_pmsg_addrs(c, start, addrs & ~props);
  if ((addrs & props) == 0) return;
  c.o += "proposals: ";
  printb(c.o, addrs & props, c.st.addrnames);
  c.o += '\n';
  const auto pos = walk(c.p, c.r, start, addrs, 15);  // get_rtaddrs(), RTAX_MAX
  auto slot = [&](int s) {
    for (const auto& x : pos)
      if (x.slot == s) return c.r.sa(x.off);
    return SaRef{};
  };
  if (addrs & kObRtaStatic) ob_rtstatic(c, slot(13));
  if (addrs & kObRtaSearch) ob_rtsearch(c, slot(14));
  if (addrs & kObRtaDns) ob_rtdns(c, slot(12));
  c.o += '\n';
}

// Version mismatches never get here: the parser reports them (OpenBSD's
// route(8) would warn on stderr).
void print_openbsd(Ctx& c) {
  const std::uint8_t t = c.r.type();
  if (t > 0 && t < c.st.msgtypes.size()) c.o += c.st.msgtypes[t].value_or("");
  else c.put("[rtm_type {} out of range]", t);
  c.put(": len {}", c.r.msglen());
  switch (t) {
    case 16: c.o += '\n'; break;  // RTM_DESYNC
    case 14: ob_ifinfo(c); break;
    case 21: ob_80211info(c); break;
    case 12: case 13: case 20: ob_ifaddr(c); break;
    case 15: ob_announce(c); break;
    case 19: ob_proposal(c); break;
    default: ob_route(c); break;  // RTM_BFD too: route(8) built without BFD
  }
}

// ===== macOS (MAC) and DragonFly (DF): every rtm_addrs bit, no length checks =====

void all_bits_pmsg_addrs(Ctx& c, std::size_t cp, std::uint32_t addrs) {
  if (!pmsg_addrs_head(c, addrs)) return;
  for (const auto& s : walk(c.p, c.r, cp, addrs, 32)) c.o += ' ' + c.name(c.r.sa(s.off));
  c.o += '\n';
}

void all_bits_common(Ctx& c) {
  const HdrKind k = HdrKind::route;
  locks_inits(c, c.u(k, Field::rmx_locks), c.u(k, Field::inits));
  all_bits_pmsg_addrs(c, c.r.hdr_size(k), c.u(k, Field::addrs));
}

void interface_lines(Ctx& c, std::uint8_t t) {
  if (t == 14) {
    const HdrKind k = c.k(HdrKind::ifinfo);
    c.put("if# {}, flags:", c.u(k, Field::index));
    printb(c.o, c.u(k, Field::flags), c.st.ifnetflags);
    all_bits_pmsg_addrs(c, c.r.hdr_size(k), c.u(k, Field::addrs));
  } else if (t == 12 || t == 13) {
    const HdrKind k = c.k(HdrKind::ifaddr);
    c.put("metric {}, flags:", c.i(k, Field::metric));
    printb(c.o, c.u(k, Field::flags), c.st.routeflags);
    all_bits_pmsg_addrs(c, c.r.hdr_size(k), c.u(k, Field::addrs));
  } else {  // RTM_NEWMADDR / RTM_DELMADDR
    all_bits_pmsg_addrs(c, c.r.hdr_size(HdrKind::ifmaddr), c.u(HdrKind::ifmaddr, Field::addrs));
  }
}

// msgtypes[] is read without a bounds check: index 17 is NULL, which Darwin's
// printf shows as "(null)"; past it route(8) reads beyond the array, shown
// the same way here.
void print_darwin(Ctx& c) {
  const std::uint8_t t = c.r.type();
  const bool named = t < c.st.msgtypes.size() && c.st.msgtypes[t];
  c.put("{}: len {}, ", named ? *c.st.msgtypes[t] : std::string("(null)"), c.r.msglen());
  if (t >= 12 && t <= 16) {
    interface_lines(c, t);
    return;
  }
  const HdrKind k = HdrKind::route;
  const std::uint32_t flags = c.u(k, Field::flags);
  c.put("pid: {}, seq {}, errno {}, ", c.i(k, Field::pid), c.i(k, Field::seq), c.i(k, Field::err));
  if (flags & 0x1000000u) c.put("ifscope {}, ", c.u(k, Field::index));  // RTF_IFSCOPE
  if (flags & 0x4000000u) c.o += "ifref, ";                                // RTF_IFREF
  c.o += "flags:";
  printb(c.o, flags, c.st.routeflags);
  all_bits_common(c);
}

void print_dragonfly(Ctx& c) {
  const std::uint8_t t = c.r.type();
  if (t < c.st.msgtypes.size() && c.st.msgtypes[t]) c.put("{}: ", *c.st.msgtypes[t]);
  else c.put("#{}: ", t);
  c.put("len {}, ", c.r.msglen());
  if (t >= 12 && t <= 16) {
    interface_lines(c, t);
    return;
  }
  if (t == 17) {
    c.put("if# {}, what: {}\n", c.u(HdrKind::announce, Field::index),
          what_text(c.u(HdrKind::announce, Field::what)));
    return;
  }
  const HdrKind k = HdrKind::route;
  c.put("pid: {}, seq {}, errno {}, flags:", c.i(k, Field::pid), c.i(k, Field::seq), c.i(k, Field::err));
  printb(c.o, c.u(k, Field::flags), c.st.routeflags);
  all_bits_common(c);
}

// ===== NetBSD (NB-RT 1.165; route.c 1.151 for NetBSD 6-7) ==========================

bool nb_new(const Ctx& c) { return c.st.printer == Printer::netbsd; }

// bprintf(): snprintb() in 1.165, "none"/printb in 1.151.
void nb_bits(Ctx& c, std::int64_t v, const BitTable& t) {
  if (nb_new(c)) snprintb(c.o, static_cast<std::int32_t>(v), t);
  else bprintf_none(c.o, static_cast<std::uint32_t>(v), t);
}

// pmsg_addrs: RTAX_MAX slots; a NETMASK with a length prints with the family
// of the first DST or IFA; always ends the line.
void nb_pmsg_addrs(Ctx& c, std::size_t cp, std::uint32_t addrs) {
  if (addrs != 0) {
    c.o += "\nsockaddrs: ";
    nb_bits(c, static_cast<std::int32_t>(addrs), c.st.addrnames);
    c.o += '\n';
    const auto pos = walk(c.p, c.r, cp, addrs, c.p.rtax_max);
    int nmf = -1;
    for (const auto& s : pos)
      if (nmf == -1 && (s.slot == abi::kDst || s.slot == abi::kIfa)) nmf = c.r.sa(s.off).fam();
    for (const auto& s : pos) {
      const SaRef sa = c.r.sa(s.off);
      c.o += ' ';
      c.o += s.slot == abi::kNetmask && sa.len() != 0 ? detail::netbsd_netmask(sa, nmf, c.p) : c.name(sa);
    }
  }
  c.o += '\n';
}

void nb_ifinfo(Ctx& c) {
  const HdrKind k = c.k(HdrKind::ifinfo);
  const auto ls = c.i(k, Field::ifi_link_state);
  const std::string state = ls == 0   ? "carrier: unknown"
                            : ls == 1 ? "carrier: no carrier"
                            : ls == 2 ? "carrier: active"
                                      : fmt::format("carrier: 0x{:x}", static_cast<std::uint32_t>(ls));
  c.put("if# {}, {}, flags: ", c.u(k, Field::index), state);
  nb_bits(c, c.i(k, Field::flags), c.st.ifnetflags);
  nb_pmsg_addrs(c, c.r.hdr_size(k), c.u(k, Field::addrs));
}

// 1.165: pid, metric and the address flags, named after the family of the
// first sockaddr; 1.151: metric and the flags as route flags.
void nb_ifaddr(Ctx& c) {
  const HdrKind k = c.k(HdrKind::ifaddr);
  const std::size_t start = c.r.hdr_size(k);
  if (nb_new(c)) {
    c.put("pid {}, metric {}, addrflags: ", c.i(k, Field::pid), c.i(k, Field::metric));
    const std::uint8_t fam = c.r.sa(start).fam();
    static const BitTable kNone;
    const BitTable& t = fam == c.p.af_inet ? c.st.in_ifflags : fam == c.p.af_inet6 ? c.st.in6_ifflags : kNone;
    snprintb(c.o, c.i(k, Field::addrflags), t);
  } else {
    c.put("metric {}, flags: ", c.i(k, Field::metric));
    bprintf_none(c.o, c.u(k, Field::flags), c.st.routeflags);
  }
  nb_pmsg_addrs(c, start, c.u(k, Field::addrs));
}

std::string rsc_text(std::uint64_t v) { return v == 0 ? "0" : fmt::format("{:#x}", v); }  // %#llx

// RTM_IEEE80211: the event follows the if_announcemsghdr.
void nb_ieee80211(Ctx& c) {
  const HdrKind k = HdrKind::announce;
  const std::uint32_t what = c.u(k, Field::what);
  static constexpr const char* kWhat[] = {"associate", "re-associate", "disassociate", "join",
                                          "leave",     "scan complete", "replay",      "michael"};
  static constexpr std::size_t kLen[] = {0, 0, 0, 6, 6, 0, 32, 14};
  const bool known = what >= 100 && what <= 107;
  c.put("if# {}, what: {}", c.u(k, Field::index), known ? std::string(kWhat[what - 100]) : fmt::format("#{}", what));
  const std::size_t ev = c.r.hdr_size(k), evlen = known ? kLen[what - 100] : 0;
  if (ev + evlen > c.r.msglen()) {
    c.o += " (truncated)\n";
    return;
  }
  const SaRef e = c.r.sa(ev);
  if (what == 103 || what == 104) c.put(" mac {}", detail::ether_text(e, 0));
  if (what == 106 || what == 107) {
    c.put(" src {} dst {} cipher {} keyix {}", detail::ether_text(e, 0), detail::ether_text(e, 6), e.at(12), e.at(13));
    if (what == 106) c.put(" key rsc {} frame rsc {}", rsc_text(c.r.load(ev + 16, 8)), rsc_text(c.r.load(ev + 24, 8)));
  }
  c.o += '\n';
}

void nb_route(Ctx& c) {
  const HdrKind k = HdrKind::route;
  c.put("pid {}, seq {}, errno {}, flags: ", c.i(k, Field::pid), c.i(k, Field::seq), c.i(k, Field::err));
  nb_bits(c, c.i(k, Field::flags), c.st.routeflags);
  c.o += "\nlocks: ";
  nb_bits(c, c.f(k, Field::rmx_locks), c.st.metricnames);
  c.o += " inits: ";
  nb_bits(c, c.f(k, Field::inits), c.st.metricnames);
  nb_pmsg_addrs(c, c.r.hdr_size(k), c.u(k, Field::addrs));
}

// The type numbers of the two releases: NetBSD 8 renumbered the address messages.
void print_netbsd(Ctx& c) {
  const std::uint8_t t = c.r.type();
  if (t < c.st.msgtypes.size() && c.st.msgtypes[t]) c.put("{}: ", *c.st.msgtypes[t]);
  else c.put("#{}: ", t);
  c.put("len {}, ", c.r.msglen());
  const bool n = nb_new(c);
  if (t == 0x14) nb_ifinfo(c);
  else if (n ? (t >= 0x16 && t <= 0x18) : (t == 0x0c || t == 0x0d || t == 0x15)) nb_ifaddr(c);
  else if (t == 0x11) nb_ieee80211(c);
  else if (t == 0x10) c.put("if# {}, what: {}\n", c.u(HdrKind::announce, Field::index),
                            what_text(c.u(HdrKind::announce, Field::what)));
  else if (!n || t == 1 || t == 2 || t == 3 || t == 4 || t == 5 || t == 7) nb_route(c);
  // 1.165 prints nothing more for any other type, not even a newline.
}

}  // namespace

std::string flag_list(const abi::BitNames& names, std::uint64_t bits, std::string_view sep) {
  std::string s;
  for (int i = 0; i < 32; ++i) {
    if (!((bits >> i) & 1u)) continue;
    if (!s.empty()) s += sep;
    const auto n = names[static_cast<std::size_t>(i)];
    s += n.empty() ? fmt::format("0x{:x}", 1u << i) : std::string(n);
  }
  return s;
}

std::string route_name(const abi::Profile& p, const Sockaddr& sa) {
  std::vector<std::byte> b(std::min<std::size_t>(encoded_len(p, sa, false), 255));
  encode_sockaddr(p, sa, false, b);
  std::vector<std::uint8_t> u(b.size());
  if (!b.empty()) std::memcpy(u.data(), b.data(), b.size());
  return detail::routename(detail::monitor_style(p), p, SaRef{u});
}

std::string route8_bits(const abi::Profile& p, Route8Bits table, std::uint32_t bits) {
  const auto& st = detail::monitor_style(p);
  const detail::BitTable& t = table == Route8Bits::route_flags ? st.routeflags
                              : table == Route8Bits::if_flags  ? st.ifnetflags
                              : table == Route8Bits::addrs     ? st.addrnames
                                                               : st.metricnames;
  std::string o;
  printb(o, bits, t);
  return o;
}

std::string monitor_text(const abi::Profile& p, const Message& m) {
  Ctx c{p, detail::monitor_style(p), Raw(p, message_bytes(p, m)), m.kind, {}};
  switch (c.st.printer) {
    case Printer::freebsd: print_freebsd(c); break;
    case Printer::openbsd: print_openbsd(c); break;
    case Printer::darwin: print_darwin(c); break;
    case Printer::netbsd:
    case Printer::netbsd_old: print_netbsd(c); break;
    case Printer::dragonfly: print_dragonfly(c); break;
  }
  return c.o;
}

json message_json(const abi::Profile& p, const Message& m) {
  json j;
  const auto& ti = p.type_info(m.type);
  j["type"] = ti.name.empty() ? fmt::format("RTM_UNKNOWN_{}", m.type) : std::string(ti.name);
  j["type_num"] = m.type;
  j["version"] = m.get(Field::version);
  j["len"] = m.get(Field::msglen);
  j["header"] = std::string(abi::hdr_kind_name(m.kind));
  if (m.kind == HdrKind::none) {
    j["body"] = hex_string(m.body);
    return j;
  }
  const abi::Layout& l = p.layout(m.kind);
  j["index"] = m.get(Field::index);
  const std::uint64_t flags = static_cast<std::uint32_t>(m.get(Field::flags));
  if (l.has(Field::flags)) {
    j["flags"] = flag_array(is_ifinfo(m.kind) ? p.iff : p.rtf, flags);
    j["flags_raw"] = flags;
  }
  json a = json::object();
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (m.has(s)) a[slot_key(p, s)] = addr_json(m.sa[static_cast<std::size_t>(s)]);
  if (l.has(Field::addrs)) j["addrs"] = std::move(a);

  if (is_route(m.kind)) {
    for (Field f : {Field::pid, Field::seq, Field::err})
      if (l.has(f)) j[std::string(abi::field_name(f))] = m.get(f);
    j["inits"] = m.get(Field::inits);
    j["locks"] = m.get(Field::rmx_locks);
    json met = json::object();
    for (const auto& fl : l.fields)
      if (abi::is_metric(fl.field) && fl.field != Field::rmx_locks)
        met[std::string(abi::field_name(fl.field).substr(4))] = m.get(fl.field);
    j["metrics"] = std::move(met);
  }
  if (is_ifinfo(m.kind)) {
    if (auto n = if_name(m); !n.empty()) j["name"] = json_text(n);
    j["mtu"] = m.get(Field::ifi_mtu);
    j["link_state"] = l.has(Field::ifi_link_state) ? link_state_name(p, m.get(Field::ifi_link_state)) : "unknown";
    json d = json::object();
    for (const auto& fl : l.fields)
      if (abi::is_if_data(fl.field)) d[std::string(abi::field_name(fl.field).substr(4))] = m.get(fl.field);
    j["data"] = std::move(d);
  }
  if (m.kind == HdrKind::announce) {
    j["name"] = json_text(m.name);
    const auto w = m.get(Field::what);
    j["what"] = w == 0 ? json("arrival") : w == 1 ? json("departure") : json(w);
  }
  // Every other header field by its C name (OpenBSD tableid/priority, metric …).
  for (const auto& fl : l.fields) {
    const Field f = fl.field;
    if (abi::is_metric(f) || abi::is_if_data(f)) continue;
    switch (f) {
      case Field::msglen: case Field::version: case Field::type: case Field::index:
      case Field::flags: case Field::addrs: case Field::pid: case Field::seq: case Field::err:
      case Field::inits: case Field::what:
        continue;
      default: break;
    }
    j[std::string(abi::field_name(f))] = m.get(f);
  }
  if (!m.tail.empty()) j["trailing"] = hex_string(m.tail);
  return j;
}


json error_json(const Error& e) {
  json j;
  j["error"] = e.message();
  if (e.has_offset()) j["offset"] = e.offset();
  return j;
}

}  // namespace rtsock::codec
