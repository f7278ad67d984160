// rtsock/result.hpp — the error type and Result<T> used by every layer.
//
// Errors are std::error_code values. Kernel semantics use errno values
// (std::generic_category) because rtm_errno carries them on the wire; the
// codec adds its own category (codec_errc) for malformed bytes. An Error may
// carry the byte offset at which decoding failed.
#pragma once

#include <cstddef>
#include <string>
#include <system_error>
#include <tl/expected.hpp>

namespace rtsock {

enum class codec_errc {
  truncated = 1,         // fewer bytes than a header or the length field says
  bad_length,            // length field smaller than the header it claims
  bad_version,           // rtm_version not the profile's RTM_VERSION
  sockaddr_overrun,      // a sockaddr extends past its message
  sockaddr_missing,      // rtm_addrs names a sockaddr the message does not hold
  bad_header_length,     // OpenBSD rtm_hdrlen / FreeBSD data offset out of range
  slot_out_of_range,     // marshal: address slot beyond the profile's RTAX_MAX
  unsupported_message,   // marshal: the profile has no header for this type
  value_out_of_range,    // marshal: a field value does not fit its wire width
  message_too_long,      // marshal: the message exceeds 65535 bytes
  unknown_profile,       // no ABI profile of that name
};

const std::error_category& codec_category() noexcept;

}  // namespace rtsock

template <>
struct std::is_error_code_enum<rtsock::codec_errc> : std::true_type {};

namespace rtsock {

inline std::error_code make_error_code(codec_errc e) noexcept {
  return {static_cast<int>(e), codec_category()};
}

// An error with an optional byte offset (into the buffer being decoded).
class Error {
 public:
  static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

  Error() = default;
  Error(std::error_code code, std::size_t offset = no_offset) : code_(code), offset_(offset) {}
  Error(codec_errc e, std::size_t offset = no_offset) : code_(make_error_code(e)), offset_(offset) {}
  static Error from_errno(int e) { return Error(std::error_code(e, std::generic_category())); }

  const std::error_code& code() const noexcept { return code_; }
  std::size_t offset() const noexcept { return offset_; }
  bool has_offset() const noexcept { return offset_ != no_offset; }
  std::string message() const { return code_.message(); }

  friend bool operator==(const Error& a, const Error& b) = default;

 private:
  std::error_code code_;
  std::size_t offset_ = no_offset;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(codec_errc e, std::size_t offset = Error::no_offset) {
  return tl::unexpected<Error>(Error(e, offset));
}

}  // namespace rtsock

