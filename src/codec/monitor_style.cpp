// route(8)'s tables and address printing per OS. Bit numbers are 1-based and
// listed in route(8)'s string order; message-type strings are route(8)'s
// msgtypes[]. Sources: docs/research/route-monitor.md (FB-RT, OB-RT, OB-SH,
// MAC, NB-RT, NB-UT, DF) and, for older FreeBSD and NetBSD releases, the
// route.c of FreeBSD 9.3 / 10.4 and NetBSD route.c 1.151 (2015).
#include "monitor_style.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace rtsock::codec::detail {
namespace {

using Msgtypes = std::vector<std::optional<std::string>>;

BitTable table(std::initializer_list<std::pair<int, const char*>> l) {
  BitTable t;
  for (auto [bit, name] : l) t.push_back({bit, name});
  return t;
}

// A msgtypes[] given as (index, text) pairs; missing indexes are NULL.
Msgtypes msgtypes(std::size_t size, std::initializer_list<std::pair<int, const char*>> l) {
  Msgtypes v(size);
  for (auto [i, s] : l) v[static_cast<std::size_t>(i)] = s;
  return v;
}

// ---- FreeBSD (FB-RT / FB-RT2) --------------------------------------------

Msgtypes freebsd_msgtypes() {
  return msgtypes(19, {{0, ""},
                       {1, "RTM_ADD: Add Route"},
                       {2, "RTM_DELETE: Delete Route"},
                       {3, "RTM_CHANGE: Change Metrics or flags"},
                       {4, "RTM_GET: Report Metrics"},
                       {5, "RTM_LOSING: Kernel Suspects Partitioning"},
                       {6, "RTM_REDIRECT: Told to use different route"},
                       {7, "RTM_MISS: Lookup failed on this address"},
                       {8, "RTM_LOCK: fix specified metrics"},
                       {9, "RTM_OLDADD: caused by SIOCADDRT"},
                       {10, "RTM_OLDDEL: caused by SIOCDELRT"},
                       {11, "RTM_RESOLVE: Route created by cloning"},
                       {12, "RTM_NEWADDR: address being added to iface"},
                       {13, "RTM_DELADDR: address being removed from iface"},
                       {14, "RTM_IFINFO: iface status change"},
                       {15, "RTM_NEWMADDR: new multicast group membership on iface"},
                       {16, "RTM_DELMADDR: multicast group membership removed from iface"},
                       {17, "RTM_IFANNOUNCE: interface arrival/departure"},
                       {18, "RTM_IEEE80211: IEEE 802.11 wireless event"}});
}

BitTable freebsd_ifnetflags() {
  return table({{1, "UP"}, {2, "BROADCAST"}, {3, "DEBUG"}, {4, "LOOPBACK"}, {5, "PTP"}, {6, "b6"},
                {7, "RUNNING"}, {8, "NOARP"}, {9, "PPROMISC"}, {10, "ALLMULTI"}, {11, "OACTIVE"},
                {12, "SIMPLEX"}, {13, "LINK0"}, {14, "LINK1"}, {15, "LINK2"}, {16, "MULTICAST"}});
}

BitTable addrnames8() {
  return table({{1, "DST"}, {2, "GATEWAY"}, {3, "NETMASK"}, {4, "GENMASK"}, {5, "IFP"}, {6, "IFA"},
                {7, "AUTHOR"}, {8, "BRD"}});
}

// FreeBSD 11+ (FB-RT); 9.3 and 10.4 have the same string without FIXEDMTU.
BitTable freebsd_routeflags(bool fixedmtu) {
  BitTable t = table({{1, "UP"}, {2, "GATEWAY"}, {3, "HOST"}, {4, "REJECT"}, {5, "DYNAMIC"},
                      {6, "MODIFIED"}, {7, "DONE"}, {10, "XRESOLVE"}, {11, "LLINFO"}, {12, "STATIC"},
                      {13, "BLACKHOLE"}, {15, "PROTO2"}, {16, "PROTO1"}, {17, "PRCLONING"},
                      {18, "WASCLONED"}, {19, "PROTO3"}, {20, "FIXEDMTU"}, {21, "PINNED"},
                      {22, "LOCAL"}, {23, "BROADCAST"}, {24, "MULTICAST"}, {29, "STICKY"}});
  if (!fixedmtu) std::erase_if(t, [](const NamedBit& b) { return b.bit == 20; });
  return t;
}

MonitorStyle freebsd(int version) {
  MonitorStyle s;
  s.printer = Printer::freebsd;
  s.names = version <= 9 ? Names::freebsd_old : Names::freebsd;
  s.msgtypes = freebsd_msgtypes();
  s.routeflags = freebsd_routeflags(version >= 11);
  s.ifnetflags = freebsd_ifnetflags();
  s.addrnames = addrnames8();
  s.metricnames = table({{9, "weight"}, {8, "rttvar"}, {7, "rtt"}, {6, "ssthresh"}, {5, "sendpipe"},
                         {4, "recvpipe"}, {3, "expire"}, {1, "mtu"}});
  s.resolve_check = version >= 11;
  s.walk_all_bits = version <= 9;
  s.atalk = version <= 10;
  s.link_ff_none = true;
  return s;
}

// ---- HP-UX: the FreeBSD printer over the profile's own tables -------------

BitTable from_profile(const abi::BitNames& names) {
  BitTable t;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (!names[i].empty()) t.push_back({static_cast<int>(i) + 1, std::string(names[i])});
  return t;
}

// route(8) names metrics after the rmx_ members, lower case, highest bit first.
BitTable metric_names_from(const abi::BitNames& rtv) {
  static const std::map<std::string_view, std::string_view> rmx = {{"RPIPE", "recvpipe"},
                                                                    {"SPIPE", "sendpipe"}};
  BitTable t;
  for (std::size_t i = rtv.size(); i-- > 0;) {
    if (rtv[i].empty()) continue;
    auto it = rmx.find(rtv[i]);
    std::string n(it != rmx.end() ? it->second : rtv[i]);
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    t.push_back({static_cast<int>(i) + 1, n});
  }
  return t;
}

MonitorStyle hpux(const abi::Profile& p) {
  MonitorStyle s = freebsd(11);
  s.kind_dispatch = true;
  s.atalk = false;
  s.link_ff_none = false;
  s.msgtypes.assign(1, std::string());
  for (std::size_t t = 1; t < p.types.size(); ++t) {
    const auto& ti = p.types[t];
    if (ti.name.empty()) continue;
    s.msgtypes.resize(t + 1);
    s.msgtypes[t] = fmt::format("{}: {}", ti.name, ti.description);
  }
  s.routeflags = from_profile(p.rtf);
  s.ifnetflags = from_profile(p.iff);
  s.addrnames = from_profile(p.rta);
  s.metricnames = metric_names_from(p.rtv);
  return s;
}

// ---- OpenBSD (OB-RT) --------------------------------------------------------

MonitorStyle openbsd() {
  MonitorStyle s;
  s.printer = Printer::openbsd;
  s.names = Names::openbsd;
  s.ift_carp = 0xf7;
  s.msgtypes = msgtypes(22, {{0, ""},
                             {1, "RTM_ADD: Add Route"},
                             {2, "RTM_DELETE: Delete Route"},
                             {3, "RTM_CHANGE: Change Metrics or flags"},
                             {4, "RTM_GET: Report Metrics"},
                             {5, "RTM_LOSING: Kernel Suspects Partitioning"},
                             {6, "RTM_REDIRECT: Told to use different route"},
                             {7, "RTM_MISS: Lookup failed on this address"},
                             {8, ""},
                             {9, ""},
                             {10, ""},
                             {11, "RTM_RESOLVE: Route created by cloning"},
                             {12, "RTM_NEWADDR: address being added to iface"},
                             {13, "RTM_DELADDR: address being removed from iface"},
                             {14, "RTM_IFINFO: iface status change"},
                             {15, "RTM_IFANNOUNCE: iface arrival/departure"},
                             {16, "RTM_DESYNC: route socket overflow"},
                             {17, "RTM_INVALIDATE: invalidate cache of L2 route"},
                             {18, "RTM_BFD: bidirectional forwarding detection"},
                             {19, "RTM_PROPOSAL: config proposal"},
                             {20, "RTM_CHGADDRATTR: address attributes being changed"},
                             {21, "RTM_80211INFO: 802.11 iface status change"}});
  s.routeflags = table({{1, "UP"}, {2, "GATEWAY"}, {3, "HOST"}, {4, "REJECT"}, {5, "DYNAMIC"},
                        {6, "MODIFIED"}, {7, "DONE"}, {8, "XMASK_PRESENT"}, {9, "CLONING"},
                        {10, "MULTICAST"}, {11, "LLINFO"}, {12, "STATIC"}, {13, "BLACKHOLE"},
                        {14, "PROTO3"}, {15, "PROTO2"}, {16, "PROTO1"}, {17, "CLONED"}, {18, "CACHED"},
                        {19, "MPATH"}, {21, "MPLS"}, {22, "LOCAL"}, {23, "BROADCAST"},
                        {24, "CONNECTED"}, {25, "BFD"}});
  s.ifnetflags = table({{1, "UP"}, {2, "BROADCAST"}, {3, "DEBUG"}, {4, "LOOPBACK"}, {5, "PTP"},
                        {6, "STATICARP"}, {7, "RUNNING"}, {8, "NOARP"}, {9, "PPROMISC"},
                        {10, "ALLMULTI"}, {11, "OACTIVE"}, {12, "SIMPLEX"}, {13, "LINK0"},
                        {14, "LINK1"}, {15, "LINK2"}, {16, "MULTICAST"}, {19, "AUTOCONF6TEMP"},
                        {20, "MPLS"}, {21, "WOL"}, {22, "AUTOCONF6"}, {23, "INET6_NOSOII"},
                        {24, "AUTOCONF4"}});
  s.addrnames = addrnames8();
  for (auto [b, n] : {std::pair{9, "SRC"}, {10, "SRCMASK"}, {11, "LABEL"}, {12, "BFD"}, {13, "DNS"},
                      {14, "STATIC"}, {15, "SEARCH"}})
    s.addrnames.push_back({b, n});
  s.metricnames = table({{9, "priority"}, {8, "rttvar"}, {7, "rtt"}, {6, "ssthresh"}, {5, "sendpipe"},
                         {4, "recvpipe"}, {3, "expire"}, {2, "hopcount"}, {1, "mtu"}});
  s.ieee80211flags = table({{1, "ASCAN"}, {2, "SIBSS"}, {9, "WEPON"}, {10, "IBSSON"}, {11, "PMGTON"},
                            {12, "DESBSSID"}, {14, "ROAMING"}, {16, "TXPOW_FIXED"}, {17, "TXPOW_AUTO"},
                            {18, "SHSLOT"}, {19, "SHPREAMBLE"}, {20, "QOS"}, {21, "USEPROT"},
                            {22, "RSNON"}, {23, "PSK"}, {24, "COUNTERM"}, {25, "MFPR"}, {26, "HTON"},
                            {27, "PBAR"}, {28, "BGSCAN"}, {29, "AUTO_JOIN"}, {30, "VHTON"}});
  s.ieee80211xflags = table({{1, "TX_MGMT_ONLY"}});
  return s;
}

// ---- macOS (MAC) --------------------------------------------------------------

MonitorStyle darwin() {
  MonitorStyle s;
  s.printer = Printer::darwin;
  s.names = Names::darwin;
  s.msgtypes = freebsd_msgtypes();
  s.msgtypes.resize(18);
  s.msgtypes[17] = std::nullopt;  // msgtypes[] ends with a NULL
  s.routeflags = table({{1, "UP"}, {2, "GATEWAY"}, {3, "HOST"}, {4, "REJECT"}, {5, "DYNAMIC"},
                        {6, "MODIFIED"}, {7, "DONE"}, {8, "DELCLONE"}, {9, "CLONING"},
                        {10, "XRESOLVE"}, {11, "LLINFO"}, {12, "STATIC"}, {13, "BLACKHOLE"},
                        {14, "b016"}, {15, "PROTO2"}, {16, "PROTO1"}, {17, "PRCLONING"},
                        {18, "WASCLONED"}, {19, "PROTO3"}, {20, "b024"}, {21, "PINNED"},
                        {22, "LOCAL"}, {23, "BROADCAST"}, {24, "MULTICAST"}, {25, "IFSCOPE"},
                        {26, "CONDEMNED"}, {27, "IFREF"}, {28, "PROXY"}, {29, "ROUTER"}});
  s.ifnetflags = freebsd_ifnetflags();
  s.addrnames = addrnames8();
  s.metricnames = table({{9, "pksent"}, {8, "rttvar"}, {7, "rtt"}, {6, "ssthresh"}, {5, "sendpipe"},
                         {4, "recvpipe"}, {3, "expire"}, {2, "hopcount"}, {1, "mtu"}});
  return s;
}

// ---- NetBSD (NB-RT 1.165, NB-H; route.c 1.151 for NetBSD 6-7) ---------------

MonitorStyle netbsd() {
  MonitorStyle s;
  s.printer = Printer::netbsd;
  s.names = Names::netbsd;
  s.ift_carp = 0xf8;
  s.msgtypes = msgtypes(25, {{1, "RTM_ADD: Add Route"},
                             {2, "RTM_DELETE: Delete Route"},
                             {3, "RTM_CHANGE: Change Metrics, Flags or Gateway"},
                             {4, "RTM_GET: Report Metrics"},
                             {5, "RTM_LOSING: Kernel Suspects Partitioning"},
                             {6, "RTM_REDIRECT: Told to use different route"},
                             {7, "RTM_MISS: Lookup failed on this address"},
                             {8, "RTM_LOCK: fix specified metrics"},
                             {9, "RTM_OLDADD: caused by SIOCADDRT"},
                             {10, "RTM_OLDDEL: caused by SIOCDELRT"},
                             {0x0e, "RTM_OOIFINFO: iface status change (pre-1.5)"},
                             {0x0f, "RTM_OIFINFO: iface status change (pre-64bit time)"},
                             {0x10, "RTM_IFANNOUNCE: iface arrival/departure"},
                             {0x11, "RTM_IEEE80211: IEEE80211 wireless event"},
                             {0x14, "RTM_IFINFO: iface status change"},
                             {0x16, "RTM_NEWADDR: address being added to iface"},
                             {0x17, "RTM_DELADDR: address being removed from iface"},
                             {0x18, "RTM_CHGADDR: address being changed on iface"}});
  s.routeflags = table({{1, "UP"}, {2, "GATEWAY"}, {3, "HOST"}, {4, "REJECT"}, {5, "DYNAMIC"},
                        {6, "MODIFIED"}, {7, "DONE"}, {8, "MASK_PRESENT"}, {9, "CONNECTED"},
                        {10, "XRESOLVE"}, {11, "LLINFO"}, {12, "STATIC"}, {13, "BLACKHOLE"},
                        {14, "CLONED"}, {15, "PROTO2"}, {16, "PROTO1"}, {17, "SRC"}, {18, "ANNOUNCE"},
                        {19, "LOCAL"}, {20, "BROADCAST"}, {21, "UPDATING"}});
  s.ifnetflags = table({{1, "UP"}, {2, "BROADCAST"}, {3, "DEBUG"}, {4, "LOOPBACK"}, {5, "POINTOPOINT"},
                        {6, "UNNUMBERED"}, {7, "RUNNING"}, {8, "NOARP"}, {9, "PROMISC"},
                        {10, "ALLMULTI"}, {11, "OACTIVE"}, {12, "SIMPLEX"}, {13, "LINK0"},
                        {14, "LINK1"}, {15, "LINK2"}, {16, "MULTICAST"}});
  s.addrnames = addrnames8();
  s.addrnames.push_back({9, "TAG"});
  s.metricnames = table({{1, "MTU"}, {2, "HOPCOUNT"}, {3, "EXPIRE"}, {4, "RECVPIPE"}, {5, "SENDPIPE"},
                         {6, "SSTHRESH"}, {7, "RTT"}, {8, "RTTVAR"}});
  s.in_ifflags = table({{1, "TENTATIVE"}, {2, "DUPLICATED"}, {3, "DETACHED"}, {4, "TRYTENTATIVE"}});
  s.in6_ifflags = table({{1, "ANYCAST"}, {2, "TENTATIVE"}, {3, "DUPLICATED"}, {4, "DETACHED"},
                         {5, "DEPRECATED"}, {6, "NODAD"}, {7, "AUTOCONF"}, {8, "TEMPORARY"}});
  return s;
}

MonitorStyle netbsd_old() {
  MonitorStyle s = netbsd();
  s.printer = Printer::netbsd_old;
  s.msgtypes = msgtypes(22, {{1, "RTM_ADD: Add Route"},
                             {2, "RTM_DELETE: Delete Route"},
                             {3, "RTM_CHANGE: Change Metrics, Flags or Gateway"},
                             {4, "RTM_GET: Report Metrics"},
                             {5, "RTM_LOSING: Kernel Suspects Partitioning"},
                             {6, "RTM_REDIRECT: Told to use different route"},
                             {7, "RTM_MISS: Lookup failed on this address"},
                             {8, "RTM_LOCK: fix specified metrics"},
                             {9, "RTM_OLDADD: caused by SIOCADDRT"},
                             {10, "RTM_OLDDEL: caused by SIOCDELRT"},
                             {11, "RTM_RESOLVE: Route created by cloning"},
                             {0x0c, "RTM_NEWADDR: address being added to iface"},
                             {0x0d, "RTM_DELADDR: address being removed from iface"},
                             {0x0e, "RTM_OOIFINFO: iface status change (pre-1.5)"},
                             {0x0f, "RTM_OIFINFO: iface status change (pre-64bit time)"},
                             {0x10, "RTM_IFANNOUNCE: iface arrival/departure"},
                             {0x11, "RTM_IEEE80211: IEEE80211 wireless event"},
                             {0x14, "RTM_IFINFO: iface status change"},
                             {0x15, "RTM_CHGADDR: address being changed on iface"}});
  s.metricnames = table({{9, "pksent"}, {8, "rttvar"}, {7, "rtt"}, {6, "ssthresh"}, {5, "sendpipe"},
                         {4, "recvpipe"}, {3, "expire"}, {2, "hopcount"}, {1, "mtu"}});
  s.routeflags = table({{1, "UP"}, {2, "GATEWAY"}, {3, "HOST"}, {4, "REJECT"}, {5, "DYNAMIC"},
                        {6, "MODIFIED"}, {7, "DONE"}, {8, "MASK_PRESENT"}, {9, "CLONING"},
                        {10, "XRESOLVE"}, {11, "LLINFO"}, {12, "STATIC"}, {13, "BLACKHOLE"},
                        {14, "CLONED"}, {15, "PROTO2"}, {16, "PROTO1"}, {19, "LOCAL"},
                        {20, "BROADCAST"}});
  s.ifnetflags = table({{1, "UP"}, {2, "BROADCAST"}, {3, "DEBUG"}, {4, "LOOPBACK"}, {5, "PTP"},
                        {6, "NOTRAILERS"}, {7, "RUNNING"}, {8, "NOARP"}, {9, "PPROMISC"},
                        {10, "ALLMULTI"}, {11, "OACTIVE"}, {12, "SIMPLEX"}, {13, "LINK0"},
                        {14, "LINK1"}, {15, "LINK2"}, {16, "MULTICAST"}});
  return s;
}

// ---- DragonFly (DF) -------------------------------------------------------------

MonitorStyle dragonfly() {
  MonitorStyle s;
  s.printer = Printer::dragonfly;
  s.names = Names::dragonfly;
  s.msgtypes = freebsd_msgtypes();
  s.msgtypes[18] = std::nullopt;  // no IEEE80211 entry: NULL, printed as "#18: "
  s.routeflags = table({{1, "UP"}, {2, "GATEWAY"}, {3, "HOST"}, {4, "REJECT"}, {5, "DYNAMIC"},
                        {6, "MODIFIED"}, {7, "DONE"}, {8, "MASK_PRESENT"}, {9, "CLONING"},
                        {10, "XRESOLVE"}, {11, "LLINFO"}, {12, "STATIC"}, {13, "BLACKHOLE"},
                        {14, "b016"}, {15, "PROTO2"}, {16, "PROTO1"}, {17, "PRCLONING"},
                        {18, "WASCLONED"}, {19, "PROTO3"}, {20, "CHAINDELETE"}, {21, "PINNED"},
                        {22, "LOCAL"}, {23, "BROADCAST"}, {24, "MULTICAST"}});
  s.ifnetflags = freebsd_ifnetflags();
  s.addrnames = addrnames8();
  for (auto [b, n] : {std::pair{9, "MPLS1"}, {10, "MPLS2"}, {11, "MPLS3"}}) s.addrnames.push_back({b, n});
  s.metricnames = table({{11, "iw"}, {10, "iwmax"}, {9, "msl"}, {8, "rttvar"}, {7, "rtt"},
                         {6, "ssthresh"}, {5, "sendpipe"}, {4, "recvpipe"}, {3, "expire"},
                         {2, "hopcount"}, {1, "mtu"}});
  return s;
}

// One style per (OS, version band); HP-UX's is built from its profile.
const MonitorStyle& freebsd_style(int version) {
  static const MonitorStyle old9 = freebsd(9), v10 = freebsd(10), cur = freebsd(11);
  return version <= 9 ? old9 : version == 10 ? v10 : cur;
}

}  // namespace

