// The ordinary clients: owners of prefixes (the model), listeners fast, slow
// and deaf, dumpers, and the interface churner.
#include "workers.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "rtsock/codec/sockaddr.hpp"

namespace rtsock::soak {

using namespace std::chrono_literals;

namespace {

std::uint64_t rtf(const abi::Profile& p, std::string_view name) {
  for (std::size_t i = 0; i < p.rtf.size(); ++i)
    if (p.rtf[i] == name) return std::uint64_t{1} << i;
  return 0;
}

codec::Sockaddr sockaddr_of(const Key& k) {
  if (k.family == 4) return codec::Sockaddr::inet4({k.addr[0], k.addr[1], k.addr[2], k.addr[3]});
  return codec::Sockaddr::inet6(k.addr);
}

codec::Sockaddr sockaddr_of(const Path& g) {
  if (g.kind == 4) return codec::Sockaddr::inet4({g.addr[0], g.addr[1], g.addr[2], g.addr[3]});
  return codec::Sockaddr::inet6(g.addr);
}

bool same_gateway(const Path& a, const Path& b) {
  return a.kind == b.kind && a.addr == b.addr && a.ifindex == b.ifindex;
}

int max_plen(const Key& k) { return k.family == 4 ? 32 : 128; }

std::string errno_text(int e) { return e == 0 ? "success" : std::strerror(e); }

}  // namespace

std::string_view role_name(Role r) {
  static constexpr std::string_view names[] = {"owner",       "listener", "slow",   "deaf",
                                               "hostile",     "bad-control", "dumper", "killer",
                                               "storm",       "iface"};
  return names[static_cast<std::size_t>(r)];
}

Role role_of(unsigned i) {
  static constexpr Role order[] = {Role::owner,  Role::listener, Role::hostile, Role::bad_control,
                                   Role::dumper, Role::killer,   Role::iface,   Role::storm,
                                   Role::slow,   Role::deaf};
  const unsigned k = i % 16;
  return k < std::size(order) ? order[k] : Role::owner;
}

codec::Message route_message(const abi::Profile& p, std::string_view type, const Key& key,
                             const std::optional<Path>& gateway, bool with_mask) {
  auto m = codec::Message::make(p, *p.type_number(type));
  const auto dst = sockaddr_of(key);
  m.set_addr(abi::kDst, dst);
  const bool host = key.plen == max_plen(key);
  if (!host && with_mask) m.set_addr(abi::kNetmask, codec::Sockaddr::mask(dst.kind, key.plen));
  std::uint64_t flags = 0;
  if (type != "RTM_GET") flags = rtf(p, "UP") | rtf(p, "STATIC");
  if (gateway) {
    m.set_addr(abi::kGateway, sockaddr_of(*gateway));
    flags |= rtf(p, "GATEWAY");
  }
  if (host && type != "RTM_GET") flags |= rtf(p, "HOST");
  m.set(abi::Field::flags, static_cast<std::int64_t>(flags));
  return m;
}

// ---- Worker ----

Worker::Worker(Shared& sh, unsigned index, Role role)
    : sh_(sh), index_(index), role_(role), rng_(sh.opt.seed * 1000003u + index) {}

std::string Worker::name() const { return fmt::format("client {} ({})", index_, role_name(role_)); }

void Worker::finding(const std::string& what) { sh_.findings.add(fmt::format("{}: {}", name(), what)); }

bool Worker::open(std::size_t rcvbuf) {
  auto c = open_conn(sh_, rcvbuf);
  if (!c) {
    finding(fmt::format("cannot connect: {}", c.error().message()));
    return false;
  }
  conn_.emplace(std::move(*c));
  return true;
}

namespace {

// ---- owners: the model ----

class Owner : public Worker {
 public:
  Owner(Shared& sh, unsigned index, unsigned owner)
      : Worker(sh, index, Role::owner), keys_(Plan::owned_keys(owner)), state_(keys_.size()) {
    for (const Key& k : keys_)
      if (k.plen == 16 || k.plen == 48) roots_.push_back(k);
  }
  bool connect() override { return open(std::size_t{4} << 20); }
  Conn* conn() override { return conn_ ? &*conn_ : nullptr; }

  void run() override {
    if (!conn_) return;
    while (!sh_.quiesce && !dead_) step();
    for (std::size_t i = 0; i < keys_.size() && !dead_; ++i)
      if (state_[i].is == KeyState::Is::unknown) resolve(i);
  }

