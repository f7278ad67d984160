// The hand-derived vectors in tests/vectors/<profile>/<case>.hex with their
// expected decoding <case>.json (a subset of `route decode -j` output). Every
// message that parses must also marshal back to its exact bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rtsock/codec/hexin.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/render.hpp"

using namespace rtsock;
using namespace rtsock::codec;
using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// expected ⊆ actual: objects by key, arrays element-wise with equal length.
bool subset(const json& want, const json& got, const std::string& path, std::string& why) {
  if (want.is_object()) {
    if (!got.is_object()) return why = path + ": not an object", false;
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (!got.contains(it.key())) return why = path + "." + it.key() + ": missing", false;
      if (!subset(it.value(), got[it.key()], path + "." + it.key(), why)) return false;
    }
    return true;
  }
  if (want.is_array()) {
    if (!got.is_array() || got.size() != want.size())
      return why = path + ": array size " + std::to_string(got.size()) + " != " + std::to_string(want.size()), false;
    for (std::size_t i = 0; i < want.size(); ++i)
      if (!subset(want[i], got[i], path + "[" + std::to_string(i) + "]", why)) return false;
    return true;
  }
  if (want.is_number() && got.is_number()) {
    if (want.is_number_float() || got.is_number_float()) return want.get<double>() == got.get<double>() || (why = path + ": " + got.dump() + " != " + want.dump(), false);
    // Compare integers across signedness.
    const bool eq = want.is_number_unsigned() || got.is_number_unsigned()
                        ? want.get<std::uint64_t>() == got.get<std::uint64_t>()
                        : want.get<std::int64_t>() == got.get<std::int64_t>();
    return eq || (why = path + ": " + got.dump() + " != " + want.dump(), false);
  }
  return want == got || (why = path + ": " + got.dump() + " != " + want.dump(), false);
}

struct Case {
  std::string profile, name;
  fs::path hex, expect;
};

std::vector<Case> cases() {
  std::vector<Case> v;
  const fs::path root = fs::path(RTSOCK_TEST_DIR) / "vectors";
  if (!fs::exists(root)) return v;
  for (const auto& d : fs::directory_iterator(root)) {
    if (!d.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(d.path()))
      if (f.path().extension() == ".hex") {
        Case c{d.path().filename().string(), f.path().stem().string(), f.path(), f.path()};
        c.expect.replace_extension(".json");
        v.push_back(c);
      }
  }
  std::sort(v.begin(), v.end(), [](const Case& a, const Case& b) { return a.hex < b.hex; });
  return v;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.profile << "/" << c.name; }

class Vectors : public ::testing::TestWithParam<Case> {};

TEST_P(Vectors, decodes_to_expected_values) {
  const Case& c = GetParam();
  const rtsock::abi::Profile* p = rtsock::abi::find_profile(c.profile);
  ASSERT_NE(p, nullptr) << "unknown profile directory " << c.profile;
  auto bytes = parse_hex(slurp(c.hex));
  ASSERT_TRUE(bytes) << c.hex << ": bad hex at " << bytes.error().offset();
  const bool long_if = c.name.find("iflistl") != std::string::npos;
  json got = json::array();
  int errors = 0;
  for (const auto& r : RibView(*bytes, *p, {long_if})) {
    if (!r) {
      ++errors;
      got.push_back(error_json(r.error()));
      continue;
    }
    const Message m = r->to_message();
    got.push_back(message_json(*p, m));
    (void)monitor_text(*p, m);
    auto again = marshal(*p, m);
    ASSERT_TRUE(again) << "re-marshal failed";
    // The encoder writes the standard layout: a FreeBSD *l header whose data
    // offset differs from it decodes to the same values but not the same bytes.
    const auto& lay = r->layout();
    if (lay.data_off_field && r->get(*lay.data_off_field) != lay.data_off) {
      auto v2 = parse_message(*again, *p, {long_if});
      ASSERT_TRUE(v2);
      EXPECT_EQ(v2->to_message(), m);
      continue;
    }
    ASSERT_TRUE(again) << "re-marshal failed at " << r->offset() << ": " << again.error().message();
    EXPECT_TRUE(std::equal(again->begin(), again->end(), r->bytes().begin(), r->bytes().end()))
        << "message at offset " << r->offset() << " does not marshal back to its bytes";
  }
  if (c.name.find("error") != std::string::npos) {
    EXPECT_GT(errors, 0) << "an *error* case decoded cleanly";
  }
  if (fs::exists(c.expect)) {
    const json want = json::parse(slurp(c.expect));
    std::string why;
    EXPECT_TRUE(subset(want, got, "$", why)) << why << "\ngot: " << got.dump(1);
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& tp) {
  std::string n = tp.param.profile + "_" + tp.param.name;
  for (auto& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Hand, Vectors, ::testing::ValuesIn(cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Vectors);

}  // namespace
