// The daemon under test: a private rtsockd the soak starts (and stops, to
// see it exit cleanly), or one already running.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "soak.hpp"

namespace rtsock::soak {

class Daemon {
 public:
  ~Daemon();
  // Boots rtsockd from a configuration file holding the built-in setup and
  // `preload` routes 16.0.0.0/4 (in /24s); waits until it answers.
  bool start(const Options& opt, const std::vector<std::string>& extra_args, std::string& why);
  // An external daemon: its pid from SO_PEERCRED.
  bool attach(const std::string& path, std::string& why);

  const std::string& path() const { return path_; }
  pid_t pid() const { return pid_; }
  bool owned() const { return owned_; }
  // Resident set in KiB (nullopt when /proc does not show it).
  std::optional<std::uint64_t> rss_kib() const;
  // For a private daemon: whether it has died, and how ("" while alive).
  std::string died();
  // SIGTERM, then the exit status: "" for a clean exit 0, else the problem.
  std::string stop(std::chrono::seconds grace);
  // The daemon's stderr, last lines.
  std::string log_tail(std::size_t lines = 20) const;

 private:
  std::string dir_, path_, log_;
  pid_t pid_ = -1;
  bool owned_ = false;
  bool reaped_ = false;
};

// Where rtsockd is: beside this program, else on $PATH.
std::string default_rtsockd();

}  // namespace rtsock::soak
