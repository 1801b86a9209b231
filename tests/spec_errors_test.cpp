// One test per class of bad input: each asserts the file, line, column and message the user sees.

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::spec_header;

/// Components of a small valid pipeline, for tests that break one thing in it.
std::string pipeline(const std::string& extra = "") {
  return spec_header() +
         "components:\n"                                  // line 4
         "  tick:\n"                                      // 5
         "    kind: cloudwatch\n"                         // 6
         "    schedule: rate(5 minutes)\n"                // 7
         "    target: fn\n"                               // 8
         "  fn:\n"                                        // 9
         "    kind: lambda\n"                             // 10
         "    source: fn\n"                               // 11
         "    writes: [events]\n"                         // 12
         "    environment:\n"                             // 13
         "      STREAM: {ref: events.name}\n"             // 14
         "  events:\n"                                    // 15
         "    kind: kinesis\n"                            // 16
         "  lake:\n"                                      // 17
         "    kind: s3\n"                                 // 18
         "  delivery:\n"                                  // 19
         "    kind: firehose\n"                           // 20
         "    source: events\n"                           // 21
         "    destination: lake\n" +                      // 22
         extra;
}

struct Expected {
  DiagCode kind;
  int line;
  int column;
  std::string summary;
};

/// Compiles `yaml` and checks the first diagnostic of the expected kind; an empty expected
/// summary is checked by the caller instead.
void expect_error(const std::string& yaml, const Expected& expected) {
  auto compiled = compile_text(yaml);
  const Diagnostics& diagnostics = compiled->compilation.diagnostics;
  auto found = find_diagnostic(diagnostics, expected.kind);
  ASSERT_TRUE(found) << "expected " << diag_info(expected.kind).code << ", got:\n"
                     << describe(diagnostics);
  ASSERT_TRUE(found->subject);
  EXPECT_EQ(found->subject->file,
            (compiled->project.root() / "envs/dev/pipeline.yaml").lexically_normal().string());
  EXPECT_EQ(found->subject->begin.line, expected.line) << found->summary;
  EXPECT_EQ(found->subject->begin.column, expected.column) << found->summary;
  if (!expected.summary.empty()) {
    EXPECT_EQ(found->summary, expected.summary);
  }
  EXPECT_FALSE(compiled->compilation.ok());
  EXPECT_TRUE(compiled->compilation.output.files.empty()) << "a failed compile renders nothing";
}

TEST(SpecErrors, ValidPipelineCompiles) {
  auto compiled = compile_text(pipeline());
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
}

TEST(SpecErrors, MalformedYaml) {
  expect_error(spec_header() + "components:\n  fn: {kind: lambda\n",
               {DiagCode::YamlSyntax, 6, 1, "Invalid YAML: end of map flow not found"});
}

TEST(SpecErrors, UnknownKeySuggestsTheNearestValidKey) {
  auto yaml = pipeline("    bufering: {size_mb: 5}\n");
  expect_error(yaml, {DiagCode::UnknownKey, 23, 5,
                      "Unknown key \"bufering\" in firehose component \"delivery\""});
  auto compiled = compile_text(yaml);
  EXPECT_EQ(find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnknownKey)->suggestion,
            "buffering");
}

TEST(SpecErrors, WrongValueType) {
  expect_error(pipeline("    compression: [gzip]\n"),
               {DiagCode::WrongType, 23, 18, "\"compression\" must be a single value, not a list"});
}

TEST(SpecErrors, MissingRequiredOption) {
  expect_error(spec_header() + "components:\n  lake:\n    kind: s3\n  glue:\n    kind: glue\n",
               {DiagCode::MissingRequired, 7, 3,
                "Missing required key \"bucket\" in glue component \"glue\""});
}

TEST(SpecErrors, ValueOutOfRange) {
  expect_error(pipeline("    buffering: {size_mb: 500}\n"),
               {DiagCode::OutOfRange, 23, 26,
                "\"buffering.size_mb\" is 500, outside the accepted range 1–128 MiB"});
}

TEST(SpecErrors, UnknownComponentSuggestsTheNearestName) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("destination: lake"), 17, "destination: laek");
  expect_error(yaml, {DiagCode::UnknownComponent, 22, 18,
                      "\"destination\" of \"delivery\" refers to unknown component \"laek\""});
  auto compiled = compile_text(yaml);
  EXPECT_EQ(
      find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnknownComponent)->suggestion,
      "lake");
}

TEST(SpecErrors, ReferenceToAComponentOfTheWrongKind) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("source: events"), 14, "source: lake  ");
  expect_error(yaml, {DiagCode::WrongComponentKind, 21, 13,
                      "\"source\" of \"delivery\" must name a kinesis component, but \"lake\" is an s3 "
                      "component"});
  auto compiled = compile_text(yaml);
  auto d = find_diagnostic(compiled->compilation.diagnostics, DiagCode::WrongComponentKind);
  EXPECT_EQ(d->suggestion, "events");
  EXPECT_EQ(d->related[0].range.begin.line, 17);
}

TEST(SpecErrors, ReferenceCyclePrintsTheCycle) {
  std::string yaml = spec_header() +
                     "components:\n"
                     "  b-fn:\n"
                     "    kind: lambda\n"
                     "    source: fn\n"
                     "    environment: {OTHER: {ref: a-fn.arn}}\n"
                     "  a-fn:\n"
                     "    kind: lambda\n"
                     "    source: fn\n"
                     "    environment: {OTHER: {ref: b-fn.arn}}\n";
  expect_error(yaml, {DiagCode::ReferenceCycle, 12, 32, "Reference cycle: a-fn → b-fn → a-fn"});
}

