#include "pipectl/version_constraint.h"

#include <algorithm>
#include <charconv>
#include <regex>

namespace pipectl {

bool is_version_constraint(const std::string& text) {
  static const std::regex pattern(
      R"(\s*(=|!=|>|>=|<|<=|~>)?\s*v?[0-9]+(\.[0-9]+){0,2}(-[0-9A-Za-z.]+)?\s*)"
      R"((,\s*(=|!=|>|>=|<|<=|~>)?\s*v?[0-9]+(\.[0-9]+){0,2}(-[0-9A-Za-z.]+)?\s*)*)");
  return std::regex_match(text, pattern);
}

std::array<long, 3> lowest_admitted_version(const std::string& constraint) {
  static const std::regex condition(
      R"(\s*(=|!=|>=|>|<=|<|~>)?\s*v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-[0-9A-Za-z.]+)?\s*)");
  auto number = [](const std::ssub_match& part) {
    long value = 0;
    if (!part.matched) return value;
    std::from_chars(&*part.first, &*part.first + part.length(), value);  // huge: stays 0
    return value;
  };
  std::array<long, 3> lowest = {0, 0, 0};
  std::size_t start = 0;
  while (start <= constraint.size()) {
    std::size_t end = constraint.find(',', start);
    if (end == std::string::npos) end = constraint.size();
    std::string part = constraint.substr(start, end - start);
    std::smatch match;
    if (std::regex_match(part, match, condition)) {
      std::string op = match[1].str();
      if (op != "<" && op != "<=" && op != "!=") {
        lowest = std::max(lowest, {number(match[2]), number(match[3]), number(match[4])});
      }
    }
    start = end + 1;
  }
  return lowest;
}

}  // namespace pipectl
