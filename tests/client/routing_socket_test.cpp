// RoutingSocket against a scripted daemon: the handshake, requests matched
// by pid and seq, status and overflow packets, chunked sysctl replies,
// socket option encoding, garbage, timeouts.
#include "rtsock/client/routing_socket.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fake_daemon.hpp"
#include "rtsock/codec/sockaddr.hpp"

// Inside the namespace: `abi` alone would also name libstdc++'s ::abi.
namespace rtsock {

using namespace std::chrono_literals;
using rtsock::test::as_bytes;
using rtsock::test::Bytes;
using rtsock::test::errno_of;
using rtsock::test::FakeDaemon;
using rtsock::test::kDaemonPid;
using rtsock::test::Peer;
using rtsock::test::routing_message;
using Kind = rtsock::client::Event::Kind;

namespace {

const abi::Profile& P(std::string_view name) { return rtsock::test::profile(name); }

codec::Message get_request(const abi::Profile& p, std::string_view dst = "192.0.2.1") {
  auto m = codec::Message::make(p, *p.type_number("RTM_GET"));
  m.set_addr(abi::kDst, *codec::Sockaddr::parse_ip(dst));
  return m;
}

std::string gateway_of(const codec::Message& m) {
  const auto* gw = m.addr(abi::kGateway);
  return gw ? codec::ip_string(*gw) : std::string();
}

Bytes status_packet(std::int32_t error, std::int32_t pid, std::int64_t seq, bool reply) {
  const nlohmann::json body = {
      {"error", error}, {"pid", pid}, {"seq", seq}, {"type", 4}, {"reply", reply}};
  return proto::encode(proto::Header{proto::Op::status, 0, 0, error}, body.dump());
}

}  // namespace

// ---- opening ----

TEST(RoutingSocket, attach_hello_session_and_profile_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake("openbsd");
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs) << rs.error().message();
  EXPECT_EQ(rs->backend(), client::Backend::rtsockd);
  EXPECT_EQ(rs->profile().name, "openbsd");
  EXPECT_EQ(rs->personality(), "openbsd");
  EXPECT_EQ(rs->session().os, "openbsd");
  EXPECT_EQ(rs->session().protocol_version, 1);
  EXPECT_EQ(rs->session().socket, 7u);
  EXPECT_EQ(rs->session().uid, 1000u);
  EXPECT_EQ(rs->pid(), kDaemonPid);
  EXPECT_TRUE(rs->session().privileged);
  EXPECT_EQ(rs->session().fibs, 4u);
  EXPECT_GE(rs->native_handle(), 0);
}

