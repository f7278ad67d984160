// The compat headers against rtsock's abi profiles: every message layout,
// type number, flag bit and address slot a personality's headers declare is
// compiled (with rtsock-cc, as a user would) into a small probe program whose
// output is compared with abi::find_profile(...). Facts the profiles do not
// hold (families, sysctl names, SIOC* encodings, request sizes) come from
// header_facts.cpp.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "header_facts.hpp"
#include "rtsock/abi/profile.hpp"

using namespace rtsock::abi;
using rtsock::compat_test::Facts;

namespace rtsock::compat_test {
void PrintTo(const Facts& f, std::ostream* os) { *os << f.personality; }
}  // namespace rtsock::compat_test

namespace {

namespace fs = std::filesystem;

const char* const kHeaders[] = {
    "sys/types.h", "sys/param.h",  "sys/socket.h",    "sys/sysctl.h",       "sys/ioctl.h",
    "sys/sockio.h", "net/if.h",    "net/if_dl.h",     "net/if_types.h",     "net/if_media.h",
    "net/route.h", "netinet/in.h", "netinet/in_var.h", "netinet6/in6_var.h", "netinet6/nd6.h",
    "ifaddrs.h",   "stdio.h",      "stddef.h"};

std::string struct_name(HdrKind k) {
  switch (k) {
    case HdrKind::route: return "rt_msghdr";
    case HdrKind::route2: return "rt_msghdr2";
    case HdrKind::ifinfo: return "if_msghdr";
    case HdrKind::ifinfol: return "if_msghdrl";
    case HdrKind::ifinfo2: return "if_msghdr2";
    case HdrKind::ifaddr: return "ifa_msghdr";
    case HdrKind::ifaddrl: return "ifa_msghdrl";
    case HdrKind::ifmaddr: return "ifma_msghdr";
    case HdrKind::ifmaddr2: return "ifma_msghdr2";
    case HdrKind::announce: return "if_announcemsghdr";
    default: return "";  // ifaddr_old: kernel compatibility only, no userland struct
  }
}

std::string prefix(HdrKind k) {
  switch (k) {
    case HdrKind::route:
    case HdrKind::route2: return "rtm_";
    case HdrKind::ifinfo:
    case HdrKind::ifinfol:
    case HdrKind::ifinfo2: return "ifm_";
    case HdrKind::ifaddr:
    case HdrKind::ifaddrl: return "ifam_";
    case HdrKind::ifmaddr:
    case HdrKind::ifmaddr2: return "ifmam_";
    case HdrKind::announce: return "ifan_";
    default: return "";
  }
}

// The C member (designator for offsetof) a profile field is declared as.
std::string member(HdrKind k, const FieldLoc& l) {
  const std::string p = prefix(k);
  const std::string n(field_name(l.field));
  if (l.in_data) {
    std::string d = p + "data.";
    if (l.field == Field::ifi_lastchange_sec) return d + "ifi_lastchange.tv_sec";
    if (l.field == Field::ifi_lastchange_usec) return d + "ifi_lastchange.tv_usec";
    if (l.field == Field::ifi_lastchange_nsec) return d + "ifi_lastchange.tv_nsec";
    return d + n;
  }
  if (is_metric(l.field)) return p + "rmx." + n;
  switch (l.field) {
    case Field::err: return p + "errno";
    case Field::hdrlen:
      return (k == HdrKind::ifinfol || k == HdrKind::ifaddrl) ? p + "len" : p + "hdrlen";
    case Field::refcnt: return k == HdrKind::ifmaddr2 ? p + "refcount" : p + "refcnt";
    default: return p + n;
  }
}

// Every name of a kind that any profile knows, to find ones a header defines
// but its own profile lacks.
std::set<std::string> union_names(std::string_view pfx, const BitNames Profile::*bits) {
  std::set<std::string> s;
  for (const auto& p : profiles())
    for (auto n : p.*bits)
      if (!n.empty()) s.insert(std::string(pfx) + std::string(n));
  return s;
}

std::set<std::string> union_types() {
  std::set<std::string> s;
  for (const auto& p : profiles())
    for (const auto& t : p.types)
      if (!t.name.empty()) s.insert(std::string(t.name));
  return s;
}

struct Probe {
  std::map<std::string, long long> consts;
  std::map<std::string, std::size_t> sizes;
  std::map<std::string, std::pair<std::size_t, std::size_t>> fields;  // struct.member
  std::map<int, long long> rounded;                                    // sa_len -> bytes
  std::string error;
};

std::string run(const std::string& cmd) {
  std::string out;
  FILE* f = popen((cmd + " 2>&1").c_str(), "r");
  if (!f) return "popen failed";
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  int st = pclose(f);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) return "FAILED: " + cmd + "\n" + out;
  return out;
}

