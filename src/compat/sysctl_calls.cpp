// sysctl(3), sysctlbyname(3), sysctlnametomib(3). glibc has none of them
// (it dropped sysctl in 2.32), so they are plain definitions. Routing
// dumps ({CTL_NET, PF_ROUTE, ...}) are rtsockd's; a few common names the
// same programs read beside them are answered here; the rest is ENOENT
// (OpenBSD: EOPNOTSUPP), as the kernel says for a name it does not have.
#include "exports.hpp"

#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "runtime.hpp"
#include "side.hpp"
#include "user_mem.hpp"

namespace compat = rtsock::compat;
using rtsock::abi::Os;

namespace {

constexpr int kCtlKern = 1, kCtlNet = 4, kCtlHw = 6;
constexpr int kIpprotoIp = 0, kIpprotoIpv6 = 41;
// FreeBSD numbers names that have none of their own (OID_AUTO) from 0x100.
constexpr int kAuto = 0x100;

using Value = std::variant<std::string, std::int32_t, std::int64_t, std::vector<std::byte>>;

struct Name {
  const char* text;
  std::vector<int> mib;
  enum Kind { fixed, fibs, my_fib, hostname, domainname, boottime, ncpu, physmem, writable_int,
              dad_count, ip_dad_count } kind;
  Value value{};
  int int_size = 4;  // physmem: 4 or 8 bytes
};

std::optional<compat::side::Hello> daemon_hello() {
  compat::side::Hello h;
  if (compat::side::hello(h) != 0) return std::nullopt;
  return h;
}

std::string release(const rtsock::abi::Profile& p) {
  switch (p.os) {
    case Os::freebsd: return std::to_string(p.os_version) + ".0-RELEASE";
    case Os::darwin: return "23.0.0";
    case Os::openbsd: return "7.4";
    case Os::netbsd: return p.os_version >= 8 ? "10.0" : "7.2";
    case Os::dragonfly: return "6.4-RELEASE";
    case Os::hpux: return "B.11.31";
  }
  return "";
}

std::string ostype(const rtsock::abi::Profile& p) {
  switch (p.os) {
    case Os::freebsd: return "FreeBSD";
    case Os::darwin: return "Darwin";
    case Os::openbsd: return "OpenBSD";
    case Os::netbsd: return "NetBSD";
    case Os::dragonfly: return "DragonFly";
    case Os::hpux: return "HP-UX";
  }
  return "";
}

// The names this process answers, for its personality.
const std::vector<Name>& names() {
  static const std::vector<Name> all = [] {
    const auto& p = compat::profile();
    const Os os = p.os;
    const bool fbsd = os == Os::freebsd, dfly = os == Os::dragonfly, darwin = os == Os::darwin;
    const bool obsd = os == Os::openbsd, nbsd = os == Os::netbsd;
    const std::string machine = darwin ? "x86_64" : "amd64";
    std::vector<Name> v = {
        {"kern.ostype", {kCtlKern, 1}, Name::fixed, ostype(p)},
        {"kern.osrelease", {kCtlKern, 2}, Name::fixed, release(p)},
        {"kern.osrevision", {kCtlKern, 3}, Name::fixed,
         std::int32_t{obsd ? 202310 : nbsd ? 1000000000 : 199506}},
        {"kern.version", {kCtlKern, 4}, Name::fixed,
         ostype(p) + " " + release(p) + " (rtsock emulation)\n"},
        {"kern.hostname", {kCtlKern, 10}, Name::hostname},
        {"kern.boottime", {kCtlKern, 21}, Name::boottime},
        {"kern.domainname", {kCtlKern, 22}, Name::domainname},
        {"hw.machine", {kCtlHw, 1}, Name::fixed, machine},
        {"hw.model", {kCtlHw, 2}, Name::fixed, std::string("rtsock virtual machine")},
        {"hw.ncpu", {kCtlHw, 3}, Name::ncpu},
        {"hw.byteorder", {kCtlHw, 4}, Name::fixed, std::int32_t{1234}},
        {"hw.physmem", {kCtlHw, 5}, Name::physmem, {}, fbsd || dfly ? 8 : 4},
        {"hw.pagesize", {kCtlHw, 7}, Name::fixed, std::int32_t{4096}},
        {"net.inet.ip.forwarding", {kCtlNet, p.af_inet, kIpprotoIp, 1}, Name::writable_int, std::int32_t{0}},
        {"net.inet.ip.ttl", {kCtlNet, p.af_inet, kIpprotoIp, 3}, Name::fixed, std::int32_t{64}},
        {"net.inet6.ip6.forwarding", {kCtlNet, p.af_inet6, kIpprotoIpv6, 1}, Name::writable_int,
         std::int32_t{0}},
        {"net.inet6.ip6.hlim", {kCtlNet, p.af_inet6, kIpprotoIpv6, 3}, Name::fixed, std::int32_t{64}},
        {"net.inet6.ip6.accept_rtadv", {kCtlNet, p.af_inet6, kIpprotoIpv6, 12}, Name::writable_int,
         std::int32_t{0}},
        {"net.inet6.ip6.dad_count", {kCtlNet, p.af_inet6, kIpprotoIpv6, 16}, Name::dad_count},
    };
    if (!obsd)
      v.push_back({"net.inet6.ip6.use_tempaddr", {kCtlNet, p.af_inet6, kIpprotoIpv6, 32},
                   Name::writable_int, std::int32_t{0}});
    if (fbsd || dfly) {
      v.push_back({"kern.osreldate", {kCtlKern, 24}, Name::fixed, std::int32_t{fbsd ? 1400097 : 600400}});
      v.push_back({"hw.machine_arch", {kCtlHw, 11}, Name::fixed, machine});
      v.push_back({"kern.ipc.maxsockbuf", {kCtlKern, 30, 1}, Name::fixed, std::int64_t{2097152}});
      v.push_back({"kern.ipc.somaxconn", {kCtlKern, 30, 3}, Name::fixed, std::int32_t{128}});
    }
    if (fbsd) {
      v.push_back({"net.fibs", {kCtlNet, kAuto + 0x70}, Name::fibs});
      v.push_back({"net.my_fibnum", {kCtlNet, kAuto + 0x71}, Name::my_fib});
      v.push_back({"net.add_addr_allfibs", {kCtlNet, kAuto + 0x72}, Name::fixed, std::int32_t{0}});
    }
    if (nbsd) {
      v.push_back({"hw.machine_arch", {kCtlHw, 10}, Name::fixed, machine});
      v.push_back({"net.inet.ip.dad_count", {kCtlNet, p.af_inet, kIpprotoIp, 25}, Name::ip_dad_count});
      v.push_back({"hw.physmem64", {kCtlHw, 13}, Name::physmem, {}, 8});
    }
    if (obsd) {
      v.push_back({"hw.physmem64", {kCtlHw, 19}, Name::physmem, {}, 8});
      v.push_back({"kern.osversion", {kCtlKern, 27}, Name::fixed, std::string("GENERIC.MP#1")});
    }
    if (darwin) {
      v.push_back({"hw.memsize", {kCtlHw, 24}, Name::physmem, {}, 8});
      v.push_back({"hw.logicalcpu", {kCtlHw, kAuto + 0x40}, Name::ncpu});
      v.push_back({"hw.physicalcpu", {kCtlHw, kAuto + 0x41}, Name::ncpu});
      v.push_back({"kern.osproductversion", {kCtlKern, kAuto + 0x40}, Name::fixed, std::string("14.0")});
    }
    return v;
  }();
  return all;
}

// Values written to writable names, for this process.
std::mutex g_written_m;
std::map<std::string, std::int32_t> g_written;

const Name* lookup(const std::vector<int>& mib) {
  for (const Name& n : names())
    if (n.mib == mib) return &n;
  return nullptr;
}

const Name* lookup(std::string_view text) {
  for (const Name& n : names())
    if (text == n.text) return &n;
  return nullptr;
}

int not_found() { return compat::profile().os == Os::openbsd ? EOPNOTSUPP : ENOENT; }

std::vector<std::byte> as_bytes(const Value& v, int int_size) {
  std::vector<std::byte> out;
  auto put = [&](const void* p, std::size_t n) {
    const auto* b = static_cast<const std::byte*>(p);
    out.assign(b, b + n);
  };
  if (const auto* s = std::get_if<std::string>(&v)) {
    put(s->c_str(), s->size() + 1);
  } else if (const auto* i = std::get_if<std::int32_t>(&v)) {
    put(i, sizeof *i);
  } else if (const auto* l = std::get_if<std::int64_t>(&v)) {
    if (int_size == 4) {
      const auto small = static_cast<std::int32_t>(std::min<std::int64_t>(*l, INT32_MAX));
      put(&small, sizeof small);
    } else {
      put(l, sizeof *l);
    }
  } else {
    out = std::get<std::vector<std::byte>>(v);
  }
  return out;
}

std::optional<std::vector<std::byte>> value_of(const Name& n) {
  switch (n.kind) {
    case Name::fixed:
      return as_bytes(n.value, n.int_size);
    case Name::writable_int: {
      std::lock_guard lock(g_written_m);
      auto it = g_written.find(n.text);
      return as_bytes(it != g_written.end() ? Value{it->second} : n.value, 4);
    }
    case Name::fibs: {
      const auto h = daemon_hello();
      return as_bytes(std::int32_t(h ? static_cast<std::int32_t>(h->fibs) : 1), 4);
    }
    case Name::dad_count:
    case Name::ip_dad_count: {
      const auto h = daemon_hello();
      const std::uint32_t v = !h ? (n.kind == Name::dad_count ? 1 : 3)
                              : n.kind == Name::dad_count ? h->dad_count : h->ip_dad_count;
      return as_bytes(std::int32_t(static_cast<std::int32_t>(v)), 4);
    }
    case Name::my_fib:
      return as_bytes(std::int32_t(static_cast<std::int32_t>(compat::side::process_fib())), 4);
    case Name::hostname:
    case Name::domainname: {
      char buf[256] = {};
      if (n.kind == Name::hostname) ::gethostname(buf, sizeof buf - 1);
      else if (::getdomainname(buf, sizeof buf - 1) != 0 || std::strcmp(buf, "(none)") == 0) buf[0] = '\0';
      return as_bytes(std::string(buf), 4);
    }
    case Name::boottime: {
      timespec up{}, now{};
      ::clock_gettime(CLOCK_BOOTTIME, &up);
      ::clock_gettime(CLOCK_REALTIME, &now);
      const std::int64_t tv[2] = {now.tv_sec - up.tv_sec, 0};  // struct timeval
      return as_bytes(std::vector<std::byte>(reinterpret_cast<const std::byte*>(tv),
                                             reinterpret_cast<const std::byte*>(tv) + sizeof tv), 4);
    }
    case Name::ncpu:
      return as_bytes(std::int32_t(static_cast<std::int32_t>(::sysconf(_SC_NPROCESSORS_ONLN))), 4);
    case Name::physmem:
      return as_bytes(std::int64_t(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE), n.int_size);
  }
  return std::nullopt;
}

// Hands `data` to the caller as sysctl(3) does: sizing with a NULL buffer,
// and ENOMEM (after copying what fits) for a short one. `whole` gives the
// boundaries of the dump's messages where the kernel copies only whole
// messages (OpenBSD, NetBSD, macOS).
int copy_result(const std::vector<std::byte>& data, void* oldp, size_t* oldlenp, bool dump) {
  size_t avail = 0;
  if (oldlenp != nullptr && !compat::copy_in(&avail, oldlenp, sizeof avail)) return EFAULT;
  const Os os = compat::profile().os;
  if (oldp == nullptr) {
    // The BSDs but FreeBSD and DragonFly leave room for a table that grows.
    size_t need = data.size();
    if (dump && os != Os::freebsd && os != Os::dragonfly) need = need * 11 / 10;
    if (oldlenp != nullptr && !compat::copy_out(oldlenp, &need, sizeof need)) return EFAULT;
    return 0;
  }
  size_t n = std::min(avail, data.size());
  if (dump && n < data.size() && os != Os::freebsd && os != Os::dragonfly) {
    // Whole messages only: rtm_msglen (u16, host order) at each start.
    size_t at = 0;
    while (at + 2 <= data.size()) {
      std::uint16_t len = 0;
      std::memcpy(&len, data.data() + at, 2);
      if (len == 0 || at + len > n) break;
      at += len;
    }
    n = at;
  }
  if (n > 0 && !compat::copy_out(oldp, data.data(), n)) return EFAULT;
  if (oldlenp != nullptr && !compat::copy_out(oldlenp, &n, sizeof n)) return EFAULT;
  return n < data.size() ? ENOMEM : 0;
}

int route_dump(const std::vector<int>& mib, void* oldp, size_t* oldlenp, const void* newp) {
  if (newp != nullptr) return EPERM;
  if (oldp == nullptr) {
    // The sizing call asks for the size alone: at once, not a whole dump.
    compat::side::Answer a;
    if (int e = compat::side::request(rtsock::proto::Op::sysctl, {{"mib", mib}, {"size_only", true}}, a);
        e != 0)
      return e;
    if (a.os_error != 0) return compat::host_errno(a.os_error);
    const auto j = a.json();
    const auto it = j.find("size");
    if (it == j.end() || !it->is_number_unsigned()) return EIO;
    size_t need = it->get<size_t>();
    // The BSDs but FreeBSD and DragonFly leave room for a table that grows.
    const Os os = compat::profile().os;
    if (os != Os::freebsd && os != Os::dragonfly) need = need * 11 / 10;
    if (oldlenp != nullptr && !compat::copy_out(oldlenp, &need, sizeof need)) return EFAULT;
    return 0;
  }
  compat::side::Answer a;
  if (int e = compat::side::request(rtsock::proto::Op::sysctl, {{"mib", mib}}, a); e != 0) return e;
  if (a.os_error != 0) return compat::host_errno(a.os_error);
  return copy_result(a.payload, oldp, oldlenp, true);
}

int write_value(const Name& n, const void* newp, size_t newlen) {
  if (n.kind != Name::writable_int) return EPERM;
  const auto h = daemon_hello();
  if (!h || !h->privileged) return EPERM;
  std::int32_t v = 0;
  if (newlen != sizeof v) return EINVAL;
  if (!compat::copy_in(&v, newp, sizeof v)) return EFAULT;
  std::lock_guard lock(g_written_m);
  g_written[n.text] = v;
  return 0;
}

int do_sysctl(const std::vector<int>& mib, void* oldp, size_t* oldlenp, const void* newp, size_t newlen) {
  const auto& p = compat::profile();
  if (mib.size() >= 2 && mib[0] == kCtlNet && mib[1] == p.af_route)
    return route_dump(mib, oldp, oldlenp, newp);
  if (mib.size() == 2 && mib[0] == 0 && mib[1] == 3 && p.os != Os::openbsd) {
    // sysctl.name2oid: the name in newp, its numbers out.
    std::string text(newlen, '\0');
    if (newp == nullptr || !compat::copy_in(text.data(), newp, newlen)) return EFAULT;
    text.resize(strnlen(text.c_str(), text.size()));
    const Name* n = lookup(text);
    if (n == nullptr) return ENOENT;
    std::vector<std::byte> out(n->mib.size() * sizeof(int));
    std::memcpy(out.data(), n->mib.data(), out.size());
    return copy_result(out, oldp, oldlenp, false);
  }
  const Name* n = lookup(mib);
  if (n == nullptr) return not_found();
  if (oldp != nullptr || oldlenp != nullptr) {
    auto v = value_of(*n);
    if (!v) return not_found();
    if (int e = copy_result(*v, oldp, oldlenp, false); e != 0) return e;
  }
  if (newp != nullptr) return write_value(*n, newp, newlen);
  return 0;
}

int result(int e) {
  if (e == 0) return 0;
  errno = e;
  return -1;
}

int max_name() { return compat::profile().os == Os::openbsd ? 12 : 24; }

}  // namespace

