// Interface cloners that make more than one interface: FreeBSD's epair(4)
// (sys/net/if_epair.c). Every other name is one interface in, one out.
#include <cerrno>
#include <string>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

constexpr std::string_view kEpair = "epair";
constexpr std::size_t kMaxName = 15;  // IFNAMSIZ - 1

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// epair_clone_match: "epair" and "epair<digits>" name the cloner; the
// halves "epair<n>a" and "epair<n>b" do not.
bool epair_cloner_name(std::string_view n) {
  return n.substr(0, kEpair.size()) == kEpair && digits(n.substr(kEpair.size()));
}

// The other half of "epair<n>a" / "epair<n>b"; empty for any other name.
std::string epair_peer(std::string_view n) {
  if (n.size() < kEpair.size() + 2 || n.substr(0, kEpair.size()) != kEpair) return {};
  const std::string_view unit = n.substr(kEpair.size(), n.size() - kEpair.size() - 1);
  if (!digits(unit)) return {};
  const char side = n.back();
  if (side != 'a' && side != 'b') return {};
  std::string peer(n);
  peer.back() = side == 'a' ? 'b' : 'a';
  return peer;
}

}  // namespace

Result<std::uint16_t> Fib::attach(const IfSpec& spec) {
  auto& im = *impl_;
  if (!im.sem().epair_pairs || !epair_cloner_name(spec.name)) return attach_one(spec);
  auto taken = [&](const std::string& base) {
    return im.iface_by_name(base + "a") != nullptr || im.iface_by_name(base + "b") != nullptr;
  };
  // epair_handle_unit: no unit takes the first free one; either half
  // existing is EEXIST; no room for the a/b suffix is ENOSPC.
  std::string base = spec.name;
  if (base.size() == kEpair.size()) {
    unsigned unit = 0;
    while (taken(base + std::to_string(unit))) ++unit;
    base += std::to_string(unit);
  }
  if (base.size() + 1 > kMaxName) return err(ENOSPC);
  if (taken(base)) return err(EEXIST);

  IfSpec a = spec;
  a.name = base + "a";
  const bool own_lladdr = a.lladdr.empty();
  auto ia = attach_one(a);
  if (!ia) return ia;
  // FreeBSD hashes the hostid and an index into four octets between 02 and
  // 0a; the index alone keeps ours reproducible. b copies a's, ending 0b.
  if (own_lladdr) {
    a.lladdr = {
        0x02, 0x00, 0x00, static_cast<std::uint8_t>(*ia >> 8), static_cast<std::uint8_t>(*ia),
        0x0a};
    (void)set_lladdr(*ia, a.lladdr);
  }
  IfSpec b = a;
  b.name = base + "b";
  if (!b.lladdr.empty()) b.lladdr.back() = 0x0b;
  auto ib = attach_one(b);
  if (!ib) {
    (void)detach_one(*ia);
    return tl::unexpected(ib.error());
  }
  // epair_set_state: both links up once both are attached.
  (void)set_link(*ia, LinkState::up);
  (void)set_link(*ib, LinkState::up);
  return ia;
}

Result<void> Fib::detach(std::uint16_t index) {
  auto& im = *impl_;
  const Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  const Interface* peer = im.sem().epair_pairs ? im.iface_by_name(epair_peer(ifp->name)) : nullptr;
  if (peer == nullptr) return detach_one(index);
  // epair_clone_destroy: both links down, then the named half detached
  // before the other.
  const std::uint16_t other = peer->index;
  (void)set_link(index, LinkState::down);
  (void)set_link(other, LinkState::down);
  if (auto r = detach_one(index); !r) return r;
  return detach_one(other);
}

}  // namespace rtsock::fib
