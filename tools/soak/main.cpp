// rtsock-soak: N clients against rtsockd for a bounded time — valid writes on
// overlapping prefixes, malformed packets, bad control requests, dumps while
// the table churns, listeners fast, slow and deaf, clients killed
// mid-request, reconnect storms and interface churn — then the checks: the
// table equals the model of acknowledged operations, every stream decoded,
// every drop was signalled, and the daemon neither died nor grew.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <thread>

#include "daemon.hpp"
#include "table.hpp"
#include "workers.hpp"

namespace rtsock::soak {
namespace {

using namespace std::chrono_literals;

struct Run {
  Options opt;
  std::vector<std::string> daemon_args;
  unsigned seconds = 60;
  unsigned timeout_ms = 10000;
};

void add_options(CLI::App& app, Run& r) {
  Options& o = r.opt;
  app.add_option("-S,--socket", o.socket_path,
                 "Drive the rtsockd answering at this path instead of starting one");
  app.add_option("-p,--personality", o.personality, "Personality of a private rtsockd (freebsd)");
  app.add_option("--rtsockd", o.rtsockd,
                 "The rtsockd binary for a private daemon (default: the one beside rtsock-soak, "
                 "else $PATH), e.g. a sanitizer build");
  app.add_option("--daemon-arg", r.daemon_args, "An extra argument for a private rtsockd (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-n,--clients", o.clients, "Clients at once (default 64)")->check(CLI::Range(10u, 4000u));
  app.add_option("-d,--duration", r.seconds, "Seconds of load (default 60)")->check(CLI::Range(1u, 604800u));
  app.add_option("--preload", o.preload,
                 "Routes booted into a private daemon (16.0.0.0/4 in /24s; at most 1048576)")
      ->check(CLI::Range(0u, 1u << 20));
  app.add_option("--seed", o.seed, "Random seed (default: from the clock; printed)");
  app.add_option("--rss-growth", o.rss_growth_mib,
                 "Largest growth of the daemon's RSS from warm-up to the end, MiB (default 64)");
  app.add_option("--timeout", r.timeout_ms, "Milliseconds a request may wait for its reply (default 10000)");
  app.add_flag("-v,--verbose", o.verbose, "Progress every 10 s");
  app.callback([&r] {
    r.opt.duration = std::chrono::seconds(r.seconds);
    r.opt.timeout = std::chrono::milliseconds(r.timeout_ms);
  });
}

std::string kib(std::optional<std::uint64_t> v) {
  return v ? fmt::format("{:.1f} MiB", static_cast<double>(*v) / 1024.0) : std::string("n/a");
}

std::uint64_t total_ops(const Counters& c) {
  return c.route_ops + c.malformed + c.bad_control + c.dumps + c.reconnects + c.kills + c.iface_ops;
}

// The table now, as a dump shows it.
std::optional<Table> read_table(Shared& sh, Conn& c, const std::string& what) {
  auto d = c.rs.fetch_rib(0, client::net_rt::dump);
  c.drain_kept();
  if (!d) {
    sh.findings.add(fmt::format("{}: sysctl: {}", what, d.error().message()));
    return std::nullopt;
  }
  return table_of(*sh.profile, *d, sh.findings, what);
}

std::optional<std::set<std::string>> read_interfaces(Shared& sh, Conn& c) {
  auto d = c.rs.fetch_rib(0, client::net_rt::iflist_of(*sh.profile));
  c.drain_kept();
  if (!d) return std::nullopt;
  return interfaces_of(*sh.profile, *d);
}

int soak(Run& run) {
  Shared sh;
  sh.opt = run.opt;
  Options& opt = sh.opt;
  if (opt.seed == 0) opt.seed = static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
  if (opt.rtsockd.empty()) opt.rtsockd = default_rtsockd();

  Daemon daemon;
  std::string why;
  const bool ok = opt.socket_path.empty() ? daemon.start(opt, run.daemon_args, why)
                                          : daemon.attach(opt.socket_path, why);
  if (!ok) {
    fmt::print(stderr, "rtsock-soak: {}\n", why);
    return 1;
  }
  sh.path = daemon.path();

  client::ConnectOptions co;
  co.control_timeout = opt.timeout;
  co.max_pending_bytes = std::size_t{64} << 20;
  auto probe_rs = client::RoutingSocket::connect(sh.path, co);
  if (!probe_rs) {
    fmt::print(stderr, "rtsock-soak: {}: {}\n", sh.path, probe_rs.error().message());
    return 1;
  }
  sh.profile = &probe_rs->profile();
  sh.sem = fib::semantics_for(probe_rs->session().profile).value_or(fib::Semantics{});
  sh.has_rerror = probe_rs->set_rerror(true).has_value();
  sh.echoes = std::make_unique<Echoes>(*sh.profile);
  if (!probe_rs->session().privileged) {
    fmt::print(stderr, "rtsock-soak: uid {} is not privileged on {} (start rtsockd with "
                       "--privileged-uid {})\n",
               ::getuid(), sh.path, ::getuid());
    return 1;
  }
  Conn probe(std::move(*probe_rs), *sh.echoes);

  // The clients, connected before the start table is read.
  std::vector<std::unique_ptr<Worker>> workers;
  unsigned nth[16] = {};
  for (unsigned i = 0; i < opt.clients; ++i) {
    const Role r = role_of(i);
    workers.push_back(make_worker(sh, i, r, nth[static_cast<int>(r)]++));
  }
  if (nth[static_cast<int>(Role::owner)] > 256) {
    fmt::print(stderr, "rtsock-soak: at most 256 owners (about 580 clients)\n");
    return 2;
  }
  for (auto& w : workers)
    if (!w->connect()) break;

  const auto start = read_table(sh, probe, "the start table");
  const auto start_ifaces = read_interfaces(sh, probe);
  if (!start || !start_ifaces) {
    fmt::print(stderr, "rtsock-soak: cannot read the start table\n");
    return 1;
  }
  for (const Entry& e : *start)
    if (Plan::in_owner_range(e.key) || Plan::in_killed_range(e.key) || Plan::in_iface_range(e.key)) {
      fmt::print(stderr, "rtsock-soak: the table already has {} in the soak's ranges (10.0.0.0/8, "
                         "100.64.0.0/10, 198.18.0.0/15, 2001:db8:100::/40, 2001:db8:ff00::/40)\n",
                 str(e.key));
      return 1;
    }
  for (auto& w : workers) w->started(*start);

  fmt::print("rtsock-soak: {} clients for {} s on {} ({}, {}), {} routes at start, seed {}\n",
             opt.clients, opt.duration.count(), sh.path, probe.rs.session().profile,
             daemon.owned() ? opt.rtsockd : "external daemon", start->size(), opt.seed);
  std::fflush(stdout);
  const auto rss_start = daemon.rss_kib();
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back([&w] { w->run(); });

  const auto t0 = Clock::now();
  std::optional<std::uint64_t> rss_warm;
  std::string death;
  for (auto next = t0 + 1s; Clock::now() - t0 < opt.duration; next += 1s) {
    std::this_thread::sleep_until(next);
    const auto elapsed = Clock::now() - t0;
    if (!rss_warm && elapsed >= opt.duration / 5) rss_warm = daemon.rss_kib();
    if (death = daemon.died(); !death.empty()) break;
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
    if (opt.verbose && s % 10 == 0)
      fmt::print("  {:>5} s: {} ops, {} findings, daemon RSS {}\n", s, total_ops(sh.counters),
                 sh.findings.count(), kib(daemon.rss_kib()));
  }
  if (!rss_warm) rss_warm = daemon.rss_kib();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const std::uint64_t ops = total_ops(sh.counters);

  // Writers stop and tidy up; then the listeners; then the accounts.
  sh.quiesce = true;
  for (std::size_t i = 0; i < workers.size(); ++i)
    if (workers[i]->writes()) threads[i].join();
  sh.stop = true;
  for (std::size_t i = 0; i < workers.size(); ++i)
    if (!workers[i]->writes()) threads[i].join();
  if (!death.empty()) sh.findings.add(fmt::format("the daemon died: {}\n{}", death, daemon.log_tail()));

  Accounts acc;
  Knowledge know;
  Verdict verdict;
  bool journal_checked = false;
  if (death.empty()) {
    // In parallel: each waits for its socket to be quiet.
    std::vector<Accounts> parts(workers.size());
    std::vector<std::thread> settlers;
    for (std::size_t i = 0; i < workers.size(); ++i)
      if (Conn* c = workers[i]->conn())
        settlers.emplace_back([&sh, c, &parts, i, name = workers[i]->name()] {
          settle_accounts(sh, *c, name, parts[i]);
        });
    for (auto& t : settlers) t.join();
    for (const Accounts& p : parts) acc += p;
    gather(workers, know);
    know.allowed = {path_of(opt.gateway), path_of(opt.gateway2), path_of(opt.gateway6),
                    path_of(opt.gateway6_2)};
    know.killed_paths = {path_of(opt.gateway)};
    if (auto end = read_table(sh, probe, "the end table")) {
      verdict = check_table(*start, *end, know.model, know.allowed, know.killable,
                            know.killed_paths, sh.findings);
      if (know.journal != nullptr && know.journal_conn != nullptr &&
          know.journal_conn->tally.signalled + know.journal_conn->tally.desyncs +
                  know.journal_conn->tally.local_lost == 0) {
        diff_tables(*end, know.journal->replay(), "the end table vs the journal", sh.findings);
        journal_checked = true;
      }
    }
    if (auto ifaces = read_interfaces(sh, probe); !ifaces || *ifaces != *start_ifaces)
      sh.findings.add("the interfaces at the end are not those of the start");
  }
  const auto rss_end = daemon.rss_kib();
  if (rss_warm && rss_end && *rss_end > *rss_warm + opt.rss_growth_mib * 1024)
    sh.findings.add(fmt::format("the daemon's RSS grew from {} (after warm-up) to {}, past {} MiB",
                                kib(rss_warm), kib(rss_end), opt.rss_growth_mib));
  if (death.empty())
    if (std::string s = daemon.stop(std::chrono::seconds(120)); !s.empty())
      sh.findings.add(fmt::format("rtsockd: {}\n{}", s, daemon.log_tail()));

  const Counters& c = sh.counters;
  fmt::print("ops: {} in {:.1f} s = {:.0f}/s (route requests {}, of which refused as the model "
             "expects {}, longest-match checks {}; malformed packets {}; bad control requests {}; "
             "dumps {} with {} routes; interface ops {}; clients killed {}; reconnects {}; "
             "messages listened {})\n",
             ops, seconds, static_cast<double>(ops) / seconds, c.route_ops.load(),
             c.route_errors_expected.load(), c.lpm_checks.load(), c.malformed.load(),
             c.bad_control.load(), c.dumps.load(), c.dump_routes.load(), c.iface_ops.load(),
             c.kills.load(), c.reconnects.load(), c.listened.load());
  fmt::print("drops: {} copies dropped on {} connections, {} signalled ({}), {} silent by the "
             "personality's design, {} lost in client queues (reported); {} malformed writes "
             "relayed to listeners\n",
             acc.drops, acc.connections, acc.signalled,
             sh.has_rerror ? "SO_RERROR" : sh.profile->os == abi::Os::openbsd ? "RTM_DESYNC" : "none",
             acc.silent, acc.local_lost, acc.echoes);
  fmt::print("table: {} routes compared with the model exactly, {} of unknown outcome "
             "checked as either; {} unknown outcomes; {}\n",
             verdict.compared, verdict.either, c.unknown_outcomes.load(),
             journal_checked ? fmt::format("a listener's journal of {} changes replayed to the same "
                                           "table", know.journal->applied())
                             : std::string("no journal check (its listener overflowed)"));
  fmt::print("daemon RSS: start {}, after warm-up {}, end {}\n", kib(rss_start), kib(rss_warm),
             kib(rss_end));
  const std::size_t n = sh.findings.count();
  for (const std::string& f : sh.findings.first(40)) fmt::print("FINDING: {}\n", f);
  if (n > 40) fmt::print("... and {} more findings\n", n - 40);
  fmt::print("verdict: {}\n", n == 0 ? "PASS" : fmt::format("FAIL ({} findings)", n));
  return n == 0 ? 0 : 1;
}

}  // namespace
}  // namespace rtsock::soak

int main(int argc, char** argv) {
  if (argc == 3 && argv[1] == rtsock::soak::kVictimFlag) return rtsock::soak::victim_main(argv[2]);
  CLI::App app{"rtsock-soak: load, fault and hostile-client soak of rtsockd", "rtsock-soak"};
  rtsock::soak::Run run;
  rtsock::soak::add_options(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return rtsock::soak::soak(run);
}
