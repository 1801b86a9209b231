#pragma once
/// Syntax of AWS schedule expressions, shared by EventBridge rules and Glue crawlers.

#include <optional>
#include <string>
#include <string_view>

namespace pipectl {

enum class ScheduleSyntax {
  RateOrCron,  ///< EventBridge: rate(5 minutes) or cron(0 12 * * ? *)
  CronOnly,    ///< Glue crawlers and triggers accept only cron(...)
};

/// What is wrong with `expression`, as a sentence a user can act on, or nothing if it is valid.
/// Checks the exact AWS grammar: rate value and unit (singular for 1), the six cron fields with
/// their ranges, names, wildcards (`* ? , - / L W #`) and the day-of-month/day-of-week `?` rule.
std::optional<std::string> schedule_problem(std::string_view expression, ScheduleSyntax syntax);

}  // namespace pipectl
