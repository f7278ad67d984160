// The goals of issue 13, each beside the Linux kernel's rtnetlink in the
// same run (an in-process rtsock::server::Server, FreeBSD personality, the
// default boot config; rtnetlink in a private network namespace).
//
//   BM_Pipelined_RtmAdd/W          RTM_ADDs with W in flight (raw send of
//                                  pre-marshalled bytes, the reply copy read
//                                  back; batches of 1024)
//   BM_Pipelined_RtmAdd_NoLoopback SO_USELOOPBACK off, no status packets: plain
//                                  writes, one control round trip per batch
//   BM_Pipelined_SendBatch/W       the client's batch API: W in flight, W/2
//                                  per send_raw_batch (sendmmsg), replies read
//   BM_Pipelined_SendBatch_NoLoopback  the same without replies
//   BM_Rtnetlink_Pipelined/W       RTM_NEWROUTE with NLM_F_ACK, W in flight
//   BM_Rtnetlink_Pipelined_NoAck   no ACK but the batch's last request's
//   BM_FanOut64                    one writer (synchronous RTM_ADDs), 64
//   BM_Rtnetlink_FanOut64          listeners drained by one reader thread;
//                                  then 63 readers and one socket that never
//                                  reads: deliveries/s and the writer's slowdown
//   BM_Rtsockd_1M                  1,048,576 routes: boot (engine), the sizing call, NET_RT_DUMP
//   BM_Rtnetlink_1M                (fetch_rib) / RTM_GETROUTE dump, and the
//                                  RTM_ADD round trip's p50/p99/max while
//                                  another client dumps (vs. idle)
//   BM_Rtsockd_Boot1MConfig        a forked child boots a Server from a
//                                  1M-route config file: parse and boot time,
//                                  RSS per route (no anchor: the kernel's
//                                  memory is not the process's)
//
//   cmake --preset release && cmake --build build-release --target bench_rtsockd_goals
//   ./build-release/bin/bench_rtsockd_goals
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sys/epoll.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/server/config.hpp"
#include "rtsockd_fixture.hpp"

