// The daemon's listening socket: a Unix-domain SOCK_SEQPACKET socket at a
// path that no live daemon holds, open to every user (mode 0666).
#pragma once

#include <sys/types.h>

#include <string>

#include "rtsock/result.hpp"

namespace rtsock::server {

class Listener {
 public:
  // Refuses a path where a daemon answers (EADDRINUSE) or that is not a
  // socket (ENOTSOCK); removes a stale socket file. `why` gets the reason.
  static Result<Listener> open(const std::string& path, std::string& why);

  Listener() = default;
  Listener(Listener&& o) noexcept;
  Listener& operator=(Listener&& o) noexcept;
  ~Listener();  // closes, and removes the file if it is still the one we bound

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  void close();

 private:
  int fd_ = -1;
  std::string path_;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
};

}  // namespace rtsock::server
