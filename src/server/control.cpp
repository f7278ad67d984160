// Control requests (docs/protocol.md): what a BSD program does through
// setsockopt(), shutdown(), sysctl() and ifconfig's ioctls, as JSON.
#include "control.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "rtsock/abi/errno.hpp"
#include "rtsock/proto/control.hpp"
#include "text.hpp"

namespace rtsock::server {
namespace {

using json = nlohmann::json;

// SOL_SOCKET and SO_RCVBUF have these numbers on every BSD and on HP-UX.
constexpr int kSolSocket = 0xffff;
constexpr int kSoRcvbuf = 0x1002;
constexpr std::size_t kMaxRcvbuf = 64u << 20;
// What a uid that is not privileged may ask for (docs/SECURITY.md): ENOBUFS
// past it, as a BSD past kern.ipc.maxsockbuf.
constexpr std::size_t kMaxRcvbufUnprivileged = 4u << 20;
// A uid that is not privileged may have this many connections holding a
// large unread reply (a dump) at once; a further sysctl gets ENOMEM.
constexpr std::size_t kMaxHeldRepliesPerUid = 4;
constexpr std::size_t kMaxMib = 24;
constexpr std::size_t kMaxIfName = 15;
// Deepest nesting a request may have. No request needs more than 3; the
// bound keeps every later walk of the value (nlohmann's dump() recurses)
// off the stack's edge.
constexpr std::size_t kMaxJsonDepth = 16;

kernel::Packet packet(std::vector<std::byte> bytes) {
  return std::make_shared<const std::vector<std::byte>>(std::move(bytes));
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Reads request fields without exceptions: a missing required field or a
// value of the wrong type or range marks the request bad (EINVAL).
class Fields {
 public:
  explicit Fields(const json& j) : j_(j) {}

  bool bad() const { return !problem_.empty(); }
  const std::string& problem() const { return problem_; }

  template <class T>
  std::optional<T> integer(const char* key, bool required = false) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_number_unsigned()) {
      const auto u = v->get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return static_cast<T>(u);
    } else if (v->is_number_integer()) {
      const auto s = v->get<std::int64_t>();
      if (s >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
          (s < 0 || static_cast<std::uint64_t>(s) <=
                        static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
        return static_cast<T>(s);
    }
    return wrong<T>(key, "an integer in range");
  }

  std::optional<std::string> string(const char* key, bool required = false) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) return wrong<std::string>(key, "a string");
    return v->get<std::string>();
  }

  std::optional<bool> boolean(const char* key) {
    const json* v = find(key, false);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) return wrong<bool>(key, "true or false");
    return v->get<bool>();
  }

  const json* raw(const char* key, bool required = false) { return find(key, required); }

  template <class T>
  std::optional<T> wrong(const char* key, const char* expected) {
    if (problem_.empty()) problem_ = fmt::format("\"{}\" must be {}", key, expected);
    return std::nullopt;
  }

 private:
  const json* find(const char* key, bool required) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required && problem_.empty()) problem_ = fmt::format("\"{}\" is required", key);
      return nullptr;
    }
    return &*it;
  }

  const json& j_;
  std::string problem_;
};

struct Outcome {
  int error = 0;  // OS numbering
  json body = json::object();
  std::optional<kernel::SysctlOut> raw;  // sysctl: the dump instead of JSON, in packets
};

class Handler {
 public:
  explicit Handler(ControlContext& ctx) : ctx_(ctx), p_(ctx.engine.profile()) {}

