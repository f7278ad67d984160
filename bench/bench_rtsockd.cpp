// rtsockd end to end (issue 4): an in-process rtsock::server::Server
// (FreeBSD personality, the default boot config: em0 192.0.2.10/24) and a
// client on its SOCK_SEQPACKET socket.
//
// Measures:
//   BM_RtmAdd_Request      RTM_ADD round trips/s through RoutingSocket::request()
//                          (marshal, send, wait for the reply and the status
//                          packet, parse): one distinct /24 per iteration, via
//                          192.0.2.1, RTF_UP|RTF_GATEWAY|RTF_STATIC
//   BM_Engine_RtmAdd       the engine alone (Engine::write of the same RTM_ADD,
//                          no socket): the ceiling of every transport
//   BM_Engine_Dump1M       the engine's half of a 1M-route NET_RT_DUMP (no socket)
//   BM_RtmAdd_Raw          the transport floor: send()/recv() of pre-marshalled
//                          RTM_ADD bytes on the connection's fd (only the dst
//                          address is patched in place; no status packets)
//   BM_Rtnetlink_NewRoute  the Linux kernel for comparison: one RTM_NEWROUTE
//                          (NLM_F_CREATE|NLM_F_EXCL|NLM_F_ACK) "/24 dev lo" per
//                          iteration, ACK read back, on a NETLINK_ROUTE socket
//                          created in a fresh network namespace (a helper
//                          thread calls unshare(CLONE_NEWNET), which needs
//                          CAP_SYS_ADMIN; without it the benchmark is skipped)
//   BM_Dump1M              a server booted with 1,048,576 IPv4 /24 routes
//                          (16.0.0.0/4) plus the boot config's; the time of
//                          fetch_rib(AF_UNSPEC, NET_RT_DUMP) end to end, then
//                          every message walked with codec::RibView
//
//   cmake --preset release
//   cmake --build build-release --target bench_rtsockd -j1
//   ./build-release/bin/bench_rtsockd
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/interface.hpp"
#include "rtsock/fib/route.hpp"
#include "rtsock/kernel/engine.hpp"
#include "rtsock/kernel/sysctl_out.hpp"
#include "rtsock/proto/control.hpp"
#include "rtsock/server/server.hpp"
#include "rtsockd_fixture.hpp"

