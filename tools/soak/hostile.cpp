// The hostile clients: malformed routing packets of every class the fuzzers
// know, control requests with bad values, clients killed mid-request, and
// reconnect storms. Each malformed packet must be refused with an error and
// change nothing.
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "rtsock/abi/errno.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/proto/control.hpp"
#include "workers.hpp"

namespace rtsock::soak {

using namespace std::chrono_literals;
using Bytes = std::vector<std::byte>;

namespace {

// A connection without the client library: bytes as they are.
class RawConn {
 public:
  explicit RawConn(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, path.c_str(), sizeof sa.sun_path - 1);
    if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RawConn() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConn(const RawConn&) = delete;
  RawConn& operator=(const RawConn&) = delete;

  bool ok() const { return fd_ >= 0; }
  bool send(std::span<const std::byte> b) const {
    return ::send(fd_, b.data(), b.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(b.size());
  }
  std::optional<Bytes> recv(std::chrono::milliseconds timeout) const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    Bytes b(proto::kMaxPacket);
    const ssize_t n = ::recv(fd_, b.data(), b.size(), MSG_DONTWAIT);
    if (n <= 0) return std::nullopt;
    b.resize(static_cast<std::size_t>(n));
    return b;
  }
  // The next control packet of `op` and `id` (others passed over). The
  // timeout is the daemon's silence: a progress packet (it is busy with a
  // long request, this one or another client's) restarts it, as in the
  // client library.
  std::optional<proto::Header> wait_for(proto::Op op, std::uint32_t id,
                                        std::chrono::milliseconds timeout) const {
    auto until = Clock::now() + timeout;
    while (Clock::now() < until) {
      auto pkt = recv(std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()));
      if (!pkt) return std::nullopt;
      auto h = proto::parse_header(*pkt);
      if (h && h->op == proto::Op::progress) until = Clock::now() + timeout;
      if (h && h->op == op && h->id == id) return *h;
    }
    return std::nullopt;
  }
  std::optional<proto::Header> control(proto::Op op, std::uint32_t id, std::string_view body,
                                       std::chrono::milliseconds timeout) const {
    if (!send(proto::encode({.op = op, .flags = 0, .id = id, .error = 0}, body))) return std::nullopt;
    return wait_for(op, id, timeout);
  }

 private:
  int fd_ = -1;
};

// A client that writes only: status packets on, copies off.
bool make_write_only(const RawConn& c, std::chrono::milliseconds timeout) {
  auto a = c.control(proto::Op::setsockopt, 1, R"({"level":"rtsock","name":"status","value":1})", timeout);
  auto b = c.control(proto::Op::shutdown, 2, R"({"how":"rd"})", timeout);
  return a && a->error == 0 && b && b->error == 0;
}

void store_u16(const abi::Profile& p, Bytes& b, std::size_t off, std::uint16_t v) {
  const bool le = p.order == abi::ByteOrder::little;
  b[off] = std::byte(static_cast<std::uint8_t>(le ? v : v >> 8));
  b[off + 1] = std::byte(static_cast<std::uint8_t>(le ? v >> 8 : v));
}

// ---- malformed routing packets ----

enum class Bad : std::uint8_t {
  short_,        // shorter than the header
  lying_length,  // rtm_msglen says otherwise
  bad_version,
  bad_sockaddr,  // DST too short, of an unknown family, or not an address
  sa_overrun,    // a sockaddr's sa_len runs past the message
  unknown_type,
  oversized,     // more than a packet may hold
  garbage,       // random bytes (wrong version)
  count_
};
constexpr const char* kBadNames[] = {"short",         "lying length", "bad version",
                                     "bad sockaddr",  "sockaddr overrun", "unknown type",
                                     "oversized",     "garbage"};

class Malformer : public Worker {
 public:
  Malformer(Shared& sh, unsigned index) : Worker(sh, index, Role::hostile) {}
  void run() override {
    RawConn c(sh_.path);
    if (!c.ok() || !make_write_only(c, sh_.opt.timeout)) return finding("cannot connect");
    const abi::Profile& p = *sh_.profile;
    for (std::uint64_t t = 0; t < 256; ++t)
      if (p.type_info(static_cast<std::uint8_t>(t)).name.empty()) undefined_.push_back(static_cast<std::uint8_t>(t));
    while (!sh_.quiesce) {
      const auto cls = static_cast<Bad>(rand(static_cast<std::uint64_t>(Bad::count_)));
      Bytes pkt = make(cls);
      if (proto::is_control(pkt)) pkt[0] = std::byte{0};  // not for the control parser
      sh_.echoes->sent(pkt);
      if (pkt.size() > proto::kMaxPacket)  // the daemon reads the first 64 KiB
        sh_.echoes->sent(std::span(pkt).first(proto::kMaxPacket));
      if (!c.send(pkt)) return finding("the daemon closed the connection");
      auto status = c.wait_for(proto::Op::status, 0, sh_.opt.timeout);
      ++sh_.counters.malformed;
      if (!status)
        return finding(fmt::format("a {} packet got no answer", kBadNames[static_cast<int>(cls)]));
      if (status->error == 0)
        finding(fmt::format("a {} packet of {} bytes was accepted", kBadNames[static_cast<int>(cls)],
                            pkt.size()));
    }
  }

