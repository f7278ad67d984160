// The profile tables. Facts: shared/spec/wire-and-kernel.md sections A.1-A.14
// (layouts, numbering, alignment); HP-UX values past what route(7P) publishes
// are 4.4BSD's and marked assumed.
#include <algorithm>
#include <memory>
#include <mutex>

#include "rtsock/abi/profile.hpp"

namespace rtsock::abi {

void Layout::index() {
  at.fill(0);
  indexed = fields.size() < 255;
  if (!indexed) return;
  for (std::size_t i = fields.size(); i-- > 0;)  // the first of duplicates wins, as in a scan
    at[static_cast<std::size_t>(fields[i].field)] = static_cast<std::uint8_t>(i + 1);
}

const FieldLoc* Layout::find(Field f) const {
  if (indexed) {
    const std::uint8_t i = at[static_cast<std::size_t>(f)];
    return i == 0 ? nullptr : &fields[i - 1];
  }
  for (const auto& l : fields)
    if (l.field == f) return &l;
  return nullptr;
}

HdrKind Profile::header_of(std::uint8_t type, bool long_if) const {
  HdrKind k = types[type].hdr;
  if (long_if) {
    if (k == HdrKind::ifinfo && layout(HdrKind::ifinfol).present()) return HdrKind::ifinfol;
    if (k == HdrKind::ifaddr && layout(HdrKind::ifaddrl).present()) return HdrKind::ifaddrl;
  }
  return k;
}

std::optional<std::uint8_t> Profile::type_number(std::string_view n) const {
  for (std::size_t t = 0; t < types.size(); ++t) {
    std::string_view tn = types[t].name;
    if (tn.empty()) continue;
    if (tn == n || (n.size() + 4 == tn.size() && tn.substr(4) == n))
      return static_cast<std::uint8_t>(t);
  }
  return std::nullopt;
}

bool Profile::mask_slot(int slot) const {
  if (slot == kNetmask || slot == kGenmask) return true;
  return os == Os::openbsd && slot == 9;  // RTAX_SRCMASK
}

std::string_view os_name(Os os) {
  switch (os) {
    case Os::freebsd: return "freebsd";
    case Os::darwin: return "darwin";
    case Os::openbsd: return "openbsd";
    case Os::netbsd: return "netbsd";
    case Os::dragonfly: return "dragonfly";
    case Os::hpux: return "hpux";
  }
  return "?";
}

std::string_view hdr_kind_name(HdrKind k) {
  switch (k) {
    case HdrKind::none: return "none";
    case HdrKind::route: return "rt_msghdr";
    case HdrKind::route2: return "rt_msghdr2";
    case HdrKind::ifinfo: return "if_msghdr";
    case HdrKind::ifinfol: return "if_msghdrl";
    case HdrKind::ifinfo2: return "if_msghdr2";
    case HdrKind::ifaddr: return "ifa_msghdr";
    case HdrKind::ifaddrl: return "ifa_msghdrl";
    case HdrKind::ifaddr_old: return "ifa_msghdr (NetBSD 6-7)";
    case HdrKind::ifmaddr: return "ifma_msghdr";
    case HdrKind::ifmaddr2: return "ifma_msghdr2";
    case HdrKind::announce: return "if_announcemsghdr";
    case HdrKind::count_: break;
  }
  return "?";
}

namespace {

// Layout builder: h(...) adds header fields, d(...) if_data fields.
class L {
 public:
  L(HdrKind k, std::uint16_t size) { l_.kind = k; l_.size = size; }
  L& h(Field f, std::uint16_t off, std::uint8_t size, bool sgn = false) {
    l_.fields.push_back({f, off, size, sgn, false});
    return *this;
  }
  // The three fields every routing message starts with.
  L& common() { return h(Field::msglen, 0, 2).h(Field::version, 2, 1).h(Field::type, 3, 1); }
  L& data(std::uint16_t off, const Layout& ifdata) {
    l_.data_off = off;
    l_.data_size = ifdata.size;
    for (auto f : ifdata.fields) {
      f.in_data = true;
      l_.fields.push_back(f);
    }
    return *this;
  }
  L& name(std::uint16_t off, std::uint8_t len) {
    l_.name_off = off;
    l_.name_len = len;
    return *this;
  }
  L& hdrlen_from(Field f) { l_.hdrlen_field = f; return *this; }
  L& data_off_from(Field f) { l_.data_off_field = f; return *this; }
  operator Layout() const { return l_; }

 private:
  Layout l_;
};

// An if_data (or rt_metrics) description: a list of fields with offsets.
class D {
 public:
  explicit D(std::uint16_t size) { l_.size = size; }
  D& f(Field f, std::uint16_t off, std::uint8_t size, bool sgn = false) {
    l_.fields.push_back({f, off, size, sgn, false});
    return *this;
  }
  operator Layout() const { return l_; }

