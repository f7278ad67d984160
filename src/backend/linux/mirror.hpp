// The Linux backend's view of the kernel: the namespace's links with their
// addresses and every route a BSD kernel could hold, each already in its
// BSD face (fib::Interface, fib::IfAddress, fib::RouteInfo) beside the
// kernel's own description of it. Kept current by rtnetlink notifications;
// rebuilt from dumps when they were lost.
//
// The face (docs/linux-backend.md): table main and local are FIB 0, table
// n < fibs is FIB n; `proto kernel` routes are interface routes, local-table
// `local` routes are the addresses' loopback routes, blackhole and
// unreachable/prohibit routes are RTF_BLACKHOLE and RTF_REJECT; every path
// of a multipath route is one route. Broadcast routes show on OpenBSD only;
// anycast, multicast, throw and source-specific routes, cached clones and
// other tables have no face.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "message.hpp"
#include "rtsock/fib/change.hpp"
#include "rtsock/fib/semantics.hpp"

namespace rtsock::backend::rtnl {

// Linux interface names as the personality shows them (--ifname eth0=em0).
struct Renames {
  std::map<std::string, std::string> to_bsd, to_linux;
  std::string bsd_of(const std::string& linux_name) const;
  std::string linux_of(const std::string& bsd_name) const;
};

// Where a path sorts: radix order of its BSD prefix, then the kernel's
// preference (local table first, lower metric first), then the path.
struct PathKey {
  std::uint32_t fib = 0;
  fib::Addr addr;  // the prefix, link-local zone embedded
  std::uint8_t plen = 0;
  std::uint32_t rank = 0;  // table 255 -> 0, 254 -> 1, n -> n + 2
  std::uint8_t tos = 0;
  std::uint32_t priority = 0;
  std::uint8_t type = 0;
  int oif = 0;
  std::optional<fib::Addr> gateway;

  friend bool operator<(const PathKey& a, const PathKey& b);
  friend bool operator==(const PathKey&, const PathKey&) = default;
};

// One path: its face and the kernel's route it belongs to (all paths).
struct Path {
  fib::RouteInfo info;
  Route route;
  std::size_t nexthop = 0;  // index into route.paths (0 when it has none)
};

// What applying notifications tells the backend to do next.
struct Effects {
  // A link went down or away (IPv4 drops its routes unannounced), or a
  // nexthop object changed under the routes that use it.
  bool routes_stale = false;
};

class Mirror {
 public:
  using Clock = std::function<std::int64_t()>;

  Mirror(const fib::Semantics& sem, std::uint32_t fibs, const Renames& names, Clock clock);

  // ---- interfaces ----
  const fib::Interface* link(std::uint16_t index) const;
  const fib::Interface* link(std::string_view bsd_name) const;
  std::vector<const fib::Interface*> links() const;
  std::uint16_t loopback() const;  // 0 when none
  // The Linux name of a link.
  const std::string& linux_name(std::uint16_t index) const;

  // ---- routes ----
  const std::map<PathKey, Path>& paths() const { return paths_; }
  // The paths of one prefix in one FIB, in preference order.
  std::vector<const Path*> prefix(std::uint32_t fib, const fib::Prefix& p) const;
  // Longest match: the preferred path of the longest prefix holding dst.
  const Path* lpm(std::uint32_t fib, const fib::Addr& dst) const;
  void walk(std::uint32_t fib, fib::Family family,
            const std::function<bool(const fib::RouteInfo&)>& fn) const;
  // The faces of a kernel route (none when it has no BSD face).
  std::vector<std::pair<PathKey, Path>> faces(const Route& r) const;

  // ---- notifications and dumps ----
  // Applies one message, appending the changes it makes. Idempotent: a
  // message describing the state already held changes nothing.
  void apply(const Message& m, std::vector<fib::Change>& out, Effects& fx);
  // Replaces the routes (or everything) by `fresh`'s, appending the changes.
  void take_routes(Mirror&& fresh, std::vector<fib::Change>& out);
  void take_all(Mirror&& fresh, std::vector<fib::Change>& out);
  // Updates the state a BSD kernel keeps without telling anyone.
  void set_metric(std::uint16_t index, std::uint32_t metric);
  // An expiry time the kernel does not keep (IPv4), kept on the path's face.
  void set_expire(const PathKey& key, std::int64_t when);
  // An empty mirror holding this one's links, for a routes-only dump.
  Mirror links_only() const;

  // Embeds a link-local zone KAME-style, as the table keeps addresses.
  static fib::Addr zoned(fib::Addr a, int ifindex);

 private:
  fib::Interface face(const Link& l, const fib::Interface* before) const;
  fib::IfAddress face(const Address& a) const;
  std::optional<fib::Addr> source_for(const fib::Interface& ifp, const fib::Addr& toward) const;
  void apply_link(const Message& m, const Link& l, std::vector<fib::Change>& out, Effects& fx);
  void apply_address(const Message& m, const Address& a, std::vector<fib::Change>& out);
  void apply_route(const Message& m, const Route& r, std::vector<fib::Change>& out);
  void erase_route_of(const Route& r, std::vector<fib::Change>& out, std::vector<Path>* removed);

  fib::Semantics sem_;
  std::uint32_t fibs_;
  const Renames* names_;
  Clock clock_;
  std::map<int, fib::Interface> links_;  // by index
  std::map<int, std::string> linux_names_;
  std::map<PathKey, Path> paths_;
};

// Interface flags: Linux IFF_* to the canonical BSD set (fib::iff) and back
// (the bits both have).
std::uint32_t bsd_iff(std::uint32_t linux_flags);
std::uint32_t linux_iff(std::uint32_t bsd_flags);

// A batch of changes in the BSD kernels' order: a route that went away with
// an address or an interface is reported before that address or interface.
void bsd_order(std::vector<fib::Change>& changes);

}  // namespace rtsock::backend::rtnl
