// rtsock/codec/parse.hpp — zero-copy decoding of routing-message buffers.
//
// A RibView walks a buffer (one socket read, or a whole sysctl dump) and
// yields one Result<MessageView> per message. A malformed message yields an
// Error carrying its byte offset and the walk goes on with the next message
// whenever rtm_msglen allows; a message of another RTM_VERSION is reported the
// same way. Only a length field that cannot be trusted (shorter than 4 bytes
// or running past the buffer) ends the walk. Nothing here allocates, reads out
// of bounds, aborts or loops: every step advances by at least 4 bytes.
//
//   for (auto r : rtsock::codec::RibView(buf, profile)) {
//     if (!r) { report(r.error()); continue; }
//     auto dst = r->addr(rtsock::abi::kDst);
//   }
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/result.hpp"

namespace rtsock::codec {

struct ParseOptions {
  // NET_RT_IFLISTL: FreeBSD RTM_IFINFO/RTM_NEWADDR carry if_msghdrl/ifa_msghdrl.
  bool long_if = false;
};

// One validated message inside a buffer. Cheap to copy; it points into the
// buffer, which must outlive it. Accessors decode on demand.
class MessageView {
 public:
  const abi::Profile& profile() const { return *p_; }
  std::span<const std::byte> bytes() const { return {base_, len_}; }
  std::size_t offset() const { return offset_; }  // in the buffer
  std::uint16_t length() const { return len_; }
  std::uint8_t version() const { return static_cast<std::uint8_t>(base_[2]); }
  std::uint8_t type() const { return static_cast<std::uint8_t>(base_[3]); }
  abi::HdrKind kind() const { return kind_; }
  const abi::Layout& layout() const { return p_->layout(kind_); }

  bool has(abi::Field f) const { return layout().has(f); }
  std::int64_t get(abi::Field f) const;  // 0 when the header has no such field

  std::uint32_t present() const { return present_; }  // slots holding a sockaddr
  bool has_addr(int slot) const { return (present_ >> slot) & 1u; }
  std::span<const std::byte> sockaddr_bytes(int slot) const;
  Sockaddr addr(int slot) const;  // decoded; empty Sockaddr when absent
  SaKind mask_context() const;    // the family that interprets netmasks

  std::string_view announce_name() const;  // NUL-trimmed ifan_name
  std::span<const std::byte> header_extra() const;
  std::span<const std::byte> tail() const { return {base_ + tail_off_, static_cast<std::size_t>(len_ - tail_off_)}; }
  bool last_unpadded() const { return last_unpadded_; }

  Message to_message() const;

 private:
  friend Result<MessageView> parse_message(std::span<const std::byte>, const abi::Profile&,
                                           ParseOptions, std::size_t);
  const abi::Profile* p_ = nullptr;
  const std::byte* base_ = nullptr;
  std::size_t offset_ = 0;
  std::uint16_t len_ = 0;
  abi::HdrKind kind_ = abi::HdrKind::none;
  std::uint16_t sa_start_ = 0;   // where sockaddrs begin
  std::uint16_t data_base_ = 0;  // where if_data begins
  std::uint16_t tail_off_ = 0;
  bool last_unpadded_ = false;
  std::uint32_t present_ = 0;
  std::array<std::uint16_t, abi::kMaxSlots> sa_off_{};
  std::array<std::uint8_t, abi::kMaxSlots> sa_len_{};  // bytes of the sockaddr in the message
};

// Validates the message at the start of `buf` (which may hold more bytes than
// rtm_msglen). `offset` is the message's offset in the caller's buffer, used
// in errors.
Result<MessageView> parse_message(std::span<const std::byte> buf, const abi::Profile& p,
                                  ParseOptions opt = {}, std::size_t offset = 0);

class RibView {
 public:
  RibView(std::span<const std::byte> buf, const abi::Profile& p, ParseOptions opt = {})
      : buf_(buf), p_(&p), opt_(opt) {}

  class iterator {
   public:
    using value_type = Result<MessageView>;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    const value_type& operator*() const { return cur_; }
    const value_type* operator->() const { return &cur_; }
    iterator& operator++() {
      step();
      return *this;
    }
    void operator++(int) { step(); }
    bool operator==(const iterator& o) const { return done_ == o.done_ && (done_ || pos_ == o.pos_); }

   private:
    friend class RibView;
    iterator(const RibView* v) : v_(v), cur_(MessageView{}) { step(); }
    void step();
    const RibView* v_ = nullptr;
    std::size_t pos_ = 0;   // where the next message starts
    bool done_ = true;
    value_type cur_{MessageView{}};
  };

  iterator begin() const { return iterator(this); }
  iterator end() const { return iterator(); }

 private:
  std::span<const std::byte> buf_;
  const abi::Profile* p_;
  ParseOptions opt_;
};

}  // namespace rtsock::codec
