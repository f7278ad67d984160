// rtsock/backend/emulated.hpp — the emulated kernel as the engine's table:
// a fib::Fib, every operation passed through unchanged. The default table
// of kernel::Engine.
#pragma once

#include "rtsock/backend/table.hpp"

namespace rtsock::backend {

class Emulated final : public Table {
 public:
  explicit Emulated(const fib::Config& config) : fib_(config) {}

  fib::Fib& fib() { return fib_; }
  const fib::Fib& fib() const { return fib_; }

  const fib::Config& config() const override;
  void set_listener(Listener l) override;
  void set_clock(Clock c) override;

  Result<std::uint16_t> attach(const fib::IfSpec& spec) override;
  Result<void> detach(std::uint16_t index) override;
  Result<void> set_flags(std::uint16_t index, std::uint32_t flags) override;
  Result<void> set_mtu(std::uint16_t index, std::uint32_t mtu) override;
  Result<void> set_link(std::uint16_t index, fib::LinkState state) override;
  Result<void> set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr) override;
  Result<void> set_metric(std::uint16_t index, std::uint32_t metric) override;
  Result<void> add_address(std::uint16_t index, const fib::IfAddress& a) override;
  Result<void> delete_address(std::uint16_t index, const fib::Addr& a) override;
  const fib::Interface* interface(std::uint16_t index) const override;
  const fib::Interface* interface(std::string_view name) const override;
  std::vector<const fib::Interface*> interfaces() const override;

  Result<fib::RouteInfo> add(const fib::RouteRequest& r) override;
  Result<fib::RouteInfo> remove(const fib::RouteRequest& r) override;
  Result<fib::RouteInfo> change(const fib::RouteRequest& r) override;
  Result<fib::RouteInfo> get(const fib::RouteRequest& r) const override;
  Result<fib::RouteInfo> lock(const fib::RouteRequest& r) override;
  std::optional<fib::RouteInfo> lookup(std::uint32_t fib, const fib::Addr& dst) const override;
  void walk(std::uint32_t fib, fib::Family family, std::uint64_t flag_mask,
            const std::function<bool(const fib::RouteInfo&)>& fn) const override;
  std::vector<fib::NexthopInfo> nexthops(std::uint32_t fib, fib::Family family) const override {
    return fib_.nexthops(fib, family);
  }
  std::vector<fib::NexthopGroupInfo> nexthop_groups(std::uint32_t fib,
                                                    fib::Family family) const override {
    return fib_.nexthop_groups(fib, family);
  }
  std::size_t routes(std::uint32_t fib, fib::Family family) const override {
    return fib_.size(fib, family);
  }

  Result<fib::RouteInfo> redirect(std::uint32_t fib, const fib::Addr& dst,
                                  const fib::Addr& gateway, const fib::Addr& src) override;
  fib::Forward forward(std::uint32_t fib, const fib::Addr& dst) override;
  std::size_t expire() override;
  std::optional<std::int64_t> next_expiry() const override;

  Result<void> grow(std::uint32_t fibs) override;
  std::uint32_t rdomain(std::uint32_t fib) const override;
  Result<void> set_rdomain(std::uint32_t fib, std::uint32_t rdomain) override;
  Result<void> set_interface_fib(std::uint16_t index, std::uint32_t fib) override;
  Result<void> attach_inet6(std::uint16_t index) override;
  Result<void> set_nd6(std::uint16_t index, std::uint32_t flags) override;
  bool empty(std::uint32_t fib) const override;
  fib::Stats stats() const override;
  Result<fib::NeighborAdd> add_neighbor(std::uint16_t index, const fib::Neighbor& n) override;
  Result<fib::Neighbor> delete_neighbor(std::uint16_t index, const fib::Addr& a) override;

 private:
  fib::Fib fib_;
};

}  // namespace rtsock::backend
