// Buffer walking and per-message validation (two passes, after OpenBSD's
// rtm_xaddrs: first the header and the sockaddr boundaries are checked against
// rtm_msglen, then fields and sockaddrs are decoded on demand).
#include "rtsock/codec/parse.hpp"

#include <algorithm>
#include <cstring>

#include "wire.hpp"

namespace rtsock::codec {

using abi::Field;
using abi::HdrKind;

namespace {

// The smallest header a profile has: below it not even the common prefix of
// the message can be trusted.
constexpr std::size_t kPrefix = 4;

std::uint16_t read16(const abi::Profile& p, const std::byte* b) {
  return static_cast<std::uint16_t>(wire::load(b, 2, p.order));
}

}  // namespace

std::int64_t MessageView::get(Field f) const {
  const abi::FieldLoc* l = layout().find(f);
  if (l == nullptr) return 0;
  const std::size_t off = l->in_data ? data_base_ + l->off : l->off;
  return wire::load_field(base_ + off, l->size, l->is_signed, p_->order);
}

std::span<const std::byte> MessageView::sockaddr_bytes(int slot) const {
  if (!has_addr(slot)) return {};
  const auto i = static_cast<std::size_t>(slot);
  return {base_ + sa_off_[i], sa_len_[i]};
}

SaKind MessageView::mask_context() const {
  for (int slot : {abi::kDst, abi::kIfa}) {
    auto b = sockaddr_bytes(slot);
    if (b.size() < 2) continue;
    const auto fam = static_cast<std::uint8_t>(b[1]);
    if (fam == p_->af_inet) return SaKind::inet4;
    if (fam == p_->af_inet6) return SaKind::inet6;
  }
  // A mask that names its own family speaks for itself; otherwise IPv4, as
  // every kernel-form consumer assumes.
  auto m = sockaddr_bytes(abi::kNetmask);
  if (m.size() >= 2 && static_cast<std::uint8_t>(m[1]) == p_->af_inet6) return SaKind::inet6;
  return SaKind::inet4;
}

Sockaddr MessageView::addr(int slot) const {
  if (!has_addr(slot)) return {};
  const bool mask = p_->mask_slot(slot);
  return decode_sockaddr(*p_, sockaddr_bytes(slot), mask, mask ? mask_context() : SaKind::empty);
}

std::string_view MessageView::announce_name() const {
  const abi::Layout& l = layout();
  if (l.name_len == 0) return {};
  const char* s = reinterpret_cast<const char*>(base_ + l.name_off);
  return {s, strnlen(s, l.name_len)};
}

std::span<const std::byte> MessageView::header_extra() const {
  const std::size_t fixed = layout().size;
  if (kind_ == HdrKind::none || sa_start_ <= fixed) return {};
  return {base_ + fixed, sa_start_ - fixed};
}

Message MessageView::to_message() const {
  Message m;
  m.kind = kind_;
  m.type = type();
  if (kind_ == HdrKind::none) {
    m.set(Field::msglen, len_);
    m.set(Field::version, version());
    m.set(Field::type, type());
    auto b = bytes().subspan(kPrefix);
    m.body.assign(reinterpret_cast<const std::uint8_t*>(b.data()),
                  reinterpret_cast<const std::uint8_t*>(b.data()) + b.size());
    return m;
  }
  for (const auto& l : layout().fields) m.f[abi::idx(l.field)] = get(l.field);
  m.name = std::string(announce_name());
  for (int s = 0; s < abi::kMaxSlots; ++s)
    if (has_addr(s)) m.set_addr(s, addr(s));
  auto to_vec = [](std::span<const std::byte> b) {
    return std::vector<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(b.data()),
                                     reinterpret_cast<const std::uint8_t*>(b.data()) + b.size());
  };
  m.hdr_extra = to_vec(header_extra());
  m.tail = to_vec(tail());
  // Record the padding of the last sockaddr only where it differs from the
  // kernel's own rule, so that parse(marshal(m)) == m.
  if (present_ != 0) {
    const bool rule_unpadded = kernel_unpadded(*p_, type(), false);
    int last = 31 - __builtin_clz(present_);
    const std::size_t l = sa_len_[static_cast<std::size_t>(last)];
    const bool ambiguous = sa_roundup(*p_, l) == l && l != 0;
    if (!ambiguous && last_unpadded_ != rule_unpadded)
      m.last_pad = last_unpadded_ ? LastPad::unpadded : LastPad::padded;
  }
  return m;
}