 private:
  Layout l_;
};

// Adds rt_metrics members at base.
void metrics(L& l, std::uint16_t base, const Layout& rmx) {
  for (const auto& f : rmx.fields) l.h(f.field, static_cast<std::uint16_t>(base + f.off), f.size, f.is_signed);
}

void set(Profile& p, HdrKind k, Layout l) {
  l.index();
  p.layouts[static_cast<std::size_t>(k)] = std::move(l);
}

void type(Profile& p, int t, std::string_view name, std::string_view desc, HdrKind k) {
  p.types[static_cast<std::size_t>(t)] = {name, desc, k};
}

void bits(BitNames& b, std::initializer_list<std::pair<std::uint32_t, std::string_view>> l) {
  for (auto [bit, name] : l)
    for (int i = 0; i < 32; ++i)
      if (bit == (1u << i)) b[static_cast<std::size_t>(i)] = name;
}

// ---- shared tables --------------------------------------------------------

void rta_common(Profile& p) {
  bits(p.rta, {{0x1, "DST"}, {0x2, "GATEWAY"}, {0x4, "NETMASK"}, {0x8, "GENMASK"},
               {0x10, "IFP"}, {0x20, "IFA"}, {0x40, "AUTHOR"}, {0x80, "BRD"}});
}

void rtv_common(Profile& p) {
  bits(p.rtv, {{0x1, "MTU"}, {0x2, "HOPCOUNT"}, {0x4, "EXPIRE"}, {0x8, "RPIPE"},
               {0x10, "SPIPE"}, {0x20, "SSTHRESH"}, {0x40, "RTT"}, {0x80, "RTTVAR"}});
}

void rtf_common(Profile& p) {
  bits(p.rtf, {{0x1, "UP"}, {0x2, "GATEWAY"}, {0x4, "HOST"}, {0x8, "REJECT"},
               {0x10, "DYNAMIC"}, {0x20, "MODIFIED"}, {0x40, "DONE"}, {0x800, "STATIC"},
               {0x1000, "BLACKHOLE"}, {0x4000, "PROTO2"}, {0x8000, "PROTO1"}});
}

void iff_common(Profile& p) {
  bits(p.iff, {{0x1, "UP"}, {0x2, "BROADCAST"}, {0x4, "DEBUG"}, {0x8, "LOOPBACK"},
               {0x10, "POINTOPOINT"}, {0x40, "RUNNING"}, {0x80, "NOARP"}, {0x100, "PROMISC"},
               {0x200, "ALLMULTI"}, {0x400, "OACTIVE"}, {0x800, "SIMPLEX"}, {0x1000, "LINK0"},
               {0x2000, "LINK1"}, {0x4000, "LINK2"}, {0x8000, "MULTICAST"}});
}

// The 4.4BSD route-header types 1-8, 11, shared by every OS.
void types_44(Profile& p, bool lock = true) {
  type(p, 1, "RTM_ADD", "Add Route", HdrKind::route);
  type(p, 2, "RTM_DELETE", "Delete Route", HdrKind::route);
  type(p, 3, "RTM_CHANGE", "Change Metrics or flags", HdrKind::route);
  type(p, 4, "RTM_GET", "Report Metrics", HdrKind::route);
  type(p, 5, "RTM_LOSING", "Kernel Suspects Partitioning", HdrKind::route);
  type(p, 6, "RTM_REDIRECT", "Told to use different route", HdrKind::route);
  type(p, 7, "RTM_MISS", "Lookup failed on this address", HdrKind::route);
  if (lock) type(p, 8, "RTM_LOCK", "fix specified metrics", HdrKind::route);
  type(p, 11, "RTM_RESOLVE", "Route created by cloning", HdrKind::route);
}

void types_oldaddel(Profile& p) {
  type(p, 9, "RTM_OLDADD", "caused by SIOCADDRT", HdrKind::route);
  type(p, 10, "RTM_OLDDEL", "caused by SIOCDELRT", HdrKind::route);
}

void types_addr_if(Profile& p) {
  type(p, 12, "RTM_NEWADDR", "address being added to iface", HdrKind::ifaddr);
  type(p, 13, "RTM_DELADDR", "address being removed from iface", HdrKind::ifaddr);
  type(p, 14, "RTM_IFINFO", "iface status change", HdrKind::ifinfo);
}

void types_maddr(Profile& p) {
  type(p, 15, "RTM_NEWMADDR", "new multicast group membership on iface", HdrKind::ifmaddr);
  type(p, 16, "RTM_DELMADDR", "multicast group membership removed from iface", HdrKind::ifmaddr);
}

// if_announcemsghdr of FreeBSD, NetBSD and DragonFly.
Layout announce24() {
  return L(HdrKind::announce, 24).common().h(Field::index, 4, 2).name(6, 16).h(Field::what, 22, 2);
}

// ---- FreeBSD ----------------------------------------------------------------

// if_data of FreeBSD 7-10 (u_long counters) for a word size W.
Layout fbsd_ifdata_old(int ver, std::uint8_t w) {
  D d(0);
  d.f(Field::ifi_type, 0, 1).f(Field::ifi_physical, 1, 1).f(Field::ifi_addrlen, 2, 1)
      .f(Field::ifi_hdrlen, 3, 1).f(Field::ifi_link_state, 4, 1);
  if (ver >= 10) d.f(Field::ifi_vhid, 5, 1).f(Field::ifi_baudrate_pf, 6, 1);
  d.f(Field::ifi_datalen, 7, 1);
  const Field cnt[] = {Field::ifi_mtu,       Field::ifi_metric,  Field::ifi_baudrate,
                       Field::ifi_ipackets,  Field::ifi_ierrors, Field::ifi_opackets,
                       Field::ifi_oerrors,   Field::ifi_collisions, Field::ifi_ibytes,
                       Field::ifi_obytes,    Field::ifi_imcasts, Field::ifi_omcasts,
                       Field::ifi_iqdrops,   Field::ifi_noproto};
  std::uint16_t off = 8;
  for (Field f : cnt) {
    d.f(f, off, w);
    off = static_cast<std::uint16_t>(off + w);
  }
  std::uint8_t hw = (ver >= 10) ? 8 : w;  // 10 made ifi_hwassist uint64_t
  d.f(Field::ifi_hwassist, off, hw);
  off = static_cast<std::uint16_t>(off + hw);
  std::uint8_t t = w;  // time_t: 8 on LP64, 4 on i386
  d.f(Field::ifi_epoch, off, t, true);
  off = static_cast<std::uint16_t>(off + t);
  d.f(Field::ifi_lastchange_sec, off, t, true).f(Field::ifi_lastchange_usec, static_cast<std::uint16_t>(off + t), w, true);
  off = static_cast<std::uint16_t>(off + t + w);
  Layout l = d;
  l.size = off;
  return l;
}

// if_data of FreeBSD 11+ (fixed-width, identical on every arch but for the
// time_t inside the epoch and lastchange unions).
Layout fbsd_ifdata_11(bool lp64) {
  D d(152);
  d.f(Field::ifi_type, 0, 1).f(Field::ifi_physical, 1, 1).f(Field::ifi_addrlen, 2, 1)
      .f(Field::ifi_hdrlen, 3, 1).f(Field::ifi_link_state, 4, 1).f(Field::ifi_vhid, 5, 1)
      .f(Field::ifi_datalen, 6, 2).f(Field::ifi_mtu, 8, 4).f(Field::ifi_metric, 12, 4)
      .f(Field::ifi_baudrate, 16, 8).f(Field::ifi_ipackets, 24, 8).f(Field::ifi_ierrors, 32, 8)
      .f(Field::ifi_opackets, 40, 8).f(Field::ifi_oerrors, 48, 8)
      .f(Field::ifi_collisions, 56, 8).f(Field::ifi_ibytes, 64, 8).f(Field::ifi_obytes, 72, 8)
      .f(Field::ifi_imcasts, 80, 8).f(Field::ifi_omcasts, 88, 8).f(Field::ifi_iqdrops, 96, 8)
      .f(Field::ifi_oqdrops, 104, 8).f(Field::ifi_noproto, 112, 8)
      .f(Field::ifi_hwassist, 120, 8);
  if (lp64)
    d.f(Field::ifi_epoch, 128, 8, true).f(Field::ifi_lastchange_sec, 136, 8, true)
        .f(Field::ifi_lastchange_usec, 144, 8, true);
  else
    d.f(Field::ifi_epoch, 128, 4, true).f(Field::ifi_lastchange_sec, 136, 4, true)
        .f(Field::ifi_lastchange_usec, 140, 4, true);
  return d;
}

Profile freebsd(int ver, std::string_view arch) {
  Profile p;
  const bool lp64 = arch != "i386";
  const std::uint8_t w = lp64 ? 8 : 4;
  p.name = "freebsd" + std::to_string(ver) + "-" + std::string(arch);
  p.summary = "FreeBSD " + std::to_string(ver) + " " + std::string(arch) +
              (arch == "i386-on-amd64" ? " (32-bit process, 64-bit kernel: amd64 layout)" : "");
  p.os = Os::freebsd;
  p.os_version = ver;
  p.lp64 = lp64;
  p.sa_align = w;
  p.sysctl_align = w;
  p.rtax_max = 8;
  p.af_inet6 = 28;
  p.sdl_size = 54;
  p.mask_form = ver >= 11 ? MaskForm::full : MaskForm::compressed;

  types_44(p);
  if (ver <= 13) types_oldaddel(p);
  types_addr_if(p);
  types_maddr(p);
  type(p, 17, "RTM_IFANNOUNCE", "interface arrival/departure", HdrKind::announce);
  type(p, 18, "RTM_IEEE80211", "IEEE 802.11 wireless event", HdrKind::announce);

  rtf_common(p);
  bits(p.rtf, {{0x200, "XRESOLVE"}, {0x400, "LLINFO"}, {0x40000, "PROTO3"}});
  if (ver <= 7)
    bits(p.rtf, {{0x100, "CLONING"}, {0x10000, "PRCLONING"}, {0x20000, "WASCLONED"}});
  if (ver >= 8)
    bits(p.rtf, {{0x80000, "FIXEDMTU"}, {0x100000, "PINNED"}, {0x200000, "LOCAL"},
                 {0x400000, "BROADCAST"}, {0x800000, "MULTICAST"}, {0x10000000, "STICKY"},
                 {0x80000000u, "GWFLAG_COMPAT"}});
  if (ver >= 8 && ver <= 12) bits(p.rtf, {{0x40000000, "RNH_LOCKED"}});
  iff_common(p);
  bits(p.iff, {{0x10000, "CANTCONFIG"}, {0x20000, "PPROMISC"}, {0x40000, "MONITOR"},
               {0x80000, "STATICARP"}, {0x200000, "DYING"}, {0x400000, "RENAMING"}});
  rta_common(p);
  rtv_common(p);
  if (ver >= 8) bits(p.rtv, {{0x100, "WEIGHT"}});

  // rt_msghdr: identical 7-15 for a word size.
  L rt(HdrKind::route, static_cast<std::uint16_t>(32 + 15 * w));
  rt.common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
      .h(Field::pid, 16, 4, true).h(Field::seq, 20, 4, true).h(Field::err, 24, 4, true)
      .h(Field::fmask, 28, 4, true).h(Field::inits, 32, w);
  {
    const std::uint16_t b = static_cast<std::uint16_t>(32 + w);
    const Field m[] = {Field::rmx_locks,    Field::rmx_mtu,      Field::rmx_hopcount,
                       Field::rmx_expire,   Field::rmx_recvpipe, Field::rmx_sendpipe,
                       Field::rmx_ssthresh, Field::rmx_rtt,      Field::rmx_rttvar,
                       Field::rmx_pksent};
    std::uint16_t off = b;
    for (Field f : m) {
      rt.h(f, off, w);
      off = static_cast<std::uint16_t>(off + w);
    }
    if (ver >= 8) rt.h(Field::rmx_weight, off, w);
    off = static_cast<std::uint16_t>(off + w);
    if (ver >= 13) rt.h(Field::rmx_nhidx, off, w);
  }
  set(p, HdrKind::route, rt);

  Layout ifd = ver >= 11 ? fbsd_ifdata_11(lp64) : fbsd_ifdata_old(ver, w);
  set(p, HdrKind::ifinfo,
      L(HdrKind::ifinfo, static_cast<std::uint16_t>(16 + ifd.size)).common()
          .h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true).h(Field::index, 12, 2)
          .data(16, ifd));
  set(p, HdrKind::ifaddr,
      L(HdrKind::ifaddr, 20).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).h(Field::metric, 16, 4, true));
  if (ver >= 10) {
    // if_msghdrl / ifa_msghdrl: i386 10 puts if_data at 20, everything else at 24.
    const std::uint16_t doff = (!lp64 && ver == 10) ? 20 : 24;
    set(p, HdrKind::ifinfol,
        L(HdrKind::ifinfol, static_cast<std::uint16_t>(doff + ifd.size)).common()
            .h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true).h(Field::index, 12, 2)
            .h(Field::hdrlen, 16, 2).h(Field::data_off, 18, 2).data(doff, ifd)
            .hdrlen_from(Field::hdrlen).data_off_from(Field::data_off));
    set(p, HdrKind::ifaddrl,
        L(HdrKind::ifaddrl, static_cast<std::uint16_t>(24 + ifd.size)).common()
            .h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true).h(Field::index, 12, 2)
            .h(Field::hdrlen, 16, 2).h(Field::data_off, 18, 2).h(Field::metric, 20, 4, true)
            .data(24, ifd).hdrlen_from(Field::hdrlen).data_off_from(Field::data_off));
  }
  set(p, HdrKind::ifmaddr,
      L(HdrKind::ifmaddr, 16).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2));
  set(p, HdrKind::announce, announce24());
  return p;
}

