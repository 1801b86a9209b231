#include "pipectl/text_diff.h"

#include <algorithm>
#include <vector>

namespace pipectl {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

bool is_binary(std::string_view text) { return text.find('\0') != std::string_view::npos; }

void append_side(std::string& out, char sign, const std::vector<std::string_view>& lines,
                 std::size_t begin, std::size_t end, std::size_t max_lines) {
  std::size_t shown = std::min(end - begin, max_lines);
  for (std::size_t i = begin; i < begin + shown; ++i) {
    out += sign;
    out += lines[i];
    out += '\n';
  }
  if (end - begin > shown) {
    out += sign + std::string(" … ") + std::to_string(end - begin - shown) + " more line" +
           (end - begin - shown == 1 ? "" : "s") + "\n";
  }
}

}  // namespace

std::string first_difference(std::string_view before, std::string_view after,
                             std::size_t max_lines) {
  if (before == after) return {};
  if (is_binary(before) || is_binary(after)) {
    return "binary content differs (" + std::to_string(before.size()) + " → " +
           std::to_string(after.size()) + " bytes)\n";
  }
  auto old_lines = split_lines(before);
  auto new_lines = split_lines(after);
  // The changed region: everything between the common beginning and the common end.
  std::size_t prefix = 0;
  while (prefix < old_lines.size() && prefix < new_lines.size() &&
         old_lines[prefix] == new_lines[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < old_lines.size() - prefix && suffix < new_lines.size() - prefix &&
         old_lines[old_lines.size() - 1 - suffix] == new_lines[new_lines.size() - 1 - suffix]) {
    ++suffix;
  }
  if (prefix == old_lines.size() && prefix == new_lines.size()) {
    return "only the final newline differs\n";
  }
  const std::size_t context = 2;
  std::size_t context_begin = prefix > context ? prefix - context : 0;
  std::string out = "@@ line " + std::to_string(prefix + 1) + " @@\n";
  for (std::size_t i = context_begin; i < prefix; ++i) {
    out += ' ';
    out += old_lines[i];
    out += '\n';
  }
  append_side(out, '-', old_lines, prefix, old_lines.size() - suffix, max_lines);
  append_side(out, '+', new_lines, prefix, new_lines.size() - suffix, max_lines);
  std::size_t context_end = std::min(old_lines.size() - suffix + context, old_lines.size());
  for (std::size_t i = old_lines.size() - suffix; i < context_end; ++i) {
    out += ' ';
    out += old_lines[i];
    out += '\n';
  }
  return out;
}

std::string colorize_diff(std::string_view diff) {
  std::string out;
  for (std::string_view line : split_lines(diff)) {
    const char* color = nullptr;
    if (line.starts_with("---") || line.starts_with("+++") || line.starts_with("@@")) {
      color = "\033[1;36m";
    } else if (line.starts_with('-')) {
      color = "\033[31m";
    } else if (line.starts_with('+')) {
      color = "\033[32m";
    }
    if (color != nullptr) out += color;
    out += line;
    if (color != nullptr) out += "\033[0m";
    out += '\n';
  }
  return out;
}

}  // namespace pipectl
