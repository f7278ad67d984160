// route(8) name tables per OS (bit numbers are 1-based, listed in the order
// route(8) prints them).
#include "monitor_style.hpp"

namespace rtsock::codec::detail {
namespace {

std::vector<NamedBit> from_profile(const abi::BitNames& names) {
  std::vector<NamedBit> v;
  for (int i = 0; i < 32; ++i)
    if (!names[static_cast<std::size_t>(i)].empty()) v.push_back({i + 1, names[static_cast<std::size_t>(i)]});
  return v;
}

MonitorStyle freebsd() {
  MonitorStyle s;
  s.routeflags = {{1, "UP"},        {2, "GATEWAY"},    {3, "HOST"},      {4, "REJECT"},
                  {5, "DYNAMIC"},   {6, "MODIFIED"},   {7, "DONE"},      {10, "XRESOLVE"},
                  {11, "LLINFO"},   {12, "STATIC"},    {13, "BLACKHOLE"}, {15, "PROTO2"},
                  {16, "PROTO1"},   {17, "PRCLONING"}, {18, "WASCLONED"}, {19, "PROTO3"},
                  {20, "FIXEDMTU"}, {21, "PINNED"},    {22, "LOCAL"},    {23, "BROADCAST"},
                  {24, "MULTICAST"}, {29, "STICKY"}};
  s.ifnetflags = {{1, "UP"},        {2, "BROADCAST"}, {3, "DEBUG"},   {4, "LOOPBACK"},
                  {5, "PTP"},       {6, "b6"},        {7, "RUNNING"}, {8, "NOARP"},
                  {9, "PPROMISC"},  {10, "ALLMULTI"}, {11, "OACTIVE"}, {12, "SIMPLEX"},
                  {13, "LINK0"},    {14, "LINK1"},    {15, "LINK2"},  {16, "MULTICAST"}};
  s.addrnames = {{1, "DST"}, {2, "GATEWAY"}, {3, "NETMASK"}, {4, "GENMASK"},
                 {5, "IFP"}, {6, "IFA"},     {7, "AUTHOR"},  {8, "BRD"}};
  s.metricnames = {{9, "weight"},   {8, "rttvar"},   {7, "rtt"},    {6, "ssthresh"},
                   {5, "sendpipe"}, {4, "recvpipe"}, {3, "expire"}, {1, "mtu"}};
  return s;
}

MonitorStyle generic(const abi::Profile& p) {
  MonitorStyle s = freebsd();
  s.routeflags = from_profile(p.rtf);
  s.addrnames = from_profile(p.rta);
  return s;
}

}  // namespace

const MonitorStyle& monitor_style(const abi::Profile& p) {
  static const MonitorStyle fb = freebsd();
  static const MonitorStyle ob = [] {
    MonitorStyle s = generic(*abi::find_profile("openbsd"));
    s.openbsd = true;
    s.announce_name = true;
    return s;
  }();
  static const MonitorStyle dw = [] {
    MonitorStyle s = generic(*abi::find_profile("darwin"));
    s.ifscope = true;
    return s;
  }();
  static const MonitorStyle nb = generic(*abi::find_profile("netbsd"));
  static const MonitorStyle nb7 = generic(*abi::find_profile("netbsd7"));
  static const MonitorStyle df = generic(*abi::find_profile("dragonfly"));
  static const MonitorStyle hp = generic(*abi::find_profile("hpux"));
  switch (p.os) {
    case abi::Os::freebsd: return fb;
    case abi::Os::openbsd: return ob;
    case abi::Os::darwin: return dw;
    case abi::Os::netbsd: return p.os_version >= 8 ? nb : nb7;
    case abi::Os::dragonfly: return df;
    case abi::Os::hpux: return hp;
  }
  return fb;
}

}  // namespace rtsock::codec::detail