 private:
  Bytes base() {
    const abi::Profile& p = *sh_.profile;
    auto m = codec::Message::make(p, *p.type_number("RTM_GET"));
    m.set_addr(abi::kDst, codec::Sockaddr::inet4({203, 0, 113, static_cast<std::uint8_t>(rand(256))}));
    m.set_addr(abi::kGateway, *codec::Sockaddr::parse_ip(sh_.opt.gateway));
    m.set(abi::Field::seq, static_cast<std::int64_t>(rand(1u << 30)));
    return *codec::marshal(p, m);
  }
  std::byte random_byte() { return std::byte(static_cast<std::uint8_t>(rand(256))); }
  std::uint8_t wrong_version() {
    std::uint8_t v;
    do v = static_cast<std::uint8_t>(rand(256));
    while (v == sh_.profile->rtm_version);
    return v;
  }

  Bytes make(Bad cls) {
    const abi::Profile& p = *sh_.profile;
    const std::size_t hdr = p.layout(abi::HdrKind::route).size;
    Bytes b = base();
    switch (cls) {
      case Bad::short_: {
        b.resize(1 + rand(hdr - 1));
        for (auto& x : b) x = random_byte();
        if (b.size() > 2) b[2] = std::byte{wrong_version()};
        return b;
      }
      case Bad::lying_length: {
        std::uint16_t len;
        do len = static_cast<std::uint16_t>(rand(4) == 0 ? rand(65536) : b.size() + rand(129) - 64);
        while (len == b.size());
        store_u16(p, b, 0, len);
        return b;
      }
      case Bad::bad_version:
        b[2] = std::byte{wrong_version()};
        return b;
      case Bad::bad_sockaddr:
        switch (rand(4)) {
          case 0:
            b[hdr] = std::byte(static_cast<std::uint8_t>(rand(4)));  // sa_len 0..3
            break;
          case 1:
            b[hdr + 1] = std::byte{99};  // no such family
            break;
          case 2:
            b[hdr + 1] = std::byte{p.af_link};  // a link address is no destination
            break;
          default:
            b[hdr + 1] = std::byte{0};  // AF_UNSPEC
            break;
        }
        return b;
      case Bad::sa_overrun: {
        // The last sockaddr (GATEWAY) claims more bytes than remain.
        const std::size_t dst_len = std::to_integer<std::size_t>(b[hdr]);
        const std::size_t step = std::max<std::size_t>(p.sa_align, (dst_len + p.sa_align - 1) / p.sa_align * p.sa_align);
        b[hdr + step] = std::byte{static_cast<std::uint8_t>(b.size() - hdr - step + 1 + rand(100))};
        return b;
      }
      case Bad::unknown_type:
        b[3] = std::byte{undefined_.empty() ? std::uint8_t{0} : undefined_[rand(undefined_.size())]};
        return b;
      case Bad::oversized: {
        b.resize(proto::kMaxPacket + 1 + rand(8192));
        store_u16(p, b, 0, static_cast<std::uint16_t>(b.size()));
        return b;
      }
      default: {
        b.resize(4 + rand(512));
        for (auto& x : b) x = random_byte();
        b[2] = std::byte{wrong_version()};
        return b;
      }
    }
  }

