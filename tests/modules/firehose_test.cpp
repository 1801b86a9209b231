#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

std::string with_firehose(const std::string& options) {
  return spec_header() +
         "components:\n  events:\n    kind: kinesis\n  lake:\n    kind: s3\n"
         "  clean:\n    kind: lambda\n    source: transform\n"
         "  delivery:\n    kind: firehose\n    source: events\n    destination: lake\n" +
         options;
}

nlohmann::json delivery_file(const std::string& options) {
  auto compiled = compile_text(with_firehose(options));
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  return rendered(compiled->compilation, "delivery.tf.json");
}

TEST(FirehoseModule, DeliversAKinesisStreamToS3WithExtendedS3) {
  auto file = delivery_file("");
  const auto& stream = file["resource"]["aws_kinesis_firehose_delivery_stream"]["delivery"];
  EXPECT_EQ(stream["name"], "shop-dev-delivery");
  EXPECT_EQ(stream["destination"], "extended_s3");
  EXPECT_EQ(stream["kinesis_source_configuration"]["kinesis_stream_arn"],
            "${aws_kinesis_stream.events.arn}");
  EXPECT_EQ(stream["kinesis_source_configuration"]["role_arn"], "${aws_iam_role.delivery.arn}");
  const auto& s3 = stream["extended_s3_configuration"];
  EXPECT_EQ(s3["bucket_arn"], "${aws_s3_bucket.lake.arn}");
  EXPECT_EQ(s3["buffering_size"], 5);
  EXPECT_EQ(s3["buffering_interval"], 300);
  EXPECT_EQ(s3["compression_format"], "UNCOMPRESSED");
  EXPECT_FALSE(s3.contains("prefix"));
  EXPECT_FALSE(s3.contains("processing_configuration"));
  EXPECT_EQ(s3["cloudwatch_logging_options"]["log_stream_name"],
            "${aws_cloudwatch_log_stream.delivery.name}");
  EXPECT_EQ(file["resource"]["aws_cloudwatch_log_group"]["delivery"]["name"],
            "/aws/kinesisfirehose/shop-dev-delivery");
  EXPECT_EQ(file["resource"]["aws_cloudwatch_log_stream"]["delivery"]["name"],
            "DestinationDelivery");
  EXPECT_EQ(stream["depends_on"][0], "aws_iam_role_policy.delivery");
}

TEST(FirehoseModule, RendersBufferingPrefixesCompressionAndTransform) {
  auto file = delivery_file(
      "    buffering: {size_mb: 64, interval_seconds: 60}\n"
      "    prefix: \"raw/!{timestamp:yyyy/MM/dd}/\"\n"
      "    error_output_prefix: \"errors/!{firehose:error-output-type}/\"\n"
      "    compression: hadoop_snappy\n"
      "    transform: {function: clean, retries: 5}\n");
  const auto& s3 =
      file["resource"]["aws_kinesis_firehose_delivery_stream"]["delivery"]["extended_s3_configuration"];
  EXPECT_EQ(s3["buffering_size"], 64);
  EXPECT_EQ(s3["buffering_interval"], 60);
  EXPECT_EQ(s3["prefix"], "raw/!{timestamp:yyyy/MM/dd}/");
  EXPECT_EQ(s3["compression_format"], "HADOOP_SNAPPY");
  const auto& processor = s3["processing_configuration"]["processors"][0];
  EXPECT_EQ(processor["type"], "Lambda");
  // Parameters equal to Firehose's defaults are left out (Firehose never reports them back).
  EXPECT_EQ(processor["parameters"],
            nlohmann::json::parse(R"([
              {"parameter_name": "LambdaArn", "parameter_value": "${aws_lambda_function.clean.arn}:$LATEST"},
              {"parameter_name": "NumberOfRetries", "parameter_value": "5"}])"));
}