TEST(RoutingSocket, attach_status_reports_off_sends_no_option_success) {
  FakeDaemon d([](Peer& peer) {
    peer.answer_hello();
    // The next packet is the client's first routing message, not a setsockopt.
    auto m = peer.expect_routing(P("freebsd"));
    EXPECT_EQ(m.type, 4);
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd(), {.status_reports = false});
  ASSERT_TRUE(rs) << rs.error().message();
  ASSERT_TRUE(rs->send(get_request(rs->profile())));
}

TEST(RoutingSocket, attach_protocol_reopens_before_status_success) {
  FakeDaemon d([](Peer& peer) {
    peer.answer_hello();
    auto r = peer.expect_control(proto::Op::socket);
    EXPECT_EQ(r.body, nlohmann::json({{"protocol", 28}}));
    peer.reply(r);
    peer.handshake();  // a fresh HELLO for the new socket, then the status option
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd(), {.protocol = 28});
  ASSERT_TRUE(rs) << rs.error().message();
}

TEST(RoutingSocket, attach_hello_not_json_eproto) {
  FakeDaemon d([](Peer& peer) {
    auto r = peer.expect_control(proto::Op::hello);
    peer.reply(r, "this is not JSON");
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), EPROTO);
}

TEST(RoutingSocket, attach_hello_wrong_types_eproto) {
  FakeDaemon d([](Peer& peer) {
    auto r = peer.expect_control(proto::Op::hello);
    peer.reply(r, R"({"profile":42,"pid":"many"})");
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), EPROTO);
}

TEST(RoutingSocket, attach_hello_unknown_profile_fails) {
  FakeDaemon d([](Peer& peer) {
    auto r = peer.expect_control(proto::Op::hello);
    peer.reply(r, R"({"profile":"plan9","pid":1})");
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_FALSE(rs);
  EXPECT_EQ(rs.error().code(), make_error_code(codec_errc::unknown_profile));
}

TEST(RoutingSocket, attach_hello_error_reply_fails) {
  FakeDaemon d([](Peer& peer) {
    auto r = peer.expect_control(proto::Op::hello);
    peer.reply(r, "{}", 43);  // EPROTONOSUPPORT, BSD numbering
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), EPROTONOSUPPORT);
}

TEST(RoutingSocket, attach_silent_daemon_times_out) {
  FakeDaemon d([](Peer& peer) {
    peer.expect_control(proto::Op::hello);
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd(), {.control_timeout = 50ms});
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), ETIMEDOUT);
}

TEST(RoutingSocket, control_flood_does_not_extend_timeout) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    auto r = peer.expect_control(proto::Op::stats);
    // Unrelated traffic for four times the client's timeout, then the reply.
    for (int i = 0; i < 40; ++i) {
      peer.write(routing_message(p, "RTM_ADD", 0, 0));
      std::this_thread::sleep_for(10ms);
    }
    peer.reply(r);
    peer.write(routing_message(p, "RTM_DELETE", 0, 0));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd(), {.control_timeout = 100ms});
  ASSERT_TRUE(rs);
  auto stats = rs->stats();
  ASSERT_FALSE(stats);
  EXPECT_EQ(errno_of(stats.error()), ETIMEDOUT);
  // Drain up to the end marker, so that the daemon never writes to a closed socket.
  for (;;) {
    auto ev = rs->receive(5s);
    ASSERT_TRUE(ev) << ev.error().message();
    if (ev->message->type == *rs->profile().type_number("RTM_DELETE")) break;
  }
}

TEST(RoutingSocket, connect_listening_daemon_success) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("rtsock-client-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "rtsockd.sock").string();
  const int listener = ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
  ASSERT_GE(listener, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  path.copy(addr.sun_path, sizeof addr.sun_path - 1);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 1), 0);
  std::thread daemon([listener] {
    const int fd = ::accept(listener, nullptr, nullptr);
    ASSERT_GE(fd, 0);
    Peer peer(fd);
    peer.handshake("darwin");
    peer.wait_for_close();
    ::close(fd);
  });
  {
    auto rs = RoutingSocket::connect(path);
    ASSERT_TRUE(rs) << rs.error().message();
    EXPECT_EQ(rs->profile().name, "darwin");
  }
  daemon.join();
  ::close(listener);
  std::filesystem::remove_all(dir);
}

TEST(RoutingSocket, connect_no_daemon_enoent) {
  auto rs = RoutingSocket::connect("/nonexistent/rtsockd.sock");
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), ENOENT);
}

TEST(RoutingSocket, connect_path_too_long_enametoolong) {
  auto rs = RoutingSocket::connect(std::string(200, 'x'));
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), ENAMETOOLONG);
}

TEST(RoutingSocket, default_socket_path_environment_rule_success) {
  const char* saved = std::getenv("RTSOCK_SOCKET");
  const std::string keep = saved ? saved : "";
  ::setenv("RTSOCK_SOCKET", "/run/test.sock", 1);
  EXPECT_EQ(client::default_socket_path(), "/run/test.sock");
  ::setenv("RTSOCK_SOCKET", "", 1);
  EXPECT_EQ(client::default_socket_path(), "/tmp/rtsockd.sock");
  ::unsetenv("RTSOCK_SOCKET");
  EXPECT_EQ(client::default_socket_path(), "/tmp/rtsockd.sock");
  if (saved) ::setenv("RTSOCK_SOCKET", keep.c_str(), 1);
}

#if !(defined(__FreeBSD__) || defined(__APPLE__) || defined(__OpenBSD__) || defined(__NetBSD__) || \
      defined(__DragonFly__))
TEST(RoutingSocket, open_kernel_not_bsd_eafnosupport) {
  auto rs = RoutingSocket::open_kernel();
  ASSERT_FALSE(rs);
  EXPECT_EQ(errno_of(rs.error()), EAFNOSUPPORT);
}
#endif

TEST(RoutingSocket, move_keeps_descriptor_and_closes_once_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    auto m = peer.expect_routing(P("freebsd"));
    EXPECT_EQ(m.type, 4);
    peer.wait_for_close();  // one close, by the last owner
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  const int fd = rs->native_handle();
  RoutingSocket moved = std::move(*rs);
  EXPECT_EQ(moved.native_handle(), fd);
  EXPECT_EQ(rs->native_handle(), -1);
  RoutingSocket assigned = std::move(moved);
  ASSERT_TRUE(assigned.send(get_request(assigned.profile())));
}

// ---- requests ----

