// The codec's error category.
#include "rtsock/result.hpp"

namespace rtsock {
namespace {

class CodecCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "rtsock.codec"; }
  std::string message(int c) const override {
    switch (static_cast<codec_errc>(c)) {
      case codec_errc::truncated: return "message truncated";
      case codec_errc::bad_length: return "invalid message length";
      case codec_errc::bad_version: return "routing message version not understood";
      case codec_errc::sockaddr_overrun: return "sockaddr overruns message";
      case codec_errc::sockaddr_missing: return "sockaddr named in rtm_addrs is missing";
      case codec_errc::bad_header_length: return "invalid header length or data offset";
      case codec_errc::slot_out_of_range: return "address slot beyond RTAX_MAX";
      case codec_errc::unsupported_message: return "message type not supported by this ABI";
      case codec_errc::value_out_of_range: return "field value does not fit its width";
      case codec_errc::message_too_long: return "message longer than 65535 bytes";
      case codec_errc::unknown_profile: return "unknown ABI profile";
    }
    return "unknown codec error";
  }
};

}  // namespace

const std::error_category& codec_category() noexcept {
  static const CodecCategory c;
  return c;
}

}  // namespace rtsock
