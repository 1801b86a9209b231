#pragma once
/// Small text helpers for messages and AWS values.

#include <string>
#include <string_view>
#include <vector>

namespace pipectl {

/// "a, b and c" in the given order.
std::string word_list(const std::vector<std::string>& items, std::string_view conjunction = "and");
/// "\"a\", \"b\" and \"c\"" in the given order.
std::string quoted_list(const std::vector<std::string>& items, std::string_view conjunction = "and");
/// `word` as a POSIX shell reads it back: as it is when it holds only safe characters, else in
/// single quotes. For commands pipectl prints for people to copy.
std::string shell_word(const std::string& word);
/// The items with `separator` between them.
std::string join(const std::vector<std::string>& items, std::string_view separator);
/// The parts of `text` between `separator`s ("3.13" → {"3", "13"}; "" → {}).
std::vector<std::string> split(std::string_view text, char separator);
/// The text with ASCII letters in upper case.
std::string ascii_upper(std::string_view text);

}  // namespace pipectl