  Outcome handle(proto::Op op, const json& req) {
    Fields f(req);
    Outcome out;
    switch (op) {
      case proto::Op::hello:
        out = hello();
        break;
      case proto::Op::socket:
        out = socket(f);
        break;
      case proto::Op::setsockopt:
        out = setsockopt(f);
        break;
      case proto::Op::getsockopt:
        out = getsockopt(f);
        break;
      case proto::Op::shutdown:
        out = shutdown(f);
        break;
      case proto::Op::sysctl:
        out = sysctl(f);
        break;
      case proto::Op::ifconfig:
        out = ifconfig(f);
        break;
      case proto::Op::inject:
        out = inject(f);
        break;
      case proto::Op::stats:
        out = stats();
        break;
      case proto::Op::attach:
        out = attach(f);
        break;
      default:  // status, overflow, progress (daemon to client only) and unknown ops
        return failure(EOPNOTSUPP, fmt::format("op {} is not a request", static_cast<int>(op)));
    }
    if (f.bad()) return failure(EINVAL, f.problem());
    return out;
  }

  Outcome failure(int host_errno, std::string message) const {
    Outcome o;
    o.error = os(host_errno);
    if (!message.empty()) o.body["message"] = std::move(message);
    return o;
  }

 private:
  int os(int host_errno) const { return abi::os_errno(p_, host_errno); }
  static Outcome os_result(int os_errno) {
    Outcome o;
    o.error = os_errno;
    return o;
  }
  const kernel::SockState* state() const { return ctx_.engine.socket(ctx_.conn.sock); }