TEST(RoutingSocket, request_unrelated_messages_kept_for_receive_success) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    auto req = peer.expect_routing(p);
    EXPECT_EQ(req.get(abi::Field::pid), kDaemonPid);
    const auto seq = static_cast<std::int32_t>(req.get(abi::Field::seq));
    EXPECT_GT(seq, 0);
    // Another process's change, then our pid with another seq, then the reply.
    peer.write(routing_message(p, "RTM_ADD", 99, seq, 0, "10.0.0.0", "192.0.2.9"));
    peer.write(routing_message(p, "RTM_GET", kDaemonPid, seq + 1000, 0, "10.1.0.0", "192.0.2.8"));
    peer.write(routing_message(p, "RTM_GET", kDaemonPid, seq, 0, "192.0.2.0", "198.51.100.1"));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs) << rs.error().message();
  auto reply = rs->request(get_request(rs->profile()), 2s);
  ASSERT_TRUE(reply) << reply.error().message();
  EXPECT_EQ(gateway_of(*reply), "198.51.100.1");
  EXPECT_EQ(rs->pending(), 2u);

  auto first = rs->receive(0ms);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->kind, Kind::message);
  ASSERT_TRUE(first->message);
  EXPECT_EQ(first->message->type, *rs->profile().type_number("RTM_ADD"));
  EXPECT_EQ(gateway_of(*first->message), "192.0.2.9");
  EXPECT_FALSE(first->bytes.empty());
  auto second = rs->receive(0ms);
  ASSERT_TRUE(second);
  EXPECT_EQ(gateway_of(*second->message), "192.0.2.8");
  EXPECT_EQ(rs->pending(), 0u);
  auto none = rs->receive(0ms);
  ASSERT_FALSE(none);
  EXPECT_EQ(errno_of(none.error()), ETIMEDOUT);
}

// While a request waits, packets for receive() are kept up to a bound; the
// rest are lost and reported where they were lost, as one overflow event.
TEST(RoutingSocket, request_pending_bound_overflow_event_in_place) {
  const auto& fp = P("freebsd");
  const std::size_t size = routing_message(fp, "RTM_ADD", 99, 1).size();
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    for (int round = 0; round < 2; ++round) {
      auto req = peer.expect_routing(p);
      const auto seq = static_cast<std::int32_t>(req.get(abi::Field::seq));
      for (int i = 0; i < 50; ++i) peer.write(routing_message(p, "RTM_ADD", 99, i + 1));
      peer.write(routing_message(p, "RTM_GET", kDaemonPid, seq));
    }
    peer.wait_for_close();
  });
  client::ConnectOptions opt;
  opt.max_pending_bytes = 10 * size;
  auto rs = RoutingSocket::attach(d.client_fd(), opt);
  ASSERT_TRUE(rs) << rs.error().message();
  EXPECT_EQ(rs->pending_limit(), 10 * size);
  ASSERT_TRUE(rs->request(get_request(rs->profile()), 2s));
  EXPECT_EQ(rs->pending(), 11u);  // ten messages and the notice
  EXPECT_EQ(rs->pending_bytes(), 10 * size);
  for (int i = 0; i < 10; ++i) {
    auto ev = rs->receive(0ms);
    ASSERT_TRUE(ev);
    ASSERT_EQ(ev->kind, Kind::message);
    EXPECT_EQ(ev->message->get(abi::Field::seq), i + 1);
  }
  auto lost = rs->receive(0ms);
  ASSERT_TRUE(lost);
  EXPECT_TRUE(lost->is_overflow());
  EXPECT_TRUE(lost->local);
  EXPECT_EQ(lost->dropped, 40u);
  EXPECT_EQ(rs->pending(), 0u);
  EXPECT_EQ(rs->pending_bytes(), 0u);
  // Unbounded by choice: everything is kept.
  rs->set_pending_limit(SIZE_MAX);
  ASSERT_TRUE(rs->request(get_request(rs->profile()), 2s));
  EXPECT_EQ(rs->pending(), 50u);
}

TEST(RoutingSocket, request_fresh_seq_each_time_success) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    std::int64_t last = 0;
    for (int i = 0; i < 2; ++i) {
      auto req = peer.expect_routing(p);
      const auto seq = static_cast<std::int32_t>(req.get(abi::Field::seq));
      EXPECT_NE(seq, last);
      last = seq;
      peer.write(routing_message(p, "RTM_GET", kDaemonPid, seq));
    }
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  EXPECT_TRUE(rs->request(get_request(rs->profile()), 2s));
  EXPECT_TRUE(rs->request(get_request(rs->profile()), 2s));
}

