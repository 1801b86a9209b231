#include "views/diagnostic_text.h"

#include <algorithm>

namespace pipectl::views {

std::string message_text(const Diagnostic& d) {
  std::string text = d.summary;
  if (!d.detail.empty()) text += "\n" + d.detail;
  if (!d.suggestion.empty()) text += "\nDid you mean \"" + d.suggestion + "\"?";
  return text;
}

int character_count(std::string_view text) {
  int count = 0;
  for (unsigned char byte : text) count += (byte >> 6) != 0x2;
  return count;
}

namespace {

/// Byte offset of character `index` (0-based) of a line.
std::size_t offset_of(std::string_view line, int index) {
  int seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) >> 6) == 0x2) continue;
    if (seen++ == index) return i;
  }
  return line.size();
}

}  // namespace

SnippetLine visible_part(std::string_view line, int column) {
  constexpr int kWidth = 120;  // characters shown of a long line
  constexpr int kBefore = 40;  // of which before the subject
  int length = character_count(line);
  if (length <= kWidth) return {std::string(line), column};
  int first = std::clamp(column - 1 - kBefore, 0, std::max(0, length - kWidth));
  int last = std::min(length, first + kWidth);
  std::size_t begin = offset_of(line, first), end = offset_of(line, last);
  SnippetLine result{std::string(line.substr(begin, end - begin)), column - first};
  if (first > 0) {
    result.text = "…" + result.text;
    ++result.column;
  }
  if (last < length) result.text += "…";
  return result;
}

std::string printable(std::string_view text) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      bool control = (byte < 0x20 && byte != '\t') || byte == 0x7F;
      if (control) result += kReplacement;
      else result += static_cast<char>(byte);
      ++i;
      continue;
    }
    std::size_t length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
    bool whole = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; whole && k < length; ++k) {
      whole = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    }
    bool c1 = whole && length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (!whole || c1) {
      result += kReplacement;
      i += whole ? length : 1;
      continue;
    }
    result.append(text.substr(i, length));
    i += length;
  }
  return result;
}

}  // namespace pipectl::views