namespace {

using rtsock::RoutingSocket;
using namespace rtsock_bench;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatch = 1024;
constexpr std::uint32_t k1M = 1u << 20;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::optional<RoutingSocket> connect_or_skip(benchmark::State& state, const Daemon& d,
                                             rtsock::client::ConnectOptions opt = {}) {
  auto s = RoutingSocket::connect(d.path(), opt);
  if (!s) {
    state.SkipWithError(("connect: " + s.error().message()).c_str());
    return std::nullopt;
  }
  return std::move(*s);
}

// ---- pipelined RTM_ADD ----

// Reads one reply copy; false when it is missing or carries an error.
bool read_reply(int fd, std::vector<std::byte>& in, const abi::Profile& p) {
  const ssize_t n = ::recv(fd, in.data(), in.size(), 0);
  if (n <= 0) return false;
  auto v = codec::parse_message(std::span<const std::byte>(in.data(), static_cast<std::size_t>(n)), p);
  return v && v->type() == kRtmAdd && v->get(abi::Field::err) == 0;
}

void BM_Pipelined_RtmAdd(benchmark::State& state) {
  const auto window = static_cast<std::size_t>(state.range(0));
  auto d = Daemon::start();
  if (!d) return state.SkipWithError("server did not start");
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;  // one packet back per write: the reply
  auto sock = connect_or_skip(state, *d, copt);
  if (!sock) return;
  const abi::Profile& p = sock->profile();
  auto tmpl = AddTemplate::make(p);
  if (!tmpl) return state.SkipWithError("cannot marshal the RTM_ADD template");
  const int fd = sock->native_handle();
  std::vector<std::byte> in(65536);
  std::int64_t failed = 0;
  for (auto _ : state) {
    std::size_t inflight = 0;
    for (std::size_t i = 0; i < kBatch; ++i) {
      const auto msg = tmpl->with_dst(next_dst());
      if (::send(fd, msg.data(), msg.size(), 0) != static_cast<ssize_t>(msg.size())) ++failed;
      if (++inflight == window) {
        if (!read_reply(fd, in, p)) ++failed;
        --inflight;
      }
    }
    for (; inflight > 0; --inflight)
      if (!read_reply(fd, in, p)) ++failed;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_Pipelined_RtmAdd)->Arg(16)->Arg(64)->UseRealTime()->Unit(benchmark::kMillisecond);

// The daemon counted no failed write on this connection.
bool no_write_errors(RoutingSocket& sock) {
  auto st = sock.stats();
  return st && st->contains("write_errors") && (*st)["write_errors"].get<std::uint64_t>() == 0;
}

// Items and failures of a benchmark that writes kBatch RTM_ADDs an iteration.
void report_batches(benchmark::State& state, std::int64_t failed) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}

// n RTM_ADD templates, each patched in place (a batch needs n distinct buffers).
std::vector<AddTemplate> templates(const abi::Profile& p, std::size_t n) {
  std::vector<AddTemplate> v;
  for (std::size_t i = 0; i < n; ++i)
    if (auto t = AddTemplate::make(p)) v.push_back(std::move(*t));
  return v;
}

void BM_Pipelined_RtmAdd_NoLoopback(benchmark::State& state) {
  auto d = Daemon::start();
  if (!d) return state.SkipWithError("server did not start");
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;
  auto sock = connect_or_skip(state, *d, copt);
  if (!sock) return;
  if (!sock->set_use_loopback(false)) return state.SkipWithError("SO_USELOOPBACK");
  auto tmpl = AddTemplate::make(sock->profile());
  if (!tmpl) return state.SkipWithError("cannot marshal the RTM_ADD template");
  const int fd = sock->native_handle();
  std::int64_t failed = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kBatch; ++i) {
      const auto msg = tmpl->with_dst(next_dst());
      if (::send(fd, msg.data(), msg.size(), 0) != static_cast<ssize_t>(msg.size())) ++failed;
    }
    // The daemon serves a connection in order: the answer to a control
    // request comes after every write before it has been executed.
    auto st = sock->stats();
    if (!st) ++failed;
  }
  if (!no_write_errors(*sock)) ++failed;
  report_batches(state, failed);
}
BENCHMARK(BM_Pipelined_RtmAdd_NoLoopback)->UseRealTime()->Unit(benchmark::kMillisecond);

