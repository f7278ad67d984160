// Address texts of netstat(1) and route(8) flush.
#include "names.hpp"

#include "rtsock/codec/render.hpp"

namespace rtsock::route {
namespace {

bool all_zero(const codec::Sockaddr& sa) {
  for (std::size_t i = 0; i < sa.addr_size(); ++i)
    if (sa.addr[i] != 0) return false;
  return true;
}

// The prefix length of a mask (nullopt: not contiguous); no mask is /0.
std::optional<int> bits_of(const codec::Sockaddr* mask) {
  if (mask == nullptr) return 0;
  return codec::prefix_length(*mask);
}

codec::Sockaddr masked(const codec::Sockaddr& sa, const codec::Sockaddr* mask) {
  codec::Sockaddr out = sa;
  if (mask == nullptr || mask->kind == codec::SaKind::empty) {
    for (auto& b : out.addr) b = 0;
    return out;
  }
  for (std::size_t i = 0; i < sa.addr_size(); ++i) out.addr[i] = sa.addr[i] & mask->addr[i];
  return out;
}

}  // namespace

IfNames interface_names(Session& s) {
  IfNames names;
  if (!s.rs) return names;
  auto dump = s.rs->fetch_rib_messages(0, client::net_rt::iflist_of(s.p()));
  if (!dump) return names;
  const auto ifinfo = s.p().type_number("RTM_IFINFO");
  for (const auto& r : dump->view()) {
    if (!r) break;
    if (r->type() != ifinfo) continue;
    const auto m = r->to_message();
    if (const auto* sa = m.addr(abi::kIfp); sa && sa->kind == codec::SaKind::link)
      names[static_cast<std::uint32_t>(m.get(abi::Field::index))] = std::string(sa->link_name());
  }
  return names;
}

std::string numeric(const codec::Sockaddr& sa, const IfNames& ifs) {
  if (sa.kind == codec::SaKind::inet6 && sa.zone() != 0) {
    codec::Sockaddr bare = sa;
    bare.scope_id = 0;
    bare.kame_zone = 0;
    if (sa.addr[0] == 0xfe && (sa.addr[1] & 0xc0) == 0x80) bare.addr[2] = bare.addr[3] = 0;
    const auto it = ifs.find(sa.zone());
    return codec::ip_string(bare) + "%" +
           (it != ifs.end() ? it->second : std::to_string(sa.zone()));
  }
  return codec::ip_string(sa);
}

std::string netname_short(const Session& s, const codec::Sockaddr& sa, const IfNames& ifs) {
  if (sa.kind == codec::SaKind::inet4) {
    const std::uint32_t a = static_cast<std::uint32_t>(sa.addr[0]) << 24 |
                            static_cast<std::uint32_t>(sa.addr[1]) << 16 |
                            static_cast<std::uint32_t>(sa.addr[2]) << 8 | sa.addr[3];
    if (a == 0) return "default";
    if ((a & 0xffffff) == 0) return fmt::format("{}", a >> 24);
    if ((a & 0xffff) == 0) return fmt::format("{}.{}", a >> 24, (a >> 16) & 0xff);
    if ((a & 0xff) == 0) return fmt::format("{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff);
    return codec::ip_string(sa);
  }
  if (sa.kind == codec::SaKind::inet6) return numeric(sa, ifs);
  return codec::route_name(s.p(), sa);
}

std::string netname_bits(const codec::Sockaddr& sa, const codec::Sockaddr* mask,
                         const IfNames& ifs) {
  const auto bits = bits_of(mask).value_or(sa.kind == codec::SaKind::inet6 ? 128 : 32);
  const auto net = masked(sa, mask);
  if (sa.kind == codec::SaKind::inet4) {
    if (bits == 0 && all_zero(net)) return "default";
    const auto& b = net.addr;
    if (bits <= 8) return fmt::format("{}/{}", b[0], bits);
    if (bits <= 16) return fmt::format("{}.{}/{}", b[0], b[1], bits);
    if (bits <= 24) return fmt::format("{}.{}.{}/{}", b[0], b[1], b[2], bits);
    return fmt::format("{}.{}.{}.{}/{}", b[0], b[1], b[2], b[3], bits);
  }
  if (sa.kind == codec::SaKind::inet6) {
    if (bits == 0 && all_zero(net)) return "default";
    return fmt::format("{}/{}", numeric(net, ifs), bits);
  }
  return codec::ip_string(sa);
}

std::string netname_full(const codec::Sockaddr& sa, const codec::Sockaddr* mask,
                         const IfNames& ifs) {
  const auto net = masked(sa, mask);
  const bool no_mask = mask == nullptr || mask->kind == codec::SaKind::empty || all_zero(*mask);
  if (sa.kind == codec::SaKind::inet4) {
    if (all_zero(sa) && no_mask) return "default";
    if (no_mask) return codec::ip_string(sa);
    if (const auto bits = codec::prefix_length(*mask))
      return fmt::format("{}/{}", codec::ip_string(net), *bits);
    const std::uint32_t m = static_cast<std::uint32_t>(mask->addr[0]) << 24 |
                            static_cast<std::uint32_t>(mask->addr[1]) << 16 |
                            static_cast<std::uint32_t>(mask->addr[2]) << 8 | mask->addr[3];
    return fmt::format("{}&0x{:x}", codec::ip_string(net), m);
  }
  if (sa.kind == codec::SaKind::inet6) {
    const int bits = no_mask ? 0 : codec::prefix_length(*mask).value_or(128);
    if (bits == 0 && all_zero(net)) return "default";
    return fmt::format("{}/{}", numeric(net, ifs), bits);
  }
  return codec::ip_string(sa);
}

}  // namespace rtsock::route