  std::vector<std::uint8_t> undefined_;
};

// ---- control requests with bad values ----

struct BadRequest {
  proto::Op op;
  std::string body;
  int host_errno;  // the error expected (host numbering); 0: any error
};

std::vector<BadRequest> bad_requests(const abi::Profile& p) {
  const std::string deep = std::string(30000, '[') + std::string(30000, ']');
  const int af = p.af_route, inet = p.af_inet;
  using O = proto::Op;
  return {
      {static_cast<O>(200), "{}", EOPNOTSUPP},
      {O::status, "{}", EOPNOTSUPP},
      {O::overflow, "{}", EOPNOTSUPP},
      {O::hello, "{not json", EINVAL},
      {O::hello, "[1,2,3]", EINVAL},
      {O::ifconfig, R"({"op":"create","name":"x","flags":)" + deep + "}", EINVAL},
      {O::socket, R"({"protocol":12345})", EPROTONOSUPPORT},
      {O::socket, R"({"protocol":"inet"})", EINVAL},
      {O::setsockopt, R"({"level":"rtsock","name":"rcvbuf","value":0})", EINVAL},
      {O::setsockopt, R"({"level":"rtsock","name":"rcvbuf","value":1099511627776})", EINVAL},
      {O::setsockopt, R"({"level":"rtsock","name":"nosuch","value":1})", ENOPROTOOPT},
      {O::setsockopt, R"({"level":"kernel","name":1,"value":"01"})", EINVAL},
      {O::setsockopt, R"({"level":65535,"name":4098,"value":"zz"})", EINVAL},
      {O::setsockopt, R"({"level":65535,"name":4098,"value":"00000000"})", EINVAL},
      {O::setsockopt, R"({"level":65535})", EINVAL},
      {O::getsockopt, R"({"level":"rtsock","name":"nosuch"})", ENOPROTOOPT},
      {O::shutdown, R"({"how":"sideways"})", EINVAL},
      {O::shutdown, "{}", EINVAL},
      {O::sysctl, R"({"mib":[]})", EINVAL},
      {O::sysctl, R"({"mib":"dump"})", EINVAL},
      {O::sysctl, fmt::format(R"({{"mib":[{}]}})", fmt::join(std::vector<int>(30, 4), ",")), EINVAL},
      {O::sysctl, fmt::format(R"({{"mib":[4,{},0,{},99,0]}})", af, inet), EOPNOTSUPP},
      {O::sysctl, fmt::format(R"({{"mib":[4,{},0,250,1,0]}})", af), EAFNOSUPPORT},
      {O::sysctl, R"({"mib":[1,2,3,4,5,6]})", EINVAL},
      {O::sysctl, R"({"mib":[4,17,0,2,1,0,"x"]})", EINVAL},
      {O::sysctl, R"({"mib":[4,17,0,2,1,99999999999]})", EINVAL},
      {O::ifconfig, R"({"op":"explode","name":"em0"})", EINVAL},
      {O::ifconfig, R"({"op":"create","name":""})", EINVAL},
      {O::ifconfig, R"({"op":"create","name":"abcdefghijklmnopqrstuvwxyz"})", EINVAL},
      {O::ifconfig, R"({"op":"create","name":"sk999","type":"wifi"})", EINVAL},
      {O::ifconfig, R"({"op":"create","name":"sk999","flags":["bogus"]})", EINVAL},
      {O::ifconfig, R"({"op":"create","name":"sk999","lladdr":"zz:zz"})", EINVAL},
      {O::ifconfig, R"({"op":"set","name":"nosuch0","up":true})", ENXIO},
      {O::ifconfig, R"({"op":"set","name":"em0","mtu":10})", EINVAL},
      {O::ifconfig, R"({"op":"set","name":"em0","link":"sideways"})", EINVAL},
      {O::ifconfig, R"({"op":"addr_add","name":"em0","addr":"300.1.1.1"})", EINVAL},
      {O::ifconfig, R"({"op":"addr_add","name":"em0","addr":"198.18.255.1","plen":99})", EINVAL},
      {O::ifconfig, R"({"op":"addr_delete","name":"nosuch0","addr":"198.18.255.1"})", ENXIO},
      {O::inject, R"({"event":"bogus"})", EINVAL},
      {O::inject, R"({"event":"forward","fib":9999,"dst":"192.0.2.9"})", EINVAL},
      {O::inject, R"({"event":"forward"})", EINVAL},
  };
}

class BadControl : public Worker {
 public:
  BadControl(Shared& sh, unsigned index) : Worker(sh, index, Role::bad_control) {}
  void run() override {
    RawConn c(sh_.path);
    if (!c.ok() || !make_write_only(c, sh_.opt.timeout)) return finding("cannot connect");
    const abi::Profile& p = *sh_.profile;
    const auto requests = bad_requests(p);
    for (std::uint32_t id = 100; !sh_.quiesce; ++id) {
      const auto pick = rand(requests.size() + 2);
      std::optional<proto::Header> h;
      int want = 0;
      std::string what;
      if (pick == requests.size()) {  // a header cut short: answered with id 0
        const Bytes cut = proto::encode({.op = proto::Op::ifconfig, .flags = 0, .id = id, .error = 0}, "");
        if (!c.send(std::span(cut).first(6))) return finding("the daemon closed the connection");
        h = c.wait_for(proto::Op::ifconfig, 0, sh_.opt.timeout);
        want = EINVAL;
        what = "a 6-byte control header";
      } else if (pick == requests.size() + 1) {  // protocol version 9
        Bytes v = proto::encode({.op = proto::Op::hello, .flags = 0, .id = id, .error = 0}, "{}");
        v[4] = std::byte{9};
        if (!c.send(v)) return finding("the daemon closed the connection");
        h = c.wait_for(proto::Op::hello, id, sh_.opt.timeout);
        want = EPROTONOSUPPORT;
        what = "control protocol version 9";
      } else {
        const BadRequest& r = requests[pick];
        h = c.control(r.op, id, r.body, sh_.opt.timeout);
        want = r.host_errno;
        what = fmt::format("op {} {}", static_cast<int>(r.op), r.body.substr(0, 80));
      }
      ++sh_.counters.bad_control;
      if (!h) return finding(fmt::format("{}: no reply", what));
      if (h->error == 0)
        finding(fmt::format("{}: accepted", what));
      else if (want != 0 && h->error != abi::os_errno(p, want))
        finding(fmt::format("{}: error {}, expected {} ({})", what, h->error, abi::os_errno(p, want),
                            std::strerror(want)));
    }
  }
};

// ---- clients killed mid-request ----

// Victims are this program again (posix_spawn, so that the soak's own
// threads and memory are not copied as fork() would), fed their packets
// through a pipe.
class Killer : public Worker {
 public:
  Killer(Shared& sh, unsigned index, unsigned nth) : Worker(sh, index, Role::killer), nth_(nth) {}
  void run() override {
    const abi::Profile& p = *sh_.profile;
    const Path gw = path_of(sh_.opt.gateway);
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    for (unsigned victim = 0; !sh_.quiesce; ++victim) {
      std::vector<Bytes> burst;
      for (const Key& k : Plan::killed_keys(nth_, victim)) {
        killable_.insert(k);
        if (auto add = codec::marshal(p, route_message(p, "RTM_ADD", k, gw))) burst.push_back(*add);
        if (rand(3) == 0)
          if (auto del = codec::marshal(p, route_message(p, "RTM_DELETE", k, std::nullopt)))
            burst.push_back(*del);
      }
      burst.push_back(proto::encode({.op = proto::Op::sysctl, .flags = 0, .id = 1, .error = 0},
                                    fmt::format(R"({{"mib":[4,{},0,0,1,0]}})", p.af_route)));
      burst.push_back(proto::encode({.op = proto::Op::hello, .flags = 0, .id = 2, .error = 0}, "{}"));
      if (!kill_one(self, burst)) return;
      ++sh_.counters.kills;
      // A process start costs more than everything else a client does.
      std::this_thread::sleep_for(std::chrono::milliseconds(20 + rand(60)));
    }
  }
  const std::set<Key>& killable() const { return killable_; }