TEST(FirehoseModule, RoleReadsTheStreamWritesTheBucketAndInvokesTheTransform) {
  auto file = delivery_file("    transform: {function: clean}\n");
  std::map<std::string, nlohmann::json> statements;
  for (const auto& s : file["data"]["aws_iam_policy_document"]["delivery_permissions"]["statement"]) {
    statements[s["sid"]] = s;
  }
  EXPECT_EQ(statements["ReadEvents"]["resources"][0],
            testing::regional_arn("kinesis", "stream/shop-dev-events"));
  // Firehose's documented S3 destination policy, on the objects and on the bucket.
  EXPECT_EQ(statements["DeliverLakeObjects"]["actions"],
            nlohmann::json({"s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"}));
  EXPECT_EQ(statements["DeliverLakeBucket"]["actions"],
            nlohmann::json({"s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"}));
  EXPECT_EQ(statements["InvokeClean"]["resources"],
            nlohmann::json({testing::regional_arn("lambda", "function:shop-dev-clean:$LATEST")}));
  EXPECT_EQ(statements["WriteOwnErrorLogs"]["resources"][0],
            testing::regional_arn("logs", "log-group:/aws/kinesisfirehose/shop-dev-delivery:"
                                          "log-stream:DestinationDelivery"));
  EXPECT_EQ(file["data"]["aws_iam_policy_document"]["delivery_assume_role"]["statement"][0]
                ["principals"][0]["identifiers"][0],
            "firehose.amazonaws.com");
}

TEST(FirehoseModule, LoggingCanBeTurnedOff) {
  auto file = delivery_file("    logging: {enabled: false}\n");
  EXPECT_FALSE(file["resource"].contains("aws_cloudwatch_log_group"));
  EXPECT_FALSE(file["resource"]["aws_kinesis_firehose_delivery_stream"]["delivery"]
                   ["extended_s3_configuration"]
                       .contains("cloudwatch_logging_options"));
}

TEST(FirehoseModule, ExpressionPrefixesFollowFirehoseRules) {
  struct Case {
    std::string options;
    std::string summary;
  };
  for (const Case& c : std::vector<Case>{
           {"    prefix: \"raw/!{timestamp:yyyy}/\"\n",
            "\"prefix\" uses !{...} expressions but no error_output_prefix is set"},
           {"    prefix: \"raw/!{timestamp:yyyy}/\"\n    error_output_prefix: \"err/!{timestamp:yyyy}/\"\n",
            "\"error_output_prefix\" uses expressions but not !{firehose:error-output-type}"},
           {"    prefix: \"raw/!{nope}/\"\n    error_output_prefix: err/\n",
            "Invalid expression in \"prefix\": unknown expression !{nope}"},
           {"    prefix: \"raw/!{timestamp:yyyy\"\n    error_output_prefix: err/\n",
            "Invalid expression in \"prefix\": \"!{timestamp:yyyy\" is not closed with \"}\""},
       }) {
    auto compiled = compile_text(with_firehose(c.options));
    const Diagnostics& d = compiled->compilation.diagnostics;
    ASSERT_TRUE(d.has_errors()) << c.options;
    EXPECT_EQ(d.sorted()[0].summary, c.summary) << c.options;
  }
}

TEST(FirehoseModule, SourceDestinationAndTransformMustHaveTheRightKinds) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  events:\n    kind: kinesis\n  lake:\n    kind: s3\n"
                               "  delivery:\n    kind: firehose\n    source: lake\n"
                               "    destination: events\n    transform: {function: lake}\n");
  const Diagnostics& d = compiled->compilation.diagnostics;
  EXPECT_EQ(d.error_count(), 3u) << describe(d);
  for (const Diagnostic& error : d.items()) EXPECT_EQ(error.kind, DiagCode::WrongComponentKind);
}

TEST(FirehoseModule, ANewlineDelimiterIsAppendedOnlyWhenAskedFor) {
  auto plain = delivery_file("");
  EXPECT_FALSE(plain["resource"]["aws_kinesis_firehose_delivery_stream"]["delivery"]
                    ["extended_s3_configuration"].contains("processing_configuration"));

  auto delimited = delivery_file("    record_delimiter: newline\n");
  EXPECT_EQ(delimited["resource"]["aws_kinesis_firehose_delivery_stream"]["delivery"]
                     ["extended_s3_configuration"]["processing_configuration"],
            nlohmann::json::parse(R"({"enabled": true,
                                      "processors": [{"type": "AppendDelimiterToRecord"}]})"));

  // After a transformation, so transformed records end with it too.
  auto both = delivery_file("    record_delimiter: newline\n    transform: {function: clean}\n");
  const auto& processors = both["resource"]["aws_kinesis_firehose_delivery_stream"]["delivery"]
                               ["extended_s3_configuration"]["processing_configuration"]["processors"];
  ASSERT_EQ(processors.size(), 2u);
  EXPECT_EQ(processors[0]["type"], "Lambda");
  EXPECT_EQ(processors[1]["type"], "AppendDelimiterToRecord");
}

}  // namespace
}  // namespace pipectl
