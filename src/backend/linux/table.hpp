// The Linux backend's table (private): requests go to the kernel, and the
// mirror, fed by the kernel's notices, answers every read.
#pragma once

#include <map>
#include <memory>

#include "channel.hpp"
#include "mirror.hpp"
#include "request.hpp"
#include "rtsock/backend/linux.hpp"

namespace rtsock::backend::rtnl {

class LinuxTable final : public Table {
 public:
  LinuxTable(const fib::Config& config, const LinuxOptions& options, std::unique_ptr<Channel> ch);
  // Reads the namespace's links, addresses and routes.
  Result<void> load();

  const fib::Config& config() const override { return cfg_; }
  void set_listener(Listener l) override { listener_ = std::move(l); }
  void set_clock(Clock c) override { clock_ = std::move(c); }

  Result<std::uint16_t> attach(const fib::IfSpec& spec) override;
  Result<void> detach(std::uint16_t index) override;
  Result<void> set_flags(std::uint16_t index, std::uint32_t flags) override;
  Result<void> set_mtu(std::uint16_t index, std::uint32_t mtu) override;
  Result<void> set_link(std::uint16_t index, fib::LinkState state) override;
  Result<void> set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr) override;
  Result<void> set_metric(std::uint16_t index, std::uint32_t metric) override;
  Result<void> add_address(std::uint16_t index, const fib::IfAddress& a) override;
  Result<void> delete_address(std::uint16_t index, const fib::Addr& a) override;
  const fib::Interface* interface(std::uint16_t index) const override { return mirror_.link(index); }
  const fib::Interface* interface(std::string_view name) const override {
    return mirror_.link(name);
  }
  std::vector<const fib::Interface*> interfaces() const override { return mirror_.links(); }

  Result<fib::RouteInfo> add(const fib::RouteRequest& r) override;
  Result<fib::RouteInfo> remove(const fib::RouteRequest& r) override;
  Result<fib::RouteInfo> change(const fib::RouteRequest& r) override;
  Result<fib::RouteInfo> get(const fib::RouteRequest& r) const override;
  Result<fib::RouteInfo> lock(const fib::RouteRequest& r) override;
  std::optional<fib::RouteInfo> lookup(std::uint32_t fib, const fib::Addr& dst) const override;
  void walk(std::uint32_t fib, fib::Family family, std::uint64_t flag_mask,
            const std::function<bool(const fib::RouteInfo&)>& fn) const override;

  Result<fib::RouteInfo> redirect(std::uint32_t fib, const fib::Addr& dst,
                                  const fib::Addr& gateway, const fib::Addr& src) override;
  fib::Forward forward(std::uint32_t fib, const fib::Addr& dst) override;
  std::size_t expire() override;
  std::optional<std::int64_t> next_expiry() const override;

  int event_fd() const override { return ch_->event_fd(); }
  Result<bool> poll() override;

 private:
  std::int64_t now() const { return clock_ ? clock_() : 0; }
  Mirror fresh_mirror() const;
  // Reads the waiting notices into the mirror (resynchronising after a loss
  // or when a link went down), appending the changes.
  Result<void> take_events(std::vector<fib::Change>& out);
  Result<Mirror> dump_all();
  Result<Mirror> dump_routes();
  // Reports changes in the BSD kernels' order.
  void emit(std::vector<fib::Change>& changes);
  // After a link or address request: the kernel's notices of it.
  void settle();
  // A request's own route changes: applied to the mirror, reported with
  // Cause::request; returns the first route it added or changed.
  std::optional<fib::RouteInfo> own(const std::vector<Message>& msgs, fib::Cause cause);

  // Paths of the prefix a request names (per the personality's host rule).
  fib::Prefix prefix_of(const fib::RouteRequest& r) const;
  Result<const Path*> pick(const std::vector<const Path*>& paths, const fib::RouteRequest& r,
                           bool ambiguous_fails) const;
  Result<Nexthop> nexthop_for(const fib::RouteRequest& r, std::optional<fib::Addr>& prefsrc) const;
  Result<void> link_op(std::uint16_t index, LinkSpec spec);

  fib::Config cfg_;
  Renames names_;
  Clock clock_;
  Listener listener_;
  std::unique_ptr<Channel> ch_;
  Mirror mirror_;
  bool lost_ = false;           // notices were lost since the last poll()
  std::optional<Error> fatal_;  // the kernel's socket failed
  std::map<PathKey, std::int64_t> expiries_;  // IPv4 routes with rmx_expire: ours to delete
};

}  // namespace rtsock::backend::rtnl