  void contribute(Knowledge& k) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) k.model[keys_[i]] = state_[i];
  }

 private:
  const abi::Profile& p() const { return *sh_.profile; }
  Path gateway(const Key& k, bool second) const {
    if (k.family == 4) return path_of(second ? sh_.opt.gateway2 : sh_.opt.gateway);
    return path_of(second ? sh_.opt.gateway6_2 : sh_.opt.gateway6);
  }
  // RTM_DELETE of a missing route: ESRCH, HP-UX's man page says ENOENT.
  int missing() const { return sh_.sem.missing_errno; }

  void step() {
    const std::size_t i = rand(keys_.size());
    KeyState& s = state_[i];
    const Key& k = keys_[i];
    const auto dice = rand(100);
    const bool can_change = sh_.sem.change_supported;
    if (s.is == KeyState::Is::unknown) return resolve(i);
    if (s.is == KeyState::Is::absent) {
      // Darwin and FreeBSD <= 10 change the longest match of a request
      // without a mask: another client's route, which no model may touch.
      const bool lpm_change = sh_.sem.change_lookup == fib::ChangeLookup::lpm;
      if (dice < 60) return write(i, "RTM_ADD", gateway(k, false), 0);
      if (dice < 70) return write(i, "RTM_DELETE", std::nullopt, missing());
      if (dice < 75 && can_change && !(lpm_change && k.plen == max_plen(k)))
        return write(i, "RTM_CHANGE", gateway(k, true), ESRCH);
      if (dice < 85) return lookup(i);
      return get(i);
    }
    const bool first_gw = same_gateway(s.path, gateway(k, false));
    if (dice < 30) return write(i, "RTM_DELETE", std::nullopt, 0);
    if (dice < 50 && can_change) return write(i, "RTM_CHANGE", gateway(k, first_gw), 0);
    // A second gateway would make a multipath route on some kernels: only
    // the same one, which must be refused.
    if (dice < 60 && first_gw) return write(i, "RTM_ADD", gateway(k, false), EEXIST);
    if (dice < 80) return lookup(i);
    return get(i);
  }

  // A request; false when it gave no usable answer (the key is then unknown).
  std::optional<client::Reply> ask(std::size_t i, codec::Message m, std::string_view what) {
    bool overflowed = false;
    auto r = conn_->request(std::move(m), sh_.opt.timeout, &overflowed);
    ++sh_.counters.route_ops;
    if (r) return std::move(*r);
    state_[i].is = KeyState::Is::unknown;
    ++sh_.counters.unknown_outcomes;
    const auto code = r.error().code();
    // The reply copy itself can be lost to an overflow, as on a BSD.
    if (code == std::errc::timed_out && overflowed) return std::nullopt;
    finding(fmt::format("{} {}: {}", what, str(keys_[i]), r.error().message()));
    if (code != std::errc::timed_out) dead_ = true;
    return std::nullopt;
  }

  void write(std::size_t i, std::string_view type, const std::optional<Path>& gw, int expect) {
    const Key& k = keys_[i];
    auto r = ask(i, route_message(p(), type, k, gw), type);
    if (!r) return;
    if (r->host_errno != expect) {
      finding(fmt::format("{} {}{}: {}, but the model says {}", type, str(k),
                          gw ? " " + str(*gw) : "", errno_text(r->host_errno), errno_text(expect)));
      state_[i].is = KeyState::Is::unknown;
      return;
    }
    if (expect != 0) {
      ++sh_.counters.route_errors_expected;
      return;
    }
    if (type == "RTM_DELETE") {
      state_[i].is = KeyState::Is::absent;
    } else {
      state_[i].is = KeyState::Is::present;
      state_[i].path = *gw;
    }
  }

  // The route the daemon answers an exact RTM_GET with, or nullopt for
  // "none"; sets dead_/unknown on failure (then `ok` is false).
  std::optional<Entry> exact(std::size_t i, bool& ok) {
    const Key& k = keys_[i];
    const bool host = k.plen == max_plen(k);
    ok = false;
    auto r = ask(i, route_message(p(), "RTM_GET", k, std::nullopt), "RTM_GET");
    if (!r) return std::nullopt;
    ok = true;
    std::optional<Entry> e;
    if (r->host_errno == 0 && r->message) e = entry_of(p(), *r->message);
    if (r->host_errno != 0 && r->host_errno != ESRCH) {
      finding(fmt::format("RTM_GET {}: {}", str(k), errno_text(r->host_errno)));
      ok = false;
    }
    // A host key is looked up without a mask: a covering route answers when
    // the host route is absent.
    if (host && e && e->key != k) e.reset();
    return e;
  }

