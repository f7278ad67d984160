// Facts about each personality's real headers that rtsock's abi profiles do
// not hold: address families, sysctl names, ioctl encodings, structure sizes.
// Sources are in docs/research/compat-headers.md; the profile-held facts
// (message layouts, RTM/RTF/RTA/RTV/IFF names) come from rtsock::abi.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rtsock::compat_test {

struct Sioc {
  std::string name;
  std::uint32_t value;  // the real header's encoding
  std::string arg;      // the structure (or "int") whose size is encoded
};

struct Facts {
  std::string personality;  // rtsock-cc -p name
  std::string profile;      // rtsock::abi profile it must match
  std::vector<std::pair<std::string, long long>> consts;
  std::vector<std::pair<std::string, std::size_t>> sizes;  // struct name -> sizeof
  std::vector<Sioc> siocs;
  std::vector<std::string> absent;  // names that must not be defined
  // Names in RTM_/RTF_/IFF_/RTA_/RTV_ the header may have beyond the
  // profile's (aliases, masks, flags the codec has no use for).
  std::vector<std::string> extras;
  // Names the profile has (the kernel knows them) but the system's public
  // headers keep private: they must not be defined.
  std::vector<std::string> private_names;
  // sa_len -> bytes taken on the wire, through the header's rounding macro.
  std::string round_macro;
};

const std::vector<Facts>& all_facts();

}  // namespace rtsock::compat_test
