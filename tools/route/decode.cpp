// route decode: bytes in, route(8) monitor text or JSON out.
#include "decode.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/hexin.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/render.hpp"

namespace rtsock::tools {
namespace {

constexpr int kUsage = 2;

int usage(std::string_view why) {
  if (!why.empty()) fmt::print(stderr, "route decode: {}\n", why);
  fmt::print(stderr,
             "usage: route decode --abi PROFILE [--hex] [--iflistl] [-j] [FILE|-]\n"
             "       route decode --list-abis\n");
  return kUsage;
}

bool read_all(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return !std::cin.bad();
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return !f.bad();
}

}  // namespace

int route_decode(std::span<char*> args) {
  std::string abi_name, path = "-";
  bool hex = false, json = false, long_if = false, have_path = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--abi" || a == "-a") {
      if (i + 1 >= args.size()) return usage("--abi needs a profile name");
      abi_name = args[++i];
    } else if (a.starts_with("--abi=")) {
      abi_name = a.substr(6);
    } else if (a == "--hex") {
      hex = true;
    } else if (a == "-j" || a == "--json") {
      json = true;
    } else if (a == "--iflistl") {
      long_if = true;
    } else if (a == "--list-abis") {
      for (const auto& p : abi::profiles()) fmt::print("{:<28} {}\n", p.name, p.summary);
      return 0;
    } else if (a == "-h" || a == "--help") {
      usage("");
      return 0;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage(fmt::format("unknown option {}", a));
    } else {
      if (have_path) return usage("more than one input file");
      path = std::string(a);
      have_path = true;
    }
  }
  if (abi_name.empty()) return usage("--abi is required (see --list-abis)");
  const abi::Profile* p = abi::find_profile(abi_name);
  if (p == nullptr)
    return usage(fmt::format("unknown ABI profile '{}' (see --list-abis)", abi_name));

  std::string raw;
  if (!read_all(path, raw)) {
    fmt::print(stderr, "route decode: {}: cannot read\n", path);
    return kUsage;
  }
  std::vector<std::byte> bytes;
  if (hex) {
    auto b = codec::parse_hex(raw);
    if (!b) {
      fmt::print(stderr, "route decode: {}: bad hex at character {}\n", path, b.error().offset());
      return kUsage;
    }
    bytes = std::move(*b);
  } else {
    bytes.resize(raw.size());
    if (!raw.empty()) std::memcpy(bytes.data(), raw.data(), raw.size());
  }

  int status = 0;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  std::string text;
  for (const auto& r : codec::RibView(bytes, *p, {long_if})) {
    if (!r) {
      status = 1;
      if (json) {
        all.push_back(codec::error_json(r.error()));
        continue;
      }
      const std::size_t off = r.error().offset();
      if (r.error().code() == make_error_code(codec_errc::bad_version) && off + 3 < bytes.size())
        text +=
            fmt::format("\ngot message at offset {}\nrouting message version {} not understood\n",
                        off, static_cast<unsigned>(bytes[off + 2]));
      else
        text +=
            fmt::format("\ngot message at offset {}\nroute decode: {}\n", off, r.error().message());
      continue;
    }
    const codec::Message m = r->to_message();
    if (json) {
      all.push_back(codec::message_json(*p, m));
      continue;
    }
    // route(8) monitor starts each block with "\ngot message of size …" on
    // FreeBSD, macOS and DragonFly (HP-UX follows FreeBSD), with no blank line
    // on OpenBSD and NetBSD (docs/research/route-monitor.md §6).
    const bool blank_line = p->os != abi::Os::openbsd && p->os != abi::Os::netbsd;
    text += fmt::format("{}got message of size {} at offset {}\n", blank_line ? "\n" : "",
                        r->length(), r->offset());
    text += codec::monitor_text(*p, m);
  }
  if (json)
    fmt::print("{}\n", all.dump(2));
  else
    fmt::print("{}", text);
  return status;
}

}  // namespace rtsock::tools
