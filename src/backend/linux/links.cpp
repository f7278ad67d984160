// LinuxTable's interface requests (ifconfig): create and destroy links of
// the kinds the kernel has, up/down, mtu, link-layer address, carrier, and
// addresses. Their outcome is reported from the kernel's own notices.
#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "request.hpp"
#include "rtsock/fib/flags.hpp"
#include "table.hpp"

namespace rtsock::backend::rtnl {
namespace {

tl::unexpected<Error> err(int e) { return tl::unexpected(Error::from_errno(e)); }

// The Linux link kind a BSD cloner name asks for ("bridge0" -> bridge).
std::string kind_of(std::string_view name) {
  std::size_t end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1])) != 0) --end;
  const std::string_view prefix = name.substr(0, end);
  if (prefix == "epair" || prefix == "veth") return "veth";
  if (prefix == "lo" || prefix == "dummy") return "dummy";  // a BSD loopback clone: a dummy
  if (prefix == "wg") return "wireguard";
  return std::string(prefix);
}

bool valid_name(std::string_view n) {
  return !n.empty() && n.size() < IFNAMSIZ &&
         std::none_of(n.begin(), n.end(), [](char c) { return c == '/' || c == ' ' || c == ':'; });
}

}  // namespace

Result<void> LinuxTable::link_op(std::uint16_t index, LinkSpec spec) {
  if (mirror_.link(index) == nullptr) return err(ENXIO);
  spec.index = index;
  auto q = link_request(RTM_NEWLINK, 0, spec);
  auto r = ch_->request(q.header());
  settle();
  return r;
}

Result<std::uint16_t> LinuxTable::attach(const fib::IfSpec& spec) {
  if (!valid_name(spec.name) || spec.fib >= cfg_.fibs) return err(EINVAL);
  if (mirror_.link(spec.name) != nullptr) return err(EEXIST);
  LinkSpec l;
  l.name = names_.linux_of(spec.name);
  l.kind = kind_of(spec.name);
  std::string created = spec.name;
  // FreeBSD's epair0 is a pair, epair0a and epair0b: so is a veth pair.
  if (spec.name.rfind("epair", 0) == 0) {
    if (l.name.size() + 1 >= IFNAMSIZ) return err(EINVAL);
    created = spec.name + "a";
    l.peer = l.name + "b";
    l.name += "a";
  }
  if (spec.mtu != 0) l.mtu = spec.mtu;
  if (!spec.lladdr.empty()) l.lladdr = spec.lladdr;
  if ((spec.flags & fib::iff::up) != 0) l.flags = l.change = IFF_UP;
  auto q = link_request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, l);
  auto r = ch_->request(q.header());
  settle();
  if (!r) {
    // No such kind here: what a BSD says of a cloner it does not have.
    if (r.error().code().value() == EOPNOTSUPP) return err(EINVAL);
    return tl::unexpected(r.error());
  }
  const fib::Interface* ifp = mirror_.link(std::string_view(created));
  if (ifp == nullptr) return err(ENXIO);
  return ifp->index;
}

Result<void> LinuxTable::detach(std::uint16_t index) {
  if (mirror_.link(index) == nullptr) return err(ENXIO);
  LinkSpec l;
  l.index = index;
  auto q = link_request(RTM_DELLINK, 0, l);
  auto r = ch_->request(q.header());
  settle();
  return r;
}

Result<void> LinuxTable::set_flags(std::uint16_t index, std::uint32_t flags) {
  const fib::Interface* ifp = mirror_.link(index);
  if (ifp == nullptr) return err(ENXIO);
  // Only the bits a program may set; RUNNING and the others are the link's.
  constexpr std::uint32_t settable = fib::iff::up | fib::iff::debug | fib::iff::noarp |
                                     fib::iff::promisc | fib::iff::allmulti;
  const std::uint32_t change = (ifp->flags ^ flags) & settable;
  if (change == 0) return {};
  LinkSpec l;
  l.flags = linux_iff(flags & change);
  l.change = linux_iff(change);
  return link_op(index, l);
}

Result<void> LinuxTable::set_mtu(std::uint16_t index, std::uint32_t mtu) {
  LinkSpec l;
  l.mtu = mtu;
  return link_op(index, l);
}

Result<void> LinuxTable::set_link(std::uint16_t index, fib::LinkState state) {
  if (state == fib::LinkState::unknown) return err(EINVAL);
  LinkSpec l;
  l.carrier = state == fib::LinkState::up;
  return link_op(index, l);
}

Result<void> LinuxTable::set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr) {
  LinkSpec l;
  l.lladdr = std::vector<std::uint8_t>(lladdr.begin(), lladdr.end());
  return link_op(index, l);
}

Result<void> LinuxTable::set_metric(std::uint16_t index, std::uint32_t metric) {
  // Linux links have no metric: kept here, as a BSD keeps it, unreported.
  if (mirror_.link(index) == nullptr) return err(ENXIO);
  mirror_.set_metric(index, metric);
  return {};
}

Result<void> LinuxTable::add_address(std::uint16_t index, const fib::IfAddress& a) {
  const fib::Interface* ifp = mirror_.link(index);
  if (ifp == nullptr) return err(ENXIO);
  if (a.plen > fib::max_plen(a.addr.family) || a.addr.is_zero()) return err(EINVAL);
  Address x;
  x.family = a.addr.family;
  x.plen = a.plen;
  x.index = index;
  x.local = a.addr;
  x.address = a.peer ? *a.peer : a.addr;
  x.broadcast = a.broadcast;
  // A BSD gives a broadcast interface's IPv4 address its broadcast address.
  if (!x.broadcast && !a.peer && a.addr.family == fib::Family::inet4 &&
      (ifp->flags & fib::iff::broadcast) != 0 && a.plen < 31)
    x.broadcast = fib::Addr::v4(a.addr.v4() | (a.plen == 0 ? ~0u : ~(~0u << (32 - a.plen))));
  auto q = addr_request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, x);
  auto r = ch_->request(q.header());
  settle();
  return r;
}

Result<void> LinuxTable::delete_address(std::uint16_t index, const fib::Addr& a) {
  const fib::Interface* ifp = mirror_.link(index);
  if (ifp == nullptr) return err(ENXIO);
  auto it = std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                         [&](const fib::IfAddress& y) { return y.addr == a; });
  if (it == ifp->addrs.end()) return err(EADDRNOTAVAIL);
  Address x;
  x.family = a.family;
  x.plen = it->plen;
  x.index = index;
  x.local = a;
  x.address = it->peer ? *it->peer : a;
  auto q = addr_request(RTM_DELADDR, 0, x);
  auto r = ch_->request(q.header());
  settle();
  return r;
}

}  // namespace rtsock::backend::rtnl
