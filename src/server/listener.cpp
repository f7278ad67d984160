// The listening socket, and the checks that keep two daemons off one path.
#include "listener.hpp"

#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace rtsock::server {
namespace {

tl::unexpected<Error> errno_error(int e) { return tl::unexpected(Error::from_errno(e)); }

bool fill_address(const std::string& path, sockaddr_un& sa) {
  std::memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof sa.sun_path) return false;
  std::memcpy(sa.sun_path, path.data(), path.size());
  return true;
}

// Who holds the socket file at a path: nobody (a stale file), a daemon like
// us, or another program's socket. Every type is probed: connecting with the
// wrong type fails with EPROTOTYPE, which shows that some live process has a
// socket bound there; only ECONNREFUSED from every type proves the file stale
// (the kernel found no socket behind it).
enum class Holder { nobody, daemon, other };

Holder socket_holder(const sockaddr_un& sa, std::string& other) {
  static constexpr std::pair<int, const char*> kTypes[] = {
      {SOCK_SEQPACKET, "SOCK_SEQPACKET"}, {SOCK_STREAM, "SOCK_STREAM"}, {SOCK_DGRAM, "SOCK_DGRAM"}};
  bool bound_elsewhere = false;
  for (const auto& [type, name] : kTypes) {
    // Non-blocking: a stream listener with a full backlog answers EAGAIN
    // instead of holding us up; that too is a live socket.
    const int probe = ::socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (probe < 0) continue;
    const int rc = ::connect(probe, reinterpret_cast<const sockaddr*>(&sa), sizeof sa);
    const int e = rc == 0 ? 0 : errno;
    ::close(probe);
    if (e == ENOENT) return Holder::nobody;  // removed meanwhile
    if (e == ECONNREFUSED) continue;
    if (e == EPROTOTYPE) {
      bound_elsewhere = true;
      continue;
    }
    if (type == SOCK_SEQPACKET && (e == 0 || e == EAGAIN)) return Holder::daemon;
    other = e == 0 || e == EAGAIN ? fmt::format("a {} socket is in use there", name)
                                  : fmt::format("probing it as {}: {}", name, std::strerror(e));
    return Holder::other;
  }
  if (!bound_elsewhere) return Holder::nobody;
  other = "a socket is bound there by a running program (not listening yet)";
  return Holder::other;
}

}  // namespace

Result<Listener> Listener::open(const std::string& path, std::string& why) {
  sockaddr_un sa;
  if (!fill_address(path, sa)) {
    why = fmt::format("{}: the path must be 1 to {} bytes", path, sizeof sa.sun_path - 1);
    return errno_error(ENAMETOOLONG);
  }
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      why = fmt::format("{}: exists and is not a socket; not touching it", path);
      return errno_error(ENOTSOCK);
    }
    std::string other;
    switch (socket_holder(sa, other)) {
      case Holder::daemon:
        why = fmt::format("{}: another daemon is listening there", path);
        return errno_error(EADDRINUSE);
      case Holder::other:
        why = fmt::format("{}: {}; not touching it", path, other);
        return errno_error(EADDRINUSE);
      case Holder::nobody:
        break;
    }
    // Left behind by a daemon that did not exit cleanly.
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      const int e = errno;
      why = fmt::format("{}: cannot remove the stale socket: {}", path, std::strerror(e));
      return errno_error(e);
    }
  }

  Listener l;
  l.fd_ = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (l.fd_ < 0) {
    const int e = errno;
    why = fmt::format("socket: {}", std::strerror(e));
    return errno_error(e);
  }
  if (::bind(l.fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
    const int e = errno;
    why = fmt::format("{}: bind: {}", path, std::strerror(e));
    return errno_error(e);
  }
  l.path_ = path;
  if (::stat(path.c_str(), &st) == 0) {
    l.dev_ = st.st_dev;
    l.ino_ = st.st_ino;
  }
  // Any user may open a routing socket; privilege comes from SO_PEERCRED.
  if (::chmod(path.c_str(), 0666) != 0 || ::listen(l.fd_, SOMAXCONN) != 0) {
    const int e = errno;
    why = fmt::format("{}: {}", path, std::strerror(e));
    return errno_error(e);
  }
  return l;
}

Listener::Listener(Listener&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)), path_(std::move(o.path_)), dev_(o.dev_), ino_(o.ino_) {
  o.path_.clear();
}

Listener& Listener::operator=(Listener&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = std::exchange(o.fd_, -1);
    path_ = std::exchange(o.path_, {});
    dev_ = o.dev_;
    ino_ = o.ino_;
  }
  return *this;
}

Listener::~Listener() { close(); }

void Listener::close() {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  if (path_.empty()) return;
  // Another daemon may have replaced a file we were slow to remove.
  struct stat st;
  if (::lstat(path_.c_str(), &st) == 0 && st.st_dev == dev_ && st.st_ino == ino_)
    ::unlink(path_.c_str());
  path_.clear();
}

}  // namespace rtsock::server
