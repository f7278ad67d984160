// The descriptor table: a flag byte per descriptor for the hot path, the
// RouteSock objects under a lock.
#include "fds.hpp"

#include <dirent.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "real.hpp"
#include "rtsock/proto/control.hpp"

namespace rtsock::compat::fds {
namespace {

constexpr int kFast = 65536;
constexpr std::uint8_t kRoute = 1;

std::atomic<std::uint8_t> g_flags[kFast];
std::atomic<bool> g_any_high{false};  // some flag is kept for an fd >= kFast

struct Table {
  std::mutex m;
  std::unordered_map<int, std::shared_ptr<RouteSock>> routes;
  std::unordered_map<int, std::uint8_t> high_flags;
};

Table& table() {
  static Table* t = new Table;  // never destroyed: used until the very end
  return *t;
}

std::uint8_t flags(int fd) {
  if (fd < 0) return 0;
  if (fd < kFast) return g_flags[fd].load(std::memory_order_acquire);
  if (!g_any_high.load(std::memory_order_acquire)) return 0;
  Table& t = table();
  std::lock_guard lock(t.m);
  auto it = t.high_flags.find(fd);
  return it == t.high_flags.end() ? 0 : it->second;
}

void set_flag(int fd, std::uint8_t bit, bool on) {
  if (fd < 0) return;
  if (fd < kFast) {
    if (on)
      g_flags[fd].fetch_or(bit, std::memory_order_acq_rel);
    else
      g_flags[fd].fetch_and(static_cast<std::uint8_t>(~bit), std::memory_order_acq_rel);
    return;
  }
  Table& t = table();
  std::lock_guard lock(t.m);
  auto& f = t.high_flags[fd];
  f = on ? static_cast<std::uint8_t>(f | bit) : static_cast<std::uint8_t>(f & ~bit);
  if (f == 0) t.high_flags.erase(fd);
  g_any_high.store(!t.high_flags.empty(), std::memory_order_release);
}

}  // namespace

std::atomic<int> g_hidden{-1};

bool is_route(int fd) { return (flags(fd) & kRoute) != 0; }
bool is_hidden(int fd) { return fd >= 0 && g_hidden.load(std::memory_order_acquire) == fd; }
void set_hidden(int fd, bool on) {
  if (on)
    g_hidden.store(fd, std::memory_order_release);
  else if (g_hidden.load(std::memory_order_acquire) == fd)
    g_hidden.store(-1, std::memory_order_release);
}
int hidden_fd() { return g_hidden.load(std::memory_order_acquire); }

std::shared_ptr<RouteSock> route(int fd) {
  if (!is_route(fd)) return nullptr;
  Table& t = table();
  std::lock_guard lock(t.m);
  auto it = t.routes.find(fd);
  return it == t.routes.end() ? nullptr : it->second;
}

void set_route(int fd, std::shared_ptr<RouteSock> rs) {
  {
    Table& t = table();
    std::lock_guard lock(t.m);
    t.routes[fd] = std::move(rs);
  }
  set_flag(fd, kRoute, true);
}

void forget(int fd) {
  if (!is_route(fd)) return;
  set_flag(fd, kRoute, false);
  Table& t = table();
  std::lock_guard lock(t.m);
  t.routes.erase(fd);
}

void copy(int oldfd, int newfd) {
  if (oldfd == newfd) return;
  forget(newfd);
  if (auto rs = route(oldfd)) set_route(newfd, std::move(rs));
}

void forget_range(unsigned lo, unsigned hi) {
  std::vector<int> gone;
  {
    Table& t = table();
    std::lock_guard lock(t.m);
    for (const auto& [fd, rs] : t.routes)
      if (static_cast<unsigned>(fd) >= lo && static_cast<unsigned>(fd) <= hi) gone.push_back(fd);
  }
  for (int fd : gone) forget(fd);
}

void adopt_inherited() {
  DIR* d = ::opendir("/proc/self/fd");
  if (d == nullptr) return;
  const int self = ::dirfd(d);
  const std::string_view prefix = proto::kCompatNamePrefix;
  while (const dirent* e = ::readdir(d)) {
    char* end = nullptr;
    const long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || fd == self || fd < 0 || fd > 0x7fffffff) continue;
    sockaddr_un sa{};
    socklen_t len = sizeof sa;
    if (real::getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&sa), &len) != 0)
      continue;
    const std::size_t off = offsetof(sockaddr_un, sun_path);
    if (sa.sun_family != AF_UNIX || len <= off + 1 || sa.sun_path[0] != '\0') continue;
    std::string name(sa.sun_path + 1, len - off - 1);
    if (!name.starts_with(prefix)) continue;
    auto rs = std::make_shared<RouteSock>();
    rs->name = std::move(name);
    set_route(static_cast<int>(fd), std::move(rs));
  }
  ::closedir(d);
}

}  // namespace rtsock::compat::fds