const MonitorStyle& monitor_style(const abi::Profile& p) {
  static const MonitorStyle ob = openbsd(), dw = darwin(), nb = netbsd(), nb_old = netbsd_old(),
                            df = dragonfly();
  static const MonitorStyle hp = hpux(*abi::find_profile("hpux"));
  switch (p.os) {
    case abi::Os::freebsd: return freebsd_style(p.os_version);
    case abi::Os::openbsd: return ob;
    case abi::Os::darwin: return dw;
    case abi::Os::netbsd: return p.os_version >= 8 ? nb : nb_old;
    case abi::Os::dragonfly: return df;
    case abi::Os::hpux: return hp;
  }
  return freebsd_style(14);
}

// ===== Address printing =============================================================

namespace {

constexpr std::uint8_t kAfUnspec = 0;
constexpr std::uint8_t kAfAppletalk = 16;  // FreeBSD, NetBSD
constexpr std::uint8_t kAfMpls = 33;       // OpenBSD, NetBSD
constexpr std::size_t kIfNamSiz = 16;
constexpr char kHex[] = "0123456789abcdef";

std::uint16_t host16(const SaRef& sa, std::size_t off, abi::ByteOrder o) {
  const std::uint8_t a = sa.at(off), b = sa.at(off + 1);
  return static_cast<std::uint16_t>(o == abi::ByteOrder::little ? (b << 8 | a) : (a << 8 | b));
}

std::uint32_t host32(const SaRef& sa, std::size_t off, abi::ByteOrder o) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t k = o == abi::ByteOrder::little ? 3 - i : i;
    v = v << 8 | sa.at(off + k);
  }
  return v;
}