// The client's batch API: W in flight, sent W/2 per
// RoutingSocket::send_raw_batch call (sendmmsg), each reply copy read back.
void BM_Pipelined_SendBatch(benchmark::State& state) {
  const auto window = static_cast<std::size_t>(state.range(0));
  auto d = Daemon::start();
  if (!d) return state.SkipWithError("server did not start");
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;
  auto sock = connect_or_skip(state, *d, copt);
  if (!sock) return;
  const abi::Profile& p = sock->profile();
  std::vector<AddTemplate> tmpls = templates(p, window);
  if (tmpls.size() != window) return state.SkipWithError("cannot marshal the RTM_ADD template");
  // Half the window per call, so that one half is executed while the
  // other's replies are read.
  const std::size_t half = window / 2;
  std::vector<std::span<const std::byte>> batch(half);
  std::vector<std::byte> in(65536);
  std::int64_t failed = 0;
  for (auto _ : state) {
    std::size_t inflight = 0;
    for (std::size_t done = 0; done < kBatch; done += half) {
      const std::size_t slot = (done / half) % 2 * half;  // the half whose replies are in
      for (std::size_t i = 0; i < half; ++i) batch[i] = tmpls[slot + i].with_dst(next_dst());
      auto sent = sock->send_raw_batch(batch);
      if (!sent || *sent != half) ++failed;
      inflight += half;
      for (; inflight > half; --inflight)
        if (!read_reply(sock->native_handle(), in, p)) ++failed;
    }
    for (; inflight > 0; --inflight)
      if (!read_reply(sock->native_handle(), in, p)) ++failed;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_Pipelined_SendBatch)->Arg(16)->Arg(64)->UseRealTime()->Unit(benchmark::kMillisecond);

// send_batch with SO_USELOOPBACK off: plain writes, W per call, one control
// round trip per 1024 to know they were executed.
void BM_Pipelined_SendBatch_NoLoopback(benchmark::State& state) {
  constexpr std::size_t kWindow = 64;
  auto d = Daemon::start();
  if (!d) return state.SkipWithError("server did not start");
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;
  auto sock = connect_or_skip(state, *d, copt);
  if (!sock) return;
  if (!sock->set_use_loopback(false)) return state.SkipWithError("SO_USELOOPBACK");
  std::vector<AddTemplate> tmpls = templates(sock->profile(), kWindow);
  if (tmpls.size() != kWindow) return state.SkipWithError("cannot marshal the RTM_ADD template");
  std::vector<std::span<const std::byte>> batch(kWindow);
  std::int64_t failed = 0;
  for (auto _ : state) {
    for (std::size_t done = 0; done < kBatch; done += kWindow) {
      for (std::size_t i = 0; i < kWindow; ++i) batch[i] = tmpls[i].with_dst(next_dst());
      auto sent = sock->send_raw_batch(batch);
      if (!sent || *sent != kWindow) ++failed;
    }
    if (!sock->stats()) ++failed;
  }
  if (!no_write_errors(*sock)) ++failed;
  report_batches(state, failed);
}
BENCHMARK(BM_Pipelined_SendBatch_NoLoopback)->UseRealTime()->Unit(benchmark::kMillisecond);

std::optional<int> netns_or_skip(benchmark::State& state, std::vector<int>* others = nullptr,
                                 std::size_t n = 0, std::uint32_t groups = 0) {
  std::string why;
  auto fd = netns_socket(why, others, n, groups);
  if (!fd) {
    std::fprintf(stderr, "rtnetlink comparison skipped: %s\n", why.c_str());
    state.SkipWithError(("skipped: " + why).c_str());
  }
  return fd;
}

// Route numbers for the rtnetlink runs (fresh namespaces; 32.0.0.0/3 as "dev lo").
std::uint32_t nl_dst(std::uint32_t i) { return (32u << 24) + ((i & 0x1fffffu) << 8); }

// Reads until the ACK of `seq`; the number of errors seen, or -1.
long nl_read_until(int fd, std::uint32_t seq) {
  std::vector<char> buf(1 << 16);
  long errors = 0;
  for (;;) {
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n < 0) return errno == EINTR ? errors : -1;
    for (std::size_t off = 0; off + kNlHdrLen <= static_cast<std::size_t>(n);) {
      nlmsghdr h{};
      std::memcpy(&h, buf.data() + off, sizeof h);
      if (h.nlmsg_len < kNlHdrLen) return -1;
      if (h.nlmsg_type == NLMSG_ERROR) {
        nlmsgerr e{};
        std::memcpy(&e, buf.data() + off + kNlHdrLen, sizeof e);
        if (e.error != 0) ++errors;
        if (h.nlmsg_seq == seq) return errors;
      }
      off += nl_align(h.nlmsg_len);
    }
  }
}

void BM_Rtnetlink_Pipelined(benchmark::State& state) {
  const auto window = static_cast<std::size_t>(state.range(0));
  auto fd = netns_or_skip(state);
  if (!fd) return;
  std::uint32_t seq = 0, next = 0;
  long failed = 0;
  for (auto _ : state) {
    std::size_t inflight = 0;
    for (std::size_t i = 0; i < kBatch; ++i) {
      NlReq r = nl_route(++seq, nl_dst(next++), true);
      if (::send(*fd, &r, r.nh.nlmsg_len, 0) < 0) ++failed;
      if (++inflight == window) {
        failed += nl_read_acks(*fd, inflight);
        inflight = 0;
      }
    }
    if (inflight > 0) failed += nl_read_acks(*fd, inflight);
  }
  ::close(*fd);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_NEWROUTEs failed");
}
BENCHMARK(BM_Rtnetlink_Pipelined)->Arg(16)->Arg(64)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Rtnetlink_Pipelined_NoAck(benchmark::State& state) {
  auto fd = netns_or_skip(state);
  if (!fd) return;
  int rcvbuf = 8 << 20;  // errors of a whole batch fit
  ::setsockopt(*fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  std::uint32_t seq = 0, next = 0;
  long failed = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < kBatch; ++i) {
      NlReq r = nl_route(++seq, nl_dst(next++), i + 1 == kBatch);
      if (::send(*fd, &r, r.nh.nlmsg_len, 0) < 0) ++failed;
    }
    const long e = nl_read_until(*fd, seq);
    failed += e < 0 ? 1 : e;
  }
  ::close(*fd);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_NEWROUTEs failed");
}
BENCHMARK(BM_Rtnetlink_Pipelined_NoAck)->UseRealTime()->Unit(benchmark::kMillisecond);

