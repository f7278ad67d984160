// rtsock/kernel/engine.hpp — the routing-socket layer of a BSD kernel, with
// no sockets: a message written by a client goes in, the reply and the copies
// every listener receives come out, byte for byte as the personality's
// kernel writes them (route_output, rtsock.c's reply and report builders,
// raw_input's delivery rules).
//
//   auto eng = rtsock::kernel::Engine::create({.personality = "freebsd"});
//   auto s = (*eng)->open({.uid = 0, .pid = 42});
//   std::vector<rtsock::kernel::Delivery> out;
//   auto r = (*eng)->write(s, bytes, out);  // r.error: what write() returns
//   for (auto& d : out) queue(d.to, d.bytes);
//
// Every change of the forwarding database — a request's, or one caused by an
// interface, an address, expiry, a redirect or a forwarding miss — becomes the
// kernel's messages in the kernel's order. Errors are the OS's errno numbers
// (abi/errno.hpp), as a BSD write() or rtm_errno carries them. Not
// thread-safe; the caller serialises, as the kernel's RIB lock does.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/backend/table.hpp"
#include "rtsock/fib/fib.hpp"
#include "rtsock/kernel/sysctl_out.hpp"
#include "rtsock/result.hpp"

namespace rtsock::kernel {

using SockId = std::uint32_t;
using Packet = std::shared_ptr<const std::vector<std::byte>>;

// Who opened a socket: SO_PEERCRED of the connection, or getuid()/getpid().
struct Creds {
  std::uint32_t uid = 0;
  std::int32_t pid = 0;
};

// One copy of a message for one socket, in delivery (socket creation) order.
struct Delivery {
  SockId to = 0;
  Packet bytes;
};

inline constexpr std::uint32_t rtable_any = 0xffffffffu;  // OpenBSD RTABLE_ANY

// A routing socket's options, as setsockopt() left them.
struct SockState {
  Creds creds;
  bool privileged = false;
  int protocol = 0;         // socket(PF_ROUTE, SOCK_RAW, protocol): 0 or the OS's AF_INET/AF_INET6
  bool useloopback = true;  // SO_USELOOPBACK
  std::uint32_t fib = 0;    // FreeBSD SO_SETFIB; OpenBSD the socket's rtable
  bool rerror = false;      // SO_RERROR: report receive overflow as ENOBUFS
  bool shut_rd = false;     // shutdown(SHUT_RD): receives nothing
  std::uint32_t msgfilter = 0;             // OpenBSD ROUTE_MSGFILTER (0: everything)
  std::uint32_t tablefilter = rtable_any;  // OpenBSD ROUTE_TABLEFILTER
  std::uint32_t priofilter = 0;            // OpenBSD ROUTE_PRIOFILTER (0: off)
  std::uint32_t flagfilter = 0;            // OpenBSD ROUTE_FLAGFILTER (OS rtm_flags bits)
  std::uint32_t ro_msgfilter = 0;          // NetBSD RO_MSGFILTER, bit = 1 << type (0: off)
  // NetBSD 10 RO_MISSFILTER: sockaddrs as set (each padded to 8 bytes); an
  // RTM_MISS passes only if its destination equals one. Empty: off.
  std::vector<std::byte> ro_missfilter;
};

struct WriteResult {
  int error = 0;                 // write()'s errno, OS numbering; 0 on success
  bool sender_copy = false;      // the sender is among the deliveries
  bool reply_has_error = false;  // that copy carries `error` in rtm_errno
};

// The most FIBs (routing tables) an engine serves: rtsockd's --fibs and its
// configuration's `fibs` share it. An unused FIB costs about 1.5 KB.
inline constexpr std::uint32_t kMaxFibs = 4096;

struct Options {
  // An abi profile name ("freebsd", "freebsd12-amd64", "darwin", "openbsd",
  // "netbsd", "dragonfly", "hpux", …); the kernel semantics follow it.
  std::string personality = "freebsd";
  std::uint32_t fibs = 1;         // FreeBSD net.fibs / OpenBSD rtables (1 to kMaxFibs)
  bool add_addr_allfibs = false;  // FreeBSD net.add_addr_allfibs
  std::uint32_t dad_count = 1;    // net.inet6.ip6.dad_count (0: no DAD)
  std::uint32_t ip_dad_count = 3; // NetBSD net.inet.ip.dad_count
  // Wall-clock seconds (rmx_expire is calendar time on the wire); default time().
  std::function<std::int64_t()> clock;
  std::set<std::uint32_t> privileged_uids = {0};
  // Makes the table the engine works on, for the configuration the
  // personality implies; default: the emulated kernel (backend::Emulated).
  std::function<Result<std::unique_ptr<backend::Table>>(const fib::Config&)> table;
};

// Counters for the daemon's statistics.
struct EngineStats {
  std::uint64_t writes = 0, write_errors = 0, messages = 0, deliveries = 0;
  std::uint64_t misses = 0, resolves = 0, redirects = 0, expired = 0;
};

// An interface change requested by ifconfig. Unset fields are left alone.
struct IfChange {
  std::optional<bool> up;  // IFF_UP (and IFF_RUNNING with it)
  std::optional<std::uint32_t> mtu;
  std::optional<std::vector<std::uint8_t>> lladdr;
  std::optional<fib::LinkState> link;
  std::optional<std::uint32_t> metric;
  // OpenBSD: SIOCSIFRDOMAIN (creating the domain, its table and its lo<N>),
  // a vlan(4)'s parent (whose MAC it takes), SIOCIFAFATTACH/DETACH for
  // inet6 (ifconfig inet6 eui64 / -inet6).
  std::optional<std::uint32_t> rdomain;
  std::optional<std::string> parent;
  std::optional<bool> inet6;
  // FreeBSD: SIOCSIFFIB (ifconfig fib N), the FIB of the interface's later
  // address routes; EINVAL past the configured FIBs, EOPNOTSUPP elsewhere.
  std::optional<std::uint32_t> fib;
  // FreeBSD, NetBSD: SIOCSIFINFO_FLAGS, nd6 flags (fib::nd6::*) set and
  // cleared (FreeBSD's ifconfig [-]auto_linklocal ...); EOPNOTSUPP elsewhere.
  std::uint32_t nd6_on = 0, nd6_off = 0;
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> create(Options opt);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const abi::Profile& profile() const;
  // The table: the emulated kernel's, or a host kernel's (backend/).
  const backend::Table& fib() const;
  const EngineStats& stats() const;