std::uint32_t net32(const SaRef& sa, std::size_t off) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = v << 8 | sa.at(off + i);
  return v;
}

// A C string: everything up to the first NUL.
std::string c_string(std::string s) {
  if (auto n = s.find('\0'); n != std::string::npos) s.resize(n);
  return s;
}

// The first `n` bytes of the sockaddr, zero-extended (memcpy into a zeroed struct).
std::array<std::uint8_t, 256> copy_of(const SaRef& sa, std::size_t n) {
  std::array<std::uint8_t, 256> b{};
  for (std::size_t i = 0; i < std::min<std::size_t>(n, b.size()); ++i) b[i] = sa.at(i);
  return b;
}

std::string inet_text(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return fmt::format("{}.{}.{}.{}", a, b, c, d);
}

std::string ipv4_at(const SaRef& sa, std::size_t off) {
  return inet_text(sa.at(off), sa.at(off + 1), sa.at(off + 2), sa.at(off + 3));
}

// getnameinfo(NI_NUMERICHOST) of an IPv6 address: the scope is printed as a
// number (there is no if_indextoname on this host).
std::string ipv6_text(const std::uint8_t* addr, std::uint32_t scope) {
  char buf[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET6, addr, buf, sizeof buf);
  std::string s = buf;
  if (scope != 0) s += fmt::format("%{}", scope);
  return s;
}