 private:
  bool kill_one(const std::string& self, const std::vector<Bytes>& burst) {
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
      finding(fmt::format("pipe: {}", std::strerror(errno)));
      return false;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    std::string arg0 = "rtsock-soak", arg1 = std::string(kVictimFlag), arg2 = sh_.path;
    char* argv[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
    pid_t child = -1;
    const int e = ::posix_spawn(&child, self.c_str(), &fa, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    if (e != 0) {
      ::close(in[1]);
      ::close(out[0]);
      finding(fmt::format("posix_spawn: {}", std::strerror(e)));
      return false;
    }
    // Length-prefixed packets; the pipe holds them all (a few KiB).
    Bytes frames;
    for (const Bytes& b : burst) {
      const auto n = static_cast<std::uint32_t>(b.size());
      for (int i = 0; i < 4; ++i) frames.push_back(std::byte(static_cast<std::uint8_t>(n >> (8 * i))));
      frames.insert(frames.end(), b.begin(), b.end());
    }
    (void)!::write(in[1], frames.data(), frames.size());
    ::close(in[1]);
    // Killed once it has connected, at a random moment of its burst.
    pollfd pfd{out[0], POLLIN, 0};
    const bool connected = ::poll(&pfd, 1, 10000) == 1;
    std::this_thread::sleep_for(std::chrono::microseconds(rand(1500)));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(out[0]);
    if (!connected || WIFEXITED(status)) {
      finding("a victim could not connect");
      return false;
    }
    return true;
  }

  unsigned nth_;
  std::set<Key> killable_;
};

// ---- reconnect storms ----

class Storm : public Worker {
 public:
  Storm(Shared& sh, unsigned index) : Worker(sh, index, Role::storm) {}
  void run() override {
    const abi::Profile& p = *sh_.profile;
    const auto get = codec::marshal(p, route_message(p, "RTM_GET", key_of("192.0.2.1/32"), std::nullopt));
    while (!sh_.quiesce) {
      const auto how = rand(3);
      if (how == 0) {  // the library's whole handshake, then gone
        client::ConnectOptions o;
        o.control_timeout = sh_.opt.timeout;
        auto rs = client::RoutingSocket::connect(sh_.path, o);
        if (!rs) return finding(fmt::format("connect: {}", rs.error().message()));
      } else {
        RawConn c(sh_.path);
        if (!c.ok()) return finding(fmt::format("connect: {}", std::strerror(errno)));
        if (how == 2 && get) (void)c.send(*get);  // and gone before the reply
      }
      ++sh_.counters.reconnects;
    }
  }
};

}  // namespace

std::unique_ptr<Worker> make_hostile(Shared& sh, unsigned index, Role role, unsigned nth) {
  switch (role) {
    case Role::hostile:
      return std::make_unique<Malformer>(sh, index);
    case Role::bad_control:
      return std::make_unique<BadControl>(sh, index);
    case Role::killer:
      return std::make_unique<Killer>(sh, index, nth);
    default:
      return std::make_unique<Storm>(sh, index);
  }
}

void gather_killed(const Worker& w, Knowledge& k) {
  if (const auto* killer = dynamic_cast<const Killer*>(&w)) {
    k.killable.insert(killer->killable().begin(), killer->killable().end());
  }
}

int victim_main(const char* path) {
  // Connect, say so, then send the length-prefixed packets from stdin, then
  // wait to be killed.
  const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  std::strncpy(sa.sun_path, path, sizeof sa.sun_path - 1);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) return 1;
  (void)!::write(1, "c", 1);
  Bytes buf;
  std::byte chunk[4096];
  for (ssize_t n; (n = ::read(0, chunk, sizeof chunk)) > 0;) buf.insert(buf.end(), chunk, chunk + n);
  for (std::size_t at = 0; at + 4 <= buf.size();) {
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= std::to_integer<std::uint32_t>(buf[at + static_cast<std::size_t>(i)]) << (8 * i);
    at += 4;
    if (at + n > buf.size()) break;
    (void)::send(fd, buf.data() + at, n, MSG_NOSIGNAL);
    at += n;
  }
  for (;;) ::pause();
}

}  // namespace rtsock::soak
