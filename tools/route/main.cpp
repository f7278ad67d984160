// route(8) for rtsock. This build carries the `decode` command; the commands
// that talk to a routing socket arrive with rtsockd.
#include <cstdio>
#include <cstring>
#include <span>

#include "decode.hpp"

namespace {

void usage() {
  std::fputs(
      "usage: route decode --abi PROFILE [--hex] [--iflistl] [-j] [FILE|-]\n"
      "       route decode --list-abis\n",
      stderr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage();
    return 2;
  }
  std::span<char*> args(argv + 1, static_cast<std::size_t>(argc - 1));
  if (std::strcmp(args[0], "decode") == 0) return rtsock::tools::route_decode(args.subspan(1));
  std::fprintf(stderr, "route: %s: command not supported in this build\n", args[0]);
  usage();
  return 2;
}
