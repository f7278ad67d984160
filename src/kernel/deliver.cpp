// raw_input / route_input: which sockets receive a copy (spec B.12).
#include <algorithm>
#include <span>

#include "impl.hpp"

namespace rtsock::kernel {

namespace {

// NetBSD's route_filter for RTM_MISS: the message's first sockaddr (its
// destination) must equal, length and bytes, one of the filter's.
bool miss_passes(std::span<const std::byte> filter, std::span<const std::byte> msg,
                 std::size_t hdr) {
  if (msg.size() < hdr + 2) return false;
  const std::size_t len = std::to_integer<std::size_t>(msg[hdr]);
  if (len < 2 || len > 128 || msg.size() < hdr + len) return false;
  const auto dst = msg.subspan(hdr, len);
  for (std::size_t at = 0; at < filter.size();) {
    const std::size_t n = std::to_integer<std::size_t>(filter[at]);
    if (n == len && at + n <= filter.size() &&
        std::equal(dst.begin(), dst.end(), filter.begin() + static_cast<std::ptrdiff_t>(at)))
      return true;
    at += (n + 7) & ~std::size_t{7};
  }
  return false;
}

}  // namespace

bool Engine::Impl::any_listener() const {
  for (const auto& [id, s] : socks)
    if (!s.shut_rd) return true;
  return false;
}

void Engine::Impl::deliver(const Packet& pkt, const Tag& tag, SockId sender,
                           std::vector<Delivery>& out, bool only_sender) {
  if (!pkt || pkt->empty()) return;
  ++stats.messages;
  auto self = socks.find(sender);
  if (only_sender) {
    if (self != socks.end() && !self->second.shut_rd) {
      out.push_back({sender, pkt});
      ++stats.deliveries;
    }
    return;
  }
  // Without SO_USELOOPBACK the sender is skipped; when it is the only route
  // socket the message is not built at all.
  if (self != socks.end() && !self->second.useloopback && socks.size() <= 1) return;

  const bool openbsd = is(abi::Os::openbsd);
  for (const auto& [id, s] : socks) {
    if (id == sender && !s.useloopback) continue;
    if (s.shut_rd) continue;
    if (openbsd) {
      // AF_UNSPEC messages reach every socket on OpenBSD.
      if (tag.family != 0 && s.protocol != 0 && s.protocol != tag.family) continue;
      if (s.msgfilter != 0 && tag.type != t.desync &&
          (tag.type >= 32 || (s.msgfilter & (1u << tag.type)) == 0))
        continue;
      if ((s.flagfilter & tag.flags) != 0) continue;
      if (s.tablefilter != rtable_any && s.tablefilter != tag.fib) continue;
      if (s.priofilter != 0 && s.priofilter < tag.priority) continue;
    } else {
      // raw_input: a socket opened for one family misses messages tagged 0.
      if (s.protocol != 0 && s.protocol != tag.family) continue;
      if (is(abi::Os::freebsd) && tag.route_msg && s.fib != tag.fib) continue;
      if (s.ro_msgfilter != 0 && (tag.type >= 32 || (s.ro_msgfilter & (1u << tag.type)) == 0))
        continue;
      if (!s.ro_missfilter.empty()) {
        if (tag.type >= 32) continue;  // route_filter refuses any type past the filter's bits
        if (tag.type == t.miss &&
            !miss_passes(s.ro_missfilter, *pkt, p->layout(abi::HdrKind::route).size))
          continue;
      }
    }
    out.push_back({id, pkt});
    ++stats.deliveries;
  }
}

}  // namespace rtsock::kernel