// ---- Darwin -------------------------------------------------------------------

Layout darwin_rmx() {
  return D(56).f(Field::rmx_locks, 0, 4).f(Field::rmx_mtu, 4, 4).f(Field::rmx_hopcount, 8, 4)
      .f(Field::rmx_expire, 12, 4, true).f(Field::rmx_recvpipe, 16, 4)
      .f(Field::rmx_sendpipe, 20, 4).f(Field::rmx_ssthresh, 24, 4).f(Field::rmx_rtt, 28, 4)
      .f(Field::rmx_rttvar, 32, 4).f(Field::rmx_pksent, 36, 4).f(Field::rmx_state, 40, 4);
}

Profile darwin() {
  Profile p;
  p.name = "darwin";
  p.summary = "macOS / iOS (xnu), x86_64 and arm64, incl. the *2 messages";
  p.os = Os::darwin;
  p.sa_align = 4;
  p.rtax_max = 8;
  p.af_inet6 = 30;
  p.sdl_size = 20;
  p.eopnotsupp = 102;
  p.last_sa_unpadded = true;
  p.link_states = LinkStates::none;

  types_44(p);
  types_oldaddel(p);
  types_addr_if(p);
  types_maddr(p);
  type(p, 17, "RTM_GET_SILENT", "Report Metrics (sender only)", HdrKind::route);
  type(p, 18, "RTM_IFINFO2", "iface status change (extended)", HdrKind::ifinfo2);
  type(p, 19, "RTM_NEWMADDR2", "new multicast group membership on iface (extended)",
       HdrKind::ifmaddr2);
  type(p, 20, "RTM_GET2", "Report Metrics (extended)", HdrKind::route2);
  type(p, 21, "RTM_GET_EXT", "Report Metrics with reachability", HdrKind::none);

  rtf_common(p);
  bits(p.rtf, {{0x80, "DELCLONE"}, {0x100, "CLONING"}, {0x200, "XRESOLVE"}, {0x400, "LLINFO"},
               {0x2000, "NOIFREF"}, {0x10000, "PRCLONING"}, {0x20000, "WASCLONED"},
               {0x40000, "PROTO3"}, {0x100000, "PINNED"}, {0x200000, "LOCAL"},
               {0x400000, "BROADCAST"}, {0x800000, "MULTICAST"}, {0x1000000, "IFSCOPE"},
               {0x2000000, "CONDEMNED"}, {0x4000000, "IFREF"}, {0x8000000, "PROXY"},
               {0x10000000, "ROUTER"}, {0x20000000, "DEAD"}, {0x40000000, "GLOBAL"}});
  iff_common(p);
  bits(p.iff, {{0x20, "NOTRAILERS"}});
  rta_common(p);
  rtv_common(p);
  bits(p.rtv, {{0x100, "REFRESH_HOST"}});

  Layout rmx = darwin_rmx();
  L rt(HdrKind::route, 92);
  rt.common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
      .h(Field::pid, 16, 4, true).h(Field::seq, 20, 4, true).h(Field::err, 24, 4, true)
      .h(Field::use, 28, 4, true).h(Field::inits, 32, 4);
  metrics(rt, 36, rmx);
  set(p, HdrKind::route, rt);
  L rt2(HdrKind::route2, 92);
  rt2.common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
      .h(Field::refcnt, 16, 4, true).h(Field::parentflags, 20, 4, true)
      .h(Field::reserved, 24, 4, true).h(Field::use, 28, 4, true).h(Field::inits, 32, 4);
  metrics(rt2, 36, rmx);
  set(p, HdrKind::route2, rt2);

  Layout ifd = D(96).f(Field::ifi_type, 0, 1).f(Field::ifi_typelen, 1, 1)
      .f(Field::ifi_physical, 2, 1).f(Field::ifi_addrlen, 3, 1).f(Field::ifi_hdrlen, 4, 1)
      .f(Field::ifi_recvquota, 5, 1).f(Field::ifi_xmitquota, 6, 1).f(Field::ifi_mtu, 8, 4)
      .f(Field::ifi_metric, 12, 4).f(Field::ifi_baudrate, 16, 4).f(Field::ifi_ipackets, 20, 4)
      .f(Field::ifi_ierrors, 24, 4).f(Field::ifi_opackets, 28, 4).f(Field::ifi_oerrors, 32, 4)
      .f(Field::ifi_collisions, 36, 4).f(Field::ifi_ibytes, 40, 4).f(Field::ifi_obytes, 44, 4)
      .f(Field::ifi_imcasts, 48, 4).f(Field::ifi_omcasts, 52, 4).f(Field::ifi_iqdrops, 56, 4)
      .f(Field::ifi_noproto, 60, 4).f(Field::ifi_recvtiming, 64, 4)
      .f(Field::ifi_xmittiming, 68, 4).f(Field::ifi_lastchange_sec, 72, 4, true)
      .f(Field::ifi_lastchange_usec, 76, 4, true).f(Field::ifi_hwassist, 84, 4);
  Layout ifd64 = D(128).f(Field::ifi_type, 0, 1).f(Field::ifi_typelen, 1, 1)
      .f(Field::ifi_physical, 2, 1).f(Field::ifi_addrlen, 3, 1).f(Field::ifi_hdrlen, 4, 1)
      .f(Field::ifi_recvquota, 5, 1).f(Field::ifi_xmitquota, 6, 1).f(Field::ifi_mtu, 8, 4)
      .f(Field::ifi_metric, 12, 4).f(Field::ifi_baudrate, 16, 8).f(Field::ifi_ipackets, 24, 8)
      .f(Field::ifi_ierrors, 32, 8).f(Field::ifi_opackets, 40, 8).f(Field::ifi_oerrors, 48, 8)
      .f(Field::ifi_collisions, 56, 8).f(Field::ifi_ibytes, 64, 8).f(Field::ifi_obytes, 72, 8)
      .f(Field::ifi_imcasts, 80, 8).f(Field::ifi_omcasts, 88, 8).f(Field::ifi_iqdrops, 96, 8)
      .f(Field::ifi_noproto, 104, 8).f(Field::ifi_recvtiming, 112, 4)
      .f(Field::ifi_xmittiming, 116, 4).f(Field::ifi_lastchange_sec, 120, 4, true)
      .f(Field::ifi_lastchange_usec, 124, 4, true);
  set(p, HdrKind::ifinfo,
      L(HdrKind::ifinfo, 112).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).data(16, ifd));
  set(p, HdrKind::ifinfo2,
      L(HdrKind::ifinfo2, 160).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).h(Field::snd_len, 16, 4, true).h(Field::snd_maxlen, 20, 4, true)
          .h(Field::snd_drops, 24, 4, true).h(Field::timer, 28, 4, true).data(32, ifd64));
  set(p, HdrKind::ifaddr,
      L(HdrKind::ifaddr, 20).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).h(Field::metric, 16, 4, true));
  set(p, HdrKind::ifmaddr,
      L(HdrKind::ifmaddr, 16).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2));
  set(p, HdrKind::ifmaddr2,
      L(HdrKind::ifmaddr2, 20).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).h(Field::refcnt, 16, 4, true));
  return p;
}

