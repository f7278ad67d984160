// The host kernel's PF_ROUTE socket (BSD hosts only): thin wrappers over the
// system calls, and the choice of ABI profile from the compiler's view of
// the target.
#include "host_socket.hpp"

#include <cerrno>

#if defined(__FreeBSD__) || defined(__APPLE__) || defined(__OpenBSD__) || defined(__NetBSD__) || \
    defined(__DragonFly__)
#define RTSOCK_HOST_PF_ROUTE 1
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstring>
#include <string>
#endif

namespace rtsock::client::host {

#if defined(RTSOCK_HOST_PF_ROUTE)
namespace {

tl::unexpected<Error> last_error() { return tl::unexpected(Error::from_errno(errno)); }

std::string profile_name() {
  std::string name;
#if defined(__FreeBSD__)
#if defined(__amd64__)
  name = "freebsd" + std::to_string(__FreeBSD__) + "-amd64";
#elif defined(__aarch64__)
  name = "freebsd" + std::to_string(__FreeBSD__) + "-arm64";
#elif defined(__i386__)
  // A 32-bit program on a 64-bit kernel sees the kernel's amd64 layout.
  char machine[32] = {};
  std::size_t len = sizeof machine - 1;
  const bool on_amd64 = ::sysctlbyname("hw.machine", machine, &len, nullptr, 0) == 0 &&
                        std::strcmp(machine, "amd64") == 0;
  name = "freebsd" + std::to_string(__FreeBSD__) + (on_amd64 ? "-i386-on-amd64" : "-i386");
#else
  name = "freebsd";
#endif
#elif defined(__APPLE__)
  name = "darwin";
#elif defined(__OpenBSD__)
  name = "openbsd";
#elif defined(__NetBSD__)
  name = __NetBSD_Version__ >= 800000000 ? "netbsd" : "netbsd7";
#elif defined(__DragonFly__)
  name = __DragonFly_version >= 500800 ? "dragonfly" : "dragonfly56";
#endif
  return name;
}

std::string_view base_name() {
#if defined(__FreeBSD__)
  return "freebsd";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(__OpenBSD__)
  return "openbsd";
#elif defined(__NetBSD__)
  return "netbsd";
#else
  return "dragonfly";
#endif
}

}  // namespace

Result<int> open_route_socket(int protocol) {
#if defined(SOCK_CLOEXEC)
  const int fd = ::socket(PF_ROUTE, SOCK_RAW | SOCK_CLOEXEC, protocol);
#else
  const int fd = ::socket(PF_ROUTE, SOCK_RAW, protocol);
#endif
  if (fd < 0) return last_error();
  return fd;
}

const abi::Profile* profile() {
  const std::string order = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? "-be" : "-le";
  if (const abi::Profile* p = abi::find_profile(profile_name() + order)) return p;
  // A release newer than the profiles: its closest relative.
  return abi::find_profile(std::string(base_name()) + order);
}

Result<void> set_option(int fd, int level, int name, std::span<const std::byte> value) {
  if (::setsockopt(fd, level, name, value.data(), static_cast<socklen_t>(value.size())) != 0)
    return last_error();
  return {};
}

Result<std::vector<std::byte>> get_option(int fd, int level, int name) {
  std::vector<std::byte> value(1024);
  auto len = static_cast<socklen_t>(value.size());
  if (::getsockopt(fd, level, name, value.data(), &len) != 0) return last_error();
  value.resize(len);
  return value;
}

Result<std::vector<std::byte>> read_sysctl(std::span<const int> mib) {
  // Darwin declares the name non-const.
  std::vector<int> name(mib.begin(), mib.end());
  const auto namelen = static_cast<unsigned>(name.size());
  // The table may grow between sizing and reading; the kernel says ENOMEM.
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::size_t needed = 0;
    if (::sysctl(name.data(), namelen, nullptr, &needed, nullptr, 0) != 0) return last_error();
    std::vector<std::byte> dump(needed + needed / 8 + 4096);
    std::size_t len = dump.size();
    if (::sysctl(name.data(), namelen, dump.data(), &len, nullptr, 0) == 0) {
      dump.resize(len);
      return dump;
    }
    if (errno != ENOMEM) return last_error();
  }
  return tl::unexpected(Error::from_errno(ENOMEM));
}

#else  // no PF_ROUTE on this host

Result<int> open_route_socket(int) { return tl::unexpected(Error::from_errno(EAFNOSUPPORT)); }
const abi::Profile* profile() { return nullptr; }
Result<void> set_option(int, int, int, std::span<const std::byte>) {
  return tl::unexpected(Error::from_errno(EOPNOTSUPP));
}
Result<std::vector<std::byte>> get_option(int, int, int) {
  return tl::unexpected(Error::from_errno(EOPNOTSUPP));
}
Result<std::vector<std::byte>> read_sysctl(std::span<const int>) {
  return tl::unexpected(Error::from_errno(EOPNOTSUPP));
}

#endif

}  // namespace rtsock::client::host