  // An int option value in the OS's byte order (1 to 8 bytes).
  std::optional<std::int64_t> decode_int(std::span<const std::byte> b) const {
    if (b.empty() || b.size() > 8) return std::nullopt;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
      const std::size_t k = p_.order == abi::ByteOrder::little ? b.size() - 1 - i : i;
      v = v << 8 | std::to_integer<std::uint64_t>(b[k]);
    }
    return static_cast<std::int64_t>(v);
  }
  std::vector<std::byte> encode_int(std::uint32_t v) const {
    std::vector<std::byte> out(4);
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t k = p_.order == abi::ByteOrder::little ? i : 3 - i;
      out[k] = std::byte(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    return out;
  }

  Outcome hello() const {
    Outcome o;
    const kernel::SockState* s = state();
    o.body = {{"protocol", proto::kVersion},
              {"personality", std::string(ctx_.personality)},
              {"profile", p_.name},
              {"os", std::string(abi::os_name(p_.os))},
              {"socket", ctx_.conn.sock},
              {"uid", ctx_.conn.creds.uid},
              {"pid", ctx_.conn.creds.pid},
              {"privileged", s != nullptr && s->privileged},
              {"fibs", ctx_.engine.fib().config().fibs},
              {"dad_count", ctx_.engine.fib().config().dad_count},
              {"ip_dad_count", ctx_.engine.fib().config().ip_dad_count}};
    return o;
  }

  Outcome socket(Fields& f) {
    const int protocol = f.integer<int>("protocol").value_or(0);
    if (f.bad()) return {};
    auto id = ctx_.engine.open(ctx_.conn.creds, protocol);
    if (!id) return os_result(id.error().code().value());
    // A new socket: newest in delivery order, options back to their defaults.
    ctx_.engine.close(ctx_.conn.sock);
    ctx_.conn.sock = *id;
    return {};
  }

  // level "rtsock": the daemon's own options, by name.
  std::optional<std::string> rtsock_name(Fields& f, bool& is_rtsock) {
    const json* level = f.raw("level", true);
    is_rtsock = level != nullptr && level->is_string();
    if (!is_rtsock) return std::nullopt;
    if (level->get<std::string>() != "rtsock")
      return f.wrong<std::string>("level", "a number or \"rtsock\"");
    return f.string("name", true);
  }

  Outcome setsockopt(Fields& f) {
    bool is_rtsock = false;
    auto name = rtsock_name(f, is_rtsock);
    if (f.bad()) return {};
    if (is_rtsock) return set_rtsock_option(f, *name);
    const auto level = f.integer<int>("level", true);
    const auto number = f.integer<int>("name", true);
    const auto hex = f.string("value", true);
    if (f.bad()) return {};
    auto value = proto::from_hex(*hex);
    if (!value) return failure(EINVAL, "\"value\" must be hex bytes");
    if (*level == kSolSocket && *number == kSoRcvbuf) {
      auto v = decode_int(*value);
      if (!v || *v <= 0 || static_cast<std::uint64_t>(*v) > kMaxRcvbuf) return failure(EINVAL, {});
      if (static_cast<std::uint64_t>(*v) > rcvbuf_limit()) return failure(ENOBUFS, {});
      ctx_.conn.out.set_bound(static_cast<std::size_t>(*v));
      return {};
    }
    return os_result(ctx_.engine.setsockopt(ctx_.conn.sock, *level, *number, *value));
  }

  Outcome set_rtsock_option(Fields& f, const std::string& name) {
    const json* v = f.raw("value", true);
    if (v == nullptr) return {};
    std::optional<std::int64_t> n;
    if (v->is_boolean()) n = v->get<bool>() ? 1 : 0;
    if (v->is_number_integer()) n = v->get<std::int64_t>();
    if (v->is_string())
      if (auto b = proto::from_hex(v->get<std::string>())) n = decode_int(*b);
    if (!n) return failure(EINVAL, "\"value\" must be a number, a boolean or hex bytes");
    if (name == "status") {
      ctx_.conn.status = *n != 0;
      return {};
    }
    if (name == "rcvbuf") {
      if (*n <= 0 || static_cast<std::uint64_t>(*n) > kMaxRcvbuf)
        return failure(EINVAL, fmt::format("rcvbuf must be 1 to {} bytes", kMaxRcvbuf));
      if (static_cast<std::uint64_t>(*n) > rcvbuf_limit())
        return failure(ENOBUFS, fmt::format("rcvbuf: at most {} bytes for a socket without "
                                            "privilege", rcvbuf_limit()));
      ctx_.conn.out.set_bound(static_cast<std::size_t>(*n));
      return {};
    }
    return failure(ENOPROTOOPT, fmt::format("no rtsock option \"{}\"", name));
  }

  Outcome getsockopt(Fields& f) {
    bool is_rtsock = false;
    auto name = rtsock_name(f, is_rtsock);
    if (f.bad()) return {};
    Outcome o;
    if (is_rtsock) {
      if (*name == "status") {
        o.body["value"] = ctx_.conn.status ? 1 : 0;
      } else if (*name == "rcvbuf") {
        o.body["value"] = ctx_.conn.out.bound();
      } else {
        return failure(ENOPROTOOPT, fmt::format("no rtsock option \"{}\"", *name));
      }
      return o;
    }
    const auto level = f.integer<int>("level", true);
    const auto number = f.integer<int>("name", true);
    if (f.bad()) return {};
    if (*level == kSolSocket && *number == kSoRcvbuf) {
      o.body["value"] =
          proto::to_hex(encode_int(static_cast<std::uint32_t>(ctx_.conn.out.bound())));
      return o;
    }
    auto v = ctx_.engine.getsockopt(ctx_.conn.sock, *level, *number);
    if (!v) return os_result(v.error().code().value());
    o.body["value"] = proto::to_hex(*v);
    return o;
  }

  Outcome shutdown(Fields& f) {
    const auto how = f.string("how", true);
    if (f.bad()) return {};
    if (*how != "rd" && *how != "wr" && *how != "rdwr")
      return failure(EINVAL, "\"how\" must be \"rd\", \"wr\" or \"rdwr\"");
    if (*how != "wr") ctx_.engine.shutdown_read(ctx_.conn.sock);
    if (*how != "rd") ctx_.conn.shut_wr = true;
    return {};
  }

  Outcome sysctl(Fields& f) {
    const json* mib = f.raw("mib", true);
    const bool size_only = f.boolean("size_only").value_or(false);
    if (f.bad()) return {};
    if (!mib->is_array() || mib->empty() || mib->size() > kMaxMib)
      return failure(EINVAL, fmt::format("\"mib\" must be an array of 1 to {} integers", kMaxMib));
    std::vector<int> names;
    for (const json& n : *mib) {
      if (!n.is_number_integer()) return failure(EINVAL, "\"mib\" must hold integers");
      const auto v = n.get<std::int64_t>();
      if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        return failure(EINVAL, "a \"mib\" name is out of range");
      names.push_back(static_cast<int>(v));
    }
    if (size_only) {  // the sizing call: a number, nothing held
      std::size_t size = 0;
      Outcome o;
      o.error = ctx_.engine.sysctl_size(ctx_.conn.sock, names, size);
      if (o.error == 0) o.body = json{{"size", size}};
      return o;
    }
    if (!privileged() && ctx_.connections != nullptr &&
        ctx_.connections->held_replies(ctx_.conn.creds.uid) >= kMaxHeldRepliesPerUid)
      return failure(ENOMEM, fmt::format("uid {} has {} unread large replies, the limit without "
                                         "privilege",
                                         ctx_.conn.creds.uid, kMaxHeldRepliesPerUid));
    Outcome o;
    o.raw.emplace(proto::kHeaderSize, proto::kMaxPacket);
    if (ctx_.stream) {
      // Full packets go while the rest is built (the client copies one
      // while the next is written); the last, and any error, come after.
      const proto::Header h{.op = proto::Op::sysctl, .flags = proto::kFlagMore,
                            .id = ctx_.request_id, .error = 0};
      o.raw->set_sink([this, h](std::vector<std::byte>&& b) {
        proto::encode_header(h, b);
        ctx_.stream(packet(std::move(b)));
      });
    }
    o.error = ctx_.engine.sysctl(ctx_.conn.sock, names, *o.raw);
    return o;
  }

  bool privileged() const {
    const kernel::SockState* s = ctx_.engine.socket(ctx_.conn.sock);
    return s != nullptr && s->privileged;
  }
  std::size_t rcvbuf_limit() const { return privileged() ? kMaxRcvbuf : kMaxRcvbufUnprivileged; }

  // The interface's index for a link-local zone (0 when it does not exist:
  // the engine then reports ENXIO).
  std::uint16_t index_of(std::string_view name) const {
    const fib::Interface* ifp = ctx_.engine.fib().interface(name);
    return ifp != nullptr ? ifp->index : 0;
  }

  std::optional<fib::Addr> address(Fields& f, const char* key, std::string_view ifname,
                                   bool required) {
    auto s = f.string(key, required);
    if (!s) return std::nullopt;
    std::string_view text = *s;
    text = text.substr(0, text.find('%'));  // the zone is the named interface's
    auto a = fib::Addr::parse(text);
    if (!a) return f.wrong<fib::Addr>(key, "an IPv4 or IPv6 address");
    if (text::needs_zone(*a)) text::embed_zone(*a, index_of(ifname));
    return a;
  }

  std::optional<std::vector<std::uint8_t>> lladdr(Fields& f) {
    auto s = f.string("lladdr");
    if (!s) return std::nullopt;
    auto ll = text::parse_lladdr(*s);
    if (!ll)
      return f.wrong<std::vector<std::uint8_t>>("lladdr", "hex octets such as 02:00:00:00:00:01");
    return ll;
  }

  Outcome ifconfig(Fields& f) {
    const auto op = f.string("op", true);
    const auto name = f.string("name", true);
    if (f.bad()) return {};
    if (name->empty() || name->size() > kMaxIfName)
      return failure(EINVAL, fmt::format("\"name\" must be 1 to {} characters", kMaxIfName));
    auto& eng = ctx_.engine;
    auto& out = ctx_.deliveries;
    const kernel::SockId s = ctx_.conn.sock;
    if (*op == "create") return if_create(f, *name);
    if (*op == "destroy") return os_result(eng.if_destroy(s, *name, out));
    if (*op == "set") {
      kernel::IfChange c;
      c.up = f.boolean("up");
      c.mtu = f.integer<std::uint32_t>("mtu");
      c.lladdr = lladdr(f);
      c.metric = f.integer<std::uint32_t>("metric");
      c.rdomain = f.integer<std::uint32_t>("rdomain");
      c.parent = f.string("parent");
      c.inet6 = f.boolean("inet6");
      c.fib = f.integer<std::uint32_t>("fib");
      c.nd6_on = f.integer<std::uint32_t>("nd6_on").value_or(0);
      c.nd6_off = f.integer<std::uint32_t>("nd6_off").value_or(0);
      if (auto link = f.string("link")) {
        if (*link == "up")
          c.link = fib::LinkState::up;
        else if (*link == "down")
          c.link = fib::LinkState::down;
        else if (*link == "unknown")
          c.link = fib::LinkState::unknown;
        else
          f.wrong<bool>("link", "\"up\", \"down\" or \"unknown\"");
      }
      if (f.bad()) return {};
      return os_result(eng.if_change(s, *name, c, out));
    }
    if (*op == "addr_add") {
      fib::IfAddress a;
      auto addr = address(f, "addr", *name, true);
      if (f.bad()) return {};
      a.addr = *addr;
      const int max = fib::max_plen(a.addr.family);
      const int plen = f.integer<int>("plen").value_or(max);
      if (plen < 0 || plen > max) f.wrong<bool>("plen", "a prefix length of the address family");
      a.plen = static_cast<std::uint8_t>(plen);
      a.broadcast = address(f, "broadcast", *name, false);
      a.peer = address(f, "peer", *name, false);
      // SIOCAIFADDR_IN6 ifra_flags (anycast, autoconf...): fib keeps what a
      // request may set.
      a.flags = f.integer<std::uint32_t>("flags").value_or(0);
      if (f.bad()) return {};
      if ((a.broadcast && a.broadcast->family != a.addr.family) ||
          (a.peer && a.peer->family != a.addr.family))
        return failure(EINVAL, "addresses of different families");
      return os_result(eng.if_add_address(s, *name, a, out));
    }
    if (*op == "addr_delete") {
      auto addr = address(f, "addr", *name, true);
      if (f.bad()) return {};
      return os_result(eng.if_delete_address(s, *name, *addr, out));
    }
    if (*op == "addr_flags") {
      // SIOCGIFAFLAG_IN6: the address's flags (tentative while DAD runs).
      auto addr = address(f, "addr", *name, true);
      if (f.bad()) return {};
      const fib::Interface* ifp = eng.fib().interface(*name);
      if (ifp == nullptr) return failure(ENXIO, {});
      for (const fib::IfAddress& a : ifp->addrs) {
        if (a.addr != *addr) continue;
        Outcome o;
        o.body["flags"] = a.flags;
        return o;
      }
      return failure(EADDRNOTAVAIL, {});
    }
    if (*op == "nd6_flags") {
      // SIOCGIFINFO_IN6: the interface's nd6 flags where the kernel keeps
      // them per interface (FreeBSD, NetBSD).
      const fib::Interface* ifp = eng.fib().interface(*name);
      if (ifp == nullptr) return failure(ENXIO, {});
      if (!eng.fib().config().semantics.ll_nd6_flags) return failure(EOPNOTSUPP, {});
      Outcome o;
      o.body["flags"] = ifp->nd6;
      o.body["mtu"] = ifp->mtu;
      return o;
    }
    return failure(EINVAL, "\"op\" must be create, destroy, set, addr_add, addr_delete, "
                           "addr_flags or nd6_flags");
  }

  Outcome if_create(Fields& f, const std::string& name) {
    fib::IfSpec spec;
    spec.name = name;
    if (const json* t = f.raw("type")) {
      std::optional<std::uint8_t> type;
      if (t->is_string()) type = text::parse_iftype(t->get<std::string>());
      if (t->is_number_integer()) type = f.integer<std::uint8_t>("type");
      if (!type || *type == 0) return failure(EINVAL, "\"type\" must be an IFT_ number or name");
      spec.type = *type;
    }
    // Created down, as ifconfig create leaves an interface.
    spec.flags = text::default_iff(spec.type) & ~(fib::iff::up | fib::iff::running);
    if (const json* fl = f.raw("flags")) {
      if (!fl->is_array()) return failure(EINVAL, "\"flags\" must be an array of flag names");
      spec.flags = 0;
      for (const json& n : *fl) {
        auto bit = n.is_string() ? text::parse_iff_flag(n.get<std::string>()) : std::nullopt;
        if (!bit)
          return failure(EINVAL, n.is_string()
                                     ? fmt::format("unknown interface flag \"{}\"",
                                                   n.get<std::string>())
                                     : std::string("interface flags must be strings"));
        spec.flags |= *bit;
      }
    }
    if (f.boolean("up").value_or(false)) spec.flags |= fib::iff::up | fib::iff::running;
    spec.mtu = f.integer<std::uint32_t>("mtu").value_or(text::default_mtu(spec.type));
    if (auto ll = lladdr(f)) spec.lladdr = std::move(*ll);
    spec.fib = f.integer<std::uint32_t>("fib").value_or(0);
    if (f.bad()) return {};
    Outcome o;
    std::uint16_t index = 0;
    o.error = ctx_.engine.if_create(ctx_.conn.sock, spec, ctx_.deliveries, &index);
    if (o.error == 0) {
      // The name the kernel gave, when it is not the one asked for.
      const fib::Interface* ifp = ctx_.engine.fib().interface(index);
      if (ifp == nullptr || ifp->name == name) index = index_of(name);
      if (ifp != nullptr && ifp->name != name) o.body["name"] = ifp->name;
      o.body["index"] = index;
    }
    return o;
  }

  Outcome inject(Fields& f) {
    const kernel::SockState* s = state();
    if (s == nullptr || !s->privileged) return failure(EPERM, {});
    const auto event = f.string("event", true);
    if (f.bad()) return {};
    auto& eng = ctx_.engine;
    Outcome o;
    if (*event == "expire") {
      o.body["expired"] = eng.expire(ctx_.deliveries);
      return o;
    }
    const std::uint32_t fibnum = f.integer<std::uint32_t>("fib").value_or(0);
    auto dst = address(f, "dst", {}, true);
    if (f.bad()) return {};
    if (fibnum >= eng.fib().config().fibs) return failure(EINVAL, "no such fib");
    if (*event == "forward") {
      const fib::Forward fw = eng.forward(fibnum, *dst, ctx_.deliveries);
      static constexpr const char* kVerdicts[] = {"deliver", "blackhole", "reject", "miss",
                                                     "link_down"};
      o.body["verdict"] = kVerdicts[static_cast<std::size_t>(fw.verdict)];
      o.body["error"] = fw.error == 0 ? 0 : os(fw.error);
      o.body["ifindex"] = fw.ifindex;
      if (fw.verdict == fib::Forward::Verdict::deliver) o.body["next_hop"] = fw.next_hop.str();
      return o;
    }
    if (*event == "redirect") {
      auto gateway = address(f, "gateway", {}, true);
      auto src = address(f, "src", {}, true);
      if (f.bad()) return {};
      o.error = eng.redirect(fibnum, *dst, *gateway, *src, ctx_.deliveries);
      return o;
    }
    return failure(EINVAL, "\"event\" must be forward, redirect or expire");
  }

  // The compat library's side channel: find a routing socket by the
  // abstract address it is bound to. With no name, only become a side
  // channel (for sysctl and ifconfig before any routing socket exists).
  Outcome attach(Fields& f) {
    const auto name = f.string("name");
    if (f.bad()) return {};
    Outcome o;
    if (name) {
      Connection* t = ctx_.connections != nullptr ? ctx_.connections->by_name(*name) : nullptr;
      if (t == nullptr || t == &ctx_.conn || t->side)
        return failure(ENOENT, fmt::format("no routing socket is bound to \"{}\"", *name));
      if (!may_act_on(ctx_.engine, ctx_.conn, *t))
        return failure(EPERM, "that routing socket belongs to another user");
      o.body = {{"handle", t->handle}, {"socket", t->sock}};
    }
    ctx_.conn.side = true;
    ctx_.engine.shutdown_read(ctx_.conn.sock);
    return o;
  }

  Outcome stats() const {
    const kernel::EngineStats& e = ctx_.engine.stats();
    const ServerCounters& c = ctx_.counters;
    Outcome o;
    o.body = {{"clients", c.clients},
              {"connections", c.connections},
              {"drops", c.drops},
              {"control", c.control},
              {"control_errors", c.control_errors},
              {"sockets", ctx_.engine.sockets()},
              {"writes", e.writes},
              {"write_errors", e.write_errors},
              {"messages", e.messages},
              {"deliveries", e.deliveries},
              {"misses", e.misses},
              {"resolves", e.resolves},
              {"redirects", e.redirects},
              {"expired", e.expired},
              {"connection",
               {{"socket", ctx_.conn.sock},
                {"drops", ctx_.conn.out.drops()},
                {"messages", ctx_.conn.out.messages()},
                {"queued", ctx_.conn.out.total_bytes()},
                {"rcvbuf", ctx_.conn.out.bound()}}}};
    return o;
  }

  ControlContext& ctx_;
  const abi::Profile& p_;
};