Result<MessageView> parse_message(std::span<const std::byte> buf, const abi::Profile& p,
                                  ParseOptions opt, std::size_t offset) {
  if (buf.size() < kPrefix) return fail(codec_errc::truncated, offset);
  const std::uint16_t len = read16(p, buf.data());
  if (len < kPrefix) return fail(codec_errc::bad_length, offset);
  if (len > buf.size()) return fail(codec_errc::truncated, offset);

  MessageView v;
  v.p_ = &p;
  v.base_ = buf.data();
  v.offset_ = offset;
  v.len_ = len;
  if (v.version() != p.rtm_version) return fail(codec_errc::bad_version, offset);
  v.kind_ = p.header_of(v.type(), opt.long_if);
  if (v.kind_ == HdrKind::none) {
    v.sa_start_ = v.tail_off_ = len;
    return v;
  }
  const abi::Layout& l = p.layout(v.kind_);
  if (len < l.size) return fail(codec_errc::bad_length, offset);

  v.sa_start_ = l.size;
  if (l.hdrlen_field) {
    std::size_t h = static_cast<std::size_t>(v.get(*l.hdrlen_field));
    if (h == 0) h = l.size;  // OpenBSD: a zero rtm_hdrlen means sizeof(rt_msghdr)
    if (h < l.size || h > len) return fail(codec_errc::bad_header_length, offset);
    v.sa_start_ = static_cast<std::uint16_t>(h);
  }
  v.data_base_ = l.data_off;
  if (l.data_off_field) {
    const std::size_t d = static_cast<std::size_t>(v.get(*l.data_off_field));
    // if_data must lie wholly inside the header that says where it is.
    if (d < kPrefix || d + l.data_size > v.sa_start_)
      return fail(codec_errc::bad_header_length, offset);
    v.data_base_ = static_cast<std::uint16_t>(d);
  }

  // Second pass: sockaddr boundaries.
  const auto addrs = static_cast<std::uint32_t>(v.get(Field::addrs));
  const int nslots = std::min<int>(p.rtax_max, abi::kMaxSlots);
  std::size_t cp = v.sa_start_;
  for (int i = 0; i < nslots; ++i) {
    if (!((addrs >> i) & 1u)) continue;
    const auto si = static_cast<std::size_t>(i);
    if (cp >= len) {
      // Darwin's rt_msg1 ends the message right where a zero-length last
      // sockaddr would start.
      if (cp == len && p.last_sa_unpadded) {
        v.present_ |= 1u << i;
        v.sa_off_[si] = static_cast<std::uint16_t>(cp);
        v.sa_len_[si] = 0;
        v.last_unpadded_ = true;
        continue;
      }
      return fail(codec_errc::sockaddr_missing, offset);
    }
    const std::uint8_t salen = static_cast<std::uint8_t>(buf[cp]);
    if (cp + salen > len) return fail(codec_errc::sockaddr_overrun, offset);
    std::size_t step = sa_roundup(p, salen);
    v.last_unpadded_ = false;
    if (cp + step > len) {  // the last sockaddr, unpadded
      step = len - cp;
      v.last_unpadded_ = true;
    }
    v.present_ |= 1u << i;
    v.sa_off_[si] = static_cast<std::uint16_t>(cp);
    v.sa_len_[si] = salen;
    cp += step;
  }
  v.tail_off_ = static_cast<std::uint16_t>(cp);
  return v;
}

void RibView::iterator::step() {
  if (v_ == nullptr || pos_ >= v_->buf_.size()) {
    done_ = true;
    return;
  }
  done_ = false;
  const auto& buf = v_->buf_;
  const std::size_t at = pos_;
  auto rest = buf.subspan(at);
  cur_ = parse_message(rest, *v_->p_, v_->opt_, at);
  if (rest.size() < kPrefix) {
    pos_ = buf.size();
    return;
  }
  const std::uint16_t len = read16(*v_->p_, rest.data());
  if (len < kPrefix || len > rest.size()) {
    pos_ = buf.size();  // the length cannot be trusted: stop after this error
    return;
  }
  pos_ = at + len;
}

}  // namespace rtsock::codec
