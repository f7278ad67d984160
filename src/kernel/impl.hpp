// Engine::Impl — shared state of the routing-socket engine (private).
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "rtsock/abi/errno.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/backend/table.hpp"
#include "rtsock/kernel/engine.hpp"

namespace rtsock::kernel {

// An interface whose link layer keeps a neighbour cache (lltable.cpp).
bool needs_nd_cache(const fib::Interface& ifp);

// How a message is tagged for raw_input's filters.
struct Tag {
  int family = 0;          // OS AF number of DST/IFA; 0 for interface messages
  std::uint32_t fib = 0;   // FreeBSD FIB / OpenBSD table
  bool route_msg = false;  // FIB-filtered (route messages only)
  std::uint8_t type = 0;
  std::uint32_t flags = 0;    // OS rtm_flags (OpenBSD flag filter)
  std::uint8_t priority = 0;  // OpenBSD priority filter
};

struct Engine::Impl {
  const abi::Profile* p = nullptr;
  fib::Semantics sem;
  Options opt;
  std::unique_ptr<backend::Table> fib;  // the table (backend/table.hpp)
  EngineStats stats;
  std::map<SockId, SockState> socks;  // ordered by id = creation order
  SockId next_id = 1;
  std::vector<fib::Change> pending;  // change records of the current operation

  // Flag numbering: OS bit i <-> canonical rtf::/iff:: bit.
  std::array<std::uint64_t, 32> rtf_in{};
  std::array<std::uint32_t, 32> iff_in{};

  // Message type numbers of this OS (0 when the OS has none).
  struct Types {
    std::uint8_t add = 0, del = 0, change = 0, get = 0, lock = 0, miss = 0, resolve = 0,
                 redirect = 0, newaddr = 0, deladdr = 0, ifinfo = 0, ifannounce = 0, newmaddr = 0,
                 delmaddr = 0, desync = 0, get2 = 0, ifinfo2 = 0, newmaddr2 = 0, get_silent = 0,
                 proposal = 0, source = 0, losing = 0, chgaddrattr = 0;
  } t;

  bool is(abi::Os os) const { return p->os == os; }
  bool freebsd13() const { return is(abi::Os::freebsd) && p->os_version >= 13; }
  int err(int host) const { return abi::os_errno(*p, host); }

  // ---- flags and addresses (engine.cpp) ----
  std::uint64_t rtf_from_os(std::uint64_t os) const;
  std::uint32_t rtf_to_os(std::uint64_t canon) const;
  std::uint32_t iff_from_os(std::uint32_t os) const;
  std::uint32_t iff_to_os(std::uint32_t canon) const;
  int af_of(fib::Family f) const { return f == fib::Family::inet4 ? p->af_inet : p->af_inet6; }
  codec::Sockaddr sa_of(const fib::Addr& a) const;
  codec::Sockaddr sa_of(const fib::Gateway& g) const;
  codec::Sockaddr ifp_sa(const fib::Interface& ifp) const;  // the interface's sockaddr_dl
  std::optional<fib::Addr> addr_of(const codec::Sockaddr& s) const;