void append_reply(const proto::Header& request, Outcome& o,
                  std::vector<kernel::Packet>& replies) {
  proto::Header h{.op = request.op, .flags = 0, .id = request.id, .error = o.error};
  if (!o.raw) {
    replies.push_back(packet(proto::encode(h, dump(o.body))));
    return;
  }
  // A dump travels in the packets it was written into, each with room for
  // its header; the client concatenates them.
  auto& bufs = o.raw->buffers();
  if (bufs.empty()) bufs.emplace_back(proto::kHeaderSize);
  for (std::size_t i = 0; i < bufs.size(); ++i) {
    h.flags = i + 1 < bufs.size() ? proto::kFlagMore : 0;
    proto::encode_header(h, bufs[i]);
    replies.push_back(packet(std::move(bufs[i])));
  }
  bufs.clear();
}

std::uint32_t read_le32(std::span<const std::byte> b, std::size_t off) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4 && off + i < b.size(); ++i)
    v |= std::to_integer<std::uint32_t>(b[off + i]) << (8 * i);
  return v;
}

// A header field of a routing message as written (the route layout; the
// fields read here sit at the same offsets in every header kind).
std::int64_t header_field(const abi::Profile& p, std::span<const std::byte> msg, abi::Field f) {
  const abi::FieldLoc* loc = p.layout(abi::HdrKind::route).find(f);
  if (loc == nullptr || loc->in_data || loc->off + std::size_t{loc->size} > msg.size()) return 0;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < loc->size; ++i) {
    const std::size_t k = p.order == abi::ByteOrder::little ? loc->size - 1 - i : i;
    v = v << 8 | std::to_integer<std::uint64_t>(msg[loc->off + k]);
  }
  if (loc->is_signed && loc->size < 8 && (v >> (8 * loc->size - 1)) != 0)
    v |= ~std::uint64_t{0} << (8 * loc->size);
  return static_cast<std::int64_t>(v);
}

