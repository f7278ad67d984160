// The personality a program was built for: the "rtsock" ELF note the
// compat headers put into it (docs/compat.md), read from the file.
#pragma once

#include <optional>
#include <string>

namespace rtsock_run {

// The note's personality ("freebsd", ...), nullopt when the file has none
// or is no 64-bit little-endian ELF file we can read.
std::optional<std::string> program_personality(const std::string& path);

// Where execvp(3) would find `name` ("" when nowhere).
std::string find_in_path(const std::string& name);

}  // namespace rtsock_run
