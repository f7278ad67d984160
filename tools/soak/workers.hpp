// The soak's clients. Each runs on its own thread until told to stop, then
// hands the main thread what it knows for the final check.
#pragma once

#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "soak.hpp"
#include "table.hpp"

namespace rtsock::soak {

enum class Role : std::uint8_t {
  owner,        // valid RTM_ADD/DELETE/CHANGE/GET on its own (nested) prefixes
  listener,     // reads fast
  slow,         // reads one message every few milliseconds
  deaf,         // never reads until the end
  hostile,      // malformed routing packets of every class
  bad_control,  // control requests with bad values
  dumper,       // sysctl dumps while the table churns
  killer,       // forks clients and kills them mid-request
  storm,        // connects and disconnects as fast as it can
  iface,        // interfaces created, addressed, toggled and destroyed
};
std::string_view role_name(Role r);
// The role of client i of n: every role appears once before owners fill
// the rest.
Role role_of(unsigned i);

class Worker {
 public:
  Worker(Shared& sh, unsigned index, Role role);
  virtual ~Worker() = default;
  Role role() const { return role_; }
  std::string name() const;
  // Connects (before the start table is read, so that listeners see every
  // change after it). False on failure, with a finding.
  virtual bool connect() { return true; }
  // Works until sh.quiesce (writers) or sh.stop (listeners), then tidies up
  // (interfaces destroyed, children reaped, unknown outcomes resolved).
  virtual void run() = 0;
  // Whether run() ends at quiesce (it changes things) or at stop.
  virtual bool writes() const { return true; }
  // The start table has been read; the threads start next.
  virtual void started(const Table& /*start*/) {}
  // The connection whose accounts are settled at the end, if any.
  virtual Conn* conn() { return nullptr; }

 protected:
  bool open(std::size_t rcvbuf = 0);
  void finding(const std::string& what);
  std::uint64_t rand(std::uint64_t n) { return rng_() % n; }

  Shared& sh_;
  unsigned index_;
  Role role_;
  std::mt19937_64 rng_;
  std::optional<Conn> conn_;
};

std::unique_ptr<Worker> make_worker(Shared& sh, unsigned index, Role role, unsigned nth);

// What the final check needs from the workers.
struct Knowledge {
  Model model;
  std::vector<Path> allowed;  // gateways an owned route of unknown outcome may have
  std::set<Key> killable;
  std::vector<Path> killed_paths;
  const Journal* journal = nullptr;  // a lossless listener's stream, if one stayed lossless
  Conn* journal_conn = nullptr;
};
void gather(std::vector<std::unique_ptr<Worker>>& workers, Knowledge& k);

// A killed client is this program run as `rtsock-soak --victim PATH`.
inline constexpr std::string_view kVictimFlag = "--victim";
int victim_main(const char* path);

// Hostile workers live in hostile.cpp.
std::unique_ptr<Worker> make_hostile(Shared& sh, unsigned index, Role role, unsigned nth);
void gather_killed(const Worker& w, Knowledge& k);

// Marshals a route message for `key` (NETMASK unless a host key; gateway
// optional; UP|STATIC, GATEWAY with a gateway, HOST for a host key).
codec::Message route_message(const abi::Profile& p, std::string_view type, const Key& key,
                             const std::optional<Path>& gateway, bool with_mask = true);

}  // namespace rtsock::soak
