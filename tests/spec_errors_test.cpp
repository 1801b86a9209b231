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
         "components:\n"
         "  tick:\n"
         "    kind: cloudwatch\n"
         "    schedule: rate(5 minutes)\n"
         "    target: fn\n"
         "  fn:\n"
         "    kind: lambda\n"
         "    source: fn\n"
         "    writes: [events]\n"
         "    environment:\n"
         "      STREAM: {ref: events.name}\n"
         "  events:\n"
         "    kind: kinesis\n"
         "  lake:\n"
         "    kind: s3\n"
         "  delivery:\n"
         "    kind: firehose\n"
         "    source: events\n"
         "    destination: lake\n" +
         extra;
}

struct Expected {
  DiagCode kind;
  std::string summary;  ///< empty: the caller checks it
};

/// Compiles `yaml`, in which "@@" marks where the error must point, and checks the first
/// diagnostic of the expected kind. Returns the compilation for further checks.
std::unique_ptr<testing::CompiledSpec> expect_error(const std::string& yaml,
                                                    const Expected& expected) {
  auto spec = testing::marked(yaml);
  auto compiled = compile_text(spec.text);
  const Diagnostics& diagnostics = compiled->compilation.diagnostics;
  auto found = find_diagnostic(diagnostics, expected.kind);
  if (!found || !found->subject) {
    ADD_FAILURE() << "expected " << diag_info(expected.kind).code << ", got:\n"
                  << describe(diagnostics);
    return compiled;
  }
  EXPECT_EQ(found->subject->file,
            (compiled->project.root() / "envs/dev/pipeline.yaml").lexically_normal().string());
  EXPECT_EQ(found->subject->begin, spec.at)
      << found->summary << " at " << found->subject->begin.line << ":"
      << found->subject->begin.column << ", expected at " << spec.at.line << ":" << spec.at.column;
  if (!expected.summary.empty()) {
    EXPECT_EQ(found->summary, expected.summary);
  }
  EXPECT_FALSE(compiled->compilation.ok());
  EXPECT_TRUE(compiled->compilation.output.files.empty()) << "a failed compile renders nothing";
  return compiled;
}

TEST(SpecErrors, ValidPipelineCompiles) {
  auto compiled = compile_text(pipeline());
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
}

TEST(SpecErrors, MalformedYaml) {
  expect_error(spec_header() + "components:\n  fn: {kind: lambda\n@@",
               {DiagCode::YamlSyntax, "Invalid YAML: end of map flow not found"});
}

TEST(SpecErrors, UnknownKeySuggestsTheNearestValidKey) {
  auto compiled = expect_error(pipeline("    @@bufering: {size_mb: 5}\n"),
                               {DiagCode::UnknownKey,
                                "Unknown key \"bufering\" in firehose component \"delivery\""});
  EXPECT_EQ(find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnknownKey)->suggestion,
            "buffering");
}

TEST(SpecErrors, WrongValueType) {
  expect_error(pipeline("    compression: @@[gzip]\n"),
               {DiagCode::WrongType, "\"compression\" must be a single value, not a list"});
}

TEST(SpecErrors, MissingRequiredOption) {
  expect_error(spec_header() + "components:\n  lake:\n    kind: s3\n  @@glue:\n    kind: glue\n",
               {DiagCode::MissingRequired,
                "Missing required key \"bucket\" in glue component \"glue\""});
}

TEST(SpecErrors, ValueOutOfRange) {
  expect_error(pipeline("    buffering: {size_mb: @@500}\n"),
               {DiagCode::OutOfRange,
                "\"buffering.size_mb\" is 500, outside the accepted range 1–128 MiB"});
}

TEST(SpecErrors, UnknownComponentSuggestsTheNearestName) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("destination: lake"), 17, "destination: @@laek");
  auto compiled = expect_error(
      yaml, {DiagCode::UnknownComponent,
             "\"destination\" of \"delivery\" refers to unknown component \"laek\""});
  EXPECT_EQ(
      find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnknownComponent)->suggestion,
      "lake");
}