bool ll(const std::uint8_t* a) { return a[0] == 0xfe && (a[1] & 0xc0) == 0x80; }
bool mc_scope(const std::uint8_t* a, int scope) { return a[0] == 0xff && (a[1] & 0x0f) == scope; }

// A sockaddr_in6 copied into a zeroed struct of length 28; with `kame`, the
// embedded scope of a scoped address moves to sin6_scope_id (when sa_len is 28
// and the scope id is 0). `node_local` adds ff01::/16 to the scoped set.
std::string inet6_name(const SaRef& sa, const abi::Profile& p, bool kame, bool node_local) {
  auto b = copy_of(sa, std::min<std::size_t>(sa.len(), 28));
  std::uint8_t* addr = b.data() + 8;
  std::uint32_t scope = host32(SaRef{{b.data(), 28}}, 24, p.order);
  const bool scoped = ll(addr) || mc_scope(addr, 2) || (node_local && mc_scope(addr, 1));
  if (kame && sa.len() == 28 && scoped && scope == 0) {
    scope = static_cast<std::uint32_t>(addr[2] << 8 | addr[3]);
    addr[2] = addr[3] = 0;
  }
  return ipv6_text(addr, scope);
}

// link_ntoa(3) of 4.4BSD (Darwin, NetBSD, OpenBSD, FreeBSD <= 9): the name,
// ':' when there is an address, the address bytes in hex joined by '.'.
std::string link_ntoa_classic(const SaRef& sa) {
  const std::size_t nlen = sa.at(5), alen = sa.at(6);
  std::string out;
  for (std::size_t i = 0; i < nlen; ++i) out += static_cast<char>(sa.at(8 + i));
  if (nlen != 0 && alen != 0) out += ':';
  for (std::size_t i = 0; i < alen; ++i) {
    if (i != 0) out += '.';
    const std::uint8_t v = sa.at(8 + nlen + i);
    if (v > 0xf) out += kHex[v >> 4];
    out += kHex[v & 0xf];
  }
  out.resize(std::min<std::size_t>(out.size(), 63));  // obuf[64]
  return c_string(out);
}