namespace {

using rtsock::RoutingSocket;
using namespace rtsock_bench;

void BM_RtmAdd_Request(benchmark::State& state) {
  auto d = Daemon::start();
  if (!d) {
    state.SkipWithError("server did not start");
    return;
  }
  auto sock = RoutingSocket::connect(d->path());
  if (!sock) {
    state.SkipWithError(("connect: " + sock.error().message()).c_str());
    return;
  }
  const abi::Profile& p = sock->profile();
  std::int64_t failed = 0;
  for (auto _ : state) {
    auto r = sock->request(make_add(p, next_dst()));
    if (!r || r->get(abi::Field::err) != 0) ++failed;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_RtmAdd_Request)->UseRealTime()->Unit(benchmark::kMicrosecond);

// An engine of the default personality with em0 192.0.2.10/24 up.
std::optional<std::unique_ptr<rtsock::kernel::Engine>> engine_with_em0() {
  auto eng = rtsock::kernel::Engine::create({});
  if (!eng) return std::nullopt;
  rtsock::fib::IfSpec em;
  em.name = "em0";
  em.type = rtsock::fib::ift::ether;
  em.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast | rtsock::fib::iff::multicast;
  em.mtu = 1500;
  em.lladdr = {0x02, 0, 0, 0, 0, 1};
  auto ga = rtsock::fib::Addr::parse("192.0.2.10");
  if (!(*eng)->boot_interface(em) || !ga || !(*eng)->boot_address("em0", {*ga, 24, {}, {}}))
    return std::nullopt;
  return std::move(*eng);
}

// The engine alone, no socket: what one RTM_ADD costs in route(4)
// semantics (parse, table, the reply copy marshalled), the ceiling of every
// transport above it.
void BM_Engine_RtmAdd(benchmark::State& state) {
  auto eng = engine_with_em0();
  if (!eng) return state.SkipWithError("engine");
  auto s = (*eng)->open({.uid = 0, .pid = 42});
  if (!s) return state.SkipWithError("open");
  auto tmpl = AddTemplate::make((*eng)->profile());
  if (!tmpl) return state.SkipWithError("template");
  std::vector<rtsock::kernel::Delivery> out;
  std::int64_t failed = 0;
  for (auto _ : state) {
    out.clear();
    if ((*eng)->write(*s, tmpl->with_dst(next_dst()), out).error != 0) ++failed;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_Engine_RtmAdd)->Unit(benchmark::kMicrosecond);

// The engine's half of a dump, no socket: NET_RT_DUMP of 1,048,576 IPv4
// /24s into packet-sized buffers, as rtsockd builds it before sending.
void BM_Engine_Dump1M(benchmark::State& state) {
  auto eng = engine_with_em0();
  auto gw = rtsock::fib::Addr::parse("192.0.2.1");
  if (!eng || !gw) return state.SkipWithError("engine");
  for (std::uint32_t i = 0; i < (1u << 20); ++i) {
    rtsock::fib::RouteRequest r;
    r.dst = rtsock::fib::Addr::v4((16u << 24) + (i << 8));
    r.plen = 24;
    r.gateway = rtsock::fib::Gateway::address(*gw);
    r.flags = rtsock::fib::rtf::up | rtsock::fib::rtf::gateway | rtsock::fib::rtf::static_;
    if (!(*eng)->boot_route(r)) return state.SkipWithError("boot_route");
  }
  auto s = (*eng)->open({.uid = 0, .pid = 42});
  if (!s) return state.SkipWithError("open");
  const abi::Profile& p = (*eng)->profile();
  const int mib[] = {4, p.af_route, 0, 0, 1, 0};  // CTL_NET, PF_ROUTE, 0, AF_UNSPEC, NET_RT_DUMP
  std::size_t bytes = 0;
  for (auto _ : state) {
    rtsock::kernel::SysctlOut out(rtsock::proto::kHeaderSize, rtsock::proto::kMaxPacket);
    if ((*eng)->sysctl(*s, mib, out) != 0) return state.SkipWithError("sysctl");
    bytes = out.size();
    benchmark::DoNotOptimize(out.buffers().data());
  }
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["routes_per_s"] =
      benchmark::Counter(static_cast<double>(1u << 20), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Engine_Dump1M)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RtmAdd_Raw(benchmark::State& state) {
  auto d = Daemon::start();
  if (!d) {
    state.SkipWithError("server did not start");
    return;
  }
  rtsock::client::ConnectOptions copt;
  copt.status_reports = false;  // one packet back per write: the reply
  auto sock = RoutingSocket::connect(d->path(), copt);
  if (!sock) {
    state.SkipWithError(("connect: " + sock.error().message()).c_str());
    return;
  }
  const abi::Profile& p = sock->profile();
  auto tmpl = AddTemplate::make(p);
  if (!tmpl) {
    state.SkipWithError("cannot marshal the RTM_ADD template");
    return;
  }
  const int fd = sock->native_handle();
  std::vector<std::byte> in(65536);
  std::int64_t failed = 0;
  std::size_t last = 0;
  for (auto _ : state) {
    const auto msg = tmpl->with_dst(next_dst());
    if (::send(fd, msg.data(), msg.size(), 0) != static_cast<ssize_t>(msg.size())) ++failed;
    const ssize_t n = ::recv(fd, in.data(), in.size(), 0);
    if (n <= 0) {
      ++failed;
      continue;
    }
    last = static_cast<std::size_t>(n);
  }
  // The last reply must be a clean RTM_ADD reply (rtm_errno 0).
  auto v = codec::parse_message(std::span<const std::byte>(in.data(), last), p);
  if (!v || v->type() != kRtmAdd || v->get(abi::Field::err) != 0) ++failed;
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_ADDs failed");
}
BENCHMARK(BM_RtmAdd_Raw)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_Rtnetlink_NewRoute(benchmark::State& state) {
  std::string why;
  auto fd = netns_socket(why);
  if (!fd) {
    std::fprintf(stderr, "rtnetlink comparison skipped: %s\n", why.c_str());
    state.SkipWithError(("skipped: " + why).c_str());
    return;
  }
  NlReq base{};
  base.nh.nlmsg_len = nl_length(sizeof(rtmsg));
  base.nh.nlmsg_type = RTM_NEWROUTE;
  base.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  base.rt.rtm_family = AF_INET;
  base.rt.rtm_dst_len = 24;
  base.rt.rtm_table = RT_TABLE_MAIN;
  base.rt.rtm_protocol = RTPROT_STATIC;
  base.rt.rtm_scope = RT_SCOPE_LINK;
  base.rt.rtm_type = RTN_UNICAST;
  const std::uint32_t oif = 1;
  std::uint32_t seq = 0;
  std::uint32_t next = 0;  // a fresh namespace per run: count from 0 each time
  std::int64_t failed = 0;
  for (auto _ : state) {
    NlReq r = base;
    r.nh.nlmsg_seq = ++seq;
    const std::uint32_t dst = htonl((32u << 24) + ((next++ & 0x1fffffu) << 8));
    add_attr(r, RTA_DST, &dst, sizeof dst);
    add_attr(r, RTA_OIF, &oif, sizeof oif);
    if (nl_call(*fd, r) != 0) ++failed;
  }
  ::close(*fd);
  state.SetItemsProcessed(state.iterations());
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0) state.SkipWithError("some RTM_NEWROUTEs failed");
}
BENCHMARK(BM_Rtnetlink_NewRoute)->UseRealTime()->Unit(benchmark::kMicrosecond);

// ---- dump ----

void BM_Dump1M(benchmark::State& state) {
  constexpr std::uint32_t kRoutes = 1u << 20;
  const auto t0 = std::chrono::steady_clock::now();
  auto d = Daemon::start(kRoutes);
  const double boot_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!d) {
    state.SkipWithError("server did not start");
    return;
  }
  auto sock = RoutingSocket::connect(d->path());
  if (!sock) {
    state.SkipWithError(("connect: " + sock.error().message()).c_str());
    return;
  }
  std::size_t bytes = 0;
  std::size_t msgs = 0;
  std::int64_t failed = 0;
  for (auto _ : state) {
    auto dump = sock->fetch_rib(0, rtsock::client::net_rt::dump, 0);
    if (!dump) {
      ++failed;
      continue;
    }
    msgs = 0;
    for (const auto& m : codec::RibView(*dump, sock->profile())) {
      if (!m) {
        ++failed;
        break;
      }
      ++msgs;
    }
    bytes = dump->size();
    benchmark::DoNotOptimize(msgs);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(msgs) * state.iterations());
  state.counters["messages"] = static_cast<double>(msgs);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["boot_s"] = boot_s;
  state.counters["failed"] = static_cast<double>(failed);
  if (failed != 0 || msgs < kRoutes) state.SkipWithError("dump failed or short");
}
BENCHMARK(BM_Dump1M)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
