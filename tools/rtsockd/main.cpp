// rtsockd: BSD routing sockets for user space. Serves the routing-socket
// engine on a Unix-domain SOCK_SEQPACKET socket (docs/rtsockd.md,
// docs/protocol.md).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "rtsock/kernel/engine.hpp"
#include "rtsock/server/server.hpp"

namespace {

struct Args {
  std::string socket_path;
  std::string config_file;
  std::string personality;
  std::uint32_t fibs = 0;
  std::size_t rcvbuf = 0;
  unsigned busy_poll_us = 50;
  std::vector<std::uint32_t> privileged_uids;
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
  app.add_flag("-v,--verbose", a.verbose, "Log client connects and disconnects");
  app.add_flag("--check", a.check, "Check the configuration (parse and boot it), then exit");
  app.add_flag("--print-default-config", a.print_default, "Print the built-in configuration");
}

}  // namespace

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
  opt.busy_poll = std::chrono::microseconds(args.busy_poll_us);
  opt.rcvbuf = args.rcvbuf != 0 ? args.rcvbuf : opt.boot.rcvbuf.value_or(opt.rcvbuf);
  if (!args.privileged_uids.empty())
    opt.engine.privileged_uids =
        std::set<std::uint32_t>(args.privileged_uids.begin(), args.privileged_uids.end());
  opt.verbose = args.verbose;

  if (args.check) {
    auto engine = rtsock::kernel::Engine::create(opt.engine);
    if (!engine) {
      fmt::print(stderr, "rtsockd: personality {}: {}\n", opt.engine.personality,
                 engine.error().message());
      return 1;
    }
    if (auto r = rtsock::server::boot(**engine, opt.boot); !r) {
      fmt::print(stderr, "rtsockd: {}\n", r.error().str());
      return 1;
    }
    return 0;
  }

  opt.handle_signals = true;
  auto server = rtsock::server::Server::create(std::move(opt));
  if (!server) return 1;  // the reason has been logged
  if (args.verbose)
    fmt::print(stderr, "rtsockd: listening on {} ({})\n", (*server)->path(),
               (*server)->engine().profile().name);
  return (*server)->run();
}