// FreeBSD/DragonFly link_ntoa (FB-LA, DF-LA): the name is cut at IFNAMSIZ and
// the output at the 64-byte buffer.
std::string link_ntoa_fb(const SaRef& sa) {
  const std::size_t nlen = sa.at(5), alen = sa.at(6);
  const std::size_t namelen = std::min(nlen, kIfNamSiz);
  std::string out;
  std::size_t rem = 64;
  for (std::size_t i = 0; i < namelen; ++i) out += static_cast<char>(sa.at(8 + i));
  rem -= namelen;
  if (namelen > 0 && alen > 0) {
    out += ':';
    --rem;
  }
  for (std::size_t i = 0; i < alen && rem > 1; ++i) {
    if (i != 0) {
      out += '.';
      --rem;
    }
    const std::uint8_t v = sa.at(8 + nlen + i);
    if (v > 0xf) {
      if (rem < 3) break;
      out += kHex[v >> 4];
      out += kHex[v & 0xf];
      rem -= 2;
    } else {
      if (rem < 2) break;
      out += kHex[v];
      --rem;
    }
  }
  return c_string(out);
}

bool link_empty(const SaRef& sa, bool ff_none) {
  auto none = [&](std::uint8_t v) { return v == 0 || (ff_none && v == 0xff); };
  return none(sa.at(5)) && none(sa.at(6)) && none(sa.at(7));
}