TEST(RoutingSocket, request_reply_errno_host_error) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    for (int i = 0; i < 2; ++i) {
      auto req = peer.expect_routing(p);
      peer.write(routing_message(p, "RTM_GET", kDaemonPid,
                                 static_cast<std::int32_t>(req.get(abi::Field::seq)), 3));
    }
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto r = rs->request(get_request(rs->profile()), 2s);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), ESRCH);

  // request_reply keeps the echo with its errno.
  auto full = rs->request_reply(get_request(rs->profile()), 2s);
  ASSERT_TRUE(full) << full.error().message();
  EXPECT_FALSE(full->ok());
  EXPECT_EQ(full->os_errno, 3);
  EXPECT_EQ(errno_of(full->error()), ESRCH);
  ASSERT_TRUE(full->message);
  EXPECT_EQ(full->message->get(abi::Field::err), 3);
  EXPECT_EQ(full->pid, kDaemonPid);
  EXPECT_GT(full->seq, 0);
  EXPECT_FALSE(full->bytes.empty());
}

TEST(RoutingSocket, request_status_no_reply_mapped_error) {
  // Darwin numbers EOPNOTSUPP 102; the host's number comes back.
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("darwin");
    peer.handshake("darwin");
    auto req = peer.expect_routing(p);
    const auto seq = req.get(abi::Field::seq);
    peer.write(status_packet(17, kDaemonPid, seq + 1, false));  // another write's
    peer.write(status_packet(102, kDaemonPid, seq, false));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto r = rs->request(get_request(rs->profile()), 2s);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), EOPNOTSUPP);

  auto other = rs->receive(0ms);
  ASSERT_TRUE(other) << other.error().message();
  EXPECT_EQ(other->kind, Kind::status);
  EXPECT_EQ(other->status.os_errno, 17);
  EXPECT_EQ(errno_of(other->status.error()), EEXIST);
  EXPECT_EQ(other->status.pid, kDaemonPid);
  EXPECT_EQ(other->status.type, 4);
  EXPECT_FALSE(other->status.reply);
  EXPECT_FALSE(other->message);
}

TEST(RoutingSocket, request_status_then_raw_echo_error_from_status) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    auto req = peer.expect_routing(p);
    const auto seq = static_cast<std::int32_t>(req.get(abi::Field::seq));
    peer.write(status_packet(22, kDaemonPid, seq, true));
    peer.write(routing_message(p, "RTM_GET", kDaemonPid, seq, 0));  // the echo shows no error
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto r = rs->request_reply(get_request(rs->profile()), 2s);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(r->message);
  EXPECT_EQ(r->os_errno, 22);
  EXPECT_EQ(errno_of(r->error()), EINVAL);
}

TEST(RoutingSocket, request_success_without_copy_enomsg) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    auto opt = peer.expect_control(proto::Op::setsockopt);
    EXPECT_EQ(opt.body, nlohmann::json({{"level", 0xffff}, {"name", 0x40}, {"value", "00000000"}}));
    peer.reply(opt);
    for (int i = 0; i < 2; ++i) {
      auto req = peer.expect_routing(p);
      peer.write(status_packet(0, kDaemonPid, req.get(abi::Field::seq), false));
    }
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  ASSERT_TRUE(rs->set_use_loopback(false));
  auto r = rs->request(get_request(rs->profile()), 2s);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), ENOMSG);
  auto full = rs->request_reply(get_request(rs->profile()), 2s);
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->ok());
  EXPECT_FALSE(full->message);
}

TEST(RoutingSocket, request_no_answer_times_out) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.expect_routing(P("freebsd"));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto r = rs->request(get_request(rs->profile()), 50ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), ETIMEDOUT);
}

TEST(RoutingSocket, request_unmarshallable_message_fails) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto m = get_request(rs->profile());
  m.set_addr(12, codec::Sockaddr::inet4({1, 2, 3, 4}));  // FreeBSD has 8 slots
  auto r = rs->request(m, 50ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), make_error_code(codec_errc::slot_out_of_range));
}

TEST(RoutingSocket, next_seq_positive_and_distinct_success) {
  const auto a = RoutingSocket::next_seq();
  const auto b = RoutingSocket::next_seq();
  EXPECT_GT(a, 0);
  EXPECT_GT(b, 0);
  EXPECT_NE(a, b);
}

// ---- sending ----

TEST(RoutingSocket, send_message_as_given_success) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    auto m = peer.expect_routing(p);
    EXPECT_EQ(m.get(abi::Field::seq), 77);  // not replaced
    EXPECT_EQ(m.get(abi::Field::pid), 0);
    const auto raw = peer.read();
    EXPECT_EQ(raw, Bytes({std::byte{1}, std::byte{2}, std::byte{3}}));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto m = get_request(rs->profile());
  m.set(abi::Field::seq, 77);
  ASSERT_TRUE(rs->send(m));
  ASSERT_TRUE(rs->send_raw(Bytes({std::byte{1}, std::byte{2}, std::byte{3}})));
}

TEST(RoutingSocket, send_raw_control_lookalike_einval) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto r = rs->send_raw(as_bytes("RTSK\x01\x0b"));
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), EINVAL);
}

