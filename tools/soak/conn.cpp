// Findings, relayed malformed writes, and the per-connection accounting of
// what the daemon queued, dropped and signalled.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>

#include "soak.hpp"

namespace rtsock::soak {

using namespace std::chrono_literals;

// ---- findings ----

void Findings::add(std::string what) {
  std::lock_guard lock(mu_);
  ++count_;
  if (list_.size() < 200) list_.push_back(std::move(what));
}

std::size_t Findings::count() const {
  std::lock_guard lock(mu_);
  return count_;
}

std::vector<std::string> Findings::first(std::size_t n) const {
  std::lock_guard lock(mu_);
  return {list_.begin(), list_.begin() + static_cast<std::ptrdiff_t>(std::min(n, list_.size()))};
}

// ---- relayed malformed writes ----

std::uint64_t Echoes::hash(std::span<const std::byte> pkt) const {
  // The kernel may write rtm_pid and rtm_errno into the copy it relays.
  const abi::Layout& l = p_.layout(abi::HdrKind::route);
  auto patched = [&](std::size_t i) {
    for (abi::Field f : {abi::Field::pid, abi::Field::err})
      if (const abi::FieldLoc* loc = l.find(f); loc && !loc->in_data && i >= loc->off &&
                                                i < std::size_t{loc->off} + loc->size)
        return true;
    return false;
  };
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (std::size_t i = 0; i < pkt.size(); ++i) {
    h ^= patched(i) ? 0u : std::to_integer<std::uint64_t>(pkt[i]);
    h *= 1099511628211ull;
  }
  return h ^ pkt.size();
}

void Echoes::sent(std::span<const std::byte> pkt) {
  const std::uint64_t h = hash(pkt);
  std::lock_guard lock(mu_);
  seen_.insert(h);
}

bool Echoes::known(std::span<const std::byte> pkt) const {
  const std::uint64_t h = hash(pkt);
  std::lock_guard lock(mu_);
  return seen_.contains(h);
}

// ---- connections ----

void Conn::absorb(const client::Event& ev) {
  switch (ev.kind) {
    case client::Event::Kind::message:
      ++tally.messages;
      if (on_message && ev.message) on_message(*ev.message);
      break;
    case client::Event::Kind::overflow:
      if (ev.local)
        tally.local_lost += ev.dropped;
      else if (ev.message)
        ++tally.desyncs;
      else
        tally.signalled += ev.dropped;
      break;
    case client::Event::Kind::status:
      break;
  }
}

void Conn::undecodable() {
  if (echoes_->known(rs.last_undecoded()))
    ++tally.echoes;
  else
    ++tally.undecodable;
}

void Conn::drain_kept() {
  while (rs.pending() > 0) {
    auto ev = rs.receive(0ms);
    if (ev)
      absorb(*ev);
    else if (ev.error().code().category() == codec_category())
      undecodable();
  }
}

bool Conn::receive_one(std::chrono::milliseconds timeout, bool* timed_out) {
  if (timed_out != nullptr) *timed_out = false;
  auto ev = rs.receive(timeout);
  if (ev) {
    absorb(*ev);
    return true;
  }
  const auto code = ev.error().code();
  if (code.category() == codec_category()) {
    undecodable();
    return true;
  }
  if (code == std::errc::timed_out) {
    if (timed_out != nullptr) *timed_out = true;
    return true;
  }
  return code == std::errc::protocol_error;  // a malformed control packet: counted nowhere
}

bool Conn::drain(std::chrono::milliseconds quiet) {
  drain_kept();
  for (;;) {
    bool timed_out = false;
    if (!receive_one(quiet, &timed_out)) return false;
    if (timed_out) return true;
  }
}

Result<client::Reply> Conn::request(codec::Message m, std::chrono::milliseconds timeout,
                                    bool* overflowed) {
  const Tally before = tally;
  auto r = rs.request_reply(std::move(m), timeout);
  if (r && r->message) ++tally.messages;
  drain_kept();
  if (overflowed != nullptr)
    *overflowed = tally.signalled != before.signalled || tally.desyncs != before.desyncs ||
                  tally.local_lost != before.local_lost;
  return r;
}

Result<Conn> open_conn(Shared& sh, std::size_t rcvbuf) {
  client::ConnectOptions o;
  o.control_timeout = sh.opt.timeout;
  o.max_pending_bytes = std::size_t{64} << 20;
  o.busy_poll = std::chrono::microseconds(0);  // 64 clients on few cores: no spinning
  auto rs = client::RoutingSocket::connect(sh.path, o);
  if (!rs) return tl::unexpected(rs.error());
  if (sh.has_rerror)
    if (auto r = rs->set_rerror(true); !r) return tl::unexpected(r.error());
  if (rcvbuf != 0)
    if (auto r = rs->set_receive_buffer(static_cast<std::uint32_t>(rcvbuf)); !r)
      return tl::unexpected(r.error());
  return Conn(std::move(*rs), *sh.echoes);
}

void settle_accounts(Shared& sh, Conn& c, const std::string& what, Accounts& a) {
  Findings& f = sh.findings;
  if (!c.drain(200ms)) {
    f.add(fmt::format("{}: the connection failed before the end", what));
    return;
  }
  auto stats = c.rs.stats();
  if (!stats) {
    f.add(fmt::format("{}: stats: {}", what, stats.error().message()));
    return;
  }
  // An overflow notice may follow the reply (it waits for room).
  c.drain(200ms);
  const auto& conn = (*stats)["connection"];
  const std::uint64_t queued = conn.value("messages", std::uint64_t{0});
  const std::uint64_t drops = conn.value("drops", std::uint64_t{0});
  const Tally& t = c.tally;
  ++a.connections;
  a.messages += t.messages;
  a.drops += drops;
  a.local_lost += t.local_lost;
  a.echoes += t.echoes;
  if (!conn.contains("messages")) {
    f.add(fmt::format("{}: the daemon does not count queued messages (stats)", what));
    return;
  }
  // What the library lost itself was reported in place (Event::local), but
  // no longer says which of the counts it belonged to.
  const std::uint64_t slack = t.local_lost;
  const std::uint64_t received = t.messages + t.echoes + t.undecodable;
  if (received > queued || queued > received + slack)
    f.add(fmt::format("{}: received {} routing messages, the daemon queued {} ({} lost in the "
                      "client library's queue): messages lost unsignalled",
                      what, received, queued, slack));
  if (t.undecodable != 0)
    f.add(fmt::format("{}: {} packets did not decode", what, t.undecodable));
  if (sh.has_rerror) {
    a.signalled += t.signalled;
    if (t.signalled > drops || drops > t.signalled + slack)
      f.add(fmt::format("{}: the daemon dropped {} copies, overflow packets signalled {}", what,
                        drops, t.signalled));
  } else if (sh.profile->os == abi::Os::openbsd) {
    a.signalled += t.desyncs > 0 ? drops : 0;
    if ((drops > 0) != (t.desyncs > 0) && slack == 0)
      f.add(fmt::format("{}: {} copies dropped, {} RTM_DESYNC received", what, drops, t.desyncs));
  } else {
    a.silent += drops;  // this kernel signals no overflow (spec B.12)
  }
}

}  // namespace rtsock::soak