  // ---- sockets ----
  // socket(PF_ROUTE, SOCK_RAW, protocol); protocol 0 or the OS's AF_INET /
  // AF_INET6 number (others: EPROTONOSUPPORT).
  Result<SockId> open(const Creds& c, int protocol = 0);
  void close(SockId s);
  const SockState* socket(SockId s) const;
  std::size_t sockets() const;
  // Socket options in the OS's numbering: SOL_SOCKET is 0xffff on every BSD,
  // the route level is PF_ROUTE (NetBSD 34). Returns the OS errno (0 = ok).
  int setsockopt(SockId s, int level, int name, std::span<const std::byte> value);
  Result<std::vector<std::byte>> getsockopt(SockId s, int level, int name) const;
  void shutdown_read(SockId s);

  // A message written to socket s. Deliveries (reply first where the sender
  // gets one, then every listener, in socket order) are appended to out.
  WriteResult write(SockId s, std::span<const std::byte> msg, std::vector<Delivery>& out);
  // The same message written to socket s by another process that holds it
  // (a child after fork(), a process the descriptor was passed to): the
  // kernel stamps the writer's pid into rtm_pid and checks the writer's
  // privilege, as route_output does with curthread's credentials.
  WriteResult write_as(SockId s, const Creds& writer, std::span<const std::byte> msg,
                       std::vector<Delivery>& out);

  // sysctl({CTL_NET, PF_ROUTE, 0, af, NET_RT_*, arg [, fib]}) read by socket
  // s (for its FIB); the dump is appended to out. Returns the OS errno.
  int sysctl(SockId s, std::span<const int> mib, SysctlOut& out);
  int sysctl(SockId s, std::span<const int> mib, std::vector<std::byte>& out);
  // The sizing call (sysctl with a NULL buffer): the answer's size, at once
  // for route dumps, whatever the table's size. For NET_RT_DUMP/FLAGS/DUMP2
  // it is an upper bound (routes x the longest message a route of the table
  // can give), as the BSDs allow: the call that reads says what it wrote.
  int sysctl_size(SockId s, std::span<const int> mib, std::size_t& size);

  // The bare RTM_DESYNC header an OpenBSD listener gets after an overflow
  // (empty on other personalities).
  Packet desync_message() const;

  // ---- interfaces (ifconfig); privileged; OS errno ----
  // `created`, when given, receives the index of the interface made: a
  // cloner may name it otherwise than asked (FreeBSD: "epair0" makes
  // epair0a, and epair0b with it).
  int if_create(SockId s, const fib::IfSpec& spec, std::vector<Delivery>& out,
                std::uint16_t* created = nullptr);
  int if_destroy(SockId s, std::string_view name, std::vector<Delivery>& out);
  int if_change(SockId s, std::string_view name, const IfChange& c, std::vector<Delivery>& out);
  int if_add_address(SockId s, std::string_view name, const fib::IfAddress& a,
                     std::vector<Delivery>& out);
  int if_delete_address(SockId s, std::string_view name, const fib::Addr& a,
                        std::vector<Delivery>& out);
  // Boot-time configuration: the same operations without a socket.
  Result<std::uint16_t> boot_interface(const fib::IfSpec& spec);
  Result<void> boot_address(std::string_view name, const fib::IfAddress& a);
  Result<void> boot_route(const fib::RouteRequest& r);

  // ---- events from the emulated data path ----
  // A packet to dst is sent (ip_output): counts pksent, and reports RTM_MISS
  // for no route or RTM_RESOLVE for an RTF_XRESOLVE route to listeners.
  fib::Forward forward(std::uint32_t fib, const fib::Addr& dst, std::vector<Delivery>& out);
  // An ICMP redirect from src: use gateway for dst (RTM_REDIRECT).
  int redirect(std::uint32_t fib, const fib::Addr& dst, const fib::Addr& gateway,
               const fib::Addr& src, std::vector<Delivery>& out);
  // Expires routes whose time has come (RTM_DELETE to listeners).
  std::size_t expire(std::vector<Delivery>& out);
  std::optional<std::int64_t> next_expiry() const;  // clock seconds

  // ---- changes made by other hands (a host kernel's table) ----
  // Readable when the table has such changes waiting; -1 for the emulated one.
  int table_fd() const;
  struct TableEvents {
    bool lost = false;  // changes were lost and the table resynchronised:
                        // every listener should get its overflow signal
    int error = 0;      // host errno: the table's source is gone
  };
  // Takes the waiting changes in; listeners' copies are appended to out.
  TableEvents table_events(std::vector<Delivery>& out);

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtsock::kernel