// ---- fan-out ----

constexpr std::size_t kListeners = 64;
constexpr std::size_t kFanWrites = 4000;

struct FanPhase {
  double writes_per_s = 0;
  double deliveries_per_s = 0;
  std::uint64_t delivered = 0;
  long failed = 0;
};

// Runs `writes` synchronous writes while one thread drains `readers` (epoll,
// recv until EAGAIN); the phase ends when every copy has arrived or nothing
// came for 300 ms.
FanPhase fan_phase(const std::vector<int>& readers, std::size_t writes,
                   const std::function<bool()>& write_one) {
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  for (int fd : readers) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }
  const std::uint64_t expected = static_cast<std::uint64_t>(writes) * readers.size();
  std::atomic<bool> writing{true};
  std::uint64_t delivered = 0;
  Clock::time_point last_packet{};
  std::thread reader([&] {
    std::vector<std::byte> buf(65536);
    epoll_event evs[64];
    auto idle_since = Clock::now();
    while (delivered < expected) {
      const int n = ::epoll_wait(ep, evs, 64, 20);
      if (n <= 0) {
        if (!writing.load() && Clock::now() - idle_since > std::chrono::milliseconds(300)) break;
        continue;
      }
      for (int i = 0; i < n; ++i)
        while (::recv(evs[i].data.fd, buf.data(), buf.size(), MSG_DONTWAIT) > 0) ++delivered;
      last_packet = idle_since = Clock::now();
    }
  });
  FanPhase r;
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < writes; ++i)
    if (!write_one()) ++r.failed;
  r.writes_per_s = static_cast<double>(writes) / seconds_since(t0);
  writing = false;
  reader.join();
  ::close(ep);
  r.delivered = delivered;
  r.deliveries_per_s =
      static_cast<double>(delivered) / std::chrono::duration<double>(last_packet - t0).count();
  return r;
}

void fan_counters(benchmark::State& state, const FanPhase& all, const FanPhase& stuck) {
  state.counters["deliveries_per_s"] = all.deliveries_per_s;
  state.counters["writes_per_s"] = all.writes_per_s;
  state.counters["delivered_pct"] =
      100.0 * static_cast<double>(all.delivered) / static_cast<double>(kFanWrites * kListeners);
  state.counters["stuck_deliveries_per_s"] = stuck.deliveries_per_s;
  state.counters["stuck_writes_per_s"] = stuck.writes_per_s;
  state.counters["writer_slowdown_pct"] = 100.0 * (1.0 - stuck.writes_per_s / all.writes_per_s);
  state.SetIterationTime(static_cast<double>(kFanWrites) / all.writes_per_s);
  if (all.failed + stuck.failed != 0) state.SkipWithError("some writes failed");
}

