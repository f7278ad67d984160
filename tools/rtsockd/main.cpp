// rtsockd: BSD routing sockets for user space. Serves the routing-socket
// engine on a Unix-domain SOCK_SEQPACKET socket (docs/rtsockd.md,
// docs/protocol.md).
#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <set>
#include <string_view>
#include <variant>
#include <string>
#include <vector>

#include "rtsock/backend/linux.hpp"
#include "rtsock/kernel/engine.hpp"
#include "rtsock/server/server.hpp"

namespace {

struct Args {
  std::string socket_path;
  std::string config_file;
  std::string personality;
  std::uint32_t fibs = 0;
  std::uint32_t dad_count = 1;
  std::uint32_t ip_dad_count = 3;
  std::size_t rcvbuf = 0;
  unsigned busy_poll_us = 50;
  std::vector<std::uint32_t> privileged_uids;
  std::string backend = "emulated";
  std::vector<std::string> ifnames;
  std::string netns;
  std::size_t netlink_rcvbuf = 0;
  std::size_t max_clients = 0;
  std::size_t max_clients_per_uid = rtsock::server::kDefaultMaxClientsPerUid;
  bool verbose = false;
  bool check = false;
  bool print_default = false;
};

void add_options(CLI::App& app, Args& a) {
  app.add_option(
      "-s,--socket", a.socket_path,
      fmt::format("Socket path (default: ${} if set, else {})", rtsock::server::kSocketPathVariable,
                  rtsock::server::kFallbackSocketPath));
  app.add_option("-c,--config", a.config_file,
                 "Boot configuration file (default: the built-in one, see --print-default-config)");
  app.add_option("-p,--personality", a.personality,
                 "Kernel to emulate: freebsd, darwin, openbsd, netbsd, dragonfly, hpux or any ABI "
                 "profile name (default: the config file's, else freebsd)");
  app.add_option("--fibs", a.fibs,
                 fmt::format("Number of FIBs / routing tables (default 1, at most {})",
                             rtsock::kernel::kMaxFibs))
      ->check(CLI::Range(1u, rtsock::kernel::kMaxFibs));
  app.add_option("--dad-count", a.dad_count,
                 "net.inet6.ip6.dad_count: a new IPv6 address is tentative for this many "
                 "seconds of duplicate address detection (default 1, as the kernels; 0: none)")
      ->check(CLI::Range(0u, 60u));
  app.add_option("--ip-dad-count", a.ip_dad_count,
                 "netbsd: net.inet.ip.dad_count, the ARP probes of IPv4 duplicate address "
                 "detection (default 3; 0: none)")
      ->check(CLI::Range(0u, 60u));
  app.add_option("--rcvbuf", a.rcvbuf,
                 fmt::format("Bytes of routing messages queued per client before copies are "
                             "dropped (default {})",
                             rtsock::server::kDefaultRcvbuf))
      ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
  app.add_option("--busy-poll", a.busy_poll_us,
                 "Microseconds to poll without sleeping after activity (default 50; 0: off)")
      ->check(CLI::Range(0u, 100000u));
  app.add_option("--privileged-uid", a.privileged_uids,
                 "A uid whose sockets are privileged (repeatable; default 0)")
      ->take_all();
  app.add_option("--backend", a.backend,
                 "The kernel behind the socket: emulated (default), or linux: the routes, links "
                 "and addresses of this network namespace, through rtnetlink")
      ->check(CLI::IsMember({"emulated", "linux"}));
  app.add_option("--ifname", a.ifnames,
                 "linux backend: show Linux interface LINUX as BSD (LINUX=BSD, repeatable), "
                 "e.g. eth0=em0")
      ->take_all();
  app.add_option("--netns", a.netns,
                 "linux backend: the namespace to serve, as a file (/run/netns/NAME, "
                 "/proc/PID/ns/net; default: rtsockd's own)");
  app.add_option("--netlink-rcvbuf", a.netlink_rcvbuf,
                 "linux backend: bytes for the kernel's change notices before they overflow "
                 "(default 4 MiB; the kernel's rmem_max caps it without CAP_NET_ADMIN)")
      ->check(CLI::Range(std::size_t{4096}, std::size_t{1} << 30));
  app.add_option("--max-clients", a.max_clients,
                 "Clients connected at once (default 0: as many as the descriptor limit allows, "
                 "less 16)");
  app.add_option("--max-clients-per-uid", a.max_clients_per_uid,
                 fmt::format("Clients connected at once per uid that is not privileged (default "
                             "{}; 0: no cap)",
                             rtsock::server::kDefaultMaxClientsPerUid));
  app.add_flag("-v,--verbose", a.verbose, "Log client connects and disconnects");
  app.add_flag("--check", a.check, "Check the configuration (parse and boot it), then exit");
  app.add_flag("--print-default-config", a.print_default, "Print the built-in configuration");
}

}  // namespace