class HeaderAbi : public ::testing::TestWithParam<Facts> {
 protected:
  void SetUp() override {
    profile_ = find_profile(GetParam().profile);
    ASSERT_NE(profile_, nullptr) << GetParam().profile;
    // One probe per personality, shared by its tests.
    static std::map<std::string, Probe> cache;
    auto it = cache.find(GetParam().personality);
    if (it == cache.end()) it = cache.emplace(GetParam().personality, compile_and_run()).first;
    probe_ = it->second;
    ASSERT_TRUE(probe_.error.empty()) << probe_.error;
  }

  std::string source() const {
    const Facts& f = GetParam();
    const Profile& p = *profile_;
    std::ostringstream s;
    for (const char* h : kHeaders) s << "#include <" << h << ">\n";
    s << "#define C(n) printf(\"C %s %lld\\n\", #n, (long long)(n));\n"
         "#define S(t) printf(\"S %s %zu\\n\", #t, sizeof(struct t));\n"
         "#define O(t, m) printf(\"O %s.%s %zu %zu\\n\", #t, #m, offsetof(struct t, m), "
         "sizeof(((struct t *)0)->m));\n"
         "int main(void) {\n";
    std::set<std::string> names;
    for (const auto& [n, v] : f.consts) names.insert(n);
    for (const auto& sc : f.siocs) names.insert(sc.name);
    for (const auto& n : f.absent) names.insert(n);
    for (const auto& n : f.extras) names.insert(n);
    for (const auto& n : f.private_names) names.insert(n);
    for (const auto& n : union_types()) names.insert(n);
    for (const auto& n : union_names("RTF_", &Profile::rtf)) names.insert(n);
    for (const auto& n : union_names("IFF_", &Profile::iff)) names.insert(n);
    for (const auto& n : union_names("RTA_", &Profile::rta)) names.insert(n);
    for (const auto& n : union_names("RTAX_", &Profile::rta)) names.insert(n);
    for (const auto& n : union_names("RTV_", &Profile::rtv)) names.insert(n);
    for (const char* n : {"RTM_VERSION", "RTAX_MAX", "AF_INET", "AF_INET6", "AF_LINK", "AF_ROUTE",
                          "PF_INET", "PF_INET6", "PF_LINK", "PF_ROUTE"})
      names.insert(n);
    for (const auto& n : names) {
      // Function-like macros: only whether they exist.
      const bool fn = n == "SA_SIZE" || n == "RT_ROUNDUP" || n == "RT_ROUNDUP2";
      s << "#ifdef " << n << "\n";
      if (fn)
        s << "printf(\"C %s 1\\n\", \"" << n << "\");\n";
      else
        s << "C(" << n << ")\n";
      s << "#endif\n";
    }
    for (const char* n : {"SA_SIZE", "RT_ROUNDUP"})
      s << "#ifdef " << n << "\nprintf(\"C %s 1\\n\", \"" << n << "\");\n#endif\n";
    for (const auto& [n, sz] : f.sizes) s << "S(" << n << ")\n";
    for (const auto& sc : f.siocs)
      if (sc.arg != "int") s << "S(" << sc.arg << ")\n";
    s << "S(sockaddr_dl)\n";
    for (std::size_t k = 0; k < kHdrKinds; ++k) {
      const Layout& l = p.layouts[k];
      const std::string sn = struct_name(l.kind);
      if (!l.present() || sn.empty()) continue;
      s << "S(" << sn << ")\n";
      for (const auto& fl : l.fields) s << "O(" << sn << ", " << member(l.kind, fl) << ")\n";
      if (l.name_len) s << "O(" << sn << ", " << prefix(l.kind) << "name)\n";
      if (l.data_size) s << "O(" << sn << ", " << prefix(l.kind) << "data)\n";
    }
    if (!f.round_macro.empty()) {
      // FreeBSD's SA_SIZE takes a sockaddr, NetBSD's RT_ROUNDUP a length.
      const std::string arg = f.round_macro == "SA_SIZE" ? "(struct sockaddr *)&ss" : "ss.ss_len";
      s << "{ struct sockaddr_storage ss; int n;\n"
           "  for (n = 0; n <= 40; n++) { ss.ss_len = (unsigned char)n; printf(\"R %d %lld\\n\", n, "
           "(long long)"
        << f.round_macro << "(" << arg << ")); } }\n";
    }
    s << "return 0; }\n";
    return s.str();
  }