// ---- OpenBSD ------------------------------------------------------------------

Profile openbsd() {
  Profile p;
  p.name = "openbsd";
  p.summary = "OpenBSD (rtsock.c r1.388), amd64/arm64";
  p.os = Os::openbsd;
  p.sa_align = 8;
  p.sysctl_align = 8;
  p.rtax_max = 15;
  p.af_inet6 = 24;
  p.sdl_size = 32;
  p.mask_form = MaskForm::full;
  p.link_states = LinkStates::openbsd;

  types_44(p, /*lock=*/false);
  types_addr_if(p);
  type(p, 15, "RTM_IFANNOUNCE", "iface arrival/departure", HdrKind::announce);
  type(p, 16, "RTM_DESYNC", "route socket overflow", HdrKind::route);
  type(p, 17, "RTM_INVALIDATE", "invalidate cache of L2 route", HdrKind::route);
  type(p, 18, "RTM_BFD", "bidirectional forwarding detection", HdrKind::none);
  type(p, 19, "RTM_PROPOSAL", "config proposal", HdrKind::route);
  type(p, 20, "RTM_CHGADDRATTR", "address attributes being changed", HdrKind::ifaddr);
  type(p, 21, "RTM_80211INFO", "80211 iface change", HdrKind::none);
  type(p, 22, "RTM_SOURCE", "source address change", HdrKind::route);

  rtf_common(p);
  bits(p.rtf, {{0x100, "CLONING"}, {0x200, "MULTICAST"}, {0x400, "LLINFO"}, {0x2000, "PROTO3"},
               {0x10000, "CLONED"}, {0x20000, "CACHED"}, {0x40000, "MPATH"}, {0x100000, "MPLS"},
               {0x200000, "LOCAL"}, {0x400000, "BROADCAST"}, {0x800000, "CONNECTED"},
               {0x1000000, "BFD"}});
  iff_common(p);
  bits(p.iff, {{0x20, "STATICARP"}});
  rta_common(p);
  bits(p.rta, {{0x100, "SRC"}, {0x200, "SRCMASK"}, {0x400, "LABEL"}, {0x800, "BFD"},
               {0x1000, "DNS"}, {0x2000, "STATIC"}, {0x4000, "SEARCH"}});
  rtv_common(p);

  L rt(HdrKind::route, 96);
  rt.common().h(Field::hdrlen, 4, 2).h(Field::index, 6, 2).h(Field::tableid, 8, 2)
      .h(Field::priority, 10, 1).h(Field::mpls, 11, 1).h(Field::addrs, 12, 4, true)
      .h(Field::flags, 16, 4, true).h(Field::fmask, 20, 4, true).h(Field::pid, 24, 4, true)
      .h(Field::seq, 28, 4, true).h(Field::err, 32, 4, true).h(Field::inits, 36, 4)
      .h(Field::rmx_pksent, 40, 8).h(Field::rmx_expire, 48, 8, true).h(Field::rmx_locks, 56, 4)
      .h(Field::rmx_mtu, 60, 4).h(Field::rmx_refcnt, 64, 4).h(Field::rmx_hopcount, 68, 4)
      .h(Field::rmx_recvpipe, 72, 4).h(Field::rmx_sendpipe, 76, 4).h(Field::rmx_ssthresh, 80, 4)
      .h(Field::rmx_rtt, 84, 4).h(Field::rmx_rttvar, 88, 4).hdrlen_from(Field::hdrlen);
  set(p, HdrKind::route, rt);

  Layout ifd = D(144).f(Field::ifi_type, 0, 1).f(Field::ifi_addrlen, 1, 1)
      .f(Field::ifi_hdrlen, 2, 1).f(Field::ifi_link_state, 3, 1).f(Field::ifi_mtu, 4, 4)
      .f(Field::ifi_metric, 8, 4).f(Field::ifi_rdomain, 12, 4).f(Field::ifi_baudrate, 16, 8)
      .f(Field::ifi_ipackets, 24, 8).f(Field::ifi_ierrors, 32, 8).f(Field::ifi_opackets, 40, 8)
      .f(Field::ifi_oerrors, 48, 8).f(Field::ifi_collisions, 56, 8).f(Field::ifi_ibytes, 64, 8)
      .f(Field::ifi_obytes, 72, 8).f(Field::ifi_imcasts, 80, 8).f(Field::ifi_omcasts, 88, 8)
      .f(Field::ifi_iqdrops, 96, 8).f(Field::ifi_oqdrops, 104, 8).f(Field::ifi_noproto, 112, 8)
      .f(Field::ifi_capabilities, 120, 4).f(Field::ifi_lastchange_sec, 128, 8, true)
      .f(Field::ifi_lastchange_usec, 136, 8, true);
  set(p, HdrKind::ifinfo,
      L(HdrKind::ifinfo, 168).common().h(Field::hdrlen, 4, 2).h(Field::index, 6, 2)
          .h(Field::tableid, 8, 2).h(Field::addrs, 12, 4, true).h(Field::flags, 16, 4, true)
          .h(Field::xflags, 20, 4, true).data(24, ifd).hdrlen_from(Field::hdrlen));
  set(p, HdrKind::ifaddr,
      L(HdrKind::ifaddr, 24).common().h(Field::hdrlen, 4, 2).h(Field::index, 6, 2)
          .h(Field::tableid, 8, 2).h(Field::addrs, 12, 4, true).h(Field::flags, 16, 4, true)
          .h(Field::metric, 20, 4, true).hdrlen_from(Field::hdrlen));
  set(p, HdrKind::announce,
      L(HdrKind::announce, 26).common().h(Field::hdrlen, 4, 2).h(Field::index, 6, 2)
          .h(Field::what, 8, 2).name(10, 16).hdrlen_from(Field::hdrlen));
  return p;
}