// ---- receiving ----

TEST(RoutingSocket, receive_overflow_packet_overflow_event) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.write_control(proto::Op::overflow, 0, 55, R"({"dropped":5})");
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto ev = rs->receive(2s);
  ASSERT_TRUE(ev) << ev.error().message();
  EXPECT_TRUE(ev->is_overflow());
  EXPECT_EQ(ev->dropped, 5u);
  EXPECT_FALSE(ev->message);
}

TEST(RoutingSocket, receive_openbsd_desync_overflow_event) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("openbsd");
    peer.handshake("openbsd");
    peer.write(routing_message(p, "RTM_DESYNC", 0, 0, 0, "", ""));
    peer.write(routing_message(p, "RTM_ADD", 0, 0));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto ev = rs->receive(2s);
  ASSERT_TRUE(ev) << ev.error().message();
  EXPECT_EQ(ev->kind, Kind::overflow);
  ASSERT_TRUE(ev->message);
  EXPECT_EQ(ev->message->type, *rs->profile().type_number("RTM_DESYNC"));
  auto next = rs->receive(2s);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->kind, Kind::message);
}

TEST(RoutingSocket, receive_garbage_errors_then_continues) {
  FakeDaemon d([](Peer& peer) {
    const auto& p = P("freebsd");
    peer.handshake();
    peer.write(as_bytes("RTSK\x09"));  // short control header
    peer.write(proto::encode(proto::Header{proto::Op::status, 0, 0, 0}, "[1,2"));  // bad JSON
    peer.write(as_bytes(std::string_view("\x03\x00\x05", 3)));  // shorter than any header
    auto wrong_version = routing_message(p, "RTM_ADD", 0, 0);
    wrong_version[2] = std::byte{9};
    peer.write(wrong_version);
    Bytes lying_length = routing_message(p, "RTM_ADD", 0, 0);
    lying_length[0] = std::byte{0xff};
    lying_length[1] = std::byte{0xff};
    peer.write(lying_length);
    peer.write(routing_message(p, "RTM_DELETE", 0, 0));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto a = rs->receive(2s);
  ASSERT_FALSE(a);
  EXPECT_EQ(errno_of(a.error()), EPROTO);
  auto b = rs->receive(2s);
  ASSERT_FALSE(b);
  EXPECT_EQ(errno_of(b.error()), EPROTO);
  auto c = rs->receive(2s);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code().category(), codec_category());
  auto e = rs->receive(2s);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), make_error_code(codec_errc::bad_version));
  auto f = rs->receive(2s);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code().category(), codec_category());
  // The refused packet, byte for byte.
  ASSERT_EQ(rs->last_undecoded().size(), routing_message(P("freebsd"), "RTM_ADD", 0, 0).size());
  EXPECT_EQ(rs->last_undecoded()[0], std::byte{0xff});
  auto good = rs->receive(2s);
  ASSERT_TRUE(good) << good.error().message();
  EXPECT_EQ(good->message->type, *rs->profile().type_number("RTM_DELETE"));
}

TEST(RoutingSocket, receive_stale_control_reply_skipped) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.write_control(proto::Op::setsockopt, 999, 0, "{}");
    peer.write(routing_message(P("freebsd"), "RTM_ADD", 0, 0));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto ev = rs->receive(2s);
  ASSERT_TRUE(ev) << ev.error().message();
  EXPECT_EQ(ev->kind, Kind::message);
}

TEST(RoutingSocket, receive_nothing_times_out) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto ev = rs->receive(30ms);
  ASSERT_FALSE(ev);
  EXPECT_EQ(errno_of(ev.error()), ETIMEDOUT);
}

TEST(RoutingSocket, receive_daemon_gone_econnreset) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    peer.write(routing_message(P("freebsd"), "RTM_ADD", 0, 0));
    peer.hang_up();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto ev = rs->receive(2s);
  ASSERT_TRUE(ev) << ev.error().message();  // what was queued is still read
  auto gone = rs->receive(2s);
  ASSERT_FALSE(gone);
  EXPECT_EQ(errno_of(gone.error()), ECONNRESET);
}

TEST(RoutingSocket, control_wait_keeps_routing_messages_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    auto r = peer.expect_control(proto::Op::shutdown);
    EXPECT_EQ(r.body, nlohmann::json({{"how", "rd"}}));
    peer.write(routing_message(P("freebsd"), "RTM_ADD", 0, 0));
    peer.write_control(proto::Op::overflow, 0, 55, R"({"dropped":1})");
    peer.reply(r);
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  ASSERT_TRUE(rs->shutdown_read());
  EXPECT_EQ(rs->pending(), 2u);
  auto a = rs->receive(0ms);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->kind, Kind::message);
  auto b = rs->receive(0ms);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->kind, Kind::overflow);
  EXPECT_EQ(b->dropped, 1u);
}