  void get(std::size_t i) {
    bool ok = false;
    auto e = exact(i, ok);
    if (!ok) return;
    KeyState& s = state_[i];
    const bool present = s.is == KeyState::Is::present;
    if (present != e.has_value() || (e && (e->key != keys_[i] || !same_gateway(e->path, s.path)))) {
      finding(fmt::format("RTM_GET {}: the daemon says {}, the model {}", str(keys_[i]),
                          e ? str(e->key) + " via " + str(e->path) : "no route",
                          present ? "via " + str(s.path) : "no route"));
      s.is = KeyState::Is::unknown;
    }
    if (!present) ++sh_.counters.route_errors_expected;
  }

  // An unknown outcome resolved by asking.
  void resolve(std::size_t i) {
    bool ok = false;
    auto e = exact(i, ok);
    if (!ok) return;
    KeyState& s = state_[i];
    const Key& k = keys_[i];
    if (!e) {
      s.is = KeyState::Is::absent;
    } else if (same_gateway(e->path, gateway(k, false)) || same_gateway(e->path, gateway(k, true))) {
      s.is = KeyState::Is::present;
      s.path = gateway(k, !same_gateway(e->path, gateway(k, false)));
    } else {
      finding(fmt::format("{} has gateway {}, which no write gave it", str(k), str(e->path)));
    }
  }

  // Longest-prefix match for an address inside key i: the most specific of
  // this owner's present keys that covers it, else something outside them.
  // Owner 0's 10.0.0.0/8 covers the other owners' /16s: an address in one
  // of them may match that owner's more specific route, outside our roots.
  void lookup(std::size_t i) {
    Key a = keys_[i];
    const int max = max_plen(a);
    for (int bit = a.plen; bit < max; ++bit)
      if (rand(2) != 0) a.addr[static_cast<std::size_t>(bit / 8)] ^= static_cast<std::uint8_t>(0x80 >> (bit % 8));
    a.plen = static_cast<std::uint8_t>(max);
    const KeyState* want = nullptr;
    const Key* want_key = nullptr;
    for (std::size_t j = 0; j < keys_.size(); ++j)
      if (state_[j].is == KeyState::Is::unknown && contains(keys_[j], a)) return;  // undecidable
    for (std::size_t j = 0; j < keys_.size(); ++j)
      if (state_[j].is == KeyState::Is::present && contains(keys_[j], a) &&
          (want_key == nullptr || keys_[j].plen > want_key->plen)) {
        want = &state_[j];
        want_key = &keys_[j];
      }
    auto m = route_message(p(), "RTM_GET", a, std::nullopt);
    auto r = ask(i, std::move(m), "RTM_GET (longest match)");
    if (!r) return;
    ++sh_.counters.lpm_checks;
    std::optional<Entry> e;
    if (r->host_errno == 0 && r->message) e = entry_of(p(), *r->message);
    const bool inside = e && std::any_of(roots_.begin(), roots_.end(),
                                         [&](const Key& root) { return contains(root, e->key); });
    bool right;
    if (want != nullptr)
      right = e && ((e->key == *want_key && same_gateway(e->path, want->path)) ||
                    (!inside && e->key.plen > want_key->plen && contains(e->key, a)));
    else
      right = !inside && (!e || contains(e->key, a));
    if (!right) {
      finding(fmt::format("RTM_GET {} (longest match): the daemon says {}, the model {}", str(a),
                          e ? str(e->key) + " via " + str(e->path) : errno_text(r->host_errno),
                          want ? str(*want_key) + " via " + str(want->path)
                               : "a route outside this client's prefixes"));
      if (want_key != nullptr)
        for (std::size_t j = 0; j < keys_.size(); ++j)
          if (keys_[j] == *want_key) state_[j].is = KeyState::Is::unknown;
    }
  }

  std::vector<Key> keys_;
  std::vector<KeyState> state_;
  std::vector<Key> roots_;  // this owner's /16 and /48
  bool dead_ = false;
};

// ---- listeners ----