TEST(SpecErrors, ReferenceToAComponentOfTheWrongKind) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("source: events"), 14, "source: @@lake  ");
  auto compiled = expect_error(yaml, {DiagCode::WrongComponentKind,
                                      "\"source\" of \"delivery\" must name a kinesis component, "
                                      "but \"lake\" is an s3 component"});
  auto d = find_diagnostic(compiled->compilation.diagnostics, DiagCode::WrongComponentKind);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->suggestion, "events");
  // The note points at the component that was named.
  EXPECT_EQ(d->related[0].range.begin, testing::position_of(testing::marked(yaml).text, "lake:"));
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
                     "    environment: {OTHER: {ref: @@b-fn.arn}}\n";
  expect_error(yaml, {DiagCode::ReferenceCycle, "Reference cycle: a-fn → b-fn → a-fn"});
}

TEST(SpecErrors, SelfReferenceIsACycle) {
  std::string yaml = spec_header() +
                     "components:\n"
                     "  fn:\n"
                     "    kind: lambda\n"
                     "    source: fn\n"
                     "    environment: {SELF: {ref: @@fn.name}}\n";
  expect_error(yaml, {DiagCode::ReferenceCycle, "Reference cycle: fn → fn"});
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
  expect_error(pipeline("  @@lake:\n    kind: s3\n"),
               {DiagCode::DuplicateKey, "Duplicate key \"lake\""});
}

TEST(SpecErrors, InvalidScheduleExpression) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("rate(5 minutes)"), 15, "@@rate(5 minute) ");
  expect_error(yaml, {DiagCode::InvalidSchedule, "Invalid schedule \"rate(5 minute)\""});
}

TEST(SpecErrors, UnknownKindSuggestsTheNearestKind) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("kind: kinesis"), 13, "kind: @@kinesys");
  expect_error(yaml, {DiagCode::UnknownKind,
                      "Unknown kind \"kinesys\" for component \"events\""});
}

TEST(SpecErrors, UnknownAttributeInAReference) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("events.name"), 11, "@@events.nmae");
  expect_error(yaml, {DiagCode::UnknownAttribute,
                      "Component \"events\" has no attribute \"nmae\""});
}

TEST(SpecErrors, DeprecatedRuntimeIsRejectedWithTheReason) {
  auto compiled =
      expect_error(pipeline("  old:\n    kind: lambda\n    source: fn\n    runtime: @@python3.7\n"),
                   {DiagCode::UnsupportedRuntime, "Unsupported Lambda runtime \"python3.7\""});
  auto d = find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnsupportedRuntime);
  ASSERT_TRUE(d);
  EXPECT_NE(d->detail.find("deprecated"), std::string::npos);
  EXPECT_EQ(d->suggestion, "python3.13");
}

TEST(SpecErrors, MissingSourceFolderSuggestsAnExistingOne) {
  auto yaml = pipeline();
  yaml.replace(yaml.find("source: fn"), 10, "source: @@fm");
  auto compiled = expect_error(yaml, {DiagCode::SourceNotFound, ""});
  auto d = find_diagnostic(compiled->compilation.diagnostics, DiagCode::SourceNotFound);
  ASSERT_TRUE(d);
  EXPECT_NE(d->summary.find("lambda_sources/fm\" does not exist"), std::string::npos) << d->summary;
  EXPECT_EQ(d->suggestion, "fn");
}

TEST(SpecErrors, InvalidAwsNameFromTheNamingRule) {
  expect_error(pipeline("  @@" + std::string(60, 'b') + ":\n    kind: s3\n"),
               {DiagCode::InvalidAwsName,
                "Component \"" + std::string(60, 'b') +
                    "\" would get an invalid S3 bucket name \"shop-dev-" + std::string(60, 'b') +
                    "\""});
}

TEST(SpecErrors, TwoComponentsPinnedToOneAwsName) {
  expect_error(pipeline("    name: x\n  other:\n    kind: firehose\n    source: events\n"
                        "    destination: lake\n    name: @@x\n"),
               {DiagCode::DuplicateAwsName,
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