// ---- socket options ----

TEST(RoutingSocket, options_freebsd_big_endian_encoding_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake("freebsd14-amd64-be");
    const nlohmann::json expected[] = {
        {{"level", 0xffff}, {"name", 0x1014}, {"value", "00000003"}},
        {{"level", 0xffff}, {"name", 0x20000}, {"value", "00000001"}},
        {{"level", 0xffff}, {"name", 0x40}, {"value", "00000000"}},
        {{"level", 0xffff}, {"name", 0x1002}, {"value", "00010000"}},
        {{"level", 0xffff}, {"name", 0x1234}, {"value", "abcd"}},
        {{"level", "rtsock"}, {"name", "status"}, {"value", 0}},
    };
    for (const auto& e : expected) {
      auto r = peer.expect_control(proto::Op::setsockopt);
      EXPECT_EQ(r.body, e);
      peer.reply(r);
    }
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs) << rs.error().message();
  EXPECT_TRUE(rs->set_fib(3));
  EXPECT_TRUE(rs->set_rerror(true));
  EXPECT_TRUE(rs->set_use_loopback(false));
  EXPECT_TRUE(rs->set_receive_buffer(65536));
  EXPECT_TRUE(rs->setsockopt(0xffff, 0x1234, Bytes{std::byte{0xab}, std::byte{0xcd}}));
  EXPECT_TRUE(rs->set_status_reports(false));
  // No msgfilter on FreeBSD: refused without asking the daemon.
  const std::uint8_t types[] = {1};
  auto r = rs->set_msgfilter(types);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), ENOPROTOOPT);
}

TEST(RoutingSocket, options_openbsd_filters_encoding_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake("openbsd");
    const nlohmann::json expected[] = {
        {{"level", 17}, {"name", 1}, {"value", "06000000"}},
        {{"level", 17}, {"name", 2}, {"value", "ffffffff"}},
        {{"level", 17}, {"name", 3}, {"value", "08000000"}},
        {{"level", 17}, {"name", 4}, {"value", "00010000"}},
        {{"level", 0xffff}, {"name", 0x1021}, {"value", "02000000"}},
    };
    for (const auto& e : expected) {
      auto r = peer.expect_control(proto::Op::setsockopt);
      EXPECT_EQ(r.body, e);
      peer.reply(r);
    }
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  const std::uint8_t types[] = {1, 2};
  EXPECT_TRUE(rs->set_msgfilter(types));
  EXPECT_TRUE(rs->set_tablefilter(0xffffffffu));
  EXPECT_TRUE(rs->set_priofilter(8));
  EXPECT_TRUE(rs->set_flagfilter(0x100));
  EXPECT_TRUE(rs->set_fib(2));
  const std::uint8_t too_big[] = {40};
  auto r = rs->set_msgfilter(too_big);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), EINVAL);
  auto rerror = rs->set_rerror(true);  // OpenBSD reports overflow with RTM_DESYNC instead
  ASSERT_FALSE(rerror);
  EXPECT_EQ(errno_of(rerror.error()), ENOPROTOOPT);
}

TEST(RoutingSocket, options_netbsd_msgfilter_type_bytes_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake("netbsd");
    auto r = peer.expect_control(proto::Op::setsockopt);
    EXPECT_EQ(r.body, nlohmann::json({{"level", 34}, {"name", 1}, {"value", "01020e"}}));
    peer.reply(r);
    r = peer.expect_control(proto::Op::setsockopt);
    EXPECT_EQ(r.body, nlohmann::json({{"level", 0xffff}, {"name", 0x4000}, {"value", "01000000"}}));
    peer.reply(r);
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  const std::uint8_t types[] = {1, 2, 14};
  EXPECT_TRUE(rs->set_msgfilter(types));
  EXPECT_TRUE(rs->set_rerror(true));
  auto r = rs->set_tablefilter(1);
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), ENOPROTOOPT);
}

TEST(RoutingSocket, options_not_in_personality_enoprotoopt) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake("freebsd12-amd64");
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto rerror = rs->set_rerror(true);  // SO_RERROR arrived in FreeBSD 13
  ASSERT_FALSE(rerror);
  EXPECT_EQ(errno_of(rerror.error()), ENOPROTOOPT);
  auto prio = rs->set_priofilter(1);
  ASSERT_FALSE(prio);
  EXPECT_EQ(errno_of(prio.error()), ENOPROTOOPT);
}

