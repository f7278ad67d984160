// route(8) monitor text and JSON for messages.
#include "rtsock/codec/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "monitor_style.hpp"

namespace rtsock::codec {

using abi::Field;
using abi::HdrKind;
using json = nlohmann::ordered_json;

namespace {

bool is_route(HdrKind k) { return k == HdrKind::route || k == HdrKind::route2; }
bool is_ifinfo(HdrKind k) {
  return k == HdrKind::ifinfo || k == HdrKind::ifinfol || k == HdrKind::ifinfo2;
}
bool is_ifaddr(HdrKind k) {
  return k == HdrKind::ifaddr || k == HdrKind::ifaddrl || k == HdrKind::ifaddr_old;
}
bool is_ifmaddr(HdrKind k) { return k == HdrKind::ifmaddr || k == HdrKind::ifmaddr2; }

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string slot_key(const abi::Profile& p, int slot) {
  const auto n = p.rta[static_cast<std::size_t>(slot)];
  return n.empty() ? fmt::format("slot{}", slot) : lower(n);
}

std::string link_state_name(const abi::Profile& p, std::int64_t s) {
  switch (p.link_states) {
    case abi::LinkStates::none: return "unknown";
    case abi::LinkStates::bsd:
      return s == 1 ? "down" : s == 2 ? "up" : "unknown";
    case abi::LinkStates::openbsd:
      switch (s) {
        case 1: return "invalid";
        case 2: return "down";
        case 3: return "keepalive down";
        case 4: return "up";
        case 5: return "half duplex";
        case 6: return "full duplex";
        default: return "unknown";
      }
  }
  return "unknown";
}

// The if_msghdr "name": the IFP link sockaddr's name.
std::string if_name(const Message& m) {
  if (const Sockaddr* s = m.addr(abi::kIfp); s && s->kind == SaKind::link)
    return std::string(s->link_name());
  return {};
}

json addr_json(const Sockaddr& s) {
  switch (s.kind) {
    case SaKind::inet4:
    case SaKind::inet6: return ip_string(s);
    case SaKind::link:
      return json{{"index", s.link_index},
                  {"type", s.link_type},
                  {"name", std::string(s.link_name())},
                  {"addr", lladdr_string(s)}};
    case SaKind::other: return json{{"family", s.family_num}, {"raw", hex_string(s.raw_bytes())}};
    case SaKind::empty: break;
  }
  return json{{"family", 0}, {"raw", ""}};
}

json flag_array(const abi::BitNames& names, std::uint64_t bits) {
  json a = json::array();
  for (int i = 0; i < 32; ++i) {
    if (!((bits >> i) & 1u)) continue;
    const auto n = names[static_cast<std::size_t>(i)];
    a.push_back(n.empty() ? fmt::format("0x{:x}", 1u << i) : std::string(n));
  }
  return a;
}

// route(8)'s printb: "<A,B>" over a table of (bit number, name), in table order.
void printb(std::string& out, std::uint64_t b, const std::vector<detail::NamedBit>& table) {
  if (b == 0) return;
  bool some = false;
  for (const auto& [bit, name] : table) {
    if (bit < 1 || bit > 32 || !((b >> (bit - 1)) & 1u)) continue;
    out += some ? ',' : '<';
    out += name;
    some = true;
  }
  if (some) out += '>';
}

// link_ntoa(3): name, ':' and the address bytes in hex, '.'-separated, with no
// leading zeros.
std::string link_ntoa(const Sockaddr& s) {
  std::string out(s.link_name().substr(0, 16));
  const auto a = s.link_addr();
  if (!out.empty() && !a.empty()) out += ':';
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i) out += '.';
    out += fmt::format("{:x}", a[i]);
  }
  return out;
}

}  // namespace

std::string flag_list(const abi::BitNames& names, std::uint64_t bits, std::string_view sep) {
  std::string s;
  for (int i = 0; i < 32; ++i) {
    if (!((bits >> i) & 1u)) continue;
    if (!s.empty()) s += sep;
    const auto n = names[static_cast<std::size_t>(i)];
    s += n.empty() ? fmt::format("0x{:x}", 1u << i) : std::string(n);
  }
  return s;
}