  Probe compile_and_run() const {
    Probe r;
    char tmpl[] = "/tmp/rtsock-hdrabi-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) {
      r.error = "mkdtemp failed";
      return r;
    }
    const fs::path d(dir);
    std::ofstream(d / "probe.c") << source();
    // Compile as a user would; link with the plain compiler (the probe calls
    // nothing of librtsock-compat's).
    std::string out = run(std::string(RTSOCK_CC_PATH) + " -p " + GetParam().personality +
                          " -Wall -Wextra -Werror -c " + (d / "probe.c").string() + " -o " +
                          (d / "probe.o").string());
    if (out.rfind("FAILED", 0) == 0) r.error = out;
    if (r.error.empty()) {
      out = run("cc " + (d / "probe.o").string() + " -o " + (d / "probe").string());
      if (out.rfind("FAILED", 0) == 0) r.error = out;
    }
    std::string text;
    if (r.error.empty()) {
      text = run((d / "probe").string());
      if (text.rfind("FAILED", 0) == 0) r.error = text;
    }
    if (std::getenv("RTSOCK_KEEP_PROBE") == nullptr) fs::remove_all(d);
    std::istringstream in(text);
    for (std::string kind; in >> kind;) {
      std::string name;
      if (kind == "C") {
        long long v;
        in >> name >> v;
        r.consts[name] = v;
      } else if (kind == "S") {
        std::size_t v;
        in >> name >> v;
        r.sizes[name] = v;
      } else if (kind == "O") {
        std::size_t o, z;
        in >> name >> o >> z;
        r.fields[name] = {o, z};
      } else if (kind == "R") {
        int n;
        long long v;
        in >> n >> v;
        r.rounded[n] = v;
      }
    }
    return r;
  }

  bool has(const std::string& n) const { return probe_.consts.count(n) != 0; }
  bool is_private(const std::string& n) const {
    const auto& v = GetParam().private_names;
    return std::find(v.begin(), v.end(), n) != v.end();
  }
  long long val(const std::string& n) const { return probe_.consts.at(n); }

  // Every named bit of the profile is defined with its value; every name of
  // that kind the header defines is the profile's, or a documented extra.
  void check_bits(std::string_view pfx, const BitNames Profile::*bits) {
    const BitNames& b = profile_->*bits;
    std::set<std::string> mine;
    for (int i = 0; i < 32; ++i) {
      if (b[static_cast<std::size_t>(i)].empty()) continue;
      const std::string n = std::string(pfx) + std::string(b[static_cast<std::size_t>(i)]);
      mine.insert(n);
      if (is_private(n)) {
        EXPECT_FALSE(has(n)) << n << " is private on the real system";
        continue;
      }
      ASSERT_TRUE(has(n)) << n << " missing";
      EXPECT_EQ(static_cast<unsigned long long>(val(n)), 1ull << i) << n;
    }
    const std::vector<std::string>& ex = GetParam().extras;
    const std::set<std::string> known = union_names(pfx, bits);
    for (const auto& [n, v] : probe_.consts) {
      if (n.rfind(pfx, 0) != 0 || mine.count(n) || !known.count(n)) continue;
      EXPECT_NE(std::find(ex.begin(), ex.end(), n), ex.end())
          << n << " is defined but " << profile_->name << " has no such bit";
    }
  }

  const Profile* profile_ = nullptr;
  Probe probe_;
};

TEST_P(HeaderAbi, message_types_and_version) {
  const Profile& p = *profile_;
  EXPECT_EQ(val("RTM_VERSION"), p.rtm_version);
  std::set<std::string> mine;
  for (std::size_t t = 0; t < p.types.size(); ++t) {
    const std::string n(p.types[t].name);
    if (n.empty()) continue;
    mine.insert(n);
    if (is_private(n)) {
      EXPECT_FALSE(has(n)) << n << " is private on the real system";
      continue;
    }
    ASSERT_TRUE(has(n)) << n << " missing";
    EXPECT_EQ(val(n), static_cast<long long>(t)) << n;
  }
  for (const auto& n : union_types())
    if (has(n) && !mine.count(n)) ADD_FAILURE() << n << " is defined but " << p.name << " has no such type";
}

TEST_P(HeaderAbi, route_flags) { check_bits("RTF_", &Profile::rtf); }
TEST_P(HeaderAbi, interface_flags) { check_bits("IFF_", &Profile::iff); }
TEST_P(HeaderAbi, metric_bits) { check_bits("RTV_", &Profile::rtv); }

TEST_P(HeaderAbi, address_bits_and_slots) {
  check_bits("RTA_", &Profile::rta);
  const BitNames& b = profile_->rta;
  for (int i = 0; i < 32; ++i) {
    if (b[static_cast<std::size_t>(i)].empty()) continue;
    const std::string n = "RTAX_" + std::string(b[static_cast<std::size_t>(i)]);
    ASSERT_TRUE(has(n)) << n;
    EXPECT_EQ(val(n), i) << n;
  }
  EXPECT_EQ(val("RTAX_MAX"), profile_->rtax_max);
}

