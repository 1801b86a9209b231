#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

std::string with_function(const std::string& options) {
  return spec_header() + "components:\n  events:\n    kind: kinesis\n  lake:\n    kind: s3\n"
                         "  fn:\n    kind: lambda\n    source: fn\n" + options;
}

TEST(LambdaModule, RendersFunctionLogGroupAndPackage) {
  auto compiled = compile_text(with_function(
      "    memory: 256\n    timeout: 60\n    architecture: arm64\n    description: Does it\n"
      "    reserved_concurrency: 2\n    log_retention_days: 14\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto file = rendered(compiled->compilation, "fn.tf.json");
  const auto& function = file["resource"]["aws_lambda_function"]["fn"];
  EXPECT_EQ(function["function_name"], "shop-dev-fn");
  EXPECT_EQ(function["handler"], "handler.lambda_handler");
  EXPECT_EQ(function["runtime"], "python3.13");
  EXPECT_EQ(function["memory_size"], 256);
  EXPECT_EQ(function["timeout"], 60);
  EXPECT_EQ(function["architectures"][0], "arm64");
  EXPECT_EQ(function["reserved_concurrent_executions"], 2);
  EXPECT_EQ(function["role"], "${aws_iam_role.fn.arn}");
  EXPECT_EQ(function["filename"], "${path.module}/artifacts/fn.zip");
  EXPECT_EQ(function["source_code_hash"].get<std::string>().size(), 44u);  // base64 of 32 bytes
  EXPECT_EQ(function["depends_on"],
            nlohmann::json({"aws_cloudwatch_log_group.fn", "aws_iam_role_policy.fn"}));
  const auto& log_group = file["resource"]["aws_cloudwatch_log_group"]["fn"];
  EXPECT_EQ(log_group["name"], "/aws/lambda/shop-dev-fn");
  EXPECT_EQ(log_group["retention_in_days"], 14);
  EXPECT_TRUE(compiled->compilation.output.files.count("artifacts/fn.zip"));
}

TEST(LambdaModule, EnvironmentReferencesBecomeTerraformExpressions) {
  auto compiled = compile_text(with_function(
      "    environment:\n      STREAM: {ref: events.name}\n      STREAM_ARN: {ref: events.arn}\n"
      "      BUCKET: {ref: lake}\n      LEVEL: debug\n      TEMPLATE: \"${not-a-reference}\"\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto file = rendered(compiled->compilation, "fn.tf.json");
  const auto& variables = file["resource"]["aws_lambda_function"]["fn"]["environment"]["variables"];
  EXPECT_EQ(variables["STREAM"], "${aws_kinesis_stream.events.name}");
  EXPECT_EQ(variables["STREAM_ARN"], "${aws_kinesis_stream.events.arn}");
  EXPECT_EQ(variables["BUCKET"], "${aws_s3_bucket.lake.bucket}");
  EXPECT_EQ(variables["LEVEL"], "debug");
  EXPECT_EQ(variables["TEMPLATE"], "$${not-a-reference}");
}

TEST(LambdaModule, RoleWritesOwnLogsAndExactlyWhatItWritesAndReads) {
  auto compiled = compile_text(with_function("    writes: [events]\n    reads: [lake]\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto file = rendered(compiled->compilation, "fn.tf.json");
  const auto& trust = file["data"]["aws_iam_policy_document"]["fn_assume_role"]["statement"][0];
  EXPECT_EQ(trust["principals"][0]["identifiers"][0], "lambda.amazonaws.com");
  EXPECT_EQ(trust["actions"][0], "sts:AssumeRole");
  std::map<std::string, nlohmann::json> statements;
  for (const auto& s : file["data"]["aws_iam_policy_document"]["fn_permissions"]["statement"]) {
    statements[s["sid"]] = s;
  }
  EXPECT_EQ(statements["WriteOwnLogs"]["resources"][0],
            testing::regional_arn("logs", "log-group:/aws/lambda/shop-dev-fn:*"));
  EXPECT_EQ(statements["WriteEvents"]["actions"],
            nlohmann::json({"kinesis:PutRecord", "kinesis:PutRecords"}));
  EXPECT_EQ(statements["WriteEvents"]["resources"][0],
            testing::regional_arn("kinesis", "stream/shop-dev-events"));
  EXPECT_EQ(statements["ReadLakeObjects"]["resources"][0], testing::bucket_arn("shop-dev-lake") + "/*");
  EXPECT_EQ(statements.size(), 4u);  // + ListLake
  const auto& role = file["resource"]["aws_iam_role"]["fn"];
  EXPECT_EQ(role["name"], "shop-dev-fn-role");
  EXPECT_EQ(role["assume_role_policy"], "${data.aws_iam_policy_document.fn_assume_role.json}");
}

TEST(LambdaModule, HandlerMustExistAndDefineTheFunction) {
  auto compiled = compile_text(with_function("    handler: handler.handle\n"));
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::HandlerNotFound);
  ASSERT_TRUE(error) << describe(compiled->compilation.diagnostics);
  EXPECT_NE(error->summary.find("defines no function \"handle\""), std::string::npos);
  EXPECT_EQ(error->suggestion, "handler.lambda_handler");

  compiled = compile_text(with_function("    handler: main.lambda_handler\n"));
  error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::HandlerNotFound);
  ASSERT_TRUE(error);
  EXPECT_NE(error->summary.find("Handler module \"main\" not found"), std::string::npos);
  EXPECT_EQ(error->suggestion, "handler.lambda_handler");

  for (const char* handler : {"nodot", ".tmp.x.outside.fn", "a..b", "a.b-c.d"}) {
    compiled = compile_text(with_function(std::string("    handler: \"") + handler + "\"\n"));
    error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::HandlerNotFound);
    ASSERT_TRUE(error) << handler;
    EXPECT_EQ(error->summary, std::string("Handler \"") + handler +
                                  "\" is not of the form module.function");
  }
}

TEST(LambdaModule, AHandlerModuleLinkedFromOutsideIsRejected) {
  testing::TestProject project;
  project.write("outside.py", "def lambda_handler(e, c):\n    return 1\n");
  std::filesystem::remove(project.root() / "lambda_sources/fn/handler.py");
  std::filesystem::create_symlink(project.root() / "outside.py",
                                  project.root() / "lambda_sources/fn/handler.py");
  project.write_spec(with_function(""));
  Compilation compilation = compile_environment(project.root() / "envs/dev");
  auto error = find_diagnostic(compilation.diagnostics, DiagCode::HandlerNotFound);
  ASSERT_TRUE(error) << describe(compilation.diagnostics);
  EXPECT_EQ(error->summary,
            "Handler module \"lambda_sources/fn/handler.py\" leads outside the function's folder");
}

TEST(LambdaModule, SourceMustStayInsideLambdaSources) {
  for (const char* source : {"../fn", "/etc", "fn/../../x"}) {
    auto compiled = compile_text(spec_header() + "components:\n  fn:\n    kind: lambda\n"
                                                 "    source: \"" + source + "\"\n");
    auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::SourceNotFound);
    ASSERT_TRUE(error) << source;
    EXPECT_EQ(error->subject->begin.line, 7) << source;
  }
}

TEST(LambdaModule, RuntimesAreCheckedWithReasons) {
  for (const auto& [runtime, fragment] :
       std::vector<std::pair<std::string, std::string>>{
           {"python3.9", "deprecated by AWS Lambda (since 2025-12-15)"},
           {"nodejs20.x", "pipectl packages Python functions only"},
           {"python4.0", "not a Lambda Python runtime pipectl supports"}}) {
    auto compiled = compile_text(with_function("    runtime: " + runtime + "\n"));
    auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::UnsupportedRuntime);
    ASSERT_TRUE(error) << runtime;
    EXPECT_NE(error->detail.find(fragment), std::string::npos) << error->detail;
  }
  for (const char* runtime : {"python3.11", "python3.12", "python3.13"}) {
    auto compiled = compile_text(with_function(std::string("    runtime: ") + runtime + "\n"));
    EXPECT_TRUE(compiled->compilation.ok()) << runtime;
  }
}

TEST(LambdaModule, EnvironmentNamesMustBeValidAndNotReserved) {
  auto compiled = compile_text(with_function(
      "    environment:\n      AWS_REGION: eu-west-1\n      1BAD: x\n      GOOD_NAME: x\n"));
  const Diagnostics& d = compiled->compilation.diagnostics;
  EXPECT_EQ(d.error_count(), 2u) << describe(d);
  auto sorted = d.sorted();
  EXPECT_EQ(sorted[0].summary, "Environment variable \"AWS_REGION\" is reserved by Lambda");
  EXPECT_EQ(sorted[1].summary, "Invalid environment variable name \"1BAD\"");
}

TEST(LambdaModule, WritesAcceptsOnlyStreamsAndBuckets) {
  auto compiled = compile_text(with_function("    writes: [fn]\n"));
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::WrongComponentKind);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->summary,
            "\"writes\" of \"fn\" must name a kinesis or s3 component, but \"fn\" is a lambda "
            "component");
}

