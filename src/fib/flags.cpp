// Canonical flag names, for mapping each OS's RTF_/IFF_ bits by name.
#include "rtsock/fib/flags.hpp"

#include <array>

namespace rtsock::fib {

std::span<const FlagName> rtf_names() {
  static constexpr std::array<FlagName, 45> names{{
      {rtf::up, "UP"},
      {rtf::gateway, "GATEWAY"},
      {rtf::host, "HOST"},
      {rtf::reject, "REJECT"},
      {rtf::dynamic, "DYNAMIC"},
      {rtf::modified, "MODIFIED"},
      {rtf::done, "DONE"},
      {rtf::xresolve, "XRESOLVE"},
      {rtf::llinfo, "LLINFO"},
      {rtf::llinfo, "LLDATA"},
      {rtf::static_, "STATIC"},
      {rtf::blackhole, "BLACKHOLE"},
      {rtf::proto2, "PROTO2"},
      {rtf::proto1, "PROTO1"},
      {rtf::proto3, "PROTO3"},
      {rtf::fixedmtu, "FIXEDMTU"},
      {rtf::pinned, "PINNED"},
      {rtf::local, "LOCAL"},
      {rtf::broadcast, "BROADCAST"},
      {rtf::multicast, "MULTICAST"},
      {rtf::sticky, "STICKY"},
      {rtf::gwflag_compat, "GWFLAG_COMPAT"},
      {rtf::cloning, "CLONING"},
      {rtf::mpath, "MPATH"},
      {rtf::connected, "CONNECTED"},
      {rtf::mpls, "MPLS"},
      {rtf::bfd, "BFD"},
      {rtf::ifscope, "IFSCOPE"},
      {rtf::cloned, "CLONED"},
      {rtf::cached, "CACHED"},
      {rtf::prcloning, "PRCLONING"},
      {rtf::wascloned, "WASCLONED"},
      {rtf::delclone, "DELCLONE"},
      {rtf::noifref, "NOIFREF"},
      {rtf::condemned, "CONDEMNED"},
      {rtf::ifref, "IFREF"},
      {rtf::proxy, "PROXY"},
      {rtf::router, "ROUTER"},
      {rtf::dead, "DEAD"},
      {rtf::global, "GLOBAL"},
      {rtf::announce, "ANNOUNCE"},
      {rtf::src, "SRC"},
      {rtf::mask, "MASK"},
      {rtf::updating, "UPDATING"},
      {rtf::mplsops, "MPLSOPS"},
  }};
  return names;
}

std::span<const FlagName> iff_names() {
  static constexpr std::array<FlagName, 14> names{{
      {iff::up, "UP"},
      {iff::broadcast, "BROADCAST"},
      {iff::debug, "DEBUG"},
      {iff::loopback, "LOOPBACK"},
      {iff::pointopoint, "POINTOPOINT"},
      {iff::running, "RUNNING"},
      {iff::noarp, "NOARP"},
      {iff::promisc, "PROMISC"},
      {iff::allmulti, "ALLMULTI"},
      {iff::simplex, "SIMPLEX"},
      {iff::link0, "LINK0"},
      {iff::link1, "LINK1"},
      {iff::link2, "LINK2"},
      {iff::multicast, "MULTICAST"},
  }};
  return names;
}

}  // namespace rtsock::fib
