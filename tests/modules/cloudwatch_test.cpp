#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

std::string with_schedule(const std::string& options) {
  return spec_header() + "components:\n  fn:\n    kind: lambda\n    source: fn\n"
                         "  tick:\n    kind: cloudwatch\n    target: fn\n" + options;
}

TEST(CloudwatchModule, SchedulesTheTargetAndAllowsOnlyThisRuleToInvokeIt) {
  auto compiled = compile_text(with_schedule("    schedule: rate(5 minutes)\n    description: Tick\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  const auto resources = rendered(compiled->compilation, "tick.tf.json")["resource"];
  const auto& rule = resources["aws_cloudwatch_event_rule"]["tick"];
  EXPECT_EQ(rule["name"], "shop-dev-tick");
  EXPECT_EQ(rule["schedule_expression"], "rate(5 minutes)");
  EXPECT_EQ(rule["state"], "ENABLED");
  EXPECT_EQ(rule["description"], "Tick");
  const auto& target = resources["aws_cloudwatch_event_target"]["tick"];
  EXPECT_EQ(target["rule"], "${aws_cloudwatch_event_rule.tick.name}");
  EXPECT_EQ(target["arn"], "${aws_lambda_function.fn.arn}");
  const auto& permission = resources["aws_lambda_permission"]["tick"];
  EXPECT_EQ(permission["action"], "lambda:InvokeFunction");
  EXPECT_EQ(permission["principal"], "events.amazonaws.com");
  EXPECT_EQ(permission["function_name"], "${aws_lambda_function.fn.function_name}");
  EXPECT_EQ(permission["source_arn"], "${aws_cloudwatch_event_rule.tick.arn}");
  EXPECT_EQ(permission["statement_id"], "pipectl-tick");
}

TEST(CloudwatchModule, ADisabledScheduleIsRenderedDisabled) {
  auto compiled = compile_text(with_schedule("    schedule: cron(0 12 ? * MON-FRI *)\n    enabled: false\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto file = rendered(compiled->compilation, "tick.tf.json");
  EXPECT_EQ(file["resource"]["aws_cloudwatch_event_rule"]["tick"]["state"], "DISABLED");
}

TEST(CloudwatchModule, InvalidScheduleNamesTheProblem) {
  auto compiled = compile_text(with_schedule("    schedule: cron(0 25 * * ? *)\n"));
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::InvalidSchedule);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->summary, "Invalid schedule \"cron(0 25 * * ? *)\"");
  EXPECT_EQ(error->detail, "In the hours field, value 25 is outside 0–23.");
  EXPECT_EQ(error->subject->begin, (SourcePos{11, 15}));
}

TEST(CloudwatchModule, TargetMustBeAFunction) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  lake:\n    kind: s3\n  tick:\n    kind: cloudwatch\n"
                               "    schedule: rate(1 day)\n    target: lake\n");
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::WrongComponentKind);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->summary,
            "\"target\" of \"tick\" must name a lambda component, but \"lake\" is an s3 component");
  EXPECT_EQ(error->detail, "The spec defines no lambda component.");
}

}  // namespace
}  // namespace pipectl
