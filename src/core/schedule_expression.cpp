#include "pipectl/schedule_expression.h"

#include "pipectl/text.h"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace pipectl {
namespace {

struct CronField {
  const char* name;
  int low;
  int high;
  std::vector<std::string> names;  // names for low, low+1, ... (months, weekdays)
  bool allows_question = false;
  bool is_day_of_month = false;
  bool is_day_of_week = false;
};

const std::array<CronField, 6>& cron_fields() {
  static const std::array<CronField, 6> fields = {{
      {"minutes", 0, 59, {}},
      {"hours", 0, 23, {}},
      {"day-of-month", 1, 31, {}, true, true, false},
      {"month", 1, 12, {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
      {"day-of-week", 1, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}, true, false, true},
      {"year", 1970, 2199, {}},
  }};
  return fields;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<int> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}


/// A single value of a field: a number in range or one of the field's names.
std::optional<std::string> value_problem(const CronField& field, std::string_view text) {
  if (auto number = parse_number(text)) {
    if (*number < field.low || *number > field.high) {
      return "value " + std::string(text) + " is outside " + std::to_string(field.low) + "–" +
             std::to_string(field.high);
    }
    return std::nullopt;
  }
  std::string name = ascii_upper(text);
  for (const std::string& known : field.names) {
    if (name == known) return std::nullopt;
  }
  return "\"" + std::string(text) + "\" is not a number" +
         (field.names.empty() ? "" : " or a name such as " + field.names.front());
}

std::optional<std::string> item_problem(const CronField& field, const std::string& item) {
  if (item == "*") return std::nullopt;
  if (item == "?") {
    if (field.allows_question) return std::nullopt;
    return "\"?\" is allowed only in day-of-month and day-of-week";
  }
  if (field.is_day_of_month) {
    if (item == "L" || item == "LW") return std::nullopt;
    if (item.size() > 1 && item.back() == 'W') return value_problem(field, item.substr(0, item.size() - 1));
  }
  if (field.is_day_of_week) {
    if (item == "L") return std::nullopt;
    if (item.size() > 1 && item.back() == 'L') return value_problem(field, item.substr(0, item.size() - 1));
    if (auto hash = item.find('#'); hash != std::string::npos) {
      if (auto problem = value_problem(field, item.substr(0, hash))) return problem;
      auto nth = parse_number(std::string_view(item).substr(hash + 1));
      if (!nth || *nth < 1 || *nth > 5) return "the week number after \"#\" must be 1–5";
      return std::nullopt;
    }
  }
  std::string_view range = item;
  if (auto slash = item.find('/'); slash != std::string::npos) {
    auto step = parse_number(std::string_view(item).substr(slash + 1));
    if (!step || *step < 1) return "the increment after \"/\" in \"" + item + "\" must be a positive number";
    range = std::string_view(item).substr(0, slash);
    if (range == "*") return std::nullopt;
  }
  if (auto dash = range.find('-'); dash != std::string_view::npos) {
    if (auto problem = value_problem(field, range.substr(0, dash))) return problem;
    return value_problem(field, range.substr(dash + 1));
  }
  return value_problem(field, range);
}

std::optional<std::string> cron_problem(std::string_view body) {
  std::vector<std::string> parts;
  for (std::string& part : split(body, ' ')) {
    if (!part.empty()) parts.push_back(std::move(part));
  }
  if (parts.size() != 6) {
    return "the expression has " + std::to_string(parts.size()) +
           " fields; cron(...) needs 6 (minutes hours day-of-month month day-of-week year), e.g. "
           "cron(0 12 * * ? *)";
  }
  const auto& fields = cron_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    for (const std::string& item : split(parts[i], ',')) {
      if (item.empty()) return std::string("empty item in the ") + fields[i].name + " field";
      if (item == "?" && parts[i] != "?") {
        return std::string("\"?\" must stand alone in the ") + fields[i].name + " field";
      }
      if (auto problem = item_problem(fields[i], item)) {
        return std::string("in the ") + fields[i].name + " field, " + *problem;
      }
    }
  }
  bool dom_any = parts[2] == "?";
  bool dow_any = parts[4] == "?";
  if (dom_any == dow_any) {
    return "exactly one of day-of-month and day-of-week must be \"?\" (e.g. cron(0 12 * * ? *) or "
           "cron(0 12 ? * MON *))";
  }
  return std::nullopt;
}

std::optional<std::string> rate_problem(std::string_view body) {
  auto space = body.find(' ');
  if (space == std::string_view::npos) {
    return "rate(...) needs a value and a unit, e.g. rate(5 minutes)";
  }
  auto value = parse_number(body.substr(0, space));
  std::string unit(body.substr(space + 1));
  if (!value || *value < 1) return "the rate value must be a positive whole number";
  static const std::array<std::string, 3> singular = {"minute", "hour", "day"};
  for (const std::string& name : singular) {
    if (unit == name || unit == name + "s") {
      if (*value == 1 && unit != name) return "a rate of 1 takes the singular unit: rate(1 " + name + ")";
      if (*value != 1 && unit == name) {
        return "a rate of " + std::to_string(*value) + " takes the plural unit: rate(" +
               std::to_string(*value) + " " + name + "s)";
      }
      return std::nullopt;
    }
  }
  return "unknown rate unit \"" + unit + "\"; use minute(s), hour(s) or day(s)";
}

std::optional<std::string> find_problem(std::string_view expression, ScheduleSyntax syntax) {
  auto wrapped = [&](std::string_view prefix) {
    return expression.size() > prefix.size() + 1 && expression.substr(0, prefix.size()) == prefix &&
           expression.back() == ')';
  };
  if (wrapped("cron(")) return cron_problem(expression.substr(5, expression.size() - 6));
  if (wrapped("rate(")) {
    if (syntax == ScheduleSyntax::CronOnly) {
      return "this schedule accepts only cron(...) expressions, e.g. cron(0 0 1 * ? *) for monthly";
    }
    return rate_problem(expression.substr(5, expression.size() - 6));
  }
  return syntax == ScheduleSyntax::CronOnly
             ? "expected cron(minutes hours day-of-month month day-of-week year)"
             : "expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)";
}

}  // namespace

std::optional<std::string> schedule_problem(std::string_view expression, ScheduleSyntax syntax) {
  auto problem = find_problem(expression, syntax);
  if (problem && !problem->empty()) {
    (*problem)[0] = static_cast<char>(std::toupper(static_cast<unsigned char>((*problem)[0])));
    *problem += ".";
  }
  return problem;
}

}  // namespace pipectl
