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

// Character classes of AWS and Python names, ASCII only. These checks run for every component
// of a spec, so they are plain loops rather than std::regex (which profiled at a fifth of a
// thousand-pipeline validate).
bool is_ascii_lower_or_digit(char c);
bool is_ascii_alnum(char c);
/// Non-empty and every character `allowed`.
bool consists_of(std::string_view text, bool (*allowed)(char));
/// A Python (ASCII) identifier: a letter or `_`, then letters, digits and `_`.
bool is_identifier(std::string_view text);

}  // namespace pipectl
