#include "pipectl/text.h"

#include <algorithm>
#include <cctype>

namespace pipectl {

std::string word_list(const std::vector<std::string>& items, std::string_view conjunction) {
  std::string result;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) result += (i + 1 == items.size()) ? " " + std::string(conjunction) + " " : ", ";
    result += items[i];
  }
  return result;
}

std::string shell_word(const std::string& word) {
  auto safe = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_./:=@%+,-").find(c) != std::string_view::npos;
  };
  if (!word.empty() && std::all_of(word.begin(), word.end(), safe)) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string quoted_list(const std::vector<std::string>& items, std::string_view conjunction) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const std::string& item : items) quoted.push_back("\"" + item + "\"");
  return word_list(quoted, conjunction);
}

std::string ascii_upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

bool is_ascii_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_ascii_alnum(char c) { return is_ascii_lower_or_digit(c) || (c >= 'A' && c <= 'Z'); }

bool consists_of(std::string_view text, bool (*allowed)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), allowed);
}

bool is_identifier(std::string_view text) {
  auto word = [](char c) { return is_ascii_alnum(c) || c == '_'; };
  return consists_of(text, word) && !(text.front() >= '0' && text.front() <= '9');
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += separator;
    joined += items[i];
  }
  return joined;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? text.size() - start : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace pipectl
