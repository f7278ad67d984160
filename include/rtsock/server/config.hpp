// rtsock/server/config.hpp — rtsockd's boot configuration: the interfaces,
// addresses and static routes the emulated kernel starts with.
//
// One statement per line; '#' starts a comment (docs/rtsockd.md):
//
//   interface lo0 type loop mtu 16384 flags up,loopback,multicast
//   address lo0 127.0.0.1/8
//   interface em0 type ether lladdr 02:00:00:00:00:01
//   address em0 192.0.2.10/24 broadcast 192.0.2.255
//   address em0 fe80::1/64            # link-local: the zone is em0's
//   route default 192.0.2.1
//   route 2001:db8:1::/48 fe80::2%em0 fib 1
//
// Settings lines (`personality NAME`, `fibs N`, `rcvbuf BYTES`) give
// defaults that the command line overrides.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <variant>
#include <vector>

#include "rtsock/fib/interface.hpp"
#include "rtsock/fib/route.hpp"

namespace rtsock::kernel {
class Engine;
}

namespace rtsock::server {

// What went wrong, where: "rtsockd.conf:4: unknown interface type 'wifi'".
struct ConfigError {
  std::string source;    // file name, or "built-in"
  std::size_t line = 0;  // 1-based; 0 when the error is not about one line
  std::string message;

  std::string str() const;
};

template <class T>
using ConfigResult = tl::expected<T, ConfigError>;

struct InterfaceStatement {
  fib::IfSpec spec;
  std::size_t line = 0;
};

struct AddressStatement {
  std::string ifname;
  fib::IfAddress address;  // a link-local address gets ifname's zone at boot
  std::size_t line = 0;
};

struct RouteStatement {
  fib::RouteRequest request;
  std::string gateway_zone;  // "%em0" of a link-local gateway, resolved at boot
  std::size_t line = 0;
};

using Statement = std::variant<InterfaceStatement, AddressStatement, RouteStatement>;

struct BootConfig {
  std::string source = "built-in";
  std::vector<Statement> statements;  // in file order
  std::optional<std::string> personality;
  std::optional<std::uint32_t> fibs;
  std::optional<std::size_t> rcvbuf;
};

// The configuration rtsockd boots with when it is given none.
extern const std::string_view kDefaultConfigText;

ConfigResult<BootConfig> parse_config(std::string_view text, std::string_view source = "config");
// The largest configuration load_config() reads (about two million routes).
inline constexpr std::size_t kMaxConfigBytes = std::size_t{64} << 20;

// Reads and parses a file; an unreadable file, a directory, binary data (a
// NUL byte) or more than kMaxConfigBytes is an error.
ConfigResult<BootConfig> load_config(const std::string& path);
// kDefaultConfigText, parsed.
BootConfig default_config();

// Applies the statements to a freshly created engine, in order. Errors name
// the statement's line and the kernel's reason ("File exists").
ConfigResult<void> boot(kernel::Engine& engine, const BootConfig& config);

}  // namespace rtsock::server