// Ops a side channel may direct at an attached connection with "handle".
bool acts_on_socket(proto::Op op) {
  switch (op) {
    case proto::Op::hello:
    case proto::Op::socket:
    case proto::Op::setsockopt:
    case proto::Op::getsockopt:
    case proto::Op::shutdown:
    case proto::Op::stats:
      return true;
    default:
      return false;
  }
}

// Runs the request on the connection it names with "handle", or on the
// requesting one.
Outcome on_behalf(ControlContext& ctx, proto::Op op, const json& req, Handler& own) {
  auto it = req.find("handle");
  if (it == req.end() || it->is_null() || !acts_on_socket(op)) return own.handle(op, req);
  if (!it->is_number_unsigned() || ctx.connections == nullptr)
    return own.failure(EINVAL, "\"handle\" must be an attached socket's handle");
  Connection* t = ctx.connections->by_handle(it->get<std::uint32_t>());
  if (t == nullptr || !ctx.conn.side) return own.failure(EBADF, "no such handle");
  if (!may_act_on(ctx.engine, ctx.conn, *t))
    return own.failure(EPERM, "that routing socket belongs to another user");
  // Replies still go to the requester: its stream, its request id.
  ControlContext target{ctx.engine,     ctx.personality, *t,      ctx.counters,   ctx.deliveries,
                        ctx.connections, nullptr,         0,       ctx.stream,     ctx.request_id};
  Handler h(target);
  ctx.acted_on = t;
  ctx.acted_on_before = t->sock;
  return h.handle(op, req);
}

}  // namespace