TEST_P(HeaderAbi, address_families) {
  const Profile& p = *profile_;
  EXPECT_EQ(val("AF_INET"), p.af_inet);
  EXPECT_EQ(val("AF_INET6"), p.af_inet6);
  EXPECT_EQ(val("AF_LINK"), p.af_link);
  EXPECT_EQ(val("AF_ROUTE"), p.af_route);
  EXPECT_EQ(val("PF_ROUTE"), p.af_route);
  EXPECT_EQ(val("PF_INET6"), p.af_inet6);
}

TEST_P(HeaderAbi, message_layouts) {
  const Profile& p = *profile_;
  int checked = 0;
  for (std::size_t k = 0; k < kHdrKinds; ++k) {
    const Layout& l = p.layouts[k];
    const std::string sn = struct_name(l.kind);
    if (!l.present() || sn.empty()) continue;
    ++checked;
    EXPECT_EQ(probe_.sizes.at(sn), l.size) << "sizeof(struct " << sn << ")";
    for (const auto& fl : l.fields) {
      const std::string key = sn + "." + member(l.kind, fl);
      ASSERT_TRUE(probe_.fields.count(key)) << key;
      const auto [off, size] = probe_.fields.at(key);
      EXPECT_EQ(off, fl.off + (fl.in_data ? l.data_off : 0u)) << key;
      EXPECT_EQ(size, fl.size) << key;
    }
    if (l.name_len) {
      const auto [off, size] = probe_.fields.at(sn + "." + prefix(l.kind) + "name");
      EXPECT_EQ(off, l.name_off) << sn;
      EXPECT_EQ(size, l.name_len) << sn;
    }
    if (l.data_size) {
      const auto [off, size] = probe_.fields.at(sn + "." + prefix(l.kind) + "data");
      EXPECT_EQ(off, l.data_off) << sn;
      EXPECT_EQ(size, l.data_size) << sn;
    }
  }
  EXPECT_GE(checked, 4) << "too few layouts checked";
  EXPECT_EQ(probe_.sizes.at("sockaddr_dl"), p.sdl_size);
}

TEST_P(HeaderAbi, sockaddr_rounding_matches_the_wire) {
  if (GetParam().round_macro.empty()) {
    // Programs test for the macros and round by hand when they are absent.
    EXPECT_FALSE(has("SA_SIZE")) << GetParam().personality;
    EXPECT_FALSE(has("RT_ROUNDUP")) << GetParam().personality;
    EXPECT_TRUE(probe_.rounded.empty());
    return;
  }
  const long long a = profile_->sa_align;
  ASSERT_EQ(probe_.rounded.size(), 41u);
  for (const auto& [len, got] : probe_.rounded) {
    const long long want = len == 0 ? a : ((len + a - 1) / a) * a;
    EXPECT_EQ(got, want) << GetParam().round_macro << " of sa_len " << len;
  }
}

TEST_P(HeaderAbi, facts_constants) {
  for (const auto& [n, v] : GetParam().consts) {
    ASSERT_TRUE(has(n)) << n << " missing";
    EXPECT_EQ(val(n), v) << n;
  }
}

TEST_P(HeaderAbi, names_the_system_lacks_are_absent) {
  for (const auto& n : GetParam().absent) EXPECT_FALSE(has(n)) << n << " must not be defined";
}

TEST_P(HeaderAbi, request_structure_sizes) {
  for (const auto& [n, z] : GetParam().sizes) {
    ASSERT_TRUE(probe_.sizes.count(n)) << n;
    EXPECT_EQ(probe_.sizes.at(n), z) << "sizeof(struct " << n << ")";
  }
}

// Each SIOC* has the real header's value, and the size it encodes is the
// size of the structure our header declares.
TEST_P(HeaderAbi, ioctl_numbers_encode_our_structure_sizes) {
  for (const auto& sc : GetParam().siocs) {
    ASSERT_TRUE(has(sc.name)) << sc.name << " missing";
    EXPECT_EQ(static_cast<unsigned long long>(val(sc.name)), sc.value)
        << sc.name << std::hex << " = 0x" << val(sc.name);
    const std::size_t encoded = (static_cast<unsigned long long>(val(sc.name)) >> 16) & 0x1fff;
    const std::size_t size = sc.arg == "int" ? sizeof(int) : probe_.sizes.at(sc.arg);
    EXPECT_EQ(encoded, size) << sc.name << " encodes " << encoded << ", sizeof(struct " << sc.arg
                             << ") is " << size;
  }
}

INSTANTIATE_TEST_SUITE_P(Personalities, HeaderAbi,
                         ::testing::ValuesIn(rtsock::compat_test::all_facts()),
                         [](const auto& tpi) { return tpi.param.personality; });

}  // namespace
