// backend::Emulated: the engine's table is a fib::Fib.
#include "rtsock/backend/emulated.hpp"

namespace rtsock::backend {

const fib::Config& Emulated::config() const { return fib_.config(); }
void Emulated::set_listener(Listener l) { fib_.set_listener(std::move(l)); }
void Emulated::set_clock(Clock c) { fib_.set_clock(std::move(c)); }

Result<std::uint16_t> Emulated::attach(const fib::IfSpec& spec) { return fib_.attach(spec); }
Result<void> Emulated::detach(std::uint16_t index) { return fib_.detach(index); }
Result<void> Emulated::set_flags(std::uint16_t index, std::uint32_t flags) {
  return fib_.set_flags(index, flags);
}
Result<void> Emulated::set_mtu(std::uint16_t index, std::uint32_t mtu) {
  return fib_.set_mtu(index, mtu);
}
Result<void> Emulated::set_link(std::uint16_t index, fib::LinkState state) {
  return fib_.set_link(index, state);
}
Result<void> Emulated::set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr) {
  return fib_.set_lladdr(index, lladdr);
}
Result<void> Emulated::set_metric(std::uint16_t index, std::uint32_t metric) {
  return fib_.set_metric(index, metric);
}
Result<void> Emulated::add_address(std::uint16_t index, const fib::IfAddress& a) {
  return fib_.add_address(index, a);
}
Result<void> Emulated::delete_address(std::uint16_t index, const fib::Addr& a) {
  return fib_.delete_address(index, a);
}
const fib::Interface* Emulated::interface(std::uint16_t index) const {
  return fib_.interface(index);
}
const fib::Interface* Emulated::interface(std::string_view name) const {
  return fib_.interface(name);
}
std::vector<const fib::Interface*> Emulated::interfaces() const { return fib_.interfaces(); }

Result<fib::RouteInfo> Emulated::add(const fib::RouteRequest& r) { return fib_.add(r); }
Result<fib::RouteInfo> Emulated::remove(const fib::RouteRequest& r) { return fib_.remove(r); }
Result<fib::RouteInfo> Emulated::change(const fib::RouteRequest& r) { return fib_.change(r); }
Result<fib::RouteInfo> Emulated::get(const fib::RouteRequest& r) const { return fib_.get(r); }
Result<fib::RouteInfo> Emulated::lock(const fib::RouteRequest& r) { return fib_.lock(r); }
std::optional<fib::RouteInfo> Emulated::lookup(std::uint32_t fib, const fib::Addr& dst) const {
  return fib_.lookup(fib, dst);
}
void Emulated::walk(std::uint32_t fib, fib::Family family, std::uint64_t flag_mask,
                    const std::function<bool(const fib::RouteInfo&)>& fn) const {
  fib_.walk(fib, family, flag_mask, fn);
}

Result<fib::RouteInfo> Emulated::redirect(std::uint32_t fib, const fib::Addr& dst,
                                          const fib::Addr& gateway, const fib::Addr& src) {
  return fib_.redirect(fib, dst, gateway, src);
}
fib::Forward Emulated::forward(std::uint32_t fib, const fib::Addr& dst) {
  return fib_.forward(fib, dst);
}
std::size_t Emulated::expire() { return fib_.expire(); }
std::optional<std::int64_t> Emulated::next_expiry() const { return fib_.next_expiry(); }

Result<void> Emulated::grow(std::uint32_t fibs) {
  fib_.grow(fibs);
  return {};
}
std::uint32_t Emulated::rdomain(std::uint32_t fib) const { return fib_.rdomain(fib); }
Result<void> Emulated::set_rdomain(std::uint32_t fib, std::uint32_t rdomain) {
  return fib_.set_rdomain(fib, rdomain);
}
Result<void> Emulated::set_interface_fib(std::uint16_t index, std::uint32_t fib) {
  return fib_.set_interface_fib(index, fib);
}
Result<void> Emulated::attach_inet6(std::uint16_t index) { return fib_.attach_inet6(index); }
Result<void> Emulated::set_nd6(std::uint16_t index, std::uint32_t flags) {
  return fib_.set_nd6(index, flags);
}
bool Emulated::empty(std::uint32_t fib) const {
  return fib_.size(fib, fib::Family::inet4) + fib_.size(fib, fib::Family::inet6) == 0;
}
fib::Stats Emulated::stats() const { return fib_.stats(); }
Result<fib::NeighborAdd> Emulated::add_neighbor(std::uint16_t index, const fib::Neighbor& n) {
  return fib_.add_neighbor(index, n);
}
Result<fib::Neighbor> Emulated::delete_neighbor(std::uint16_t index, const fib::Addr& a) {
  return fib_.delete_neighbor(index, a);
}

}  // namespace rtsock::backend
