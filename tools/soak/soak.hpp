// rtsock-soak: drives rtsockd with many hostile and ordinary clients at once
// and checks, at the end, that nothing was lost, corrupted or leaked
// (docs/RELIABILITY.md, docs/man/rtsock-soak.1).
#pragma once

#include <sys/types.h>

#include <array>
#include <atomic>
#include <memory>
#include <chrono>
#include <functional>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/client/routing_socket.hpp"
#include "rtsock/fib/semantics.hpp"

namespace rtsock::soak {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string socket_path;  // -S: a running daemon; empty: start a private one
  std::string personality = "freebsd";
  std::string rtsockd;  // the daemon binary for a private daemon
  unsigned clients = 64;
  std::chrono::seconds duration{60};
  std::uint32_t preload = 0;         // routes booted into a private daemon
  std::uint64_t seed = 0;            // 0: from the clock
  std::uint64_t rss_growth_mib = 64; // bound on the daemon's RSS growth after warm-up
  std::chrono::milliseconds timeout{10000};  // per request
  std::chrono::seconds start_timeout{600};   // a private daemon booting a big table
  std::string gateway = "192.0.2.1", gateway2 = "192.0.2.2";
  std::string gateway6 = "2001:db8::1", gateway6_2 = "2001:db8::2";
  bool verbose = false;
};

// What went wrong: every finding fails the run.
class Findings {
 public:
  void add(std::string what);
  std::size_t count() const;
  std::vector<std::string> first(std::size_t n) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> list_;
  std::size_t count_ = 0;
};

// The malformed packets hostile clients wrote. A BSD kernel relays some of
// them to every listener as it got them (FreeBSD: a length it refuses before
// reading the message), so a listener may receive bytes it cannot decode: they
// must be one of these, with only the fields the kernel patches changed.
class Echoes {
 public:
  explicit Echoes(const abi::Profile& p) : p_(p) {}
  void sent(std::span<const std::byte> pkt);
  bool known(std::span<const std::byte> pkt) const;

 private:
  std::uint64_t hash(std::span<const std::byte> pkt) const;
  const abi::Profile& p_;
  mutable std::mutex mu_;
  std::unordered_set<std::uint64_t> seen_;
};

// Totals, updated by every worker.
struct Counters {
  std::atomic<std::uint64_t> route_ops{0}, route_errors_expected{0}, lpm_checks{0};
  std::atomic<std::uint64_t> malformed{0}, bad_control{0}, dumps{0}, dump_routes{0};
  std::atomic<std::uint64_t> listened{0}, kills{0}, reconnects{0}, iface_ops{0};
  std::atomic<std::uint64_t> unknown_outcomes{0};
};

// A routing-table entry as a dump or a message shows it: the key, and one
// path (a multipath prefix is several entries with one key).
struct Key {
  std::uint8_t family = 0;  // 4 or 6
  std::uint8_t plen = 0;
  std::array<std::uint8_t, 16> addr{};
  auto operator<=>(const Key&) const = default;
};
struct Path {
  std::uint8_t kind = 0;  // 0 none, 4, 6, 1 link
  std::uint8_t priority = 0;  // OpenBSD rtm_priority, else 0
  std::uint16_t ifindex = 0;  // link gateways
  std::array<std::uint8_t, 16> addr{};
  auto operator<=>(const Path&) const = default;
};
struct Entry {
  Key key;
  Path path;
  auto operator<=>(const Entry&) const = default;
};
using Table = std::vector<Entry>;  // sorted

std::string str(const Key& k);
std::string str(const Path& p);
Key key_of(const std::string& cidr);  // "10.1.0.0/16"
Path path_of(const std::string& ip);  // a gateway address
bool contains(const Key& outer, const Key& inner);

// The address plan: which client may touch which keys.
struct Plan {
  // Owners: client w owns keys under 10.w.0.0/16 and 2001:db8:(0x100+w)::/48;
  // owner 0 also owns 10.0.0.0/8, which covers every owner's keys.
  static std::vector<Key> owned_keys(unsigned owner);
  static bool in_owner_range(const Key& k);
  // Killed clients write under 100.64.0.0/10: victim v of killer w uses
  // 100.(64+w).v.0/24-s (host and /28 keys), gateway `gateway` only.
  static std::vector<Key> killed_keys(unsigned killer, unsigned victim);
  static bool in_killed_range(const Key& k);
  // Interface churn under 198.18.0.0/15 and 2001:db8:ff00::/40; nothing may
  // remain there at the end.
  static bool in_iface_range(const Key& k);
};

// One connection's account of what it received, compared at the end with
// what the daemon says it queued and dropped for it (stats "connection").
struct Tally {
  std::uint64_t messages = 0;    // routing messages received (RTM_DESYNC aside)
  std::uint64_t signalled = 0;   // drops reported by overflow packets (SO_RERROR)
  std::uint64_t desyncs = 0;     // OpenBSD RTM_DESYNC
  std::uint64_t local_lost = 0;  // lost in the client library's own queue
  std::uint64_t undecodable = 0;  // neither decodable nor a relayed malformed write
  std::uint64_t echoes = 0;       // relayed malformed writes
};

// A RoutingSocket that keeps its tally.
class Conn {
 public:
  Conn(client::RoutingSocket s, const Echoes& e) : rs(std::move(s)), echoes_(&e) {}
  client::RoutingSocket rs;
  Tally tally;
  std::function<void(const codec::Message&)> on_message;  // each routing message received

  // Counts one event.
  void absorb(const client::Event& ev);
  // Reads whatever request() or a control call kept.
  void drain_kept();
  // request_reply(), counting the reply copy and what was kept meanwhile;
  // `overflowed` tells whether an overflow was seen while waiting.
  Result<client::Reply> request(codec::Message m, std::chrono::milliseconds timeout,
                                bool* overflowed = nullptr);
  // Reads until the socket has been quiet for `quiet`; false when the
  // connection failed.
  bool drain(std::chrono::milliseconds quiet);
  // One receive(), counted; false on anything but an event or a timeout.
  bool receive_one(std::chrono::milliseconds timeout, bool* timed_out = nullptr);

 private:
  void undecodable();
  const Echoes* echoes_;
};

struct Shared;

// Connects with the options every soak client uses (SO_RERROR where the
// personality has it, so that no drop goes unsignalled).
Result<Conn> open_conn(Shared& sh, std::size_t rcvbuf = 0);

// What the settled connections add up to.
struct Accounts {
  std::uint64_t connections = 0, messages = 0, drops = 0, signalled = 0, silent = 0;
  std::uint64_t local_lost = 0, echoes = 0;
  Accounts& operator+=(const Accounts& o) {
    connections += o.connections;
    messages += o.messages;
    drops += o.drops;
    signalled += o.signalled;
    silent += o.silent;
    local_lost += o.local_lost;
    echoes += o.echoes;
    return *this;
  }
};

// Compares a connection's tally with the daemon's counters for it; adds a
// finding on any difference. `what` names the client in findings.
void settle_accounts(Shared& sh, Conn& c, const std::string& what, Accounts& a);

struct Shared {
  Options opt;
  std::string path;
  const abi::Profile* profile = nullptr;
  fib::Semantics sem;
  bool has_rerror = false;
  Findings findings;
  Counters counters;
  std::unique_ptr<Echoes> echoes;
  std::atomic<bool> stop{false};
  std::atomic<bool> quiesce{false};  // writers stop before listeners settle
};

}  // namespace rtsock::soak