// ---- NetBSD -------------------------------------------------------------------

Profile netbsd(int ver) {
  Profile p;
  p.name = ver >= 8 ? "netbsd" : "netbsd7";
  p.summary = ver >= 8 ? "NetBSD 8, 9, 10 (RTM_VERSION 4)" : "NetBSD 6 and 7 (RTM_VERSION 4)";
  p.os = Os::netbsd;
  p.os_version = ver;
  p.rtm_version = 4;
  p.sa_align = 8;  // RT_ROUNDUP is 8 on every arch
  p.rtax_max = 9;
  p.af_inet6 = 24;
  p.af_route = ver >= 8 ? 34 : 17;
  p.sdl_size = 20;
  p.sdl_compact = true;

  types_44(p);
  p.types[11] = {};  // RTM_RESOLVE is commented out
  types_oldaddel(p);
  if (ver >= 8) {
    type(p, 12, "RTM_ONEWADDR", "address being added to iface (old)", HdrKind::ifaddr_old);
    type(p, 13, "RTM_ODELADDR", "address being removed from iface (old)", HdrKind::ifaddr_old);
  } else {
    type(p, 12, "RTM_NEWADDR", "address being added to iface", HdrKind::ifaddr_old);
    type(p, 13, "RTM_DELADDR", "address being removed from iface", HdrKind::ifaddr_old);
  }
  type(p, 14, "RTM_OOIFINFO", "iface status change (pre-1.5)", HdrKind::none);
  type(p, 15, "RTM_OIFINFO", "iface status change (pre-64bit time)", HdrKind::none);
  type(p, 16, "RTM_IFANNOUNCE", "iface arrival/departure", HdrKind::announce);
  type(p, 17, "RTM_IEEE80211", "IEEE80211 wireless event", HdrKind::announce);
  type(p, 18, "RTM_SETGATE", "set prototype gateway for clones", HdrKind::route);
  type(p, 19, "RTM_LLINFO_UPD", "indication to ARP/NDP/etc. that link-layer address has changed",
       HdrKind::route);
  type(p, 20, "RTM_IFINFO", "iface status change", HdrKind::ifinfo);
  if (ver >= 8) {
    type(p, 21, "RTM_OCHGADDR", "address properties changed (old)", HdrKind::ifaddr_old);
    type(p, 22, "RTM_NEWADDR", "address being added to iface", HdrKind::ifaddr);
    type(p, 23, "RTM_DELADDR", "address being removed from iface", HdrKind::ifaddr);
    type(p, 24, "RTM_CHGADDR", "address properties changed", HdrKind::ifaddr);
  } else {
    type(p, 21, "RTM_CHGADDR", "address properties changed", HdrKind::ifaddr_old);
  }

  rtf_common(p);
  if (ver >= 8)
    bits(p.rtf, {{0x80, "MASK"}, {0x100, "CONNECTED"}, {0x400, "LLDATA"}, {0x10000, "SRC"},
                 {0x20000, "ANNOUNCE"}, {0x40000, "LOCAL"}, {0x80000, "BROADCAST"},
                 {0x100000, "UPDATING"}, {0x200000, "DONTCHANGEIFA"}});
  else
    bits(p.rtf, {{0x80, "MASK"}, {0x100, "CLONING"}, {0x200, "XRESOLVE"}, {0x400, "LLINFO"},
                 {0x2000, "CLONED"}, {0x10000, "SRC"}, {0x20000, "ANNOUNCE"}});
  iff_common(p);
  bits(p.iff, {{0x20, "NOTRAILERS"}});
  rta_common(p);
  bits(p.rta, {{0x100, "TAG"}});
  rtv_common(p);

  L rt(HdrKind::route, 120);
  rt.common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
      .h(Field::pid, 16, 4, true).h(Field::seq, 20, 4, true).h(Field::err, 24, 4, true)
      .h(Field::use, 28, 4, true).h(Field::inits, 32, 4).h(Field::rmx_locks, 40, 8)
      .h(Field::rmx_mtu, 48, 8).h(Field::rmx_hopcount, 56, 8).h(Field::rmx_recvpipe, 64, 8)
      .h(Field::rmx_sendpipe, 72, 8).h(Field::rmx_ssthresh, 80, 8).h(Field::rmx_rtt, 88, 8)
      .h(Field::rmx_rttvar, 96, 8).h(Field::rmx_expire, 104, 8, true)
      .h(Field::rmx_pksent, 112, 8, true);
  set(p, HdrKind::route, rt);

  Layout ifd = D(136).f(Field::ifi_type, 0, 1).f(Field::ifi_addrlen, 1, 1)
      .f(Field::ifi_hdrlen, 2, 1).f(Field::ifi_link_state, 4, 4, true).f(Field::ifi_mtu, 8, 8)
      .f(Field::ifi_metric, 16, 8).f(Field::ifi_baudrate, 24, 8).f(Field::ifi_ipackets, 32, 8)
      .f(Field::ifi_ierrors, 40, 8).f(Field::ifi_opackets, 48, 8).f(Field::ifi_oerrors, 56, 8)
      .f(Field::ifi_collisions, 64, 8).f(Field::ifi_ibytes, 72, 8).f(Field::ifi_obytes, 80, 8)
      .f(Field::ifi_imcasts, 88, 8).f(Field::ifi_omcasts, 96, 8).f(Field::ifi_iqdrops, 104, 8)
      .f(Field::ifi_noproto, 112, 8).f(Field::ifi_lastchange_sec, 120, 8, true)
      .f(Field::ifi_lastchange_nsec, 128, 8, true);
  set(p, HdrKind::ifinfo,
      L(HdrKind::ifinfo, 152).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).data(16, ifd));
  set(p, HdrKind::ifaddr_old,
      L(HdrKind::ifaddr_old, 24).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::metric, 12, 4, true).h(Field::index, 16, 2));
  if (ver >= 8)
    set(p, HdrKind::ifaddr,
        L(HdrKind::ifaddr, 32).common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true)
            .h(Field::addrs, 12, 4, true).h(Field::pid, 16, 4, true)
            .h(Field::addrflags, 20, 4, true).h(Field::metric, 24, 4, true));
  set(p, HdrKind::announce, announce24());
  return p;
}

