// OpenBSD routing tables and domains: rtable_exists/rtable_add (RTM_ADD to a
// missing table creates it), if_createrdomain (a domain's table and its
// lo<N>) and if_setrdomain. Other kernels have a fixed number of FIBs.
#include <cerrno>
#include <string>

#include "impl.hpp"

namespace rtsock::kernel {

namespace {
constexpr std::uint32_t kRtTableIdMax = 255;  // RT_TABLEID_MAX
}  // namespace

bool Engine::Impl::table_exists(std::uint32_t id) const {
  if (!is(abi::Os::openbsd)) return id < opt.fibs;
  return id < rtables.size() && rtables[id];
}

int Engine::Impl::rtable_add(std::uint32_t id) {
  if (table_exists(id)) return 0;
  if (!is(abi::Os::openbsd) || id > kRtTableIdMax) return EINVAL;
  if (auto r = fib->grow(id + 1); !r) return r.error().code().value();
  if (rtables.size() <= id) rtables.resize(id + 1, false);
  rtables[id] = true;
  (void)fib->set_rdomain(id, 0);  // a new table belongs to domain 0
  return 0;
}

int Engine::Impl::create_rdomain(std::uint32_t rdomain) {
  if (int e = rtable_add(rdomain)) return e;
  if (!fib->empty(rdomain)) return EEXIST;
  const std::string lo = "lo" + std::to_string(rdomain);
  const fib::Interface* loifp = fib->interface(lo);
  if (loifp == nullptr) {
    fib::IfSpec spec;
    spec.name = lo;
    spec.type = fib::ift::loop;
    spec.flags = fib::iff::loopback | fib::iff::multicast;
    spec.mtu = 32768;  // LOMTU
    spec.fib = rdomain;
    if (auto r = fib->attach(spec); !r) return r.error().code().value();
  } else if (loifp->fib != rdomain) {
    if (auto r = fib->set_interface_fib(loifp->index, rdomain); !r) return r.error().code().value();
  }
  (void)fib->set_rdomain(rdomain, rdomain);
  return 0;
}

int Engine::Impl::set_rdomain(const fib::Interface& ifp, std::uint32_t rdomain) {
  if (!is(abi::Os::openbsd)) return EOPNOTSUPP;
  if (rdomain > kRtTableIdMax) return EINVAL;
  if (int e = create_rdomain(rdomain); e != 0 && e != EEXIST) return e;
  const fib::Interface* cur = fib->interface(ifp.index);
  // A domain keeps its own loopback.
  if (rdomain != cur->fib && (cur->flags & fib::iff::loopback) != 0 &&
      cur->name == "lo" + std::to_string(cur->fib))
    return EPERM;
  if (fib->rdomain(rdomain) != rdomain) return EINVAL;  // a table, not a domain
  if (auto r = fib->set_interface_fib(ifp.index, rdomain); !r) return r.error().code().value();
  return 0;
}

}  // namespace rtsock::kernel