void BM_FanOut64(benchmark::State& state) {
  auto d = Daemon::start();
  if (!d) return state.SkipWithError("server did not start");
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;
  auto writer = connect_or_skip(state, *d, copt);
  if (!writer) return;
  const abi::Profile& p = writer->profile();
  auto tmpl = AddTemplate::make(p);
  if (!tmpl) return state.SkipWithError("cannot marshal the RTM_ADD template");
  std::vector<RoutingSocket> listeners;
  for (std::size_t i = 0; i < kListeners; ++i) {
    auto l = connect_or_skip(state, *d, copt);
    if (!l) return;
    listeners.push_back(std::move(*l));
  }
  std::vector<std::byte> in(65536);
  const int wfd = writer->native_handle();
  auto write_one = [&] {
    const auto msg = tmpl->with_dst(next_dst());
    if (::send(wfd, msg.data(), msg.size(), 0) != static_cast<ssize_t>(msg.size())) return false;
    return read_reply(wfd, in, p);
  };
  for (auto _ : state) {
    std::vector<int> fds;
    for (auto& l : listeners) fds.push_back(l.native_handle());
    const FanPhase all = fan_phase(fds, kFanWrites, write_one);
    // One listener replaced by one that never reads.
    auto stuck = connect_or_skip(state, *d, copt);
    if (!stuck) return;
    listeners.pop_back();
    fds.pop_back();
    const FanPhase with_stuck = fan_phase(fds, kFanWrites, write_one);
    fan_counters(state, all, with_stuck);
  }
}
BENCHMARK(BM_FanOut64)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_Rtnetlink_FanOut64(benchmark::State& state) {
  std::vector<int> ls;
  // kListeners readers and a spare that joins the group later.
  auto fd = netns_or_skip(state, &ls, kListeners + 1, 0);
  if (!fd) return;
  const int group = RTNLGRP_IPV4_ROUTE;
  for (std::size_t i = 0; i < kListeners; ++i)
    ::setsockopt(ls[i], SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group);
  std::uint32_t seq = 0, next = 0;
  auto write_one = [&] {
    NlReq r = nl_route(++seq, nl_dst(next++), true);
    return nl_call(*fd, r) == 0;
  };
  for (auto _ : state) {
    std::vector<int> fds(ls.begin(), ls.begin() + kListeners);
    const FanPhase all = fan_phase(fds, kFanWrites, write_one);
    ::setsockopt(ls[kListeners], SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group);
    ::close(fds.back());
    ls[kListeners - 1] = -1;
    fds.pop_back();
    const FanPhase with_stuck = fan_phase(fds, kFanWrites, write_one);
    fan_counters(state, all, with_stuck);
  }
  for (int l : ls)
    if (l >= 0) ::close(l);
  ::close(*fd);
}
BENCHMARK(BM_Rtnetlink_FanOut64)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// ---- 1M routes: dump, and a writer while another client dumps ----

struct Latencies {
  std::vector<double> us;
  void report(benchmark::State& state, const char* prefix) {
    const std::string p(prefix);
    state.counters[p + "_n"] = static_cast<double>(us.size());
    state.counters[p + "_p50_us"] = quantile(us, 0.50);
    state.counters[p + "_p99_us"] = quantile(us, 0.99);
    state.counters[p + "_max_us"] = us.empty() ? 0 : us.back();
  }
};

// Times write_one() until done() (at least `min` samples when done() is
// always true: the idle baseline).
Latencies time_writes(const std::function<bool()>& write_one, const std::function<bool()>& done,
                      std::size_t min, long& failed) {
  Latencies l;
  while (l.us.size() < min || !done()) {
    const auto t0 = Clock::now();
    if (!write_one()) ++failed;
    l.us.push_back(seconds_since(t0) * 1e6);
    if (min == 0 && done()) break;
  }
  return l;
}