TEST(SpecErrors, SelfReferenceIsACycle) {
  std::string yaml = spec_header() +
                     "components:\n"
                     "  fn:\n"
                     "    kind: lambda\n"
                     "    source: fn\n"
                     "    environment: {SELF: {ref: fn.name}}\n";
  expect_error(yaml, {DiagCode::ReferenceCycle, 8, 31, "Reference cycle: fn → fn"});
}

TEST(SpecErrors, AFunctionMayReferToTheScheduleThatInvokesIt) {
  // The rule does not depend on the function (its target and permission do), so Terraform has
  // no cycle here.
  auto compiled = compile_text(spec_header() +
                               "components:\n"
                               "  tick: {kind: cloudwatch, schedule: rate(1 hour), target: fn}\n"
                               "  fn:\n    kind: lambda\n    source: fn\n"
                               "    environment: {RULE: {ref: tick.name}}\n");
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
}

TEST(SpecErrors, ALongChainOfReferencesIsNoProblem) {
  std::string yaml = spec_header() + "components:\n";
  for (int i = 0; i < 3000; ++i) {
    yaml += "  f" + std::to_string(i) + ":\n    kind: lambda\n    source: fn\n";
    if (i > 0) yaml += "    environment: {NEXT: {ref: f" + std::to_string(i - 1) + ".arn}}\n";
  }
  yaml += "  f0-loop:\n    kind: lambda\n    source: fn\n    environment: {X: {ref: f2999.arn}}\n";
  auto compiled = compile_text(yaml);
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
}

TEST(SpecErrors, DuplicateComponentNames) {
  expect_error(pipeline("  lake:\n    kind: s3\n"),
               {DiagCode::DuplicateKey, 23, 3, "Duplicate key \"lake\""});
}

TEST(SpecErrors, InvalidScheduleExpression) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("rate(5 minutes)"), 15, "rate(5 minute) ");
  expect_error(yaml, {DiagCode::InvalidSchedule, 7, 15, "Invalid schedule \"rate(5 minute)\""});
}

TEST(SpecErrors, UnknownKindSuggestsTheNearestKind) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("kind: kinesis"), 13, "kind: kinesys");
  expect_error(yaml, {DiagCode::UnknownKind, 16, 11,
                      "Unknown kind \"kinesys\" for component \"events\""});
}

TEST(SpecErrors, UnknownAttributeInAReference) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("events.name"), 11, "events.nmae");
  expect_error(yaml, {DiagCode::UnknownAttribute, 14, 21,
                      "Component \"events\" has no attribute \"nmae\""});
}

TEST(SpecErrors, DeprecatedRuntimeIsRejectedWithTheReason) {
  expect_error(pipeline("  old:\n    kind: lambda\n    source: fn\n    runtime: python3.7\n"),
               {DiagCode::UnsupportedRuntime, 26, 14,
                "Unsupported Lambda runtime \"python3.7\""});
  auto compiled =
      compile_text(pipeline("  old:\n    kind: lambda\n    source: fn\n    runtime: python3.7\n"));
  auto d = find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnsupportedRuntime);
  EXPECT_NE(d->detail.find("deprecated"), std::string::npos);
  EXPECT_EQ(d->suggestion, "python3.13");
}

TEST(SpecErrors, MissingSourceFolderSuggestsAnExistingOne) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("source: fn"), 10, "source: fm");
  expect_error(yaml, {DiagCode::SourceNotFound, 11, 13, ""});
  auto compiled = compile_text(yaml);
  auto d = find_diagnostic(compiled->compilation.diagnostics, DiagCode::SourceNotFound);
  EXPECT_NE(d->summary.find("lambda_sources/fm\" does not exist"), std::string::npos) << d->summary;
  EXPECT_EQ(d->suggestion, "fn");
}

TEST(SpecErrors, InvalidAwsNameFromTheNamingRule) {
  expect_error(pipeline("  " + std::string(60, 'b') + ":\n    kind: s3\n"),
               {DiagCode::InvalidAwsName, 23, 3,
                "Component \"" + std::string(60, 'b') +
                    "\" would get an invalid S3 bucket name \"shop-dev-" + std::string(60, 'b') +
                    "\""});
}

TEST(SpecErrors, TwoComponentsPinnedToOneAwsName) {
  expect_error(pipeline("    name: x\n  other:\n    kind: firehose\n    source: events\n"
                        "    destination: lake\n    name: x\n"),
               {DiagCode::DuplicateAwsName, 28, 11,
                "Components \"delivery\" and \"other\" would both use the Firehose stream name \"x\""});
}

TEST(SpecErrors, AllErrorsOfAStageAreReportedTogether) {
  auto yaml = pipeline("    bufering: {}\n    compression: fast\n");
  yaml.replace(yaml.find("destination: lake"), 17, "destination: laek");
  auto compiled = compile_text(yaml);
  const Diagnostics& diagnostics = compiled->compilation.diagnostics;
  EXPECT_EQ(diagnostics.error_count(), 3u) << describe(diagnostics);
  EXPECT_TRUE(find_diagnostic(diagnostics, DiagCode::UnknownKey));
  EXPECT_TRUE(find_diagnostic(diagnostics, DiagCode::InvalidValue));
  EXPECT_TRUE(find_diagnostic(diagnostics, DiagCode::UnknownComponent));
}

}  // namespace
}  // namespace pipectl
