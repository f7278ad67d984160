// A test's view of rtsockd: an in-process Server on a temporary path, run on
// a thread, and raw SOCK_SEQPACKET clients that speak the protocol byte by
// byte (no client library).
#pragma once

#include <gtest/gtest.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/proto/control.hpp"
#include "rtsock/server/server.hpp"

namespace rtsock::server::testing {

using Bytes = std::vector<std::byte>;
using json = nlohmann::json;

// A fresh directory for one test's socket, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rtsockd-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

// A Server running on its own thread for the lifetime of the object.
class Daemon {
 public:
  explicit Daemon(ServerOptions opt) {
    opt.log = [this](std::string_view line) { log_.emplace_back(line); };
    auto s = Server::create(std::move(opt));
    if (!s) {
      error_ = s.error();
      return;
    }
    server_ = std::move(*s);
    thread_ = std::thread([this] { rc_ = server_->run(); });
  }
  ~Daemon() { stop(); }
  void stop() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }
  bool ok() const { return server_ != nullptr; }
  const Error& error() const { return error_; }
  const std::string& path() const { return server_->path(); }
  const std::vector<std::string>& log() const { return log_; }  // after stop()
  int rc() const { return rc_; }
  Server& server() { return *server_; }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::vector<std::string> log_;
  Error error_;
  int rc_ = -1;
};

inline ServerOptions options(const std::string& path, std::string personality = "freebsd") {
  ServerOptions opt;
  opt.socket_path = path;
  opt.engine.personality = std::move(personality);
  // No DAD: its end (NetBSD RTM_NEWADDR, OpenBSD RTM_CHGADDRATTR) would come
  // on the wall clock, in the middle of whatever a test watches.
  opt.engine.dad_count = 0;
  opt.engine.ip_dad_count = 0;
  return opt;
}

struct Reply {
  proto::Header header;
  json body;  // parsed JSON payload (null when the payload is not JSON)
  Bytes payload;
};

class Client {
 public:
  // With `bind_name`, the socket is first bound to that abstract address
  // (as the compat library binds its routing sockets).
  explicit Client(const std::string& path, std::string_view bind_name = {}) {
    fd_ = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (!bind_name.empty()) {
      sockaddr_un local{};
      local.sun_family = AF_UNIX;
      std::memcpy(local.sun_path + 1, bind_name.data(), bind_name.size());
      const auto len =
          static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + bind_name.size());
      if (::bind(fd_, reinterpret_cast<const sockaddr*>(&local), len) != 0) {
        ::close(fd_);
        fd_ = -1;
        return;
      }
    }
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, path.c_str(), sizeof sa.sun_path - 1);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Client() { close(); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  bool send(std::span<const std::byte> pkt) const {
    return ::send(fd_, pkt.data(), pkt.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(pkt.size());
  }

  // The next packet, or nullopt after timeout_ms.
  std::optional<Bytes> recv(int timeout_ms = 5000) const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
    Bytes b(proto::kMaxPacket + 1);
    const ssize_t n = ::recv(fd_, b.data(), b.size(), MSG_DONTWAIT);
    if (n < 0) return std::nullopt;
    b.resize(static_cast<std::size_t>(n));
    return b;
  }

  // Sends a control request and returns its reply, setting aside routing
  // messages and unsolicited control packets that arrive before it (they
  // are kept in `others`).
  std::optional<Reply> control(proto::Op op, const json& body = json::object(),
                               std::uint32_t id = 0) {
    if (id == 0) id = ++next_id_;
    if (!send(proto::encode({.op = op, .flags = 0, .id = id, .error = 0}, body.dump())))
      return std::nullopt;
    return reply(op, id);
  }

  std::optional<Reply> reply(proto::Op op, std::uint32_t id) {
    Reply r;
    for (;;) {
      auto pkt = recv();
      if (!pkt) return std::nullopt;
      if (!proto::is_control(*pkt)) {
        others.push_back(std::move(*pkt));
        continue;
      }
      auto h = proto::parse_header(*pkt);
      if (!h || h->op != op || h->id != id) {
        others.push_back(std::move(*pkt));
        continue;
      }
      r.header = *h;
      const auto body = proto::payload(*pkt);
      r.payload.insert(r.payload.end(), body.begin(), body.end());
      if ((h->flags & proto::kFlagMore) == 0) break;
    }
    r.body = json::parse(reinterpret_cast<const char*>(r.payload.data()),
                         reinterpret_cast<const char*>(r.payload.data() + r.payload.size()),
                         nullptr, false);
    return r;
  }

  std::vector<Bytes> others;

 private:
  int fd_ = -1;
  std::uint32_t next_id_ = 0;
};

// A routing message for a profile: RTM_ADD/DELETE/GET for dst[/plen] via gw.
inline Bytes route_message(const abi::Profile& p, std::string_view type, std::string_view dst,
                           std::optional<int> plen = std::nullopt, std::string_view gw = {},
                           int seq = 1) {
  auto m = codec::Message::make(p, *p.type_number(type));
  m.set(abi::Field::seq, seq);
  m.set(abi::Field::pid, ::getpid());
  const auto d = codec::Sockaddr::parse_ip(dst);
  m.set_addr(abi::kDst, *d);
  std::int64_t flags = 0x1;  // RTF_UP
  if (!gw.empty()) {
    m.set_addr(abi::kGateway, *codec::Sockaddr::parse_ip(gw));
    flags |= 0x2 | 0x800;  // RTF_GATEWAY | RTF_STATIC (the same bits on every BSD)
  }
  if (plen)
    m.set_addr(abi::kNetmask, codec::Sockaddr::mask(d->kind, *plen));
  else if (type == "RTM_ADD")
    flags |= 0x4;  // RTF_HOST
  m.set(abi::Field::flags, flags);
  auto wire = codec::marshal(p, m);
  return wire ? *wire : Bytes{};
}

// The routing message in a packet, if it is one.
inline std::optional<codec::Message> parse_routing(const abi::Profile& p, const Bytes& pkt) {
  if (proto::is_control(pkt)) return std::nullopt;
  auto v = codec::parse_message(pkt, p);
  if (!v) return std::nullopt;
  return v->to_message();
}

}  // namespace rtsock::server::testing