RTSOCK_EXPORT int sysctl(const int* name, unsigned int namelen, void* oldp, size_t* oldlenp,
                         const void* newp, size_t newlen) {
  compat::init();
  const compat::Internal internal;
  if (namelen < 2 || namelen > static_cast<unsigned>(max_name())) return result(EINVAL);
  std::vector<int> mib(namelen);
  if (name == nullptr || !compat::copy_in(mib.data(), name, namelen * sizeof(int))) return result(EFAULT);
  return result(do_sysctl(mib, oldp, oldlenp, newp, newlen));
}

RTSOCK_EXPORT int sysctlnametomib(const char* text, int* mibp, size_t* sizep) {
  compat::init();
  const compat::Internal internal;
  if (text == nullptr || sizep == nullptr) return result(EFAULT);
  std::string_view t(text);
  std::vector<int> mib;
  if (t == "net.route") {
    mib = {kCtlNet, compat::profile().af_route};
  } else if (const Name* n = lookup(t)) {
    mib = n->mib;
  } else {
    return result(ENOENT);
  }
  size_t room = 0;
  if (!compat::copy_in(&room, sizep, sizeof room)) return result(EFAULT);
  if (room < mib.size()) return result(ENOMEM);
  if (!compat::copy_out(mibp, mib.data(), mib.size() * sizeof(int))) return result(EFAULT);
  size_t n = mib.size();
  compat::copy_out(sizep, &n, sizeof n);
  return 0;
}

RTSOCK_EXPORT int sysctlbyname(const char* text, void* oldp, size_t* oldlenp, const void* newp, size_t newlen) {
  compat::init();
  const compat::Internal internal;
  if (text == nullptr) return result(EFAULT);
  const Name* n = lookup(std::string_view(text));
  if (n == nullptr) return result(ENOENT);
  return result(do_sysctl(n->mib, oldp, oldlenp, newp, newlen));
}
