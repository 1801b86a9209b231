#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

nlohmann::json stream_of(const std::string& options) {
  auto compiled = compile_text(spec_header() + "components:\n  events:\n    kind: kinesis\n" + options);
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  return rendered(compiled->compilation, "events.tf.json")["resource"]["aws_kinesis_stream"]["events"];
}

TEST(KinesisModule, DefaultsToOneEncryptedProvisionedShardFor24Hours) {
  auto stream = stream_of("");
  EXPECT_EQ(stream["name"], "shop-dev-events");
  EXPECT_EQ(stream["shard_count"], 1);
  EXPECT_EQ(stream["stream_mode_details"]["stream_mode"], "PROVISIONED");
  EXPECT_EQ(stream["retention_period"], 24);
  EXPECT_EQ(stream["encryption_type"], "KMS");
  EXPECT_EQ(stream["kms_key_id"], "alias/aws/kinesis");
  EXPECT_FALSE(stream.contains("shard_level_metrics"));
}

TEST(KinesisModule, OnDemandModeHasNoShardCount) {
  auto stream = stream_of("    mode: on_demand\n");
  EXPECT_EQ(stream["stream_mode_details"]["stream_mode"], "ON_DEMAND");
  EXPECT_FALSE(stream.contains("shard_count"));
}

TEST(KinesisModule, RendersRetentionMetricsAndACustomKey) {
  auto stream = stream_of(
      "    shards: 4\n    retention_hours: 8760\n    kms_key: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
      "    shard_level_metrics: [OutgoingBytes, IncomingBytes]\n    tags: {cost: low}\n");
  EXPECT_EQ(stream["shard_count"], 4);
  EXPECT_EQ(stream["retention_period"], 8760);
  EXPECT_EQ(stream["kms_key_id"], "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(stream["shard_level_metrics"], nlohmann::json({"IncomingBytes", "OutgoingBytes"}));
  EXPECT_EQ(stream["tags"]["cost"], "low");
}

TEST(KinesisModule, EncryptionCanBeTurnedOff) {
  auto stream = stream_of("    encryption: false\n");
  EXPECT_EQ(stream["encryption_type"], "NONE");
  EXPECT_FALSE(stream.contains("kms_key_id"));
}

TEST(KinesisModule, ACustomerKeyIsGrantedToWritersAndReaders) {
  auto compiled = compile_text(
      spec_header() +
      "components:\n  events:\n    kind: kinesis\n    kms_key: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
      "  lake: {kind: s3}\n  fn: {kind: lambda, source: fn, writes: [events]}\n"
      "  delivery: {kind: firehose, source: events, destination: lake}\n");
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto uses_key = [&](const std::string& component) {
    for (const auto& statement : compiled->compilation.roles.at(component).statements) {
      if (statement.sid == "UseEventsKey") return statement.actions;
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(uses_key("fn"), (std::vector<std::string>{"kms:GenerateDataKey"}));
  EXPECT_EQ(uses_key("delivery"), (std::vector<std::string>{"kms:Decrypt"}));
}

TEST(KinesisModule, TheAwsManagedKeyNeedsNoGrantAndAnAliasIsRejected) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  events: {kind: kinesis}\n"
                               "  fn: {kind: lambda, source: fn, writes: [events]}\n");
  for (const auto& statement : compiled->compilation.roles.at("fn").statements) {
    EXPECT_NE(statement.sid, "UseEventsKey");
  }
  compiled = compile_text(spec_header() + "components:\n  events: {kind: kinesis, kms_key: alias/mine}\n");
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::InvalidValue);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->summary, "\"kms_key\" must be the ARN of a KMS key, not \"alias/mine\"");
}

TEST(KinesisModule, OutputsNameAndArn) {
  auto compiled = compile_text(spec_header() + "components:\n  events:\n    kind: kinesis\n");
  auto outputs = rendered(compiled->compilation, "outputs.tf.json")["output"];
  EXPECT_EQ(outputs["events_name"]["value"], "${aws_kinesis_stream.events.name}");
  EXPECT_EQ(outputs["events_arn"]["value"], "${aws_kinesis_stream.events.arn}");
}

TEST(KinesisModule, RejectsContradictionsAndUnknownMetrics) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  events:\n    kind: kinesis\n    mode: on_demand\n"
                               "    shards: 2\n    encryption: false\n    kms_key: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
                               "    shard_level_metrics: [IncommingBytes]\n    retention_hours: 12\n");
  const Diagnostics& d = compiled->compilation.diagnostics;
  EXPECT_EQ(d.error_count(), 4u) << describe(d);
  auto metric = find_diagnostic(d, DiagCode::InvalidValue);
  ASSERT_TRUE(metric);
  EXPECT_EQ(metric->suggestion, "IncomingBytes");
  EXPECT_EQ(metric->subject->begin.line, 11);
  EXPECT_TRUE(find_diagnostic(d, DiagCode::OutOfRange));
}

}  // namespace
}  // namespace pipectl
