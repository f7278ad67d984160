// route(8) for rtsock: manipulates the routing table of rtsockd (or, on a
// BSD host, the kernel's) with the grammar and output of the BSD route(8)
// of the daemon's personality.
//
//   route [-46dnqtvj] [-S socket] [--personality P] command [[modifiers] args]
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "decode.hpp"
#include "session.hpp"

namespace rtsock::route {
namespace {

struct Parsed {
  Options opt;
  std::vector<std::string> rest;
};

// getopt(3) over "46dnqtvjS:T:" plus --personality, stopping at the first
// word that is not an option, as route(8) does.
tl::expected<Parsed, Exit> parse_options(int argc, char** argv, Dialect d) {
  Parsed out;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--personality" || a.starts_with("--personality=")) {
      if (a == "--personality") {
        if (i + 1 >= argc) return tl::unexpected(usage_exit(d));
        out.opt.personality = argv[++i];
      } else {
        out.opt.personality = std::string(a.substr(14));
      }
      continue;
    }
    if (a.size() < 2 || a[0] != '-') break;
    for (std::size_t k = 1; k < a.size(); ++k) {
      const char c = a[k];
      switch (c) {
        case '4':
        case '6':
          out.opt.family = c - '0';
          break;
        case 'd':
          out.opt.debug_only = true;
          break;
        case 'n':
          out.opt.numeric = true;
          break;
        case 'q':
          out.opt.quiet = true;
          break;
        case 't':
          out.opt.test_only = true;
          break;
        case 'v':
          out.opt.verbose = true;
          break;
        case 'j':
          out.opt.json = true;
          break;
        case 'S':
        case 'T': {
          std::string v;
          if (k + 1 < a.size()) {
            v = std::string(a.substr(k + 1));
          } else if (i + 1 < argc) {
            v = argv[++i];
          } else {
            Exit e = usage_exit(d);
            e.err = fmt::format("route: option requires an argument -- {}\n", c) + e.err;
            return tl::unexpected(e);
          }
          if (c == 'S') {
            out.opt.socket = v;
          } else {
            char* end = nullptr;
            const long t = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || t < 0 || t > 255)
              return tl::unexpected(exit_with(1, fmt::format("route: invalid table id: {}\n", v)));
            out.opt.table = static_cast<int>(t);
          }
          k = a.size();
          break;
        }
        default: {
          Exit e = usage_exit(d);
          e.err = fmt::format("route: illegal option -- {}\n", c) + e.err;
          return tl::unexpected(e);
        }
      }
    }
  }
  for (; i < argc; ++i) out.rest.emplace_back(argv[i]);
  return out;
}

const char* personality_name(const std::string& p) {
  // rtsockd's personality names; profiles are accepted as they are.
  if (p == "freebsd12") return "freebsd12-amd64";
  if (p == "freebsd") return "freebsd14-amd64";
  return nullptr;
}

// route(8)'s root check for the commands that alter the table, made before
// their arguments are read: FreeBSD (skipped with -d or -t), macOS and
// DragonFly errx(EX_NOPERM), OpenBSD errx(1); NetBSD's and HP-UX's route have
// none and report the routing socket's error (docs/research/route-cli.md,
// "Unprivileged writes"). Root is what rtsockd's hello says: `privileged`.
std::optional<Exit> must_be_root(const Session& s, Kw kw) {
  switch (kw) {
    case Kw::add:
    case Kw::change:
    case Kw::del:
    case Kw::delete_:
    case Kw::flush:
      break;
    default:
      return std::nullopt;
  }
  if (!s.rs || s.rs->session().privileged) return std::nullopt;
  constexpr const char* kText = "route: must be root to alter routing table\n";
  switch (s.dialect) {
    case Dialect::freebsd:
    case Dialect::freebsd12:
      if (s.opt.debug_only || s.opt.test_only) return std::nullopt;
      return exit_with(kExNoPerm, kText);
    case Dialect::darwin:
    case Dialect::dragonfly:
      return exit_with(kExNoPerm, kText);
    case Dialect::openbsd:
      return exit_with(1, kText);
    default:
      return std::nullopt;
  }
}

int run(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "decode") == 0)
    return tools::route_decode(std::span<char*>(argv + 2, static_cast<std::size_t>(argc - 2)));

  auto parsed = parse_options(argc, argv, Dialect::freebsd);
  if (!parsed) return finish(parsed.error());

  Session s;
  s.opt = parsed->opt;
  const abi::Profile* wanted = nullptr;
  if (!s.opt.personality.empty()) {
    const char* alias = personality_name(s.opt.personality);
    wanted = abi::find_profile(alias ? alias : s.opt.personality);
    if (wanted == nullptr)
      return finish(
          exit_with(kExUsage, fmt::format("route: unknown personality: {}\n", s.opt.personality)));
  }
  const bool offline_ok = (s.opt.debug_only || s.opt.test_only) && wanted != nullptr;
  const std::string path = s.opt.socket.empty() ? client::default_socket_path() : s.opt.socket;
  if (!offline_ok) {
    client::ConnectOptions co;
    auto rs = RoutingSocket::connect(path, co);
    if (!rs)
      return finish(
          exit_with(kExOsErr, fmt::format("route: socket: {}: {}\n", path, rs.error().message())));
    s.rs.emplace(std::move(*rs));
    s.profile = &s.rs->profile();
    s.numfibs = static_cast<int>(s.rs->session().fibs);
    if (wanted != nullptr && wanted->os != s.profile->os)
      return finish(
          exit_with(kExUsage, fmt::format("route: --personality {} does not match rtsockd's {}\n",
                                          s.opt.personality, s.rs->personality())));
  } else {
    s.profile = wanted;
  }
  s.dialect = dialect_of(*s.profile);
  // -T rtable is OpenBSD's alone; the other route(8)s' getopt(3) refuses it
  // (FreeBSD's FIBs are the -fib modifier).
  if (s.opt.table >= 0 && s.dialect != Dialect::openbsd) {
    Exit e = usage_exit(s.dialect);
    e.err = "route: illegal option -- T\n" + e.err;
    return finish(e);
  }

  // Options are read again in the dialect now known, for its usage text.
  if (parsed->rest.empty()) return finish(usage_exit(s.dialect));
  std::vector<std::string>& args = parsed->rest;
  const std::string& word = args[0];
  if (word == "list") return cmd_list(s, args);
  if (word == "dump") return cmd_dump(s, args);
  const Kw kw = keyword(s.dialect, word);
  if (auto e = must_be_root(s, kw)) return finish(*e);
  switch (kw) {
    case Kw::get:
    case Kw::add:
    case Kw::change:
    case Kw::del:
    case Kw::delete_:
      return cmd_newroute(s, args);
    case Kw::show:
      if (s.dialect == Dialect::openbsd || s.dialect == Dialect::netbsd) return cmd_list(s, args);
      return cmd_newroute(s, args);
    case Kw::monitor:
      return cmd_monitor(s, args);
    case Kw::flush:
    case Kw::flushall:
      return cmd_flush(s, args);
    default:
      return finish(usage_exit(s.dialect, word));
  }
}

}  // namespace
}  // namespace rtsock::route

int main(int argc, char** argv) { return rtsock::route::run(argc, argv); }