// What --check found: the configuration's source, personality, FIBs and
// what it configures (booted, or only parsed for the linux backend).
std::string check_summary(const rtsock::server::ServerOptions& opt,
                          const rtsock::abi::Profile& profile, bool linux_backend) {
  std::vector<std::string> names;
  std::size_t addresses = 0, routes = 0;
  for (const auto& st : opt.boot.statements) {
    if (const auto* i = std::get_if<rtsock::server::InterfaceStatement>(&st))
      names.push_back(i->spec.name);
    else if (std::holds_alternative<rtsock::server::AddressStatement>(st))
      ++addresses;
    else
      ++routes;
  }
  const auto plural = [](std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  const std::string listed = names.empty() ? "" : fmt::format(" ({})", fmt::join(names, " "));
  // The linux backend's statements would change the kernel: only parsed.
  return fmt::format("rtsockd: {}: {} ({}, {}), {}: {}{}, {}, {}", opt.boot.source,
                     linux_backend ? "parsed only" : "booted", opt.engine.personality,
                     profile.name, plural(opt.engine.fibs, "FIB", "FIBs"),
                     plural(names.size(), "interface", "interfaces"), listed,
                     plural(addresses, "address", "addresses"), plural(routes, "route", "routes"));
}

int main(int argc, char** argv) {
  CLI::App app{"rtsockd: BSD routing sockets (route(4)) in user space", "rtsockd"};
  Args args;
  add_options(app, args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (args.print_default) {
    fmt::print("{}", rtsock::server::kDefaultConfigText);
    return 0;
  }

  rtsock::server::ServerOptions opt;
  const bool linux_backend = args.backend == "linux";
  // The host kernel's state is the truth: nothing is configured on it unless
  // a configuration file says so.
  if (linux_backend) {
    opt.boot = rtsock::server::BootConfig{};
    opt.boot.source = "no configuration file";
  }
  if (!args.config_file.empty()) {
    auto config = rtsock::server::load_config(args.config_file);
    if (!config) {
      fmt::print(stderr, "rtsockd: {}\n", config.error().str());
      return 1;
    }
    opt.boot = std::move(*config);
  }
  opt.socket_path = args.socket_path;
  opt.engine.personality =
      !args.personality.empty() ? args.personality : opt.boot.personality.value_or("freebsd");
  opt.engine.fibs = args.fibs != 0 ? args.fibs : opt.boot.fibs.value_or(1);
  opt.engine.dad_count = args.dad_count;
  opt.engine.ip_dad_count = args.ip_dad_count;
  opt.busy_poll = std::chrono::microseconds(args.busy_poll_us);
  opt.rcvbuf = args.rcvbuf != 0 ? args.rcvbuf : opt.boot.rcvbuf.value_or(opt.rcvbuf);
  if (!args.privileged_uids.empty())
    opt.engine.privileged_uids =
        std::set<std::uint32_t>(args.privileged_uids.begin(), args.privileged_uids.end());
  opt.verbose = args.verbose;
  opt.max_clients = args.max_clients;
  opt.max_clients_per_uid = args.max_clients_per_uid;
  if (linux_backend) {
    rtsock::backend::LinuxOptions lo;
    lo.netns = args.netns;
    if (args.netlink_rcvbuf != 0) lo.rcvbuf = args.netlink_rcvbuf;
    for (const auto& m : args.ifnames) {
      const auto eq = m.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == m.size() || m.size() - eq - 1 > 15) {
        fmt::print(stderr, "rtsockd: --ifname {}: want LINUX=BSD (names of 1 to 15 characters)\n",
                   m);
        return 2;
      }
      lo.ifnames[m.substr(0, eq)] = m.substr(eq + 1);
    }
    opt.engine.table = [lo](const rtsock::fib::Config& c) {
      auto t = rtsock::backend::open_linux(c, lo);
      if (!t)
        fmt::print(stderr, "rtsockd: the linux backend cannot read {}: {}\n",
                   lo.netns.empty() ? std::string("this network namespace")
                                    : "network namespace " + lo.netns,
                   t.error().message());
      return t;
    };
  } else if (!args.ifnames.empty() || !args.netns.empty() || args.netlink_rcvbuf != 0) {
    fmt::print(stderr, "rtsockd: --ifname, --netns and --netlink-rcvbuf need --backend linux\n");
    return 2;
  }

  if (args.check) {
    auto engine = rtsock::kernel::Engine::create(opt.engine);
    if (!engine) {
      fmt::print(stderr, "rtsockd: personality {}: {}\n", opt.engine.personality,
                 engine.error().message());
      return 1;
    }
    // The linux backend's statements would change the kernel: only parsed.
    if (!linux_backend) {
      if (auto r = rtsock::server::boot(**engine, opt.boot); !r) {
        fmt::print(stderr, "rtsockd: {}\n", r.error().str());
        return 1;
      }
    }
    fmt::print("{}\n", check_summary(opt, (*engine)->profile(), linux_backend));
    return 0;
  }

  // Every client is a descriptor: take what the hard limit allows (the
  // soft one is often 1024), as servers do.
  if (rlimit l{}; ::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
    l.rlim_cur = l.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &l);
  }
  opt.handle_signals = true;
  auto server = rtsock::server::Server::create(std::move(opt));
  if (!server) return 1;  // the reason has been logged
  if (args.verbose)
    fmt::print(stderr, "rtsockd: listening on {} ({})\n", (*server)->path(),
               (*server)->engine().profile().name);
  return (*server)->run();
}