class Listener : public Worker {
 public:
  Listener(Shared& sh, unsigned index, Role role, bool journal)
      : Worker(sh, index, role), journal_wanted_(journal) {}
  bool connect() override {
    std::size_t rcvbuf = 0;  // the daemon's default
    if (role_ == Role::slow) rcvbuf = 32 << 10;
    if (role_ == Role::deaf) rcvbuf = 8 << 10;
    if (journal_wanted_) rcvbuf = std::size_t{64} << 20;
    return open(rcvbuf);
  }
  bool writes() const override { return false; }
  Conn* conn() override { return conn_ ? &*conn_ : nullptr; }
  void started(const Table& start) override {
    if (!journal_wanted_ || !conn_) return;
    journal_ = std::make_unique<Journal>(*sh_.profile, start);
    conn_->on_message = [this](const codec::Message& m) { journal_->apply(m); };
  }
  void run() override {
    if (!conn_) return;
    while (!sh_.stop) {
      if (role_ == Role::deaf) {
        std::this_thread::sleep_for(50ms);
        continue;
      }
      const auto before = conn_->tally.messages;
      if (!conn_->receive_one(100ms)) {
        finding("the connection failed");
        return;
      }
      sh_.counters.listened += conn_->tally.messages - before;
      if (role_ == Role::slow) std::this_thread::sleep_for(2ms);
    }
  }
  const Journal* journal() const { return journal_.get(); }

 private:
  bool journal_wanted_;
  std::unique_ptr<Journal> journal_;
};

// ---- dumpers ----