TEST(LambdaModule, ReservedConcurrencyIsRenderedAndAlwaysReported) {
  auto compiled = compile_text(with_function("    reserved_concurrency: 5\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto warning = find_diagnostic(compiled->compilation.diagnostics, DiagCode::ReservedConcurrency);
  ASSERT_TRUE(warning) << describe(compiled->compilation.diagnostics);
  EXPECT_EQ(warning->severity, Severity::Warning);
  EXPECT_EQ(warning->subject->begin.line, 12);  // the value in the spec
  EXPECT_EQ(warning->summary,
            "Reserving 5 concurrent executions for \"fn\" fails on accounts with a low "
            "concurrency quota");
  EXPECT_NE(warning->detail.find("at least 100 concurrent executions of the account stay "
                                 "unreserved"),
            std::string::npos);
  auto file = rendered(compiled->compilation, "fn.tf.json");
  EXPECT_EQ(file["resource"]["aws_lambda_function"]["fn"]["reserved_concurrent_executions"], 5);

  auto without = compile_text(with_function(""));
  EXPECT_FALSE(find_diagnostic(without->compilation.diagnostics, DiagCode::ReservedConcurrency));
}

TEST(LambdaModule, AnEnvironmentReferenceWithoutAGrantIsReportedAtTheReference) {
  auto compiled = compile_text(with_function(
      "    environment:\n      STREAM: {ref: events.name}\n      BUCKET: {ref: lake.arn}\n"));
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  std::vector<Diagnostic> warnings;
  for (const auto& d : compiled->compilation.diagnostics.sorted()) {
    if (d.kind == DiagCode::ReferenceWithoutGrant) warnings.push_back(d);
  }
  ASSERT_EQ(warnings.size(), 2u) << describe(compiled->compilation.diagnostics);
  EXPECT_EQ(warnings[0].summary,
            "Environment variable \"STREAM\" of \"fn\" names kinesis component \"events\", which "
            "its role may not use");
  EXPECT_EQ(warnings[0].subject->begin.line, 13);
  EXPECT_NE(warnings[0].detail.find("Add `writes: [events]` to write to it"), std::string::npos)
      << warnings[0].detail;
  EXPECT_EQ(warnings[1].subject->begin.line, 14);
  EXPECT_NE(warnings[1].detail.find("`writes: [lake]` to write to it or `reads: [lake]` to read it"),
            std::string::npos)
      << warnings[1].detail;

  auto granted = compile_text(with_function(
      "    writes: [events]\n    reads: [lake]\n"
      "    environment:\n      STREAM: {ref: events.name}\n      BUCKET: {ref: lake.arn}\n"));
  EXPECT_FALSE(find_diagnostic(granted->compilation.diagnostics, DiagCode::ReferenceWithoutGrant))
      << describe(granted->compilation.diagnostics);
}

TEST(LambdaModule, APythonSyntaxErrorIsReportedAtItsLineInTheSourceFile) {
  testing::TestProject project;
  project.write("lambda_sources/fn/helpers.py", "def ok():\n    return 1\n\ndef broken(:\n    pass\n");
  project.write("lambda_sources/fn/tests/test_broken.py", "this is not python\n");  // not packaged
  project.write_spec(with_function(""));
  Compilation compilation = compile_environment(project.root() / "envs/dev");
  std::vector<Diagnostic> errors;
  for (const auto& d : compilation.diagnostics.items()) {
    if (d.kind == DiagCode::PythonSyntaxError) errors.push_back(d);
  }
  ASSERT_EQ(errors.size(), 1u) << describe(compilation.diagnostics);
  EXPECT_EQ(errors[0].severity, Severity::Error);
  EXPECT_EQ(errors[0].subject->file, "lambda_sources/fn/helpers.py");
  EXPECT_EQ(errors[0].subject->begin.line, 4);
  EXPECT_EQ(errors[0].subject->begin.column, 12);
  EXPECT_NE(errors[0].summary.find("Python cannot compile \"lambda_sources/fn/helpers.py\": "),
            std::string::npos)
      << errors[0].summary;
  ASSERT_EQ(errors[0].related.size(), 1u);
  EXPECT_EQ(errors[0].related[0].message, "source of \"fn\"");
  // The file is kept so the diagnostic can quote the line.
  EXPECT_EQ(compilation.sources.line("lambda_sources/fn/helpers.py", 4), "def broken(:");
  EXPECT_TRUE(compilation.output.files.empty());  // nothing is rendered
}

TEST(LambdaModule, WithoutAPythonTheSyntaxCheckSaysItWasSkipped) {
  testing::TestProject project;
  project.write_spec(with_function(""));
  CompileOptions options;
  options.pip.python = "/nonexistent/python3";
  Compilation compilation = compile_environment(project.root() / "envs/dev", options);
  auto note = find_diagnostic(compilation.diagnostics, DiagCode::CheckSkipped);
  ASSERT_TRUE(note) << describe(compilation.diagnostics);
  EXPECT_EQ(note->severity, Severity::Note);
  EXPECT_EQ(note->summary, "Python syntax of \"lambda_sources/fn\" not checked");
  EXPECT_NE(note->detail.find("set PIPECTL_PYTHON"), std::string::npos) << note->detail;
  EXPECT_TRUE(compilation.ok());  // nothing failed: the rest is rendered
  EXPECT_TRUE(compilation.output.files.count("fn.tf.json"));
}

}  // namespace
}  // namespace pipectl