// OpenBSD/NetBSD link_print: link#N, ether_ntoa for Ethernet and CARP, else link_ntoa.
std::string link_print(const MonitorStyle& st, const SaRef& sa, const abi::Profile& p) {
  if (link_empty(sa, false)) return fmt::format("link#{}", host16(sa, 2, p.order));
  const std::uint8_t type = sa.at(4);
  if (type == 6 || (st.ift_carp != 0 && type == st.ift_carp)) return ether_text(sa, 8 + sa.at(5));
  return link_ntoa_classic(sa);
}

// "(%d)" and the sockaddr as 16-bit host-order words from sa_data (FreeBSD, macOS).
std::string words_text(const SaRef& sa, const abi::Profile& p) {
  std::string out = fmt::format("({})", sa.fam());
  const std::size_t words = (static_cast<std::size_t>(sa.len()) + 1) / 2;
  for (std::size_t w = 1; w < words; ++w) out += fmt::format(" {:x}", host16(sa, 2 * w, p.order));
  return out;
}

// any_ntoa (OpenBSD, NetBSD): 'Q' and sa_data bytes as "xx" joined by '.'
// (at least one byte; the 240-byte buffer holds 79).
std::string any_ntoa(const SaRef& sa) {
  std::string out = "Q";
  int len = static_cast<int>(sa.len()) - 2;
  std::size_t i = 0;
  do {
    const std::uint8_t v = sa.at(2 + i++);
    out += kHex[v >> 4];
    out += kHex[v & 0xf];
    out += '.';
  } while (--len > 0 && out.size() + 3 < 239);
  out.pop_back();
  return out;
}

