// Reading rtsockd's JSON payloads without exceptions: every lookup checks
// the type first, so a daemon's (or an impostor's) odd reply becomes an
// error value, never a throw.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "rtsock/result.hpp"

namespace rtsock::client::json_fields {

// A payload as a JSON object (an empty payload is {}); EPROTO otherwise.
inline Result<nlohmann::json> parse_object(std::span<const std::byte> payload) {
  if (payload.empty()) return nlohmann::json::object();
  const auto* text = reinterpret_cast<const char*>(payload.data());
  auto j = nlohmann::json::parse(text, text + payload.size(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return tl::unexpected(Error::from_errno(EPROTO));
  return j;
}

// Text of a request; invalid UTF-8 in a caller's strings is replaced rather
// than thrown about.
inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline std::optional<std::int64_t> integer(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(v);
  }
  if (it->is_number_integer()) return it->get<std::int64_t>();
  return std::nullopt;
}

// An integer that fits T, else nullopt.
template <class T>
std::optional<T> integer_as(const nlohmann::json& obj, const char* key) {
  auto v = integer(obj, key);
  if (!v || *v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
      (*v > 0 &&
       static_cast<std::uint64_t>(*v) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
    return std::nullopt;
  return static_cast<T>(*v);
}

inline std::optional<std::string> string(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

inline std::optional<bool> boolean(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

}  // namespace rtsock::client::json_fields