// ---- DragonFly ------------------------------------------------------------------

Profile dragonfly(int ver) {
  Profile p;
  const bool v7 = ver >= 58;
  p.name = v7 ? "dragonfly" : "dragonfly56";
  p.summary = v7 ? "DragonFly 5.8+ (RTM_VERSION 7), x86_64" : "DragonFly up to 5.6 (RTM_VERSION 6), x86_64";
  p.os = Os::dragonfly;
  p.os_version = ver;
  p.rtm_version = v7 ? 7 : 6;
  p.sa_align = 8;
  p.rtax_max = 11;
  p.af_inet6 = 28;
  p.sdl_size = 54;

  types_44(p);
  types_oldaddel(p);
  types_addr_if(p);
  types_maddr(p);
  type(p, 17, "RTM_IFANNOUNCE", "interface arrival/departure", HdrKind::announce);
  type(p, 18, "RTM_IEEE80211", "IEEE 802.11 wireless event", HdrKind::announce);

  rtf_common(p);
  bits(p.rtf, {{0x100, "CLONING"}, {0x200, "XRESOLVE"}, {0x400, "LLINFO"}, {0x10000, "PRCLONING"},
               {0x20000, "WASCLONED"}, {0x40000, "PROTO3"}, {0x100000, "PINNED"},
               {0x200000, "LOCAL"}, {0x400000, "BROADCAST"}, {0x800000, "MULTICAST"},
               {0x1000000, "MPLSOPS"}});
  iff_common(p);
  bits(p.iff, {{0x20, "SMART"}, {0x10000, "POLLING"}, {0x20000, "PPROMISC"}, {0x40000, "MONITOR"},
               {0x80000, "STATICARP"}, {0x100000, "NPOLLING"}, {0x200000, "IDIRECT"}});
  rta_common(p);
  bits(p.rta, {{0x100, "MPLS1"}, {0x200, "MPLS2"}, {0x400, "MPLS3"}});
  rtv_common(p);
  bits(p.rtv, {{0x100, "MSL"}, {0x200, "IWMAXSEGS"}, {0x400, "IWCAPSEGS"}});

  L rt(HdrKind::route, 152);
  rt.common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
      .h(Field::pid, 16, 4, true).h(Field::seq, 20, 4, true).h(Field::err, 24, 4, true)
      .h(Field::use, 28, 4, true).h(Field::inits, 32, 8).h(Field::rmx_locks, 40, 8)
      .h(Field::rmx_mtu, 48, 8).h(Field::rmx_pksent, 56, 8).h(Field::rmx_expire, 64, 8)
      .h(Field::rmx_sendpipe, 72, 8).h(Field::rmx_ssthresh, 80, 8).h(Field::rmx_rtt, 88, 8)
      .h(Field::rmx_rttvar, 96, 8).h(Field::rmx_recvpipe, 104, 8).h(Field::rmx_hopcount, 112, 8)
      .h(Field::rmx_mssopt, 120, 2).h(Field::rmx_msl, 128, 8).h(Field::rmx_iwmaxsegs, 136, 8)
      .h(Field::rmx_iwcapsegs, 144, 8);
  set(p, HdrKind::route, rt);

  Layout ifd = D(160).f(Field::ifi_type, 0, 1).f(Field::ifi_physical, 1, 1)
      .f(Field::ifi_addrlen, 2, 1).f(Field::ifi_hdrlen, 3, 1).f(Field::ifi_recvquota, 4, 1)
      .f(Field::ifi_xmitquota, 5, 1).f(Field::ifi_mtu, 8, 8).f(Field::ifi_metric, 16, 8)
      .f(Field::ifi_link_state, 24, 8).f(Field::ifi_baudrate, 32, 8)
      .f(Field::ifi_ipackets, 40, 8).f(Field::ifi_ierrors, 48, 8).f(Field::ifi_opackets, 56, 8)
      .f(Field::ifi_oerrors, 64, 8).f(Field::ifi_collisions, 72, 8).f(Field::ifi_ibytes, 80, 8)
      .f(Field::ifi_obytes, 88, 8).f(Field::ifi_imcasts, 96, 8).f(Field::ifi_omcasts, 104, 8)
      .f(Field::ifi_iqdrops, 112, 8).f(Field::ifi_noproto, 120, 8)
      .f(Field::ifi_hwassist, 128, 8).f(Field::ifi_oqdrops, 136, 8)
      .f(Field::ifi_lastchange_sec, 144, 8, true).f(Field::ifi_lastchange_usec, 152, 8, true);
  // 5.8 moved the index to offset 4 and addrs after flags in the interface headers.
  {
    L l(HdrKind::ifinfo, 176);
    l.common();
    if (v7) l.h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true);
    else l.h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true).h(Field::index, 12, 2);
    l.data(16, ifd);
    set(p, HdrKind::ifinfo, l);
  }
  {
    L l(HdrKind::ifaddr, v7 ? 24 : 20);
    l.common();
    if (v7)
      l.h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
          .h(Field::addrflags, 16, 4, true).h(Field::metric, 20, 4, true);
    else
      l.h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true).h(Field::index, 12, 2)
          .h(Field::metric, 16, 4, true);
    set(p, HdrKind::ifaddr, l);
  }
  {
    L l(HdrKind::ifmaddr, 16);
    l.common();
    if (v7) l.h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true);
    else l.h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true).h(Field::index, 12, 2);
    set(p, HdrKind::ifmaddr, l);
  }
  set(p, HdrKind::announce, announce24());
  return p;
}