std::string route_name(const abi::Profile& p, const Sockaddr& s) {
  switch (s.kind) {
    case SaKind::empty: return "default";
    case SaKind::inet4: {
      const bool any = s.addr[0] == 0 && s.addr[1] == 0 && s.addr[2] == 0 && s.addr[3] == 0;
      if (any || (s.wire_len >= 0 && s.wire_len < 4)) return "default";
      return ip_string(s);
    }
    case SaKind::inet6: return ip_string(s);
    case SaKind::link:
      if ((s.nlen == 0 || s.nlen == 0xff) && (s.alen == 0 || s.alen == 0xff) &&
          (s.slen == 0 || s.slen == 0xff))
        return fmt::format("link#{}", s.link_index);
      return link_ntoa(s);
    case SaKind::other: {
      // "(family)" then sa_data as 16-bit words in host order.
      std::string out = fmt::format("({})", s.family_num);
      const std::size_t salen = s.wire_len >= 0 ? static_cast<std::size_t>(s.wire_len) : 2u + s.data_len;
      const std::size_t words = (salen + 1) / 2;
      for (std::size_t w = 1; w < words; ++w) {
        const std::size_t i = (w - 1) * 2;
        const std::uint8_t b0 = i < s.data.size() ? s.data[i] : 0;
        const std::uint8_t b1 = i + 1 < s.data.size() ? s.data[i + 1] : 0;
        const unsigned v = p.order == abi::ByteOrder::little ? (b1 << 8 | b0) : (b0 << 8 | b1);
        out += fmt::format(" {:x}", v);
      }
      return out;
    }
  }
  return "?";
}

std::string monitor_text(const abi::Profile& p, const Message& m) {
  const detail::MonitorStyle& st = detail::monitor_style(p);
  std::string o;
  const auto& ti = p.type_info(m.type);
  if (!ti.name.empty())
    o += fmt::format("{}: {}: ", ti.name, ti.description);
  else
    o += fmt::format("unknown type {}: ", m.type);
  o += fmt::format("len {}, ", m.get(Field::msglen));

  auto addrs = [&]() {
    // pmsg_addrs: the slot names, then each address.
    std::uint32_t present = m.present;
    if (present == 0) {
      o += '\n';
      return;
    }
    o += "\nsockaddrs: ";
    printb(o, present, st.addrnames);
    o += '\n';
    for (int s = 0; s < abi::kMaxSlots; ++s)
      if (m.has(s)) o += " " + route_name(p, m.sa[static_cast<std::size_t>(s)]);
    o += '\n';
  };

  if (m.kind == HdrKind::none) {
    o += '\n';
    return o;
  }
  if (is_ifinfo(m.kind)) {
    o += fmt::format("if# {}, ", m.get(Field::index));
    if (st.openbsd) o += fmt::format("link: {}, mtu: {}, flags:", link_state_name(p, m.get(Field::ifi_link_state)), m.get(Field::ifi_mtu));
    else o += fmt::format("link: {}, flags:", link_state_name(p, m.get(Field::ifi_link_state)));
    printb(o, static_cast<std::uint32_t>(m.get(Field::flags)), st.ifnetflags);
    addrs();
    return o;
  }
  if (is_ifaddr(m.kind)) {
    o += fmt::format("metric {}, flags:", m.get(Field::metric));
    printb(o, static_cast<std::uint32_t>(m.get(Field::flags)), st.routeflags);
    addrs();
    return o;
  }
  if (is_ifmaddr(m.kind)) {
    addrs();
    return o;
  }
  if (m.kind == HdrKind::announce) {
    o += fmt::format("if# {}, ", m.get(Field::index));
    if (st.announce_name) o += fmt::format("name {}, ", m.name);
    o += "what: ";
    switch (m.get(Field::what)) {
      case 0: o += "arrival"; break;
      case 1: o += "departure"; break;
      default: o += fmt::format("#{}", m.get(Field::what));
    }
    o += '\n';
    return o;
  }
  // Route messages.
  if (st.openbsd) {
    o += fmt::format("priority {}, table {}, if# {}, pid: {}, seq {}, errno {}\nflags:",
                     m.get(Field::priority), m.get(Field::tableid), m.get(Field::index),
                     m.get(Field::pid), m.get(Field::seq), m.get(Field::err));
    printb(o, static_cast<std::uint32_t>(m.get(Field::flags)), st.routeflags);
    o += "\nfmask:";
    printb(o, static_cast<std::uint32_t>(m.get(Field::fmask)), st.routeflags);
  } else if (m.kind == HdrKind::route2) {
    o += fmt::format("refcnt: {}, parentflags: {:#x}, flags:", m.get(Field::refcnt), m.get(Field::parentflags));
    printb(o, static_cast<std::uint32_t>(m.get(Field::flags)), st.routeflags);
  } else {
    if (st.ifscope && (m.get(Field::flags) & 0x1000000)) o += fmt::format("ifscope {}, ", m.get(Field::index));
    o += fmt::format("pid: {}, seq {}, errno {}, flags:", m.get(Field::pid), m.get(Field::seq), m.get(Field::err));
    printb(o, static_cast<std::uint32_t>(m.get(Field::flags)), st.routeflags);
  }
  o += "\nlocks: ";
  printb(o, static_cast<std::uint64_t>(m.get(Field::rmx_locks)), st.metricnames);
  o += " inits: ";
  printb(o, static_cast<std::uint64_t>(m.get(Field::inits)), st.metricnames);
  const auto& l = p.layout(m.kind);
  // route(8) prints addresses only when the message is longer than its header.
  if (m.present != 0 || static_cast<std::size_t>(m.get(Field::msglen)) > l.size) addrs();
  return o;
}

