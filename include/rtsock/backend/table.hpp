// rtsock/backend/table.hpp — the seam under the routing-socket engine: the
// table the engine applies route(4)'s requests to and hears change records
// from. Every route(4) rule (message building, replies, errors per OS,
// delivery filters, sysctl dumps) stays above this line, in the engine;
// below it are routes, interfaces and addresses as typed values, never
// wire formats.
//
// Two tables exist: the emulated kernel (backend::Emulated, over fib::Fib)
// and a host kernel's own tables (backend::linux::Netlink, rtnetlink).
//
// The contract is fib::Fib's: operations take typed requests and return the
// kernels' errno values (host numbering, std::generic_category); each change
// is reported to the listener as one fib::Change, in the order the changes
// are made — a request's own with Cause::request (its reply reports it),
// others with their cause. A table that can change by other hands (a host
// kernel, changed by `ip route`) says so through event_fd() and reports those
// changes from poll(). Not thread-safe: the engine serialises.
#pragma once

#include <cerrno>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "rtsock/fib/fib.hpp"
#include "rtsock/result.hpp"

namespace rtsock::backend {

class Table {
 public:
  using Listener = std::function<void(const fib::Change&)>;
  using Clock = std::function<std::int64_t()>;  // seconds, the engine's clock

  virtual ~Table() = default;

  virtual const fib::Config& config() const = 0;
  virtual void set_listener(Listener l) = 0;
  virtual void set_clock(Clock c) = 0;

  // ---- interfaces (ifconfig) ----
  virtual Result<std::uint16_t> attach(const fib::IfSpec& spec) = 0;
  virtual Result<void> detach(std::uint16_t index) = 0;
  virtual Result<void> set_flags(std::uint16_t index, std::uint32_t flags) = 0;
  virtual Result<void> set_mtu(std::uint16_t index, std::uint32_t mtu) = 0;
  virtual Result<void> set_link(std::uint16_t index, fib::LinkState state) = 0;
  virtual Result<void> set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr) = 0;
  virtual Result<void> set_metric(std::uint16_t index, std::uint32_t metric) = 0;
  virtual Result<void> add_address(std::uint16_t index, const fib::IfAddress& a) = 0;
  virtual Result<void> delete_address(std::uint16_t index, const fib::Addr& a) = 0;
  virtual const fib::Interface* interface(std::uint16_t index) const = 0;
  virtual const fib::Interface* interface(std::string_view name) const = 0;
  virtual std::vector<const fib::Interface*> interfaces() const = 0;  // by index

  // ---- routes (RTM_ADD/DELETE/CHANGE/GET/LOCK) ----
  virtual Result<fib::RouteInfo> add(const fib::RouteRequest& r) = 0;
  virtual Result<fib::RouteInfo> remove(const fib::RouteRequest& r) = 0;
  virtual Result<fib::RouteInfo> change(const fib::RouteRequest& r) = 0;
  virtual Result<fib::RouteInfo> get(const fib::RouteRequest& r) const = 0;
  virtual Result<fib::RouteInfo> lock(const fib::RouteRequest& r) = 0;
  // Longest match without side effects; nullopt = no route.
  virtual std::optional<fib::RouteInfo> lookup(std::uint32_t fib, const fib::Addr& dst) const = 0;
  // Routes of one table in radix order (only those with flags & mask when
  // mask is non-zero); the callback returns false to stop.
  virtual void walk(std::uint32_t fib, fib::Family family, std::uint64_t flag_mask,
                    const std::function<bool(const fib::RouteInfo&)>& fn) const = 0;
  // How many routes (paths) walk() would visit without a mask.
  virtual std::size_t routes(std::uint32_t fib, fib::Family family) const {
    std::size_t n = 0;
    walk(fib, family, 0, [&](const fib::RouteInfo&) { return ++n != 0; });
    return n;
  }

  // FreeBSD 13+ nexthop objects and groups of one table (NET_RT_NHOP,
  // NET_RT_NHGRP), by index; none where the table keeps no such objects.
  virtual std::vector<fib::NexthopInfo> nexthops(std::uint32_t fib, fib::Family family) const {
    (void)fib, (void)family;
    return {};
  }
  virtual std::vector<fib::NexthopGroupInfo> nexthop_groups(std::uint32_t fib,
                                                            fib::Family family) const {
    (void)fib, (void)family;
    return {};
  }

  // ---- the data path and time ----
  virtual Result<fib::RouteInfo> redirect(std::uint32_t fib, const fib::Addr& dst,
                                          const fib::Addr& gateway, const fib::Addr& src) = 0;
  virtual fib::Forward forward(std::uint32_t fib, const fib::Addr& dst) = 0;
  // Deletes the routes whose expire time has passed; returns how many.
  virtual std::size_t expire() = 0;
  virtual std::optional<std::int64_t> next_expiry() const = 0;

  // ---- OpenBSD routing tables and domains ----
  // Tables and domains a table cannot make are EOPNOTSUPP.
  // More FIBs / routing tables (created on demand); never fewer.
  virtual Result<void> grow(std::uint32_t fibs) { return unsupported(fibs); }
  // The routing domain a table belongs to (rtable_l2), and setting it.
  virtual std::uint32_t rdomain(std::uint32_t fib) const { return fib; }
  virtual Result<void> set_rdomain(std::uint32_t fib, std::uint32_t rdomain) {
    return unsupported(fib + rdomain);
  }
  // An interface into another domain (if_setrdomain).
  virtual Result<void> set_interface_fib(std::uint16_t index, std::uint32_t fib) {
    return unsupported(index + fib);
  }
  // in6_ifattach: the interface's link-local address.
  virtual Result<void> attach_inet6(std::uint16_t index) { return unsupported(index); }
  // FreeBSD's per-interface nd6 flags (fib::nd6::*).
  virtual Result<void> set_nd6(std::uint16_t index, std::uint32_t flags) {
    return unsupported(index + flags);
  }
  // Whether a table holds no route (rtable_empty).
  virtual bool empty(std::uint32_t fib) const {
    bool none = true;
    for (fib::Family f : {fib::Family::inet4, fib::Family::inet6})
      walk(fib, f, 0, [&](const fib::RouteInfo&) { return none = false; });
    return none;
  }
  // ARP/ND entries of an interface's lltable (FreeBSD 8+ lla_rt_output);
  // they are read back through interface()->neighbors.
  virtual Result<fib::NeighborAdd> add_neighbor(std::uint16_t /*index*/, const fib::Neighbor&) {
    return tl::unexpected(Error::from_errno(EOPNOTSUPP));
  }
  virtual Result<fib::Neighbor> delete_neighbor(std::uint16_t /*index*/, const fib::Addr&) {
    return tl::unexpected(Error::from_errno(EOPNOTSUPP));
  }
  // The redirect and lookup counters of struct rtstat.
  virtual fib::Stats stats() const { return {}; }

  // ---- changes made by other hands ----
  // A descriptor that becomes readable when such changes wait (-1: never).
  virtual int event_fd() const { return -1; }
  // Takes the waiting changes in and reports them. True when some were lost
  // (the table resynchronised from its source, and listeners should learn
  // that they may have missed messages); an error when the source is gone.
  virtual Result<bool> poll() { return false; }
 protected:
  static Result<void> unsupported(std::uint64_t) {
    return tl::unexpected(Error::from_errno(EOPNOTSUPP));
  }
};

}  // namespace rtsock::backend