  // ---- messages (report.cpp) ----
  // A route as rtsock reports it (B.3): DST, GATEWAY, NETMASK (not for host
  // routes where the OS omits it), IFP/IFA when with_if, metrics.
  codec::Message route_message(std::uint8_t type, const fib::RouteInfo& r, bool with_if) const;
  // The same into m, which holds the previous route's message or a fresh
  // one of `type` (dumps reuse one message for every route).
  void fill_route_message(codec::Message& m, const fib::RouteInfo& r, bool with_if) const;
  void newaddr_route_message(codec::Message& m, const fib::RouteInfo& r) const;
  void nd6_rtmsg(std::uint8_t type, const fib::RouteInfo& r, std::vector<Delivery>& out);
  codec::Message ifinfo_message(const fib::Interface& ifp, std::uint8_t type) const;
  // An address's message; live: sent as the change happens (not a dump).
  codec::Message ifaddr_message(std::uint8_t type, const fib::Interface& ifp,
                                const fib::IfAddress& a, bool live = true) const;
  codec::Message announce_message(const fib::Interface& ifp, bool arrival) const;
  // ifma_msghdr for a membership (rt_newmaddrmsg, sysctl_ifmalist): IFA =
  // the group, IFP = the interface, GATEWAY = the link-layer group a
  // protocol group maps to.
  codec::Message maddr_message(std::uint8_t type, const fib::Interface& ifp,
                               const fib::Membership& g) const;
  // The sockaddr_dl of a link-layer group as the OS stores it.
  codec::Sockaddr link_group_sa(const fib::Interface& ifp,
                                const std::vector<std::uint8_t>& mac) const;
  codec::Message link_addr_message(std::uint8_t type, const fib::Interface& ifp) const;
  void set_metrics(codec::Message& m, const fib::RouteInfo& r) const;
  // The wire bytes of m (Darwin: as darwin_scrubbed leaves it).
  Packet pack(const codec::Message& m, bool sysctl = false) const;
  // xnu rtm_scrub's IPv6 netmask: m changed, or nullopt when it stays.
  std::optional<codec::Message> darwin_scrubbed(const codec::Message& m) const;
  Tag route_tag(const codec::Message& m, std::uint32_t fib) const;

  // ---- delivery (deliver.cpp) ----
  // raw_input: one copy per socket that passes the filters. sender: the
  // writing socket (0 for kernel messages); only_sender: RTM_GET_SILENT.
  void deliver(const Packet& pkt, const Tag& tag, SockId sender, std::vector<Delivery>& out,
               bool only_sender = false);
  bool any_listener() const;

  // ---- kernel-originated messages (events.cpp) ----
  // Turns pending change records into notifications; skip_request drops the
  // request's own records (its reply reports them).
  void flush_changes(std::vector<Delivery>& out, bool skip_request);
  void notify(const fib::Change& c, std::vector<Delivery>& out);

  // ---- requests (request.cpp) ----
  WriteResult write(SockId s, std::span<const std::byte> msg, std::vector<Delivery>& out);

  // ---- FreeBSD 8+ lltables (lltable.cpp); host errno ----
  // lla_rt_output for RTM_ADD/RTM_DELETE with RTF_LLDATA; the ND entries'
  // own messages go to out.
  int lla_rt_output(std::uint8_t type, const fib::RouteRequest& rq, std::vector<Delivery>& out);
  // nd6_lle_event's RTM_ADD (resolved) / RTM_DELETE (expired).
  void lle_event(std::uint8_t type, const fib::Interface& ifp, const fib::Neighbor& n,
                 std::vector<Delivery>& out);
  // A full sockaddr_dl of the interface carrying mac (zeros past it).
  codec::Sockaddr lle_link(const fib::Interface& ifp, std::span<const std::uint8_t> mac) const;
  // lltable_sysctl_dumparp: the ARP or ND entries of every interface.
  int sysctl_lltable(int af, SysctlOut& out);

  // ---- OpenBSD tables and domains (rdomain.cpp); host errno ----
  std::vector<bool> rtables;  // OpenBSD: the routing tables that exist
  bool table_exists(std::uint32_t id) const;
  int rtable_add(std::uint32_t id);
  int create_rdomain(std::uint32_t rdomain);  // EEXIST: it has routes already
  int set_rdomain(const fib::Interface& ifp, std::uint32_t rdomain);

  // ---- sysctl (sysctl.cpp) ----
  // size_bound: the sizing call; route dumps set it instead of writing.
  int sysctl(const SockState& s, std::span<const int> mib, SysctlOut& out,
             std::optional<std::size_t>* size_bound = nullptr);
  // FreeBSD 13+ NET_RT_NHOP / NET_RT_NHGRP (sysctl_nhop.cpp); exact, so the
  // sizing call measures what it writes.
  int sysctl_nexthops(const SockState& s, std::span<const int> mib, bool groups, SysctlOut& out);
  // The longest route message of family f a dump can hold (sysctl.cpp).
  std::size_t longest_route_message(std::uint8_t type, fib::Family f) const;
  // The longest sdl_data name a route's link gateway was given (a request
  // keeps the name it gave; interface names are at most 15).
  std::size_t longest_gw_name = 15;
};

}  // namespace rtsock::kernel
