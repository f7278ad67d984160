// route decode: print raw routing-socket bytes as route(8) monitor text or JSON.
#pragma once

#include <span>
#include <string>

namespace rtsock::tools {

// argv after "decode". Returns the process exit status: 0 every message
// parsed, 1 some did not, 2 usage error.
int route_decode(std::span<char*> args);

}  // namespace rtsock::tools
