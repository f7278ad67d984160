// Routing tables as the soak compares them: dumps and messages to entries,
// the model of the acknowledged operations, and the final verdict on them.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>

#include "rtsock/codec/parse.hpp"
#include "soak.hpp"

namespace rtsock::soak {

// The entry a route message describes (DST, NETMASK, GATEWAY, flags); nullopt
// for messages that are not about an IPv4/IPv6 route.
std::optional<Entry> entry_of(const abi::Profile& p, const codec::Message& m);
// Every route of a NET_RT_DUMP, sorted; a message that does not decode is a
// finding (`what` names the dump).
Table table_of(const abi::Profile& p, std::span<const std::byte> dump, Findings& f,
               const std::string& what);
// The interface names of a NET_RT_IFLIST dump.
std::set<std::string> interfaces_of(const abi::Profile& p, std::span<const std::byte> dump);

// What the acknowledged operations say of one owned key.
struct KeyState {
  enum class Is : std::uint8_t { absent, present, unknown } is = Is::absent;
  Path path;  // when present
};

// The owners' knowledge, merged at the end.
using Model = std::map<Key, KeyState>;

struct Verdict {
  std::uint64_t compared = 0, either = 0;  // entries checked exactly / against either outcome
};

// The final table against the start and the model: outside the soak's ranges
// exactly the start; owned keys exactly the model (unknown ones: absent or
// one of `allowed`); the killed range only keys that killed clients wrote,
// with `killed_path`; nothing in the interface range.
Verdict check_table(const Table& start, const Table& end, const Model& model,
                    const std::vector<Path>& allowed, const std::set<Key>& killable,
                    const std::vector<Path>& killed_paths, Findings& f);

// A listener's stream replayed on the start table: every successful
// RTM_ADD/CHANGE/DELETE in the order the daemon sent them.
class Journal {
 public:
  Journal(const abi::Profile& p, const Table& start);
  // One message of the stream; those that change nothing are ignored.
  void apply(const codec::Message& m);
  // The start table with the stream applied, sorted.
  Table replay() const;
  std::uint64_t applied() const { return applied_; }

 private:
  std::vector<Path>& paths(const Key& k);

  const abi::Profile& p_;
  const Table& start_;
  std::map<Key, std::vector<Path>> touched_;  // keys the stream changed: their paths now
  std::uint64_t applied_ = 0;
  std::uint8_t add_ = 0, del_ = 0, change_ = 0;
  std::uint64_t done_ = 0;  // RTF_DONE in the OS's numbering
  // FreeBSD 8+: RTF_LLINFO messages are neighbour entries (nd6_lle_event),
  // not routes of the table.
  std::uint64_t lle_ = 0;
};

// Differences between two sorted tables, as findings (at most `limit`).
std::size_t diff_tables(const Table& want, const Table& got, const std::string& what, Findings& f,
                        std::size_t limit = 10);

}  // namespace rtsock::soak