std::string atalk_text(const SaRef& sa, std::uint16_t net) { return fmt::format("atalk {}.{}", net, sa.at(6)); }

std::string routename_freebsd(const MonitorStyle& st, const abi::Profile& p, const SaRef& sa) {
  // With -n a zero-length sockaddr is not "default": its family byte decides.
  const std::uint8_t fam = sa.fam();
  if (fam == p.af_inet || fam == p.af_inet6) {
    auto b = copy_of(sa, sa.len());
    b[1] = fam;
    const SaRef c{{b.data(), b.size()}};
    if (fam == p.af_inet) return ipv4_at(c, 4);
    return ipv6_text(b.data() + 8, host32(c, 24, p.order));
  }
  if (st.atalk && fam == kAfAppletalk)  // atalk_ntoa: ntohs(s_net).s_node
    return atalk_text(sa, static_cast<std::uint16_t>(sa.at(4) << 8 | sa.at(5)));
  if (fam == p.af_link) {
    if (link_empty(sa, st.link_ff_none)) return fmt::format("link#{}", host16(sa, 2, p.order));
    return link_ntoa_fb(sa);
  }
  return words_text(sa, p);
}

std::string routename_freebsd_old(const abi::Profile& p, const SaRef& sa) {
  if (sa.len() == 0) return "default";
  const std::uint8_t fam = sa.fam();
  if (fam == p.af_inet) {
    const bool any = !sa.at(4) && !sa.at(5) && !sa.at(6) && !sa.at(7);
    return any || sa.len() < 4 ? "default" : ipv4_at(sa, 4);
  }
  if (fam == p.af_inet6) return inet6_name(sa, p, true, true);
  if (fam == kAfAppletalk) return atalk_text(sa, static_cast<std::uint16_t>(sa.at(4) << 8 | sa.at(5)));
  if (fam == p.af_link) return link_ntoa_classic(sa);
  return words_text(sa, p);
}

std::string routename_darwin(const abi::Profile& p, const SaRef& sa) {
  if (sa.len() == 0) return "default";
  const std::uint8_t fam = sa.fam();
  if (fam == p.af_inet) {
    const bool any = !sa.at(4) && !sa.at(5) && !sa.at(6) && !sa.at(7);
    return any || sa.len() < 4 ? "default" : ipv4_at(sa, 4);
  }
  if (fam == p.af_inet6) return inet6_name(sa, p, true, true);
  if (fam == p.af_link) return link_ntoa_classic(sa);
  return words_text(sa, p);
}

std::string routename_dragonfly(const abi::Profile& p, const SaRef& sa) {
  if (sa.len() == 0) return "default";
  const std::uint8_t fam = sa.fam();
  if (fam == p.af_inet) {
    const bool any = !sa.at(4) && !sa.at(5) && !sa.at(6) && !sa.at(7);
    return any || sa.len() < 4 ? "default" : ipv4_at(sa, 4);
  }
  if (fam == p.af_inet6) return inet6_name(sa, p, true, false);
  if (fam == p.af_link) return link_ntoa_fb(sa);
  std::string out = fmt::format("({})", fam);
  for (std::size_t i = 2; i < sa.len(); ++i) out += fmt::format(" {:02x}", sa.at(i));
  return out;
}