TEST(RoutingSocket, setsockopt_error_reply_host_errno) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    auto r = peer.expect_control(proto::Op::setsockopt);
    peer.reply(r, R"({"message":"no such option"})", 42);  // BSD ENOPROTOOPT
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto r = rs->setsockopt(0xffff, 0x9999, Bytes(4));
  ASSERT_FALSE(r);
  EXPECT_EQ(errno_of(r.error()), ENOPROTOOPT);
}

TEST(RoutingSocket, getsockopt_hex_value_decoded_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    auto r = peer.expect_control(proto::Op::getsockopt);
    EXPECT_EQ(r.body, nlohmann::json({{"level", 0xffff}, {"name", 0x40}}));
    peer.reply(r, R"({"value":"01000000"})");
    r = peer.expect_control(proto::Op::getsockopt);
    peer.reply(r, R"({"value":"zz"})");
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto v = rs->getsockopt(0xffff, 0x40);
  ASSERT_TRUE(v) << v.error().message();
  EXPECT_EQ(*v, Bytes({std::byte{1}, std::byte{0}, std::byte{0}, std::byte{0}}));
  auto bad = rs->getsockopt(0xffff, 0x40);
  ASSERT_FALSE(bad);
  EXPECT_EQ(errno_of(bad.error()), EPROTO);
}

TEST(RoutingSocket, set_family_reopens_and_rehellos_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    auto r = peer.expect_control(proto::Op::socket);
    EXPECT_EQ(r.body, nlohmann::json({{"protocol", 2}}));
    peer.reply(r);
    peer.answer_hello();
    r = peer.expect_control(proto::Op::socket);
    peer.reply(r, "{}", 43);
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  EXPECT_TRUE(rs->set_family(2));
  auto bad = rs->set_family(99);
  ASSERT_FALSE(bad);
  EXPECT_EQ(errno_of(bad.error()), EPROTONOSUPPORT);
}

// ---- sysctl ----