std::uint64_t entry_hash(const Entry& e) {
  std::uint64_t h = 1469598103934665603ull;
  const auto* b = reinterpret_cast<const unsigned char*>(&e);
  for (std::size_t i = 0; i < sizeof e; ++i) h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

// Mid-run, link-local routes (fe80::/10) come and go too: a churned
// interface gets its own on FreeBSD (in6_ifattach). The final check still
// wants exactly the start's, the churned interfaces being gone by then.
bool special(const Key& k) {
  const bool link_local = k.family == 6 && k.addr[0] == 0xfe && (k.addr[1] & 0xc0) == 0x80;
  return link_local || Plan::in_owner_range(k) || Plan::in_killed_range(k) ||
         Plan::in_iface_range(k);
}

class Dumper : public Worker {
 public:
  Dumper(Shared& sh, unsigned index) : Worker(sh, index, Role::dumper) {}
  bool connect() override { return open(); }
  Conn* conn() override { return conn_ ? &*conn_ : nullptr; }
  void started(const Table& start) override {
    for (const Entry& e : start)
      if (!special(e.key)) {
        ++count_;
        sum_ += entry_hash(e);
      }
  }
  void run() override {
    if (!conn_) return;
    for (unsigned n = 0; !sh_.quiesce; ++n) {
      const bool iflist = n % 4 == 3;
      auto d = conn_->rs.fetch_rib(0, iflist ? client::net_rt::iflist_of(*sh_.profile)
                                             : client::net_rt::dump);
      conn_->drain_kept();
      if (!d) {
        finding(fmt::format("sysctl: {}", d.error().message()));
        if (d.error().code() != std::errc::timed_out) return;
        continue;
      }
      ++sh_.counters.dumps;
      check(*d, iflist);
    }
  }

 private:
  // Every message decodes; the routes outside the soak's ranges are the
  // start table's, all of them, whatever else changes meanwhile.
  void check(const std::vector<std::byte>& dump, bool iflist) {
    std::uint64_t count = 0, sum = 0, routes = 0;
    for (const auto& r : codec::RibView(dump, *sh_.profile)) {
      if (!r) {
        finding(fmt::format("a {} dump does not decode: {}", iflist ? "NET_RT_IFLIST" : "NET_RT_DUMP",
                            r.error().message()));
        return;
      }
      if (iflist) continue;
      auto e = entry_of(*sh_.profile, r->to_message());
      if (!e) continue;
      ++routes;
      if (special(e->key)) continue;
      ++count;
      sum += entry_hash(*e);
    }
    sh_.counters.dump_routes += routes;
    if (!iflist && (count != count_ || sum != sum_))
      finding(fmt::format("a dump mid-run has {} routes outside the soak's ranges, the start {} "
                          "(or other ones)",
                          count, count_));
  }

  std::uint64_t count_ = 0, sum_ = 0;
};

// ---- interface churn ----

class Churner : public Worker {
 public:
  Churner(Shared& sh, unsigned index, unsigned nth) : Worker(sh, index, Role::iface), c_(nth % 256) {}
  bool connect() override { return open(std::size_t{4} << 20); }
  Conn* conn() override { return conn_ ? &*conn_ : nullptr; }
  void run() override {
    if (!conn_) return;
    while (!sh_.quiesce && !dead_) advance(static_cast<unsigned>(rand(kIfaces)));
    for (unsigned k = 0; k < kIfaces && !dead_; ++k)
      if (step_[k] != 0) ifconfig({{"op", "destroy"}, {"name", ifname(k)}}, k);
  }

 private:
  static constexpr unsigned kIfaces = 4;

  std::string ifname(unsigned k) const { return fmt::format("sk{}n{}", c_, k); }
  std::string v4(unsigned k, unsigned host) const { return fmt::format("198.18.{}.{}", c_, 64 * k + host); }
  std::string v6(unsigned k) const { return fmt::format("2001:db8:ff{:02x}:{:x}::1", c_, k); }

  bool ifconfig(const nlohmann::json& req, unsigned k) {
    auto r = conn_->rs.ifconfig(req);
    conn_->drain_kept();
    ++sh_.counters.iface_ops;
    if (r) return true;
    finding(fmt::format("ifconfig {}: {}", req.dump(), r.error().message()));
    if (r.error().code() == std::errc::timed_out || r.error().code() == std::errc::connection_reset)
      dead_ = true;
    step_[k] = 99;  // unknown: destroy it at the end
    return false;
  }

  // Each interface goes through its life one step at a time.
  void advance(unsigned k) {
    const std::string name = ifname(k);
    switch (step_[k]) {
      case 0:
        if (ifconfig({{"op", "create"},
                      {"name", name},
                      {"type", "ether"},
                      {"up", true},
                      {"lladdr", fmt::format("02:5a:{:02x}:{:02x}:00:01", c_, k)}},
                     k))
          step_[k] = 1;
        return;
      case 1:
        if (ifconfig({{"op", "addr_add"}, {"name", name}, {"addr", v4(k, 1)}, {"plen", 26}}, k))
          step_[k] = 2;
        return;
      case 2:
        if (ifconfig({{"op", "addr_add"}, {"name", name}, {"addr", v6(k)}, {"plen", 64}}, k))
          step_[k] = 3;
        return;
      case 3: {  // a route through the interface, which its destruction must take along
        const Key host = key_of(fmt::format("198.19.{}.{}/32", c_, k));
        auto r = conn_->request(route_message(*sh_.profile, "RTM_ADD", host, path_of(v4(k, 2))),
                                sh_.opt.timeout);
        ++sh_.counters.iface_ops;
        if (!r || !r->ok())
          finding(fmt::format("RTM_ADD {} via {}: {}", str(host), v4(k, 2),
                              r ? errno_text(r->host_errno) : r.error().message()));
        step_[k] = 4;
        return;
      }
      case 4:
        if (ifconfig({{"op", "set"}, {"name", name}, {"up", false}}, k)) step_[k] = 5;
        return;
      case 5:
        if (ifconfig({{"op", "set"}, {"name", name}, {"up", true}, {"mtu", 9000}}, k)) step_[k] = 6;
        return;
      case 6:
        if (ifconfig({{"op", "addr_delete"}, {"name", name}, {"addr", v6(k)}}, k)) step_[k] = 7;
        return;
      default:
        if (ifconfig({{"op", "destroy"}, {"name", name}}, k)) step_[k] = 0;
        return;
    }
  }

  unsigned c_;
  unsigned step_[kIfaces] = {};
  bool dead_ = false;
};

}  // namespace

std::unique_ptr<Worker> make_worker(Shared& sh, unsigned index, Role role, unsigned nth) {
  switch (role) {
    case Role::owner:
      return std::make_unique<Owner>(sh, index, nth);
    case Role::listener:
      return std::make_unique<Listener>(sh, index, role, nth == 0);
    case Role::slow:
    case Role::deaf:
      return std::make_unique<Listener>(sh, index, role, false);
    case Role::dumper:
      return std::make_unique<Dumper>(sh, index);
    case Role::iface:
      return std::make_unique<Churner>(sh, index, nth);
    default:
      return make_hostile(sh, index, role, nth);
  }
}

void gather(std::vector<std::unique_ptr<Worker>>& workers, Knowledge& k) {
  for (auto& w : workers) {
    if (const auto* o = dynamic_cast<const Owner*>(w.get())) o->contribute(k);
    if (const auto* l = dynamic_cast<const Listener*>(w.get()); l && l->journal()) {
      k.journal = l->journal();
      k.journal_conn = w->conn();
    }
    gather_killed(*w, k);
  }
}

}  // namespace rtsock::soak
