// route(8)'s session: the socket, the interface lookup, address names.
#include "session.hpp"

#include <cstdio>
#include <ctime>

#include "rtsock/codec/render.hpp"

namespace rtsock::route {

Env Session::env() {
  Env e;
  e.profile = profile;
  e.dialect = dialect;
  e.numfibs = numfibs;
  e.defaultfib = 0;
  e.now = static_cast<std::int64_t>(std::time(nullptr));
  e.find_link = [this](std::string_view name) { return find_link(name); };
  return e;
}

std::optional<codec::Sockaddr> Session::find_link(std::string_view name) {
  if (!rs) return std::nullopt;
  auto dump = rs->fetch_rib_messages(0, client::net_rt::iflist_of(*profile));
  if (!dump) return std::nullopt;
  const auto ifinfo = profile->type_number("RTM_IFINFO");
  for (const auto& r : dump->view()) {
    if (!r) break;
    if (r->type() != ifinfo) continue;
    const auto m = r->to_message();
    if (const auto* sa = m.addr(abi::kIfp);
        sa && sa->kind == codec::SaKind::link && sa->link_name() == name)
      return *sa;
  }
  return std::nullopt;
}

std::string Session::name(const codec::Sockaddr& sa) const {
  // OpenBSD's routename() says "default" only for an empty sockaddr.
  if (!opt.numeric && dialect == Dialect::openbsd && sa.kind == codec::SaKind::empty)
    return "default";
  if (!opt.numeric && dialect != Dialect::openbsd) {
    if (sa.kind == codec::SaKind::empty) return "default";
    if (sa.kind == codec::SaKind::inet4 || sa.kind == codec::SaKind::inet6) {
      bool zero = true;
      for (std::size_t i = 0; i < sa.addr_size(); ++i) zero = zero && sa.addr[i] == 0;
      if (zero) return "default";
    }
  }
  return codec::route_name(*profile, sa);
}

int finish(const Exit& e) {
  std::fputs(e.out.c_str(), stdout);
  std::fflush(stdout);
  std::fputs(e.err.c_str(), stderr);
  return e.status;
}

}  // namespace rtsock::route
