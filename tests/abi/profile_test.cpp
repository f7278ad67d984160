// Profile tables: the sizes and offsets the spec pins down (A.2-A.4).
#include <gtest/gtest.h>

#include "rtsock/abi/profile.hpp"

using namespace rtsock::abi;

namespace {

const Profile& P(const char* n) {
  const Profile* p = find_profile(n);
  EXPECT_NE(p, nullptr) << n;
  return *p;
}

std::uint16_t off(const Profile& p, HdrKind k, Field f) {
  const FieldLoc* l = p.layout(k).find(f);
  EXPECT_NE(l, nullptr) << p.name << " " << field_name(f);
  return l ? static_cast<std::uint16_t>(l->off + (l->in_data ? p.layout(k).data_off : 0)) : 0;
}

struct SizeCase {
  const char* profile;
  HdrKind kind;
  std::uint16_t size;
};

class HeaderSize : public ::testing::TestWithParam<SizeCase> {};

TEST_P(HeaderSize, profile_header_size_matches_spec) {
  const auto& c = GetParam();
  EXPECT_EQ(P(c.profile).layout(c.kind).size, c.size) << c.profile << " " << hdr_kind_name(c.kind);
}

INSTANTIATE_TEST_SUITE_P(
    Spec, HeaderSize,
    ::testing::Values(
        SizeCase{"freebsd14-amd64", HdrKind::route, 152}, SizeCase{"freebsd14-i386", HdrKind::route, 92},
        SizeCase{"freebsd14-i386-on-amd64", HdrKind::route, 152},
        SizeCase{"freebsd14-amd64", HdrKind::ifinfo, 168}, SizeCase{"freebsd9-i386", HdrKind::ifinfo, 96},
        SizeCase{"freebsd10-i386", HdrKind::ifinfo, 100}, SizeCase{"freebsd11-i386", HdrKind::ifinfo, 168},
        SizeCase{"freebsd14-amd64", HdrKind::ifinfol, 176}, SizeCase{"freebsd10-i386", HdrKind::ifinfol, 104},
        SizeCase{"freebsd10-i386", HdrKind::ifaddrl, 108}, SizeCase{"freebsd14-amd64", HdrKind::ifaddrl, 176},
        SizeCase{"freebsd14-amd64", HdrKind::ifaddr, 20}, SizeCase{"freebsd14-amd64", HdrKind::ifmaddr, 16},
        SizeCase{"freebsd14-amd64", HdrKind::announce, 24}, SizeCase{"openbsd", HdrKind::route, 96},
        SizeCase{"openbsd", HdrKind::ifinfo, 168}, SizeCase{"openbsd", HdrKind::ifaddr, 24},
        SizeCase{"openbsd", HdrKind::announce, 26}, SizeCase{"netbsd", HdrKind::route, 120},
        SizeCase{"netbsd", HdrKind::ifinfo, 152}, SizeCase{"netbsd", HdrKind::ifaddr, 32},
        SizeCase{"netbsd", HdrKind::ifaddr_old, 24}, SizeCase{"dragonfly", HdrKind::route, 152},
        SizeCase{"dragonfly", HdrKind::ifinfo, 176}, SizeCase{"dragonfly", HdrKind::ifaddr, 24},
        SizeCase{"dragonfly56", HdrKind::ifaddr, 20}, SizeCase{"darwin", HdrKind::route, 92},
        SizeCase{"darwin", HdrKind::route2, 92}, SizeCase{"darwin", HdrKind::ifinfo, 112},
        SizeCase{"darwin", HdrKind::ifinfo2, 160}, SizeCase{"darwin", HdrKind::ifaddr, 20},
        SizeCase{"darwin", HdrKind::ifmaddr, 16}, SizeCase{"darwin", HdrKind::ifmaddr2, 20}));

TEST(ProfileOffsets, rt_msghdr_errno_at_24_not_28) {
  // x/net's D1 defect: rtm_errno read at 28 (rtm_use/rtm_fmask).
  for (const char* n : {"freebsd14-amd64", "darwin", "netbsd", "dragonfly", "hpux"})
    EXPECT_EQ(off(P(n), HdrKind::route, Field::err), 24) << n;
  EXPECT_EQ(off(P("openbsd"), HdrKind::route, Field::err), 32);
  EXPECT_FALSE(P("darwin").layout(HdrKind::route2).has(Field::err));
  EXPECT_FALSE(P("darwin").layout(HdrKind::route2).has(Field::pid));
}

TEST(ProfileOffsets, dragonfly58_interface_headers_moved_index) {
  EXPECT_EQ(off(P("dragonfly"), HdrKind::ifinfo, Field::index), 4);
  EXPECT_EQ(off(P("dragonfly"), HdrKind::ifinfo, Field::addrs), 12);
  EXPECT_EQ(off(P("dragonfly56"), HdrKind::ifinfo, Field::index), 12);
  EXPECT_EQ(off(P("dragonfly56"), HdrKind::ifinfo, Field::addrs), 4);
}

TEST(ProfileOffsets, metric_orders_differ_per_os) {
  EXPECT_EQ(off(P("freebsd14-amd64"), HdrKind::route, Field::rmx_expire), 40 + 24);
  EXPECT_EQ(off(P("freebsd14-i386"), HdrKind::route, Field::rmx_expire), 36 + 12);
  EXPECT_EQ(off(P("netbsd"), HdrKind::route, Field::rmx_expire), 40 + 64);
  EXPECT_EQ(off(P("dragonfly"), HdrKind::route, Field::rmx_hopcount), 40 + 72);
  EXPECT_EQ(off(P("openbsd"), HdrKind::route, Field::rmx_mtu), 40 + 20);
  EXPECT_EQ(off(P("darwin"), HdrKind::route, Field::rmx_pksent), 36 + 36);
}

TEST(ProfileTypes, same_number_different_meaning) {
  EXPECT_EQ(P("freebsd").type_info(0xf).name, "RTM_NEWMADDR");
  EXPECT_EQ(P("openbsd").type_info(0xf).name, "RTM_IFANNOUNCE");
  EXPECT_EQ(P("netbsd").type_info(0x10).name, "RTM_IFANNOUNCE");
  EXPECT_EQ(P("netbsd").type_info(0x16).name, "RTM_NEWADDR");
  EXPECT_EQ(P("netbsd7").type_info(0xc).name, "RTM_NEWADDR");
  EXPECT_EQ(P("openbsd").type_info(0x10).name, "RTM_DESYNC");
  EXPECT_EQ(P("darwin").type_info(0x14).hdr, HdrKind::route2);
  EXPECT_TRUE(P("openbsd").type_info(8).name.empty());  // no RTM_LOCK
}

TEST(ProfileLookup, names_suffixes_and_defaults) {
  EXPECT_EQ(&default_profile(), find_profile("freebsd"));
  const Profile* be = find_profile("freebsd14-amd64-be");
  ASSERT_NE(be, nullptr);
  EXPECT_EQ(be->order, ByteOrder::big);
  EXPECT_EQ(find_profile("freebsd14-amd64-be"), be);  // built once
  EXPECT_EQ(find_profile("hpux")->order, ByteOrder::big);
  EXPECT_EQ(find_profile("hpux-le")->order, ByteOrder::little);
  EXPECT_EQ(find_profile("nosuchos"), nullptr);
  int fb = 0;
  for (const auto& p : profiles()) fb += p.os == Os::freebsd;
  EXPECT_EQ(fb, 9 * 4);
  EXPECT_EQ(P("openbsd").type_number("RTM_DESYNC"), 0x10);
  EXPECT_EQ(P("freebsd").type_number("ADD"), 1);
}

TEST(ProfileConstants, per_os_numbers) {
  EXPECT_EQ(P("darwin").af_inet6, 30);
  EXPECT_EQ(P("openbsd").af_inet6, 24);
  EXPECT_EQ(P("netbsd").af_route, 34);
  EXPECT_EQ(P("darwin").eopnotsupp, 102);
  EXPECT_EQ(P("netbsd").rtm_version, 4);
  EXPECT_EQ(P("dragonfly").rtm_version, 7);
  EXPECT_EQ(P("dragonfly56").rtm_version, 6);
  EXPECT_EQ(P("openbsd").rtax_max, 15);
  EXPECT_EQ(P("freebsd14-i386").sa_align, 4);
  EXPECT_EQ(P("netbsd").sa_align, 8);
  EXPECT_EQ(P("darwin").sa_align, 4);
  EXPECT_EQ(P("freebsd10-amd64").mask_form, MaskForm::compressed);
  EXPECT_EQ(P("freebsd12-amd64").mask_form, MaskForm::full);
}

}  // namespace
