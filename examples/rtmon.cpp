// rtmon: `route -n monitor` on a RoutingSocket, with overflow reported.
//
//   rtmon [-s PATH | -k] [-r] [-c COUNT]
//
// -r turns SO_RERROR on where the OS has it, so that lost messages show up
// as an overflow line instead of silently. -c stops after COUNT messages.
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/render.hpp"

namespace {

int usage() {
  fmt::print(stderr, "usage: rtmon [-s PATH | -k] [-r] [-c COUNT]\n");
  return 2;
}

// A bad packet spoils one event; anything else means the socket is gone.
bool recoverable(const rtsock::Error& e) {
  return e.code().category() == rtsock::codec_category() ||
         e.code() == std::error_code(EPROTO, std::generic_category());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rtsock;
  std::optional<std::string> path;
  bool kernel = false, rerror = false;
  long count = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "-s" && i + 1 < argc) {
      path = argv[++i];
    } else if (a == "-k") {
      kernel = true;
    } else if (a == "-r") {
      rerror = true;
    } else if (a == "-c" && i + 1 < argc) {
      count = std::strtol(argv[++i], nullptr, 10);
    } else {
      return usage();
    }
  }

  auto rs = kernel ? RoutingSocket::open_kernel()
            : path ? RoutingSocket::connect(*path)
                   : RoutingSocket::connect();
  if (!rs) {
    fmt::print(stderr, "rtmon: cannot open a routing socket: {}\n", rs.error().message());
    return 1;
  }
  if (rerror) {
    if (auto r = rs->set_rerror(true); !r)
      fmt::print(stderr, "rtmon: SO_RERROR: {} (overflow goes unreported)\n", r.error().message());
  }
  const abi::Profile& p = rs->profile();
  for (long seen = 0; count < 0 || seen < count;) {
    auto ev = rs->receive();
    if (!ev) {
      fmt::print(stderr, "rtmon: {}\n", ev.error().message());
      if (recoverable(ev.error())) continue;
      return 1;
    }
    switch (ev->kind) {
      case client::Event::Kind::message:
        fmt::print("{}\n", codec::monitor_text(p, *ev->message));
        ++seen;
        break;
      case client::Event::Kind::overflow:
        if (ev->message) fmt::print("{}\n", codec::monitor_text(p, *ev->message));
        if (ev->dropped != 0)
          fmt::print("overflow: {} messages lost; re-read the table\n\n", ev->dropped);
        else
          fmt::print("overflow: messages lost; re-read the table\n\n");
        ++seen;
        break;
      case client::Event::Kind::status:
        break;  // rtmon writes nothing
    }
    std::fflush(stdout);
  }
  return 0;
}