// ---- HP-UX ----------------------------------------------------------------------

Profile hpux() {
  Profile p;
  p.name = "hpux";
  p.summary = "HP-UX 11i v3 route(7P): documented field order, 4.4BSD constants (assumed), big-endian";
  p.os = Os::hpux;
  p.order = ByteOrder::big;
  p.sa_align = 4;
  p.rtax_max = 8;
  p.af_inet6 = 22;
  p.sdl_size = 20;
  p.assumed = true;

  types_44(p);
  types_oldaddel(p);
  types_addr_if(p);
  rtf_common(p);
  bits(p.rtf, {{0x80, "MASK"}, {0x100, "CLONING"}, {0x200, "XRESOLVE"}, {0x400, "LLINFO"}});
  iff_common(p);
  bits(p.iff, {{0x20, "NOTRAILERS"}});
  rta_common(p);
  rtv_common(p);

  L rt(HdrKind::route, 76);
  rt.common().h(Field::index, 4, 2).h(Field::flags, 8, 4, true).h(Field::addrs, 12, 4, true)
      .h(Field::pid, 16, 4, true).h(Field::seq, 20, 4, true).h(Field::err, 24, 4, true)
      .h(Field::use, 28, 4, true).h(Field::inits, 32, 4);
  const Field m[] = {Field::rmx_locks,    Field::rmx_mtu,      Field::rmx_hopcount,
                     Field::rmx_expire,   Field::rmx_recvpipe, Field::rmx_sendpipe,
                     Field::rmx_ssthresh, Field::rmx_rtt,      Field::rmx_rttvar,
                     Field::rmx_pksent};
  std::uint16_t off = 36;
  for (Field f : m) {
    rt.h(f, off, 4);
    off = static_cast<std::uint16_t>(off + 4);
  }
  set(p, HdrKind::route, rt);
  Layout ifd = D(80).f(Field::ifi_type, 0, 1).f(Field::ifi_physical, 1, 1)
      .f(Field::ifi_addrlen, 2, 1).f(Field::ifi_hdrlen, 3, 1).f(Field::ifi_recvquota, 4, 1)
      .f(Field::ifi_xmitquota, 5, 1).f(Field::ifi_mtu, 8, 4).f(Field::ifi_metric, 12, 4)
      .f(Field::ifi_baudrate, 16, 4).f(Field::ifi_ipackets, 20, 4).f(Field::ifi_ierrors, 24, 4)
      .f(Field::ifi_opackets, 28, 4).f(Field::ifi_oerrors, 32, 4).f(Field::ifi_collisions, 36, 4)
      .f(Field::ifi_ibytes, 40, 4).f(Field::ifi_obytes, 44, 4).f(Field::ifi_imcasts, 48, 4)
      .f(Field::ifi_omcasts, 52, 4).f(Field::ifi_iqdrops, 56, 4).f(Field::ifi_noproto, 60, 4)
      .f(Field::ifi_hwassist, 64, 4).f(Field::ifi_lastchange_sec, 72, 4, true)
      .f(Field::ifi_lastchange_usec, 76, 4, true);
  set(p, HdrKind::ifinfo,
      L(HdrKind::ifinfo, 96).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).data(16, ifd));
  set(p, HdrKind::ifaddr,
      L(HdrKind::ifaddr, 20).common().h(Field::addrs, 4, 4, true).h(Field::flags, 8, 4, true)
          .h(Field::index, 12, 2).h(Field::metric, 16, 4, true));
  return p;
}