TEST(RoutingSocket, fetch_rib_chunked_reply_reassembled_success) {
  const auto& p = P("freebsd");
  Bytes dump = routing_message(p, "RTM_GET", 0, 0, 0, "10.0.0.0", "192.0.2.1");
  const Bytes second = routing_message(p, "RTM_GET", 0, 0, 0, "10.1.0.0", "192.0.2.2");
  dump.insert(dump.end(), second.begin(), second.end());
  FakeDaemon d([&dump](Peer& peer) {
    peer.handshake();
    peer.answer_sizing("[4,17,0,2,1,0]", dump.size());
    auto r = peer.expect_control(proto::Op::sysctl);
    EXPECT_EQ(r.body, nlohmann::json::parse(R"({"mib":[4,17,0,2,1,0]})"));
    // Cut inside the first message and inside the second; a routing message
    // between the chunks is kept for receive().
    const std::size_t cut1 = 50, cut2 = dump.size() - 30;
    auto chunk = [&](std::size_t from, std::size_t to, std::uint16_t flags) {
      peer.write(proto::encode(proto::Header{proto::Op::sysctl, flags, r.header.id, 0},
                               std::span<const std::byte>(dump).subspan(from, to - from)));
    };
    chunk(0, cut1, proto::kFlagMore);
    peer.write(routing_message(P("freebsd"), "RTM_ADD", 0, 0));
    chunk(cut1, cut2, proto::kFlagMore);
    chunk(cut2, dump.size(), 0);
    peer.answer_sizing("[4,17,0,0,1,0,3]", 0, 22);  // a failed sizing call only costs its hint
    r = peer.expect_control(proto::Op::sysctl);
    EXPECT_EQ(r.body, nlohmann::json::parse(R"({"mib":[4,17,0,0,1,0,3]})"));
    peer.reply(r, "");  // an empty dump: one packet, no payload
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto bytes = rs->fetch_rib(p.af_inet, client::net_rt::dump);
  ASSERT_TRUE(bytes) << bytes.error().message();
  EXPECT_EQ(*bytes, dump);
  EXPECT_EQ(rs->pending(), 1u);

  auto rib = rs->fetch_rib_messages(0, client::net_rt::dump, 0, 3);
  ASSERT_TRUE(rib) << rib.error().message();
  EXPECT_TRUE(rib->bytes().empty());
  EXPECT_EQ(rib->view().begin(), rib->view().end());
}

TEST(RoutingSocket, fetch_rib_messages_walks_dump_success) {
  const auto& p = P("freebsd");
  Bytes dump = routing_message(p, "RTM_GET", 0, 0, 0, "10.0.0.0", "192.0.2.1");
  const Bytes second = routing_message(p, "RTM_GET", 0, 0, 0, "10.1.0.0", "192.0.2.2");
  dump.insert(dump.end(), second.begin(), second.end());
  FakeDaemon d([&dump](Peer& peer) {
    peer.handshake();
    peer.answer_sizing("[4,17,0,0,1,0]", dump.size());
    auto r = peer.expect_control(proto::Op::sysctl);
    peer.write(proto::encode(proto::Header{proto::Op::sysctl, 0, r.header.id, 0}, dump));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto rib = rs->fetch_rib_messages(0, client::net_rt::dump);
  ASSERT_TRUE(rib) << rib.error().message();
  std::vector<std::string> gateways;
  for (const auto& m : rib->view()) {
    ASSERT_TRUE(m);
    gateways.push_back(codec::ip_string(m->addr(abi::kGateway)));
  }
  EXPECT_EQ(gateways, (std::vector<std::string>{"192.0.2.1", "192.0.2.2"}));
}

// FreeBSD NET_RT_NHGRP: the name carries the FIB, the record decodes into
// its two nexthop lists (nhgrp_ctl.c dump_nhgrp_entry, amd64).
TEST(RoutingSocket, fetch_nexthop_groups_decodes_success) {
  Bytes dump(152, std::byte{0});
  dump[0] = std::byte{0xd0};  // msglen 208
  dump[2] = std::byte{5};
  dump[3] = std::byte{4};  // RTM_GET
  const auto put32 = [&dump](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) dump.push_back(static_cast<std::byte>(v >> (8 * i)));
  };
  for (std::uint32_t v : {1u, 1u, 24u, 0x10002u, 4u, 1u, 5u, 1u, 24u, 0x20002u, 4u, 0u, 5u, 0u})
    put32(v);
  ASSERT_EQ(dump.size(), 208u);
  FakeDaemon d([&dump](Peer& peer) {
    peer.handshake();
    peer.answer_sizing("[4,17,0,2,7,0,0]", dump.size());
    auto r = peer.expect_control(proto::Op::sysctl);
    peer.write(proto::encode(proto::Header{proto::Op::sysctl, 0, r.header.id, 0}, dump));
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto groups = rs->fetch_nexthop_groups(2, 0);
  ASSERT_TRUE(groups) << groups.error().message();
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].index, 1u);
  EXPECT_EQ((*groups)[0].refcount, 1u);
  using Members = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  EXPECT_EQ((*groups)[0].members, (Members{{4, 1}, {5, 1}}));
  EXPECT_EQ((*groups)[0].slots, (std::vector<std::uint32_t>{4, 5}));
}

TEST(RoutingSocket, fetch_rib_error_reply_host_errno) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake("hpux");
    peer.answer_sizing("[4,17,0,0,3,0]", 4096);
    auto r = peer.expect_control(proto::Op::sysctl);
    peer.reply(r, "", 233);  // HP-UX ENOBUFS
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto bytes = rs->fetch_rib(0, client::net_rt::iflist);
  ASSERT_FALSE(bytes);
  EXPECT_EQ(errno_of(bytes.error()), ENOBUFS);
}

// ---- rtsockd's own requests ----

TEST(RoutingSocket, ifconfig_inject_stats_json_round_trip_success) {
  FakeDaemon d([](Peer& peer) {
    peer.handshake();
    auto r = peer.expect_control(proto::Op::ifconfig);
    EXPECT_EQ(r.body, nlohmann::json({{"op", "create"}, {"name", "em1"}}));
    peer.reply(r, R"({"index":3})");
    r = peer.expect_control(proto::Op::inject);
    EXPECT_EQ(r.body, nlohmann::json({{"event", "expire"}}));
    peer.reply(r, R"({"expired":2})");
    r = peer.expect_control(proto::Op::stats);
    EXPECT_EQ(r.body, nlohmann::json::object());
    peer.reply(r, R"({"clients":1,"drops":0})");
    r = peer.expect_control(proto::Op::stats);
    peer.reply(r, R"(["not","an","object"])");
    r = peer.expect_control(proto::Op::ifconfig);
    peer.reply(r, "{}", 1);  // EPERM
    peer.wait_for_close();
  });
  auto rs = RoutingSocket::attach(d.client_fd());
  ASSERT_TRUE(rs);
  auto created = rs->ifconfig({{"op", "create"}, {"name", "em1"}});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ((*created)["index"], 3);
  auto expired = rs->inject({{"event", "expire"}});
  ASSERT_TRUE(expired);
  EXPECT_EQ((*expired)["expired"], 2);
  auto stats = rs->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ((*stats)["clients"], 1);
  auto bad = rs->stats();
  ASSERT_FALSE(bad);
  EXPECT_EQ(errno_of(bad.error()), EPROTO);
  auto denied = rs->ifconfig({{"op", "destroy"}, {"name", "lo0"}});
  ASSERT_FALSE(denied);
  EXPECT_EQ(errno_of(denied.error()), EPERM);
}

}  // namespace rtsock
