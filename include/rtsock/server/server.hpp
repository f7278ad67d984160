// rtsock/server/server.hpp — rtsockd's I/O layer: the routing-socket engine
// behind a Unix-domain SOCK_SEQPACKET socket (docs/protocol.md).
//
// Each connection is one routing socket, opened with the peer's SO_PEERCRED
// credentials. One packet is one routing message, in both directions;
// packets that begin with "RTSK" are control requests. Every listener gets
// its copy through its own bounded queue, so a client that stops reading
// loses messages (per the personality's overflow rule) but never holds up
// another.
//
//   rtsock::server::ServerOptions opt;
//   opt.socket_path = "/tmp/test.sock";
//   auto srv = rtsock::server::Server::create(std::move(opt));
//   std::thread loop([&] { (*srv)->run(); });
//   ...
//   (*srv)->stop();
//   loop.join();
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "rtsock/kernel/engine.hpp"
#include "rtsock/result.hpp"
#include "rtsock/server/config.hpp"
#include "rtsock/server/socket_path.hpp"

namespace rtsock::server {

// Bytes of routing messages a connection may have waiting in the daemon
// before copies are dropped (its SO_RCVBUF). The kernel's own socket buffer
// between the daemon and the client comes on top of this.
inline constexpr std::size_t kDefaultRcvbuf = 256 * 1024;
// ServerOptions::max_clients_per_uid.
inline constexpr std::size_t kDefaultMaxClientsPerUid = 64;

struct ServerOptions {
  std::string socket_path;  // empty: default_socket_path()
  kernel::Options engine;   // personality, fibs, privileged uids, clock
  BootConfig boot = default_config();
  std::size_t rcvbuf = kDefaultRcvbuf;
  bool verbose = false;  // log connects and disconnects (errors are always logged)
  // After activity the loop polls without sleeping for this long before it
  // blocks in epoll_wait (SO_BUSY_POLL's idea): a request that follows a
  // reply closely is picked up without a wake-up. 0 turns it off.
  std::chrono::microseconds busy_poll{50};
  // When one request holds the loop this long (a dump of a large table), a
  // helper thread sends progress packets (proto::Op::progress) at this
  // interval to every client that waits: a client's timeout measures the
  // daemon's silence, not the size of the table. 0 turns them off.
  std::chrono::milliseconds progress_interval{500};
  // Block SIGINT and SIGTERM in the calling thread and stop run() when one
  // arrives (signalfd). For a daemon's main(), before it starts threads.
  bool handle_signals = false;
  // Clients connected at once (0: as many as RLIMIT_NOFILE allows, less a
  // reserve of 16 descriptors), and per uid that is not privileged (0: no
  // cap). A client past either is accepted and closed at once (docs/SECURITY.md).
  std::size_t max_clients = 0;
  std::size_t max_clients_per_uid = kDefaultMaxClientsPerUid;
  // Receives each log line, without a newline. Default: stderr.
  std::function<void(std::string_view)> log;
};

class Server {
 public:
  // Creates the engine, boots the configuration and listens. Refuses a path
  // where a live daemon answers (EADDRINUSE) or a file that is not a socket
  // (ENOTSOCK); a stale socket file is replaced. The reason is also logged.
  static Result<std::unique_ptr<Server>> create(ServerOptions opt);
  ~Server();  // closes every connection and removes the socket file
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until stop() or a handled signal; 0 then, 1 on a fatal error.
  int run();
  // Thread-safe and async-signal-safe: makes run() return soon.
  void stop();
  const std::string& path() const;
  // The engine, for inspection while run() is not running.
  kernel::Engine& engine();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rtsock::server
