#include "pipectl/tags.h"

#include <cctype>

namespace pipectl {
namespace {

std::size_t characters(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char byte : text) count += (byte >> 6) != 0x2;
  return count;
}

/// ASCII characters AWS rejects in tags (letters, digits, spaces and _ . : / = + - @ are fine;
/// non-ASCII letters are too).
std::optional<char> forbidden_character(const std::string& text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || std::isalnum(byte) || c == ' ') continue;
    if (std::string_view("_.:/=+-@").find(c) == std::string_view::npos) return c;
  }
  return std::nullopt;
}

}  // namespace

void check_tags(const OptionValues& values, const std::string& key, Diagnostics& diagnostics) {
  const SpecNode* map = values.value_node(key);
  if (map == nullptr) return;
  const std::string detail =
      "AWS tag keys have 1–128 characters and must not start with \"aws:\"; values have at most "
      "256. Both may use letters, digits, spaces and _ . : / = + - @.";
  for (const SpecEntry& entry : map->entries) {
    std::string lower = entry.key.substr(0, 4);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (entry.key.empty() || characters(entry.key) > 128) {
      diagnostics.error(DiagCode::InvalidValue, entry.key_range,
                        "Tag key \"" + entry.key + "\" is not 1–128 characters long", detail);
    } else if (lower == "aws:") {
      diagnostics.error(DiagCode::InvalidValue, entry.key_range,
                        "Tag key \"" + entry.key + "\" uses the reserved prefix \"aws:\"", detail);
    } else if (auto c = forbidden_character(entry.key)) {
      diagnostics.error(DiagCode::InvalidValue, entry.key_range,
                        "Tag key \"" + entry.key + "\" contains \"" + *c + "\"", detail);
    }
    if (characters(entry.value.text) > 256) {
      diagnostics.error(DiagCode::InvalidValue, entry.value.range,
                        "Value of tag \"" + entry.key + "\" is longer than 256 characters", detail);
    } else if (auto c = forbidden_character(entry.value.text)) {
      diagnostics.error(DiagCode::InvalidValue, entry.value.range,
                        "Value of tag \"" + entry.key + "\" contains \"" + *c + "\"", detail);
    }
  }
}

}  // namespace pipectl
