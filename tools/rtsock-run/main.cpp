// rtsock-run: run a BSD program built with rtsock-cc against rtsockd — a
// private daemon of the program's personality started for the run and
// stopped after it, or a running one (-S). Preloads librtsock-compat.so,
// exits with the program's status (or dies of its signal).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "elf_note.hpp"
#include "rtsock/abi/profile.hpp"
#include "rtsock/client/routing_socket.hpp"

namespace {

// rtsock-run's own failures, as env(1) and timeout(1) report theirs.
constexpr int kFailed = 125, kCannotExec = 126, kNotFound = 127;

struct Args {
  std::string personality;  // -p
  std::string config;       // -c
  std::string socket;       // -S: a running daemon
  std::string backend;      // --backend, passed to rtsockd
  std::vector<std::string> daemon_args;  // --daemon-arg, passed to rtsockd
  bool verbose = false;
  bool unprivileged = false;
  std::vector<std::string> program;
};

const char kUsage[] =
    "usage: rtsock-run [-v] [-p personality] [-c config] [--backend name] [--unprivileged]\n"
    "                  [--daemon-arg arg ...] -- program [args ...]\n"
    "       rtsock-run [-v] -S socket -- program [args ...]\n";

[[noreturn]] void usage(const char* why = nullptr) {
  if (why != nullptr) std::fprintf(stderr, "rtsock-run: %s\n", why);
  std::fputs(kUsage, stderr);
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  int i = 1;
  auto value = [&](const char* opt) -> std::string {
    if (i + 1 >= argc) usage((std::string(opt) + " needs a value").c_str());
    return argv[++i];
  };
  for (; i < argc; ++i) {
    const std::string s = argv[i];
    if (s == "--") {
      ++i;
      break;
    }
    if (s == "-p" || s == "--personality") a.personality = value("-p");
    else if (s == "-c" || s == "--config") a.config = value("-c");
    else if (s == "-S" || s == "--socket") a.socket = value("-S");
    else if (s == "--backend") a.backend = value("--backend");
    else if (s == "--daemon-arg") a.daemon_args.push_back(value("--daemon-arg"));
    else if (s == "-v" || s == "--verbose") a.verbose = true;
    else if (s == "--unprivileged") a.unprivileged = true;
    else if (s == "-h" || s == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (!s.empty() && s[0] == '-') usage(("unknown option " + s).c_str());
    else break;
  }
  for (; i < argc; ++i) a.program.emplace_back(argv[i]);
  if (a.program.empty()) usage("no program to run");
  if (!a.socket.empty() && (!a.config.empty() || !a.backend.empty() || !a.daemon_args.empty()))
    usage("-S uses a running daemon: -c, --backend and --daemon-arg are for a private one");
  return a;
}

std::string self_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

std::string first_existing(const std::vector<std::string>& candidates) {
  for (const auto& c : candidates)
    if (!c.empty() && ::access(c.c_str(), R_OK) == 0) return c;
  return {};
}

// The library: $RTSOCK_COMPAT_LIB, the build tree's, the installed one.
std::string compat_library() {
  if (const char* e = std::getenv("RTSOCK_COMPAT_LIB"); e != nullptr && *e != '\0') return e;
  const std::string dir = self_dir();
  return first_existing({dir + "/../lib/librtsock-compat.so", dir + "/" RTSOCK_RUN_LIBDIR_REL "/librtsock-compat.so"});
}

std::string rtsockd_program() {
  if (const char* e = std::getenv("RTSOCK_RTSOCKD"); e != nullptr && *e != '\0') return e;
  // The build tree has it beside rtsock-run; an installation in sbin.
  for (const std::string& p : {self_dir() + "/rtsockd", self_dir() + "/" RTSOCK_RUN_SBINDIR_REL "/rtsockd"})
    if (::access(p.c_str(), X_OK) == 0) return p;
  const std::string in_path = rtsock_run::find_in_path("rtsockd");
  return in_path.empty() ? "rtsockd" : in_path;
}

const rtsock::abi::Profile* profile_named(const std::string& name) {
  if (const auto* p = rtsock::abi::find_profile(name)) return p;
  return rtsock::abi::find_profile(name + "-amd64");
}

bool daemon_answers(const std::string& path) {
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  if (path.size() >= sizeof sa.sun_path) return false;
  std::memcpy(sa.sun_path, path.data(), path.size());
  const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0;
  ::close(fd);
  return ok;
}

volatile sig_atomic_t g_child = 0;

void forward(int sig) {
  if (g_child > 0) ::kill(g_child, sig);
}

void stop_daemon(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 500; ++i) {  // 5 s, then it is killed
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

pid_t start_daemon(const Args& a, const std::string& personality, const std::string& path) {
  std::vector<std::string> argv = {rtsockd_program(), "-s", path, "-p", personality};
  if (!a.config.empty()) argv.insert(argv.end(), {"-c", a.config});
  if (!a.backend.empty()) argv.insert(argv.end(), {"--backend", a.backend});
  // The program usually needs to change routes; a BSD would have it run as
  // root. The caller's uid is privileged unless told otherwise.
  if (!a.unprivileged && ::getuid() != 0) argv.insert(argv.end(), {"--privileged-uid", std::to_string(::getuid())});
  if (a.verbose) argv.emplace_back("-v");
  argv.insert(argv.end(), a.daemon_args.begin(), a.daemon_args.end());
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::vector<char*> v;
    for (auto& s : argv) v.push_back(s.data());
    v.push_back(nullptr);
    ::execvp(v[0], v.data());
    std::fprintf(stderr, "rtsock-run: cannot run %s: %s\n", v[0], std::strerror(errno));
    ::_exit(kNotFound);
  }
  return pid;
}

// Waits until the daemon listens (true), or has exited (false).
bool await_daemon(pid_t pid, const std::string& path) {
  for (int i = 0; i < 1000; ++i) {  // 10 s
    if (daemon_answers(path)) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// A running daemon must speak the program's personality.
bool check_daemon(const std::string& path, const rtsock::abi::Profile& want, const std::string& program) {
  auto rs = rtsock::RoutingSocket::connect(path, {.status_reports = false});
  if (!rs) {
    std::fprintf(stderr, "rtsock-run: no rtsockd answers at %s (%s); start one with `rtsockd -p %s -s %s &`\n",
                 path.c_str(), rs.error().message().c_str(), std::string(rtsock::abi::os_name(want.os)).c_str(),
                 path.c_str());
    return false;
  }
  if (rs->session().profile != want.name) {
    std::fprintf(stderr, "rtsock-run: rtsockd at %s runs %s (%s), but %s is for %s (%s)\n", path.c_str(),
                 rs->session().personality.c_str(), rs->session().profile.c_str(), program.c_str(),
                 std::string(rtsock::abi::os_name(want.os)).c_str(), want.name.c_str());
    return false;
  }
  return true;
}

int run_program(const Args& a, const std::string& path, const std::string& personality, const std::string& lib) {
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::setenv("RTSOCK_SOCKET", path.c_str(), 1);
    ::setenv("RTSOCK_PERSONALITY", personality.c_str(), 1);
    std::string preload = lib;
    if (const char* old = std::getenv("LD_PRELOAD"); old != nullptr && *old != '\0') preload += std::string(":") + old;
#ifdef RTSOCK_RUN_ASAN_RUNTIME
    // The sanitizer build's library: its runtime must come first, and the
    // programs it runs are not ours to hold to leak checks.
    preload = std::string(RTSOCK_RUN_ASAN_RUNTIME) + ":" + preload;
    ::setenv("ASAN_OPTIONS", "detect_leaks=0", 0);
#endif
    ::setenv("LD_PRELOAD", preload.c_str(), 1);
    std::vector<char*> v;
    for (const auto& s : a.program) v.push_back(const_cast<char*>(s.c_str()));
    v.push_back(nullptr);
    ::execvp(v[0], v.data());
    const int e = errno;
    std::fprintf(stderr, "rtsock-run: %s: %s\n", v[0], std::strerror(e));
    ::_exit(e == ENOENT ? kNotFound : kCannotExec);
  }
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse(argc, argv);
  const std::string exe = rtsock_run::find_in_path(a.program[0]);
  const auto built_for = exe.empty() ? std::nullopt : rtsock_run::program_personality(exe);
  std::string personality = a.personality;
  if (personality.empty()) personality = built_for.value_or("freebsd");
  const rtsock::abi::Profile* want = profile_named(personality);
  if (want == nullptr) {
    std::fprintf(stderr, "rtsock-run: unknown personality %s (route decode --list-abis lists them)\n",
                 personality.c_str());
    return 2;
  }
  const std::string lib = compat_library();
  if (lib.empty()) {
    std::fprintf(stderr, "rtsock-run: cannot find librtsock-compat.so (set RTSOCK_COMPAT_LIB)\n");
    return kFailed;
  }

  std::string path = a.socket;
  std::string dir;
  pid_t daemon = 0;
  if (path.empty()) {
    char tmpl[] = "/tmp/rtsock-run.XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
      std::fprintf(stderr, "rtsock-run: mkdtemp: %s\n", std::strerror(errno));
      return kFailed;
    }
    dir = tmpl;
    // The program may drop privileges (setpriv, su): the socket inside is
    // mode 0666 like rtsockd's default one, its directory must let it through.
    ::chmod(dir.c_str(), 0755);
    path = dir + "/rtsockd.sock";
    daemon = start_daemon(a, personality, path);
    if (daemon < 0 || !await_daemon(daemon, path)) {
      std::fprintf(stderr, "rtsock-run: rtsockd did not start (personality %s)\n", personality.c_str());
      stop_daemon(daemon);
      ::rmdir(dir.c_str());
      return kFailed;
    }
  } else if (!check_daemon(path, *want, a.program[0])) {
    return kFailed;
  }

  // While the program runs, the terminal's signals are its: forward them.
  struct sigaction sa{};
  sa.sa_handler = forward;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) ::sigaction(sig, &sa, nullptr);
  const pid_t child = run_program(a, path, personality, lib);
  int status = 0;
  if (child > 0) {
    g_child = child;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  }
  stop_daemon(daemon);
  if (!dir.empty()) {
    ::unlink(path.c_str());
    ::rmdir(dir.c_str());
  }
  if (child < 0) {
    std::fprintf(stderr, "rtsock-run: fork: %s\n", std::strerror(errno));
    return kFailed;
  }
  if (WIFSIGNALED(status)) {
    // Die of the same signal, so that the caller sees what the program did.
    const int sig = WTERMSIG(status);
    ::signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
    ::kill(::getpid(), sig);
    return 128 + sig;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : kFailed;
}
