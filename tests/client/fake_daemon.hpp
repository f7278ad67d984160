// A scripted stand-in for rtsockd: one end of a SOCK_SEQPACKET socketpair
// and a thread that runs a test's script against it, packet by packet. The
// script reads what the client sends and answers as the daemon would (or as
// a broken one would), so every exchange is deterministic.
#pragma once

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/proto/control.hpp"
#include "rtsock/result.hpp"

namespace rtsock::test {

using Bytes = std::vector<std::byte>;

inline constexpr std::int32_t kDaemonPid = 4242;

// The errno of a generic-category error, or -1.
inline int errno_of(const Error& e) {
  return e.code().category() == std::generic_category() ? e.code().value() : -1;
}

inline Bytes as_bytes(std::string_view s) {
  const auto* p = reinterpret_cast<const std::byte*>(s.data());
  return Bytes(p, p + s.size());
}

inline const abi::Profile& profile(std::string_view name) { return *abi::find_profile(name); }

// A routing message of `type_name` as the daemon would write it.
inline Bytes routing_message(const abi::Profile& p, std::string_view type_name, std::int32_t pid,
                             std::int32_t seq, int os_errno = 0, std::string_view dst = "192.0.2.0",
                             std::string_view gateway = "198.51.100.1") {
  auto m = codec::Message::make(p, *p.type_number(type_name));
  m.set(abi::Field::pid, pid);
  m.set(abi::Field::seq, seq);
  m.set(abi::Field::err, os_errno);
  if (!dst.empty()) m.set_addr(abi::kDst, *codec::Sockaddr::parse_ip(dst));
  if (!gateway.empty()) m.set_addr(abi::kGateway, *codec::Sockaddr::parse_ip(gateway));
  auto wire = codec::marshal(p, m);
  EXPECT_TRUE(wire.has_value());
  return wire ? *wire : Bytes{};
}

// A control request as the daemon receives it.
struct ControlRequest {
  proto::Header header;
  nlohmann::json body;
};

// The daemon's end, as the script sees it.
class Peer {
 public:
  explicit Peer(int fd) : fd_(fd) {}

  // The next packet, or empty on end of stream or after 5 s.
  Bytes read() {
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 5000) <= 0) {
      ADD_FAILURE() << "fake daemon: nothing from the client";
      return {};
    }
    Bytes b(proto::kMaxPacket);
    const ssize_t n = ::recv(fd_, b.data(), b.size(), 0);
    b.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return b;
  }

  void write(const Bytes& b) {
    const ssize_t n = ::send(fd_, b.data(), b.size(), MSG_NOSIGNAL);
    EXPECT_EQ(n, static_cast<ssize_t>(b.size())) << "fake daemon: send failed";
  }

  void write_control(proto::Op op, std::uint32_t id, std::int32_t error, std::string_view json,
                     std::uint16_t flags = 0) {
    write(proto::encode(proto::Header{op, flags, id, error}, json));
  }

  // The next packet, which must be a control request of `op`.
  ControlRequest expect_control(proto::Op op) {
    ControlRequest r;
    const Bytes b = read();
    auto h = proto::parse_header(b);
    if (!h) {
      ADD_FAILURE() << "fake daemon: expected control op " << int(op) << ", got " << b.size()
                    << " other bytes";
      return r;
    }
    EXPECT_EQ(int(h->op), int(op));
    r.header = *h;
    const auto payload = proto::payload(b);
    const auto* text = reinterpret_cast<const char*>(payload.data());
    r.body = payload.empty() ? nlohmann::json::object()
                             : nlohmann::json::parse(text, text + payload.size(), nullptr, false);
    EXPECT_FALSE(r.body.is_discarded());
    return r;
  }

  // Answers a control request with `json` (and `error`, OS numbering).
  void reply(const ControlRequest& r, std::string_view json = "{}", std::int32_t error = 0) {
    write_control(r.header.op, r.header.id, error, json);
  }

  // The next packet, which must be a routing message; decoded with `p`.
  codec::Message expect_routing(const abi::Profile& p) {
    const Bytes b = read();
    EXPECT_FALSE(proto::is_control(b));
    auto v = codec::parse_message(b, p);
    if (!v) {
      ADD_FAILURE() << "fake daemon: bad routing message: " << v.error().message();
      return {};
    }
    return v->to_message();
  }

  void answer_hello(std::string_view profile_name = "freebsd14-amd64") {
    auto r = expect_control(proto::Op::hello);
    const auto* p = abi::find_profile(profile_name);
    const nlohmann::json body = {{"protocol", 1},
                                 {"personality", p ? std::string(abi::os_name(p->os)) : "?"},
                                 {"profile", std::string(profile_name)},
                                 {"os", p ? std::string(abi::os_name(p->os)) : "?"},
                                 {"socket", 7},
                                 {"uid", 1000},
                                 {"pid", kDaemonPid},
                                 {"privileged", true},
                                 {"fibs", 4}};
    reply(r, body.dump());
  }

  // HELLO and the status option, as RoutingSocket::attach() does them.
  void handshake(std::string_view profile_name = "freebsd14-amd64") {
    answer_hello(profile_name);
    auto r = expect_control(proto::Op::setsockopt);
    EXPECT_EQ(r.body, nlohmann::json::parse(R"({"level":"rtsock","name":"status","value":1})"));
    reply(r);
  }

  // The sizing call fetch_rib makes before a dump (mib as JSON); answers
  // `size`, or an error (OS numbering) when `error` is set.
  void answer_sizing(std::string_view mib, std::size_t size, std::int32_t error = 0) {
    auto r = expect_control(proto::Op::sysctl);
    nlohmann::json want = {{"mib", nlohmann::json::parse(mib)}, {"size_only", true}};
    EXPECT_EQ(r.body, want);
    reply(r, error == 0 ? nlohmann::json({{"size", size}}).dump() : "{}", error);
  }

  // Closes the connection as a daemon that exits would.
  void hang_up() { ::shutdown(fd_, SHUT_RDWR); }

  // Blocks until the client closes its end.
  void wait_for_close() {
    pollfd pfd{fd_, POLLIN, 0};
    for (;;) {
      if (::poll(&pfd, 1, 5000) <= 0) {
        ADD_FAILURE() << "fake daemon: the client did not close";
        return;
      }
      Bytes b(proto::kMaxPacket);
      if (::recv(fd_, b.data(), b.size(), 0) <= 0) return;
    }
  }

 private:
  int fd_;
};

class FakeDaemon {
 public:
  explicit FakeDaemon(std::function<void(Peer&)> script) {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), 0);
    client_fd_ = fds[0];
    daemon_fd_ = fds[1];
    thread_ = std::thread([fd = daemon_fd_, script = std::move(script)] {
      Peer peer(fd);
      script(peer);
    });
  }
  ~FakeDaemon() {
    thread_.join();
    ::close(daemon_fd_);
    if (client_fd_ >= 0) ::close(client_fd_);
  }
  FakeDaemon(const FakeDaemon&) = delete;
  FakeDaemon& operator=(const FakeDaemon&) = delete;

  // The client's end; the caller owns it from now on.
  int client_fd() { return std::exchange(client_fd_, -1); }

 private:
  int client_fd_ = -1;
  int daemon_fd_ = -1;
  std::thread thread_;
};

}  // namespace rtsock::test