std::string rtlabel_text(const SaRef& sa) {
  std::string label;
  for (std::size_t i = 2; sa.at(i) != 0 && i < sa.b.size(); ++i) label += static_cast<char>(sa.at(i));
  std::string s = "\"" + label + "\"";
  s.resize(std::min<std::size_t>(s.size(), 33));  // name[RTLABEL_LEN + 2]
  return s;
}

std::string routename_openbsd(const MonitorStyle& st, const abi::Profile& p, const SaRef& sa) {
  if (sa.len() == 0) return "default";
  const std::uint8_t fam = sa.fam();
  if (fam == p.af_inet) return ipv4_at(sa, 4);
  if (fam == p.af_inet6) return inet6_name(sa, p, true, true);
  if (fam == p.af_link) return link_print(st, sa, p);
  if (fam == kAfMpls) return fmt::format("{}", net32(sa, 4) >> 12);
  if (fam == kAfUnspec && sa.len() == 34) return rtlabel_text(sa);
  return fmt::format("({}) {}", fam, any_ntoa(sa));
}

std::string mpls_ntoa(const SaRef& sa) {
  std::string out = fmt::format("{}", net32(sa, 4) >> 12);
  for (std::size_t psize = 8, off = 8; psize < sa.len(); psize += 4, off += 4)
    out += fmt::format(",{}", net32(sa, off) >> 12);
  out.resize(std::min<std::size_t>(out.size(), 15));  // obuf[16]
  return out;
}

// NetBSD inet6_getscopeid(): an embedded scope of a link-local or link-local
// multicast address replaces sin6_scope_id.
std::string inet6_netbsd(const SaRef& sa, const abi::Profile& p) {
  auto b = copy_of(sa, std::min<std::size_t>(sa.len(), 28));
  std::uint8_t* addr = b.data() + 8;
  std::uint32_t scope = host32(SaRef{{b.data(), 28}}, 24, p.order);
  const std::uint16_t embedded = static_cast<std::uint16_t>(addr[2] << 8 | addr[3]);
  if (sa.len() == 28 && (ll(addr) || mc_scope(addr, 2)) && embedded != 0) {
    scope = embedded;
    addr[2] = addr[3] = 0;
  }
  return ipv6_text(addr, scope);
}

std::string routename_netbsd(const MonitorStyle& st, const abi::Profile& p, const SaRef& sa) {
  if (sa.len() == 0) return "default";
  const std::uint8_t fam = sa.fam();
  if (fam == p.af_inet) {
    const bool any = !sa.at(4) && !sa.at(5) && !sa.at(6) && !sa.at(7);
    return any ? "default" : ipv4_at(sa, 4);
  }
  if (fam == p.af_inet6) return inet6_netbsd(sa, p);
  if (fam == p.af_link) return link_print(st, sa, p);
  if (fam == kAfMpls) return mpls_ntoa(sa);
  if (fam == kAfAppletalk)  // s_net printed as stored (no ntohs), then s_node
    return fmt::format("atalk {}.{}", host16(sa, 4, p.order), sa.at(6));
  return fmt::format("({}) {}", fam, any_ntoa(sa));
}

}  // namespace

std::string ether_text(const SaRef& sa, std::size_t off) {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", sa.at(off), sa.at(off + 1), sa.at(off + 2),
                     sa.at(off + 3), sa.at(off + 4), sa.at(off + 5));
}

std::string routename(const MonitorStyle& st, const abi::Profile& p, const SaRef& sa) {
  switch (st.names) {
    case Names::freebsd: return routename_freebsd(st, p, sa);
    case Names::freebsd_old: return routename_freebsd_old(p, sa);
    case Names::openbsd: return routename_openbsd(st, p, sa);
    case Names::darwin: return routename_darwin(p, sa);
    case Names::netbsd: return routename_netbsd(st, p, sa);
    case Names::dragonfly: return routename_dragonfly(p, sa);
  }
  return words_text(sa, p);
}

std::string sin6_numeric(const SaRef& sa, const abi::Profile& p) {
  auto b = copy_of(sa, 28);
  return ipv6_text(b.data() + 8, host32(SaRef{{b.data(), 28}}, 24, p.order));
}

std::string netbsd_netmask(const SaRef& mask, int family, const abi::Profile& p) {
  if (family == p.af_inet) {
    auto b = copy_of(mask, std::min<std::size_t>(mask.len(), 16));
    return inet_text(b[4], b[5], b[6], b[7]);
  }
  if (family == p.af_inet6) {
    auto b = copy_of(mask, std::min<std::size_t>(mask.len(), 28));
    return ipv6_text(b.data() + 8, 0);
  }
  return any_ntoa(mask);
}

}  // namespace rtsock::codec::detail