bool may_act_on(const kernel::Engine& engine, const Connection& side, const Connection& target) {
  if (side.creds.uid == target.creds.uid) return true;
  const kernel::SockState* s = engine.socket(side.sock);
  return s != nullptr && s->privileged;
}

int handle_control(ControlContext& ctx, std::span<const std::byte> pkt,
                   std::vector<kernel::Packet>& replies) {
  proto::Header request;
  request.op = static_cast<proto::Op>(pkt.size() > 5 ? std::to_integer<std::uint8_t>(pkt[5]) : 0);
  request.id = pkt.size() >= 12 ? read_le32(pkt, 8) : 0;
  Handler handler(ctx);
  Outcome o;
  auto header = proto::parse_header(pkt);
  if (!header) {
    o = header.error().code() == make_error_code(codec_errc::bad_version)
            ? handler.failure(EPROTONOSUPPORT, fmt::format("protocol version {} is not supported",
                                                           std::to_integer<int>(pkt[4])))
            : handler.failure(EINVAL, "short control header");
  } else {
    request = *header;
    ctx.request_id = request.id;
    const auto body = proto::payload(pkt);
    bool too_deep = false;
    const json::parser_callback_t depth_check = [&too_deep](int depth, json::parse_event_t,
                                                            json&) {
      if (static_cast<std::size_t>(depth) > kMaxJsonDepth) too_deep = true;
      return !too_deep;
    };
    json req = body.empty() ? json::object()
                            : json::parse(reinterpret_cast<const char*>(body.data()),
                                          reinterpret_cast<const char*>(body.data() + body.size()),
                                          depth_check, false);
    if (too_deep) {
      o = handler.failure(EINVAL, fmt::format("the payload nests deeper than {}", kMaxJsonDepth));
    } else if (req.is_discarded() || !req.is_object()) {
      o = handler.failure(EINVAL, "the payload is not a JSON object");
    } else {
      try {
        o = on_behalf(ctx, request.op, req, handler);
      } catch (const std::exception& e) {  // never let one request take the daemon down
        o = handler.failure(EINVAL, e.what());
      }
    }
  }
  append_reply(request, o, replies);
  return o.error;
}

kernel::Packet status_packet(const abi::Profile& p, const kernel::WriteResult& r,
                             std::span<const std::byte> msg) {
  const json body = {{"error", r.error},
                     {"pid", header_field(p, msg, abi::Field::pid)},
                     {"seq", header_field(p, msg, abi::Field::seq)},
                     {"type", header_field(p, msg, abi::Field::type)},
                     {"reply", r.sender_copy}};
  return packet(
      proto::encode({.op = proto::Op::status, .flags = 0, .id = 0, .error = r.error}, dump(body)));
}

}  // namespace rtsock::server