void BM_Rtsockd_1M(benchmark::State& state) {
  const auto t0 = Clock::now();
  auto d = Daemon::start(k1M);
  const double boot_s = seconds_since(t0);
  if (!d) return state.SkipWithError("server did not start");
  // A dump of 1M routes takes a while in a slow build: no early timeout.
  rtsock::client::ConnectOptions slow;
  slow.control_timeout = std::chrono::minutes(5);
  auto writer = connect_or_skip(state, *d);
  auto dumper = connect_or_skip(state, *d, slow);
  if (!writer || !dumper) return;
  const abi::Profile& p = writer->profile();
  long failed = 0;
  auto write_one = [&] {
    auto r = writer->request(make_add(p, next_dst()), rtsock::client::kWaitForever);
    if (!r) std::fprintf(stderr, "RTM_ADD: %s\n", r.error().message().c_str());
    return r && r->get(abi::Field::err) == 0;
  };
  std::size_t msgs = 0, bytes = 0;
  auto dump = [&] {
    auto rib = dumper->fetch_rib(0, rtsock::client::net_rt::dump, 0);
    if (!rib) {
      std::fprintf(stderr, "fetch_rib: %s\n", rib.error().message().c_str());
      return false;
    }
    msgs = 0;
    for (const auto& m : codec::RibView(*rib, p)) {
      if (!m) return false;
      ++msgs;
    }
    bytes = rib->size();
    return msgs >= k1M;
  };
  for (auto _ : state) {
    auto idle = time_writes(write_one, [] { return true; }, 2000, failed);
    // The sizing call (a NULL buffer) first, as a program makes it.
    const auto tz = Clock::now();
    auto sized = dumper->rib_size(0, rtsock::client::net_rt::dump, 0);
    const double size_s = seconds_since(tz);
    if (!sized) ++failed;
    const auto td = Clock::now();
    if (!dump()) ++failed;
    const double dump_s = seconds_since(td);
    if (sized && *sized < bytes) ++failed;  // the bound must hold the dump
    std::atomic<bool> dumping{true};
    bool dumped = false;
    std::thread th([&] {
      dumped = dump();
      dumping = false;
    });
    auto busy = time_writes(write_one, [&] { return !dumping.load(); }, 0, failed);
    th.join();
    if (!dumped) ++failed;
    state.SetIterationTime(dump_s);
    state.counters["boot_s"] = boot_s;
    state.counters["dump_s"] = dump_s;
    state.counters["dump_routes_per_s"] = static_cast<double>(msgs) / dump_s;
    state.counters["dump_MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["sizing_ms"] = size_s * 1e3;
    state.counters["sizing_over_pct"] =
        sized && bytes != 0 ? 100.0 * (static_cast<double>(*sized) / static_cast<double>(bytes) - 1) : -1;
    idle.report(state, "idle");
    busy.report(state, "during_dump");
  }
  if (failed != 0) state.SkipWithError("a write or a dump failed");
}
BENCHMARK(BM_Rtsockd_1M)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// A whole RTM_GETROUTE dump (AF_INET); routes read, or -1.
long nl_dump(int fd) {
  NlReq r{};
  r.nh.nlmsg_len = nl_length(sizeof(rtmsg));
  r.nh.nlmsg_type = RTM_GETROUTE;
  r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  r.nh.nlmsg_seq = 7;
  r.rt.rtm_family = AF_INET;
  if (::send(fd, &r, r.nh.nlmsg_len, 0) < 0) return -1;
  std::vector<char> buf(1 << 16);
  long routes = 0;
  for (;;) {
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    for (std::size_t off = 0; off + kNlHdrLen <= static_cast<std::size_t>(n);) {
      nlmsghdr h{};
      std::memcpy(&h, buf.data() + off, sizeof h);
      if (h.nlmsg_len < kNlHdrLen) return -1;
      if (h.nlmsg_type == NLMSG_DONE) return routes;
      if (h.nlmsg_type == NLMSG_ERROR) return -1;
      if (h.nlmsg_type == RTM_NEWROUTE) ++routes;
      off += nl_align(h.nlmsg_len);
    }
  }
}

void BM_Rtnetlink_1M(benchmark::State& state) {
  std::vector<int> others;
  auto fd = netns_or_skip(state, &others, 1, 0);
  if (!fd) return;
  const int dfd = others[0];
  const auto t0 = Clock::now();
  const long fill_failed = nl_fill(*fd, 0, k1M);
  const double fill_s = seconds_since(t0);
  long failed = fill_failed != 0 ? 1 : 0;
  std::uint32_t seq = 0, next = 0;
  auto write_one = [&] {
    NlReq r = nl_route(++seq, nl_dst(next++), true);
    return nl_call(*fd, r) == 0;
  };
  long routes = 0;
  for (auto _ : state) {
    auto idle = time_writes(write_one, [] { return true; }, 2000, failed);
    const auto td = Clock::now();
    routes = nl_dump(dfd);
    const double dump_s = seconds_since(td);
    if (routes < static_cast<long>(k1M)) ++failed;
    std::atomic<bool> dumping{true};
    long dumped = 0;
    std::thread th([&] {
      dumped = nl_dump(dfd);
      dumping = false;
    });
    auto busy = time_writes(write_one, [&] { return !dumping.load(); }, 0, failed);
    th.join();
    if (dumped < static_cast<long>(k1M)) ++failed;
    state.SetIterationTime(dump_s);
    state.counters["fill_s"] = fill_s;
    state.counters["fill_routes_per_s"] = k1M / fill_s;
    state.counters["dump_s"] = dump_s;
    state.counters["dump_routes_per_s"] = static_cast<double>(routes) / dump_s;
    idle.report(state, "idle");
    busy.report(state, "during_dump");
  }
  ::close(dfd);
  ::close(*fd);
  if (failed != 0) state.SkipWithError("a write or a dump failed");
}
BENCHMARK(BM_Rtnetlink_1M)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// ---- boot from a 1M-route config file, and the daemon's memory ----

struct BootFigures {
  double parse_s = 0, boot_s = 0, rss_per_route = 0, rss_mb = 0;
  int ok = 0;
};

void BM_Rtsockd_Boot1MConfig(benchmark::State& state) {
  const std::string path = "/tmp/bench_rtsockd." + std::to_string(::getpid()) + ".conf";
  {
    std::ofstream f(path);
    f << rtsock::server::kDefaultConfigText;
    for (std::uint32_t i = 0; i < k1M; ++i) {
      const auto a = octets((16u << 24) + (i << 8));
      f << "route " << int{a[0]} << '.' << int{a[1]} << '.' << int{a[2]} << ".0/24 192.0.2.1\n";
    }
  }
  for (auto _ : state) {
    // A fresh process: the RSS is the daemon's alone, not what earlier
    // benchmarks left in the allocator.
    int pfd[2];
    if (::pipe(pfd) != 0) return state.SkipWithError("pipe");
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(pfd[0]);
      BootFigures b;
      // The parent's freed heap (an earlier benchmark's table) is resident
      // here too, and the boot would reuse it unseen: give it back first.
      ::malloc_trim(0);
      const std::size_t rss0 = rss_bytes();
      const auto t0 = Clock::now();
      auto cfg = rtsock::server::load_config(path);
      b.parse_s = seconds_since(t0);
      if (cfg) {
        server::ServerOptions opt;
        opt.socket_path = path + ".sock";
        opt.boot = std::move(*cfg);
        auto srv = server::Server::create(std::move(opt));
        b.boot_s = seconds_since(t0);
        const auto rss = static_cast<double>(rss_bytes() - rss0);
        b.rss_mb = rss / 1e6;
        b.rss_per_route = rss / k1M;
        b.ok = srv ? 1 : 0;
      }
      [[maybe_unused]] const ssize_t n = ::write(pfd[1], &b, sizeof b);
      ::_exit(0);
    }
    ::close(pfd[1]);
    BootFigures b;
    const ssize_t n = ::read(pfd[0], &b, sizeof b);
    ::close(pfd[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (n != static_cast<ssize_t>(sizeof b) || b.ok != 1) {
      state.SkipWithError("the child did not boot");
      break;
    }
    state.SetIterationTime(b.boot_s);
    state.counters["parse_s"] = b.parse_s;
    state.counters["boot_s"] = b.boot_s;
    state.counters["rss_MB"] = b.rss_mb;
    state.counters["rss_B_per_route"] = b.rss_per_route;
  }
  std::remove(path.c_str());
}
BENCHMARK(BM_Rtsockd_Boot1MConfig)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
