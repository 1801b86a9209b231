#include "pipectl/schedule_expression.h"

#include <gtest/gtest.h>

namespace pipectl {
namespace {

TEST(ScheduleExpression, AcceptsValidRateExpressions) {
  for (const char* expression : {"rate(1 minute)", "rate(5 minutes)", "rate(1 hour)",
                                 "rate(12 hours)", "rate(1 day)", "rate(7 days)"}) {
    EXPECT_EQ(schedule_problem(expression, ScheduleSyntax::RateOrCron), std::nullopt) << expression;
  }
}

TEST(ScheduleExpression, AcceptsValidCronExpressions) {
  for (const char* expression :
       {"cron(0 0 1 * ? *)", "cron(0/15 * * * ? *)", "cron(0 12 ? * MON-FRI *)",
        "cron(0 8 ? * 2#1 *)", "cron(30 23 L * ? *)", "cron(0 6 15W * ? 2027)",
        "cron(0 0 ? JAN,JUL 6L *)", "cron(5,35 14 * * ? *)", "cron(0 18 ? * sun *)"}) {
    EXPECT_EQ(schedule_problem(expression, ScheduleSyntax::CronOnly), std::nullopt) << expression;
  }
}

TEST(ScheduleExpression, ExplainsWhatIsWrong) {
  struct Case {
    const char* expression;
    const char* problem;
  };
  for (const Case& c : std::vector<Case>{
           {"rate(5 minute)", "A rate of 5 takes the plural unit: rate(5 minutes)."},
           {"rate(1 minutes)", "A rate of 1 takes the singular unit: rate(1 minute)."},
           {"rate(0 minutes)", "The rate value must be a positive whole number."},
           {"rate(5 weeks)", "Unknown rate unit \"weeks\"; use minute(s), hour(s) or day(s)."},
           {"cron(0 0 1 * *)",
            "The expression has 5 fields; cron(...) needs 6 (minutes hours day-of-month month "
            "day-of-week year), e.g. cron(0 12 * * ? *)."},
           {"cron(60 0 1 * ? *)", "In the minutes field, value 60 is outside 0–59."},
           {"cron(0 0 1 * * *)",
            "Exactly one of day-of-month and day-of-week must be \"?\" (e.g. cron(0 12 * * ? *) "
            "or cron(0 12 ? * MON *))."},
           {"cron(0 0 1 FOO ? *)",
            "In the month field, \"FOO\" is not a number or a name such as JAN."},
           {"every 5 minutes",
            "Expected rate(value unit) or cron(minutes hours day-of-month month day-of-week "
            "year)."},
       }) {
    auto problem = schedule_problem(c.expression, ScheduleSyntax::RateOrCron);
    ASSERT_TRUE(problem) << c.expression;
    EXPECT_EQ(*problem, c.problem) << c.expression;
  }
}

TEST(ScheduleExpression, GlueAcceptsOnlyCron) {
  EXPECT_NE(schedule_problem("rate(1 day)", ScheduleSyntax::CronOnly), std::nullopt);
}

}  // namespace
}  // namespace pipectl
