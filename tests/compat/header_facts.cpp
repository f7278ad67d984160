// Per-personality facts for the compat header checks (sources:
// docs/research/compat-headers.md).
#include "header_facts.hpp"

namespace rtsock::compat_test {

namespace {

// Linux's own families and socket ioctls: a BSD program must not see them.
const std::vector<std::string> kLinuxOnly = {
    "AF_NETLINK", "PF_NETLINK", "AF_PACKET",     "PF_PACKET",    "AF_BRIDGE",
    "AF_AX25",    "AF_ALG",     "AF_FILE",       "SIOCGIFHWADDR", "SIOCSIFHWADDR",
    "SIOCGIFCOUNT", "SIOCGIFTXQLEN", "SIOCGIFMAP", "SIOCADDRT",   "SIOCDELRT",
    "SOL_PACKET", "SOL_NETLINK"};

std::vector<std::string> absent_plus(std::vector<std::string> more) {
  more.insert(more.end(), kLinuxOnly.begin(), kLinuxOnly.end());
  return more;
}

Facts freebsd() {
  Facts f;
  f.personality = "freebsd";
  f.profile = "freebsd14-amd64";
  f.consts = {
      {"AF_UNSPEC", 0}, {"AF_UNIX", 1}, {"AF_LOCAL", 1}, {"AF_INET", 2}, {"AF_ROUTE", 17},
      {"PF_ROUTE", 17}, {"AF_LINK", 18}, {"AF_INET6", 28}, {"PF_INET6", 28},
      {"pseudo_AF_KEY", 27}, {"PF_KEY", 27}, {"AF_NATM", 29}, {"AF_IEEE80211", 37},
      {"AF_MAX", 44}, {"SOCK_MAXADDRLEN", 255},
      {"SO_USELOOPBACK", 0x40}, {"SO_SETFIB", 0x1014}, {"SO_RERROR", 0x20000},
      {"NET_RT_DUMP", 1}, {"NET_RT_FLAGS", 2}, {"NET_RT_IFLIST", 3}, {"NET_RT_IFMALIST", 4},
      {"NET_RT_IFLISTL", 5}, {"NET_RT_NHOP", 6}, {"NET_RT_NHGRP", 7},
      {"CTL_NET", 4}, {"CTL_KERN", 1}, {"CTL_HW", 6}, {"CTL_MAXNAME", 24},
      {"KERN_OSTYPE", 1}, {"KERN_OSRELEASE", 2}, {"HW_NCPU", 3},
      {"LINK_STATE_UNKNOWN", 0}, {"LINK_STATE_DOWN", 1}, {"LINK_STATE_UP", 2},
      {"IFAN_ARRIVAL", 0}, {"IFAN_DEPARTURE", 1}, {"IFNAMSIZ", 16}, {"IF_NAMESIZE", 16},
      {"RTM_RTTUNIT", 1000000}, {"RT_ALL_FIBS", -1}, {"RTF_FMASK", 0x1004d808},
      {"BSD", 199506}, {"__FreeBSD_version", 1400097},
      {"IFT_ETHER", 0x6}, {"IFT_LOOP", 0x18}, {"IFT_PPP", 0x17}, {"IFT_L2VLAN", 0x87},
      {"IFT_IEEE80211", 0x47}, {"IFT_BRIDGE", 0xd1}, {"IFT_PROPVIRTUAL", 0x35},
      {"IFT_TUNNEL", 0x83}, {"IFT_GIF", 0xf0}, {"IFT_STF", 0xd7}, {"IFT_CARP", 0xf8},
      {"IFT_INFINIBAND", 0xc7}, {"IFT_IEEE1394", 0x90}, {"IFT_L3IPVLAN", 0x88},
      {"IFF_CANTCHANGE", 0x218f72}, {"IFM_ETHER", 0x20}, {"IFM_AVALID", 1}, {"IFM_ACTIVE", 2},
      {"IN6_IFF_TENTATIVE", 0x02}, {"IN6_IFF_DUPLICATED", 0x04}, {"IN6_IFF_DEPRECATED", 0x10},
      {"IN6_IFF_AUTOCONF", 0x40}, {"ND6_IFF_ACCEPT_RTADV", 0x2}, {"ND6_IFF_AUTO_LINKLOCAL", 0x20},
      {"ND6_IFF_IFDISABLED", 0x8}};
  f.sizes = {{"sockaddr", 16},        {"sockaddr_in", 16},    {"sockaddr_in6", 28},
             {"sockaddr_storage", 128}, {"if_data", 152},    {"ifreq", 32},
             {"ifaliasreq", 68},      {"oifaliasreq", 64},    {"ifconf", 16},
             {"ifmediareq", 48},      {"ifdrv", 40},          {"ifstat", 817},
             {"if_clonereq", 16},     {"ifgroupreq", 40},     {"ifdownreason", 88},
             {"in_aliasreq", 68},     {"in6_ifreq", 288},     {"in6_aliasreq", 136},
             {"oin6_aliasreq", 128},  {"in6_addrlifetime", 24}, {"nd_ifinfo", 56},
             {"in6_ndireq", 72},      {"in6_nbrinfo", 56},    {"ifaddrs", 56}};
  // Values as a FreeBSD 14 amd64 compiler computes them (golang.org/x/sys
  // zerrors_freebsd_amd64.go, and sys/sockio.h for SIOCAIFADDR).
  f.siocs = {{"SIOCSIFADDR", 0x8020690c, "ifreq"},      {"SIOCGIFADDR", 0xc0206921, "ifreq"},
             {"SIOCSIFDSTADDR", 0x8020690e, "ifreq"},   {"SIOCGIFDSTADDR", 0xc0206922, "ifreq"},
             {"SIOCSIFFLAGS", 0x80206910, "ifreq"},     {"SIOCGIFFLAGS", 0xc0206911, "ifreq"},
             {"SIOCGIFBRDADDR", 0xc0206923, "ifreq"},   {"SIOCSIFBRDADDR", 0x80206913, "ifreq"},
             {"SIOCGIFCONF", 0xc0106924, "ifconf"},     {"SIOCGIFNETMASK", 0xc0206925, "ifreq"},
             {"SIOCSIFNETMASK", 0x80206916, "ifreq"},   {"SIOCGIFMETRIC", 0xc0206917, "ifreq"},
             {"SIOCSIFMETRIC", 0x80206918, "ifreq"},    {"SIOCDIFADDR", 0x80206919, "ifreq"},
             {"OSIOCAIFADDR", 0x8040691a, "oifaliasreq"}, {"SIOCAIFADDR", 0x8044692b, "ifaliasreq"},
             {"SIOCGIFALIAS", 0xc044692d, "ifaliasreq"}, {"SIOCSIFCAP", 0x8020691e, "ifreq"},
             {"SIOCGIFCAP", 0xc020691f, "ifreq"},       {"SIOCGIFINDEX", 0xc0206920, "ifreq"},
             {"SIOCSIFNAME", 0x80206928, "ifreq"},      {"SIOCSIFDESCR", 0x80206929, "ifreq"},
             {"SIOCGIFDESCR", 0xc020692a, "ifreq"},     {"SIOCADDMULTI", 0x80206931, "ifreq"},
             {"SIOCDELMULTI", 0x80206932, "ifreq"},     {"SIOCGIFMTU", 0xc0206933, "ifreq"},
             {"SIOCSIFMTU", 0x80206934, "ifreq"},       {"SIOCSIFMEDIA", 0xc0206937, "ifreq"},
             {"SIOCGIFMEDIA", 0xc0306938, "ifmediareq"}, {"SIOCGIFXMEDIA", 0xc030698b, "ifmediareq"},
             {"SIOCGIFSTATUS", 0xc331693b, "ifstat"},   {"SIOCSIFLLADDR", 0x8020693c, "ifreq"},
             {"SIOCGHWADDR", 0xc020693e, "ifreq"},      {"SIOCSIFPHYADDR", 0x80446946, "ifaliasreq"},
             {"SIOCGIFPSRCADDR", 0xc0206947, "ifreq"},  {"SIOCGIFPDSTADDR", 0xc0206948, "ifreq"},
             {"SIOCDIFPHYADDR", 0x80206949, "ifreq"},   {"SIOCGIFFIB", 0xc020695c, "ifreq"},
             {"SIOCSIFFIB", 0x8020695d, "ifreq"},       {"SIOCIFCREATE", 0xc020697a, "ifreq"},
             {"SIOCIFCREATE2", 0xc020697c, "ifreq"},    {"SIOCIFDESTROY", 0x80206979, "ifreq"},
             {"SIOCIFGCLONERS", 0xc0106978, "if_clonereq"}, {"SIOCGDRVSPEC", 0xc028697b, "ifdrv"},
             {"SIOCSDRVSPEC", 0x8028697b, "ifdrv"},     {"SIOCAIFGROUP", 0x80286987, "ifgroupreq"},
             {"SIOCGIFGROUP", 0xc0286988, "ifgroupreq"}, {"SIOCGIFGMEMB", 0xc028698a, "ifgroupreq"},
             {"SIOCGIFDOWNREASON", 0xc058699a, "ifdownreason"},
             {"SIOCAIFADDR_IN6", 0x8088691b, "in6_aliasreq"},
             {"SIOCDIFADDR_IN6", 0x81206919, "in6_ifreq"},
             {"SIOCGIFAFLAG_IN6", 0xc1206949, "in6_ifreq"},
             {"SIOCGIFINFO_IN6", 0xc048696c, "in6_ndireq"},
             {"SIOCSIFINFO_FLAGS", 0xc0486957, "in6_ndireq"}};
  f.absent = absent_plus({"RT_ROUNDUP", "RTM_OLDADD", "RTM_OLDDEL", "NET_RT_IFLIST2",
                          "RTF_CLONING", "SO_RTABLE", "ROUTE_MSGFILTER", "RO_MSGFILTER",
                          "IFF_NOTRAILERS", "IFF_SMART"});
  f.extras = {"RTF_LLDATA", "RTF_FMASK", "IFF_NEEDSEPOCH", "IFF_DRV_RUNNING", "IFF_DRV_OACTIVE",
              "IFF_ALTPHYS", "IFF_STICKYARP", "IFF_CANTCHANGE"};
  f.round_macro = "SA_SIZE";
  return f;
}

Facts darwin() {
  Facts f;
  f.personality = "darwin";
  f.profile = "darwin";
  f.consts = {
      {"AF_UNSPEC", 0}, {"AF_UNIX", 1}, {"AF_INET", 2}, {"AF_ROUTE", 17}, {"AF_LINK", 18},
      {"AF_NDRV", 27}, {"pseudo_AF_KEY", 29}, {"PF_KEY", 29}, {"AF_INET6", 30}, {"AF_SYSTEM", 32},
      {"AF_UTUN", 38}, {"AF_VSOCK", 40}, {"AF_MAX", 41}, {"SOCK_MAXADDRLEN", 255},
      {"SO_USELOOPBACK", 0x40},
      {"NET_RT_DUMP", 1}, {"NET_RT_FLAGS", 2}, {"NET_RT_IFLIST", 3}, {"NET_RT_STAT", 4},
      {"NET_RT_TRASH", 5}, {"NET_RT_IFLIST2", 6}, {"NET_RT_DUMP2", 7},
      {"CTL_NET", 4}, {"CTL_KERN", 1}, {"CTL_HW", 6}, {"CTL_MAXNAME", 12}, {"KERN_OSTYPE", 1},
      {"HW_NCPU", 3}, {"IFNAMSIZ", 16}, {"RTM_RTTUNIT", 1000000}, {"BSD", 199506},
      {"IFT_ETHER", 0x6}, {"IFT_LOOP", 0x18}, {"IFT_PPP", 0x17}, {"IFT_GIF", 0x37},
      {"IFT_STF", 0x39}, {"IFT_L2VLAN", 0x87}, {"IFT_IEEE8023ADLAG", 0x88}, {"IFT_BRIDGE", 0xd1},
      {"IFT_PFLOG", 0xf5}, {"IFT_CELLULAR", 0xff}, {"IFM_ETHER", 0x20}, {"IFM_AVALID", 1},
      {"IFM_ACTIVE", 2}, {"IN6_IFF_TENTATIVE", 2}, {"IN6_IFF_AUTOCONF", 0x40},
      {"IN6_IFF_DYNAMIC", 0x100}, {"IN6_IFF_OPTIMISTIC", 0x200}};
  f.sizes = {{"sockaddr", 16},       {"sockaddr_in", 16},    {"sockaddr_in6", 28},
             {"sockaddr_storage", 128}, {"if_data", 96},     {"if_data64", 128},
             {"ifreq", 32},          {"ifaliasreq", 64},     {"ifconf", 12},
             {"ifmediareq", 44},     {"ifdrv", 40},          {"ifstat", 817},
             {"if_clonereq", 16},    {"in_aliasreq", 64},    {"in6_ifreq", 288},
             {"in6_aliasreq", 128},  {"in6_addrlifetime", 24}, {"ifaddrs", 56},
             {"rt_addrinfo", 72},    {"rt_metrics", 56}};
  // golang.org/x/sys zerrors_darwin_amd64.go; the _IN6 ones from xnu's
  // in6_var.h and the structure sizes.
  f.siocs = {{"SIOCSIFADDR", 0x8020690c, "ifreq"},     {"SIOCGIFADDR", 0xc0206921, "ifreq"},
             {"SIOCSIFDSTADDR", 0x8020690e, "ifreq"},  {"SIOCGIFDSTADDR", 0xc0206922, "ifreq"},
             {"SIOCSIFFLAGS", 0x80206910, "ifreq"},    {"SIOCGIFFLAGS", 0xc0206911, "ifreq"},
             {"SIOCGIFBRDADDR", 0xc0206923, "ifreq"},  {"SIOCSIFBRDADDR", 0x80206913, "ifreq"},
             {"SIOCGIFCONF", 0xc00c6924, "ifconf"},    {"SIOCGIFNETMASK", 0xc0206925, "ifreq"},
             {"SIOCSIFNETMASK", 0x80206916, "ifreq"},  {"SIOCGIFMETRIC", 0xc0206917, "ifreq"},
             {"SIOCSIFMETRIC", 0x80206918, "ifreq"},   {"SIOCDIFADDR", 0x80206919, "ifreq"},
             {"SIOCAIFADDR", 0x8040691a, "ifaliasreq"}, {"SIOCAUTOADDR", 0xc0206926, "ifreq"},
             {"SIOCAUTONETMASK", 0x80206927, "ifreq"}, {"SIOCARPIPLL", 0xc0206928, "ifreq"},
             {"SIOCADDMULTI", 0x80206931, "ifreq"},    {"SIOCDELMULTI", 0x80206932, "ifreq"},
             {"SIOCGIFMTU", 0xc0206933, "ifreq"},      {"SIOCSIFMTU", 0x80206934, "ifreq"},
             {"SIOCGIFPHYS", 0xc0206935, "ifreq"},     {"SIOCSIFPHYS", 0x80206936, "ifreq"},
             {"SIOCSIFMEDIA", 0xc0206937, "ifreq"},    {"SIOCGIFMEDIA", 0xc02c6938, "ifmediareq"},
             {"SIOCSIFGENERIC", 0x80206939, "ifreq"},  {"SIOCGIFGENERIC", 0xc020693a, "ifreq"},
             {"SIOCRSLVMULTI", 0xc010693b, "rslvmulti_req"},
             {"SIOCSIFLLADDR", 0x8020693c, "ifreq"},   {"SIOCGIFSTATUS", 0xc331693d, "ifstat"},
             {"SIOCSIFPHYADDR", 0x8040693e, "ifaliasreq"}, {"SIOCGIFPSRCADDR", 0xc020693f, "ifreq"},
             {"SIOCGIFPDSTADDR", 0xc0206940, "ifreq"}, {"SIOCDIFPHYADDR", 0x80206941, "ifreq"},
             {"SIOCGIFDEVMTU", 0xc0206944, "ifreq"},   {"SIOCSIFALTMTU", 0x80206945, "ifreq"},
             {"SIOCGIFALTMTU", 0xc0206948, "ifreq"},   {"SIOCSIFBOND", 0x80206946, "ifreq"},
             {"SIOCGIFBOND", 0xc0206947, "ifreq"},     {"SIOCGIFXMEDIA", 0xc02c6948, "ifmediareq"},
             {"SIOCSIFCAP", 0x8020695a, "ifreq"},      {"SIOCGIFCAP", 0xc020695b, "ifreq"},
             {"SIOCSIFMANAGEMENT", 0xc020695c, "ifreq"}, {"SIOCIFCREATE", 0xc0206978, "ifreq"},
             {"SIOCIFDESTROY", 0x80206979, "ifreq"},   {"SIOCIFCREATE2", 0xc020697a, "ifreq"},
             {"SIOCSDRVSPEC", 0x8028697b, "ifdrv"},    {"SIOCGDRVSPEC", 0xc028697b, "ifdrv"},
             {"SIOCSIFVLAN", 0x8020697e, "ifreq"},     {"SIOCGIFVLAN", 0xc020697f, "ifreq"},
             {"SIOCSETVLAN", 0x8020697e, "ifreq"},     {"SIOCGETVLAN", 0xc020697f, "ifreq"},
             {"SIOCIFGCLONERS", 0xc0106981, "if_clonereq"},
             {"SIOCGIFASYNCMAP", 0xc020697c, "ifreq"}, {"SIOCSIFASYNCMAP", 0x8020697d, "ifreq"},
             {"SIOCGIFMAC", 0xc0206982, "ifreq"},      {"SIOCSIFMAC", 0x80206983, "ifreq"},
             {"SIOCSIFKPI", 0x80206986, "ifreq"},      {"SIOCGIFKPI", 0xc0206987, "ifreq"},
             {"SIOCGIFWAKEFLAGS", 0xc0206988, "ifreq"},
             {"SIOCGIFFUNCTIONALTYPE", 0xc02069ad, "ifreq"},
             {"SIOCSIF6LOWPAN", 0x802069c4, "ifreq"},  {"SIOCGIF6LOWPAN", 0xc02069c5, "ifreq"},
             {"SIOCAIFADDR_IN6", 0x8080691a, "in6_aliasreq"},
             {"SIOCDIFADDR_IN6", 0x81206919, "in6_ifreq"}};
  f.absent = absent_plus({"SA_SIZE", "RT_ROUNDUP", "RTM_IFANNOUNCE", "IFAN_ARRIVAL",
                          "LINK_STATE_UP", "NET_RT_IFLISTL", "SO_SETFIB", "SO_RERROR",
                          "SO_RTABLE", "CLLADDR", "RTF_FMASK", "RTM_VERSION_OLD"});
  f.extras = {"RTF_LLDATA"};
  f.private_names = {"RTM_GET_SILENT", "RTM_GET_EXT", "RTV_REFRESH_HOST"};
  return f;
}

Facts openbsd() {
  Facts f;
  f.personality = "openbsd";
  f.profile = "openbsd";
  f.consts = {
      {"AF_UNSPEC", 0}, {"AF_UNIX", 1}, {"AF_INET", 2}, {"AF_ROUTE", 17}, {"AF_LINK", 18},
      {"AF_INET6", 24}, {"AF_ENCAP", 28}, {"AF_KEY", 30}, {"PF_KEY", 30}, {"AF_MPLS", 33},
      {"AF_MAX", 36}, {"SO_USELOOPBACK", 0x40}, {"SO_RTABLE", 0x1021},
      {"NET_RT_DUMP", 1}, {"NET_RT_FLAGS", 2}, {"NET_RT_IFLIST", 3}, {"NET_RT_STATS", 4},
      {"NET_RT_TABLE", 5}, {"NET_RT_IFNAMES", 6}, {"NET_RT_SOURCE", 7}, {"NET_RT_MAXID", 8},
      {"CTL_NET", 4}, {"CTL_MAXNAME", 12}, {"KERN_OSTYPE", 1}, {"HW_NCPU", 3},
      {"ROUTE_MSGFILTER", 1}, {"ROUTE_TABLEFILTER", 2}, {"ROUTE_PRIOFILTER", 3},
      {"ROUTE_FLAGFILTER", 4}, {"RTABLE_ANY", 0xffffffff}, {"RTM_MAXSIZE", 2048},
      {"RTF_FMASK", 0x110fc08}, {"RTF_ANNOUNCE", 0x4000}, {"RT_TABLEID_MAX", 255},
      {"RTP_STATIC", 8}, {"RTP_BGP", 48}, {"RTP_MAX", 63}, {"RTLABEL_LEN", 32},
      {"LINK_STATE_UNKNOWN", 0}, {"LINK_STATE_INVALID", 1}, {"LINK_STATE_DOWN", 2},
      {"LINK_STATE_KALIVE_DOWN", 3}, {"LINK_STATE_UP", 4}, {"LINK_STATE_HALF_DUPLEX", 5},
      {"LINK_STATE_FULL_DUPLEX", 6}, {"IFAN_ARRIVAL", 0}, {"IFAN_DEPARTURE", 1},
      {"IFXF_AUTOCONF6", 0x20}, {"IFXF_AUTOCONF4", 0x80}, {"BSD", 199306},
      {"IFT_ETHER", 0x6}, {"IFT_LOOP", 0x18}, {"IFT_L2VLAN", 0x87}, {"IFT_BRIDGE", 0xd1},
      {"IFT_GIF", 0xf0}, {"IFT_ENC", 0xf4}, {"IFT_PFLOG", 0xf5}, {"IFT_CARP", 0xf7},
      {"IFT_WIREGUARD", 0xfb}, {"IN6_IFF_AUTOCONF", 0x40}, {"IN6_IFF_TEMPORARY", 0x80}};
  f.sizes = {{"sockaddr", 16},       {"sockaddr_in", 16},   {"sockaddr_in6", 28},
             {"sockaddr_storage", 256}, {"if_data", 144},   {"ifreq", 32},
             {"ifaliasreq", 64},     {"ifconf", 16},        {"ifmediareq", 64},
             {"if_clonereq", 16},    {"ifgroupreq", 40},    {"if_laddrreq", 536},
             {"if_parent", 32},      {"in_aliasreq", 64},   {"in6_ifreq", 288},
             {"in6_aliasreq", 128},  {"sockaddr_rtlabel", 34}, {"rt_metrics", 56},
             {"ifaddrs", 56}};
  // golang.org/x/sys zerrors_openbsd_amd64.go (OpenBSD 7.x).
  f.siocs = {{"SIOCSIFADDR", 0x8020690c, "ifreq"},     {"SIOCGIFADDR", 0xc0206921, "ifreq"},
             {"SIOCSIFDSTADDR", 0x8020690e, "ifreq"},  {"SIOCGIFDSTADDR", 0xc0206922, "ifreq"},
             {"SIOCSIFFLAGS", 0x80206910, "ifreq"},    {"SIOCGIFFLAGS", 0xc0206911, "ifreq"},
             {"SIOCGIFBRDADDR", 0xc0206923, "ifreq"},  {"SIOCSIFBRDADDR", 0x80206913, "ifreq"},
             {"SIOCGIFCONF", 0xc0106924, "ifconf"},    {"SIOCGIFNETMASK", 0xc0206925, "ifreq"},
             {"SIOCSIFNETMASK", 0x80206916, "ifreq"},  {"SIOCGIFMETRIC", 0xc0206917, "ifreq"},
             {"SIOCSIFMETRIC", 0x80206918, "ifreq"},   {"SIOCDIFADDR", 0x80206919, "ifreq"},
             {"SIOCAIFADDR", 0x8040691a, "ifaliasreq"}, {"SIOCGIFDATA", 0xc020691b, "ifreq"},
             {"SIOCSIFLLADDR", 0x8020691f, "ifreq"},   {"SIOCADDMULTI", 0x80206931, "ifreq"},
             {"SIOCDELMULTI", 0x80206932, "ifreq"},    {"SIOCSIFMEDIA", 0xc0206937, "ifreq"},
             {"SIOCGIFMEDIA", 0xc0406938, "ifmediareq"}, {"SIOCSIFGENERIC", 0x80206939, "ifreq"},
             {"SIOCGIFGENERIC", 0xc020693a, "ifreq"},  {"SIOCDIFPHYADDR", 0x80206949, "ifreq"},
             {"SIOCSLIFPHYADDR", 0x8218694a, "if_laddrreq"},
             {"SIOCGLIFPHYADDR", 0xc218694b, "if_laddrreq"},
             {"SIOCIFDESTROY", 0x80206979, "ifreq"},   {"SIOCIFCREATE", 0x8020697a, "ifreq"},
             {"SIOCIFGCLONERS", 0xc0106978, "if_clonereq"}, {"SIOCGIFMTU", 0xc020697e, "ifreq"},
             {"SIOCSIFMTU", 0x8020697f, "ifreq"},      {"SIOCSIFDESCR", 0x80206980, "ifreq"},
             {"SIOCGIFDESCR", 0xc0206981, "ifreq"},    {"SIOCSIFRTLABEL", 0x80206982, "ifreq"},
             {"SIOCGIFRTLABEL", 0xc0206983, "ifreq"},  {"SIOCAIFGROUP", 0x80286987, "ifgroupreq"},
             {"SIOCGIFGROUP", 0xc0286988, "ifgroupreq"}, {"SIOCDIFGROUP", 0x80286989, "ifgroupreq"},
             {"SIOCGIFGMEMB", 0xc028698a, "ifgroupreq"}, {"SIOCGIFGATTR", 0xc028698b, "ifgroupreq"},
             {"SIOCSIFGATTR", 0x8028698c, "ifgroupreq"}, {"SIOCGIFGLIST", 0xc028698d, "ifgroupreq"},
             {"SIOCSETVLAN", 0x8020698f, "ifreq"},     {"SIOCGETVLAN", 0xc0206990, "ifreq"},
             {"SIOCSIFPRIORITY", 0x8020699b, "ifreq"}, {"SIOCGIFPRIORITY", 0xc020699c, "ifreq"},
             {"SIOCSIFXFLAGS", 0x8020699d, "ifreq"},   {"SIOCGIFXFLAGS", 0xc020699e, "ifreq"},
             {"SIOCSIFRDOMAIN", 0x8020699f, "ifreq"},  {"SIOCGIFRDOMAIN", 0xc02069a0, "ifreq"},
             {"SIOCSLIFPHYRTABLE", 0x802069a1, "ifreq"}, {"SIOCGLIFPHYRTABLE", 0xc02069a2, "ifreq"},
             {"SIOCGIFHARDMTU", 0xc02069a5, "ifreq"},  {"SIOCSVNETID", 0x802069a6, "ifreq"},
             {"SIOCGVNETID", 0xc02069a7, "ifreq"},     {"SIOCSLIFPHYTTL", 0x802069a8, "ifreq"},
             {"SIOCGLIFPHYTTL", 0xc02069a9, "ifreq"},  {"SIOCDVNETID", 0x802069af, "ifreq"},
             {"SIOCSIFPAIR", 0x802069b0, "ifreq"},     {"SIOCGIFPAIR", 0xc02069b1, "ifreq"},
             {"SIOCSIFPARENT", 0x802069b2, "if_parent"}, {"SIOCGIFPARENT", 0xc02069b3, "if_parent"},
             {"SIOCDIFPARENT", 0x802069b4, "ifreq"},   {"SIOCSIFLLPRIO", 0x802069b5, "ifreq"},
             {"SIOCGIFLLPRIO", 0xc02069b6, "ifreq"},
             {"SIOCAIFADDR_IN6", 0x8080691a, "in6_aliasreq"},
             {"SIOCDIFADDR_IN6", 0x81206919, "in6_ifreq"}};
  f.absent = absent_plus({"SA_SIZE", "RT_ROUNDUP", "RTM_LOCK", "RTM_NEWMADDR", "RTM_OLDADD",
                          "SO_SETFIB", "SO_RERROR", "RO_MSGFILTER", "NET_RT_IFLISTL"});
  f.extras = {"RTF_ANNOUNCE", "RTF_FMASK"};
  return f;
}

Facts netbsd() {
  Facts f;
  f.personality = "netbsd";
  f.profile = "netbsd";
  f.consts = {
      {"AF_UNSPEC", 0}, {"AF_UNIX", 1}, {"AF_INET", 2}, {"AF_OROUTE", 17}, {"AF_LINK", 18},
      {"AF_INET6", 24}, {"AF_ROUTE", 34}, {"PF_ROUTE", 34}, {"AF_MPLS", 33}, {"AF_CAN", 35},
      {"AF_MAX", 37}, {"SO_USELOOPBACK", 0x40}, {"SO_RERROR", 0x4000},
      {"NET_RT_DUMP", 1}, {"NET_RT_FLAGS", 2}, {"NET_RT_OOOIFLIST", 3}, {"NET_RT_OOIFLIST", 4},
      {"NET_RT_OIFLIST", 5}, {"NET_RT_IFLIST", 6}, {"CTL_NET", 4}, {"CTL_MAXNAME", 12},
      {"RO_MSGFILTER", 1}, {"RO_MISSFILTER", 2}, {"RO_FILTSA_MAX", 30},
      {"LINK_STATE_UNKNOWN", 0}, {"LINK_STATE_DOWN", 1}, {"LINK_STATE_UP", 2},
      {"IFAN_ARRIVAL", 0}, {"IFAN_DEPARTURE", 1}, {"BSD", 199506},
      {"__NetBSD_Version__", 1000000000}, {"IFT_ETHER", 0x6}, {"IFT_LOOP", 0x18},
      {"IFT_L2VLAN", 0x87}, {"IFT_BRIDGE", 0xd1}, {"IFT_GIF", 0xf0}, {"IFT_STF", 0xd7},
      {"IN6_IFF_TENTATIVE", 2}, {"IN6_IFF_AUTOCONF", 0x40}, {"ND6_IFF_AUTO_LINKLOCAL", 0x20}};
  f.sizes = {{"sockaddr", 16},        {"sockaddr_in", 16},    {"sockaddr_in6", 28},
             {"sockaddr_storage", 128}, {"if_data", 136},    {"ifreq", 144},
             {"ifaliasreq", 64},      {"ifconf", 16},         {"ifmediareq", 48},
             {"ifdrv", 40},           {"if_clonereq", 16},    {"ifdatareq", 152},
             {"if_laddrreq", 280},    {"if_addrprefreq", 152}, {"ifcapreq", 32},
             {"in_aliasreq", 64},     {"in6_ifreq", 288},     {"in6_aliasreq", 128},
             {"ifaddrs", 64},         {"rt_metrics", 80}};
  // golang.org/x/sys zerrors_netbsd_amd64.go where it lists them; the rest
  // from NetBSD's sockio.h and in6_var.h with the structure sizes.
  f.siocs = {{"SIOCGIFCONF", 0xc0106926, "ifconf"},
             {"SIOCGIFMEDIA", 0xc0306936, "ifmediareq"},
             {"SIOCGIFDATA", 0xc0986985, "ifdatareq"},
             {"SIOCZIFDATA", 0xc0986986, "ifdatareq"},
             {"SIOCGIFADDRPREF", 0xc0986920, "if_addrprefreq"},
             {"SIOCSIFADDRPREF", 0x8098691f, "if_addrprefreq"},
             {"SIOCGLINKSTR", 0xc0286987, "ifdrv"},
             {"SIOCSLINKSTR", 0x80286988, "ifdrv"},
             {"SIOCGDRVSPEC", 0xc028697b, "ifdrv"},
             {"SIOCSDRVSPEC", 0x8028697b, "ifdrv"},
             {"SIOCIFGCLONERS", 0xc0106978, "if_clonereq"},
             {"SIOCGIFFLAGS", 0xc0906911, "ifreq"},
             {"SIOCSIFFLAGS", 0x80906910, "ifreq"},
             {"SIOCAIFADDR", 0x8040691a, "ifaliasreq"},
             {"SIOCDIFADDR", 0x80906919, "ifreq"},
             {"SIOCGIFMTU", 0xc090697e, "ifreq"},
             {"SIOCSIFMTU", 0x8090697f, "ifreq"},
             {"SIOCIFCREATE", 0x8090697a, "ifreq"},
             {"SIOCIFDESTROY", 0x80906979, "ifreq"},
             {"SIOCGIFADDR", 0xc0906921, "ifreq"},
             {"SIOCGIFNETMASK", 0xc0906925, "ifreq"},
             {"SIOCALIFADDR", 0x8118691c, "if_laddrreq"},
             {"SIOCGIFCAP", 0xc0206976, "ifcapreq"},
             {"SIOCAIFADDR_IN6", 0x8080696b, "in6_aliasreq"},
             {"SIOCDIFADDR_IN6", 0x81206919, "in6_ifreq"},
             {"SIOCGIFAFLAG_IN6", 0xc1206949, "in6_ifreq"}};
  f.absent = absent_plus({"SA_SIZE", "RTM_RESOLVE", "ROUTE_MSGFILTER", "SO_SETFIB",
                          "SO_RTABLE", "LINK_STATE_INVALID", "NET_RT_IFLISTL",
                          "RTM_NEWMADDR", "RTF_CLONING", "RTF_XRESOLVE"});
  f.extras = {"RTF_LLINFO"};
  f.round_macro = "RT_ROUNDUP";
  return f;
}

Facts dragonfly() {
  Facts f;
  f.personality = "dragonfly";
  f.profile = "dragonfly";
  f.consts = {
      {"AF_UNSPEC", 0}, {"AF_UNIX", 1}, {"AF_INET", 2}, {"AF_ROUTE", 17}, {"AF_LINK", 18},
      {"AF_INET6", 28}, {"AF_NETGRAPH", 32}, {"AF_BLUETOOTH", 33}, {"AF_MPLS", 34},
      {"AF_IEEE80211", 35}, {"AF_MAX", 36}, {"SO_USELOOPBACK", 0x40}, {"SO_RERROR", 0x2000},
      {"NET_RT_DUMP", 1}, {"NET_RT_FLAGS", 2}, {"NET_RT_IFLIST", 3}, {"NET_RT_MAXID", 4},
      {"CTL_NET", 4}, {"CTL_MAXNAME", 12}, {"LINK_STATE_UNKNOWN", 0}, {"LINK_STATE_DOWN", 1},
      {"LINK_STATE_UP", 2}, {"IFAN_ARRIVAL", 0}, {"IFAN_DEPARTURE", 1}, {"BSD", 199506},
      {"__DragonFly_version", 600400}, {"IFT_ETHER", 0x6}, {"IFT_LOOP", 0x18},
      {"IFT_L2VLAN", 0x87}, {"IFT_BRIDGE", 0xd1}, {"IFT_GIF", 0xf0}, {"IFT_CARP", 0xf8},
      {"RTM_RTTUNIT", 1000000}};
  f.sizes = {{"sockaddr", 16},        {"sockaddr_in", 16},    {"sockaddr_in6", 28},
             {"sockaddr_storage", 128}, {"if_data", 160},    {"ifreq", 32},
             {"ifaliasreq", 64},      {"ifconf", 16},         {"ifmediareq", 48},
             {"ifstat", 817},         {"ifdrv", 40},          {"if_clonereq", 16},
             {"if_laddrreq", 280},    {"ifgroupreq", 40},     {"in_aliasreq", 64},
             {"in6_ifreq", 288},      {"in6_aliasreq", 128},  {"ifaddrs", 56},
             {"rt_metrics", 112}};
  // golang.org/x/sys zerrors_dragonfly_amd64.go; the _IN6 ones computed.
  f.siocs = {{"SIOCADDMULTI", 0x80206931, "ifreq"},
             {"SIOCAIFADDR", 0x8040691a, "ifaliasreq"},
             {"SIOCAIFGROUP", 0x80286987, "ifgroupreq"},
             {"SIOCALIFADDR", 0x8118691b, "if_laddrreq"},
             {"SIOCDELMULTI", 0x80206932, "ifreq"},
             {"SIOCDIFADDR", 0x80206919, "ifreq"},
             {"SIOCDIFGROUP", 0x80286989, "ifgroupreq"},
             {"SIOCDIFPHYADDR", 0x80206949, "ifreq"},
             {"SIOCDLIFADDR", 0x8118691d, "if_laddrreq"},
             {"SIOCGDRVSPEC", 0xc028697b, "ifdrv"},
             {"SIOCGIFADDR", 0xc0206921, "ifreq"},
             {"SIOCGIFALIAS", 0xc0406929, "ifaliasreq"},
             {"SIOCGIFBRDADDR", 0xc0206923, "ifreq"},
             {"SIOCGIFCAP", 0xc020691f, "ifreq"},
             {"SIOCGIFCONF", 0xc0106924, "ifconf"},
             {"SIOCGIFDATA", 0xc0206926, "ifreq"},
             {"SIOCGIFDSTADDR", 0xc0206922, "ifreq"},
             {"SIOCGIFFLAGS", 0xc0206911, "ifreq"},
             {"SIOCGIFGENERIC", 0xc020693a, "ifreq"},
             {"SIOCGIFGMEMB", 0xc028698a, "ifgroupreq"},
             {"SIOCGIFGROUP", 0xc0286988, "ifgroupreq"},
             {"SIOCGIFINDEX", 0xc0206920, "ifreq"},
             {"SIOCGIFMEDIA", 0xc0306938, "ifmediareq"},
             {"SIOCGIFMETRIC", 0xc0206917, "ifreq"},
             {"SIOCGIFMTU", 0xc0206933, "ifreq"},
             {"SIOCGIFNETMASK", 0xc0206925, "ifreq"},
             {"SIOCGIFPDSTADDR", 0xc0206948, "ifreq"},
             {"SIOCGIFPHYS", 0xc0206935, "ifreq"},
             {"SIOCGIFPOLLCPU", 0xc020697e, "ifreq"},
             {"SIOCGIFPSRCADDR", 0xc0206947, "ifreq"},
             {"SIOCGIFSTATUS", 0xc331693b, "ifstat"},
             {"SIOCGIFTSOLEN", 0xc0206980, "ifreq"},
             {"SIOCGLIFADDR", 0xc118691c, "if_laddrreq"},
             {"SIOCGLIFPHYADDR", 0xc118694b, "if_laddrreq"},
             {"SIOCGPRIVATE_0", 0xc0206950, "ifreq"},
             {"SIOCGPRIVATE_1", 0xc0206951, "ifreq"},
             {"SIOCIFCREATE", 0xc020697a, "ifreq"},
             {"SIOCIFCREATE2", 0xc020697c, "ifreq"},
             {"SIOCIFDESTROY", 0x80206979, "ifreq"},
             {"SIOCIFGCLONERS", 0xc0106978, "if_clonereq"},
             {"SIOCSDRVSPEC", 0x8028697b, "ifdrv"},
             {"SIOCSIFADDR", 0x8020690c, "ifreq"},
             {"SIOCSIFBRDADDR", 0x80206913, "ifreq"},
             {"SIOCSIFCAP", 0x8020691e, "ifreq"},
             {"SIOCSIFDSTADDR", 0x8020690e, "ifreq"},
             {"SIOCSIFFLAGS", 0x80206910, "ifreq"},
             {"SIOCSIFGENERIC", 0x80206939, "ifreq"},
             {"SIOCSIFLLADDR", 0x8020693c, "ifreq"},
             {"SIOCSIFMEDIA", 0xc0206937, "ifreq"},
             {"SIOCSIFMETRIC", 0x80206918, "ifreq"},
             {"SIOCSIFMTU", 0x80206934, "ifreq"},
             {"SIOCSIFNAME", 0x80206928, "ifreq"},
             {"SIOCSIFNETMASK", 0x80206916, "ifreq"},
             {"SIOCSIFPHYADDR", 0x80406946, "ifaliasreq"},
             {"SIOCSIFPHYS", 0x80206936, "ifreq"},
             {"SIOCSIFPOLLCPU", 0x8020697d, "ifreq"},
             {"SIOCSIFTSOLEN", 0x8020697f, "ifreq"},
             {"SIOCSLIFPHYADDR", 0x8118694a, "if_laddrreq"},
             {"SIOCAIFADDR_IN6", 0x8080691a, "in6_aliasreq"},
             {"SIOCDIFADDR_IN6", 0x81206919, "in6_ifreq"}};
  f.absent = absent_plus({"SA_SIZE", "RT_ROUNDUP", "SO_SETFIB", "SO_RTABLE", "ROUTE_MSGFILTER",
                          "RO_MSGFILTER", "NET_RT_IFLISTL", "RTF_FIXEDMTU", "RTF_STICKY"});
  return f;
}

}  // namespace

const std::vector<Facts>& all_facts() {
  static const std::vector<Facts> v = {freebsd(), darwin(), openbsd(), netbsd(), dragonfly()};
  return v;
}

}  // namespace rtsock::compat_test