std::vector<Profile> build() {
  std::vector<Profile> v;
  for (int ver = 7; ver <= 15; ++ver)
    for (const char* arch : {"amd64", "i386", "arm64", "i386-on-amd64"}) v.push_back(freebsd(ver, arch));
  v.push_back(darwin());
  v.push_back(openbsd());
  v.push_back(netbsd(8));
  v.push_back(netbsd(7));
  v.push_back(dragonfly(58));
  v.push_back(dragonfly(56));
  v.push_back(hpux());
  return v;
}

}  // namespace

const std::vector<Profile>& profiles() {
  static const std::vector<Profile> v = build();
  return v;
}

const Profile* find_profile(std::string_view name) {
  // Byte-order variants are built on first use and kept for the process.
  static std::mutex mu;
  static std::vector<std::unique_ptr<Profile>> variants;
  if (name == "freebsd") name = "freebsd14-amd64";
  std::optional<ByteOrder> order;
  for (auto [suffix, o] : {std::pair{std::string_view("-be"), ByteOrder::big},
                           std::pair{std::string_view("-le"), ByteOrder::little}}) {
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      order = o;
      name.remove_suffix(suffix.size());
      if (name == "freebsd") name = "freebsd14-amd64";
    }
  }
  const auto& all = profiles();
  auto it = std::find_if(all.begin(), all.end(), [&](const Profile& p) { return p.name == name; });
  if (it == all.end()) return nullptr;
  if (!order || *order == it->order) return &*it;
  const std::string vname = it->name + (*order == ByteOrder::big ? "-be" : "-le");
  std::lock_guard lock(mu);
  for (const auto& p : variants)
    if (p->name == vname) return p.get();
  auto p = std::make_unique<Profile>(*it);
  p->name = vname;
  p->order = *order;
  p->summary += *order == ByteOrder::big ? " (big-endian)" : " (little-endian)";
  variants.push_back(std::move(p));
  return variants.back().get();
}

const Profile& default_profile() { return *find_profile("freebsd14-amd64"); }

}  // namespace rtsock::abi