json message_json(const abi::Profile& p, const Message& m) {
  json j;
  const auto& ti = p.type_info(m.type);
  j["type"] = ti.name.empty() ? fmt::format("RTM_UNKNOWN_{}", m.type) : std::string(ti.name);
  j["type_num"] = m.type;
  j["version"] = m.get(Field::version);
  j["len"] = m.get(Field::msglen);
  j["header"] = std::string(abi::hdr_kind_name(m.kind));
  if (m.kind == HdrKind::none) {
    j["body"] = hex_string(m.body);
    return j;
  }
  const abi::Layout& l = p.layout(m.kind);
  j["index"] = m.get(Field::index);
  const std::uint64_t flags = static_cast<std::uint32_t>(m.get(Field::flags));
  if (l.has(Field::flags)) {
    j["flags"] = flag_array(is_ifinfo(m.kind) ? p.iff : p.rtf, flags);
    j["flags_raw"] = flags;
  }
  json a = json::object();
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (m.has(s)) a[slot_key(p, s)] = addr_json(m.sa[static_cast<std::size_t>(s)]);
  if (l.has(Field::addrs)) j["addrs"] = std::move(a);

  if (is_route(m.kind)) {
    for (Field f : {Field::pid, Field::seq, Field::err})
      if (l.has(f)) j[std::string(abi::field_name(f))] = m.get(f);
    j["inits"] = m.get(Field::inits);
    j["locks"] = m.get(Field::rmx_locks);
    json met = json::object();
    for (const auto& fl : l.fields)
      if (abi::is_metric(fl.field) && fl.field != Field::rmx_locks)
        met[std::string(abi::field_name(fl.field).substr(4))] = m.get(fl.field);
    j["metrics"] = std::move(met);
  }
  if (is_ifinfo(m.kind)) {
    if (auto n = if_name(m); !n.empty()) j["name"] = n;
    j["mtu"] = m.get(Field::ifi_mtu);
    j["link_state"] = l.has(Field::ifi_link_state) ? link_state_name(p, m.get(Field::ifi_link_state)) : "unknown";
    json d = json::object();
    for (const auto& fl : l.fields)
      if (abi::is_if_data(fl.field)) d[std::string(abi::field_name(fl.field).substr(4))] = m.get(fl.field);
    j["data"] = std::move(d);
  }
  if (m.kind == HdrKind::announce) {
    j["name"] = m.name;
    const auto w = m.get(Field::what);
    j["what"] = w == 0 ? json("arrival") : w == 1 ? json("departure") : json(w);
  }
  // Every other header field by its C name (OpenBSD tableid/priority, metric …).
  for (const auto& fl : l.fields) {
    const Field f = fl.field;
    if (abi::is_metric(f) || abi::is_if_data(f)) continue;
    switch (f) {
      case Field::msglen: case Field::version: case Field::type: case Field::index:
      case Field::flags: case Field::addrs: case Field::pid: case Field::seq: case Field::err:
      case Field::inits: case Field::what:
        continue;
      default: break;
    }
    j[std::string(abi::field_name(f))] = m.get(f);
  }
  if (!m.tail.empty()) j["trailing"] = hex_string(m.tail);
  return j;
}

std::string error_text(const Error& e) { return e.message(); }

json error_json(const Error& e) {
  json j;
  j["error"] = e.message();
  if (e.has_offset()) j["offset"] = e.offset();
  return j;
}

}  // namespace rtsock::codec
