// rtsock/codec/marshal.hpp — encoding messages for a profile.
//
// The encoder writes what the kernel of that profile writes: every header
// field at its offset and width, sockaddrs rounded to the profile's unit (the
// last one unpadded where Darwin's rt_msg1 does so), netmasks compressed or
// full as that OS version keeps them. Slots beyond the profile's RTAX_MAX are
// refused, never written. parse(marshal(m)) == m for every kind and profile.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/result.hpp"

namespace rtsock::codec {

struct MarshalOptions {
  // A sysctl dump entry: padded to the profile's sysctl alignment, and (Darwin)
  // every sockaddr padded.
  bool sysctl = false;
};

// Appends the encoded message to `out`; returns its length.
Result<std::size_t> marshal(const abi::Profile& p, const Message& m, std::vector<std::byte>& out,
                            MarshalOptions opt = {});
Result<std::vector<std::byte>> marshal(const abi::Profile& p, const Message& m,
                                       MarshalOptions opt = {});

}  // namespace rtsock::codec
