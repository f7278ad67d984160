// Starting, watching and stopping the daemon under test.
#include "daemon.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>

#include "rtsock/server/config.hpp"

namespace rtsock::soak {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The pid of the process listening at `path` (SO_PEERCRED), or -1.
pid_t peer_pid(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  std::strncpy(sa.sun_path, path.c_str(), sizeof sa.sun_path - 1);
  pid_t pid = -1;
  if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0) {
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) pid = cred.pid;
  }
  if (fd >= 0) ::close(fd);
  return pid;
}

std::string describe(int status) {
  if (WIFEXITED(status)) return fmt::format("exit status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return fmt::format("killed by signal {} ({})", WTERMSIG(status),
                                              strsignal(WTERMSIG(status)));
  return "stopped";
}

}  // namespace

std::string default_rtsockd() {
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::exists(self.parent_path() / "rtsockd")) return (self.parent_path() / "rtsockd").string();
  return "rtsockd";
}

Daemon::~Daemon() {
  if (owned_ && pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

bool Daemon::attach(const std::string& path, std::string& why) {
  path_ = path;
  pid_ = peer_pid(path);
  if (pid_ < 0) {
    why = fmt::format("{}: no daemon answers: {}", path, std::strerror(errno));
    return false;
  }
  return true;
}

bool Daemon::start(const Options& opt, const std::vector<std::string>& extra, std::string& why) {
  std::string tmpl = (fs::temp_directory_path() / "rtsock-soak-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    why = fmt::format("mkdtemp: {}", std::strerror(errno));
    return false;
  }
  dir_ = tmpl;
  path_ = dir_ + "/rtsockd.sock";
  log_ = dir_ + "/rtsockd.log";
  const std::string conf = dir_ + "/boot.conf";
  {
    std::ofstream out(conf);
    out << server::kDefaultConfigText;
    // 16.0.0.0/4 in /24s: 2^20 routes at most, away from every soak range.
    for (std::uint32_t i = 0; i < opt.preload; ++i)
      out << fmt::format("route {}.{}.{}.0/24 {}\n", 16 + (i >> 16), (i >> 8) & 0xff, i & 0xff,
                         opt.gateway);
    if (!out) {
      why = fmt::format("{}: cannot write", conf);
      return false;
    }
  }
  std::vector<std::string> args = {opt.rtsockd, "-s", path_, "-c", conf, "-p", opt.personality};
  // This process's clients must be privileged (uid 0 is by default).
  if (::getuid() != 0)
    for (const std::string& uid : {std::string("0"), std::to_string(::getuid())}) {
      args.push_back("--privileged-uid");
      args.push_back(uid);
    }
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t child = ::fork();
  if (child < 0) {
    why = fmt::format("fork: {}", std::strerror(errno));
    return false;
  }
  if (child == 0) {
    const int log = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) ::dup2(log, 2);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = child;
  owned_ = true;
  const auto until = Clock::now() + opt.start_timeout;
  while (Clock::now() < until) {
    if (std::string d = died(); !d.empty()) {
      why = fmt::format("{} did not start ({}):\n{}", opt.rtsockd, d, log_tail());
      return false;
    }
    if (peer_pid(path_) == pid_) return true;
    std::this_thread::sleep_for(50ms);
  }
  why = fmt::format("{} did not answer within {} s", opt.rtsockd, opt.start_timeout.count());
  return false;
}

std::optional<std::uint64_t> Daemon::rss_kib() const {
  std::ifstream in(fmt::format("/proc/{}/status", pid_));
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
  return std::nullopt;
}

std::string Daemon::died() {
  if (!owned_ || reaped_) return reaped_ ? "gone" : "";
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r != pid_) return "";
  reaped_ = true;
  return describe(status);
}

std::string Daemon::stop(std::chrono::seconds grace) {
  if (!owned_) return "";
  if (reaped_) return "it died before the end";
  ::kill(pid_, SIGTERM);
  const auto until = Clock::now() + grace;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (Clock::now() > until) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      reaped_ = true;
      return fmt::format("no exit within {} s of SIGTERM", grace.count());
    }
    std::this_thread::sleep_for(20ms);
  }
  reaped_ = true;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    if (fs::exists(path_)) return "exited 0 but left its socket file";
    return "";
  }
  return fmt::format("{} after SIGTERM (sanitizer reports in its log)", describe(status));
}

std::string Daemon::log_tail(std::size_t lines) const {
  std::ifstream in(log_);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (last.size() > lines) last.pop_front();
  }
  std::string out;
  for (const auto& l : last) out += "  " + l + "\n";
  return out;
}

}  // namespace rtsock::soak
