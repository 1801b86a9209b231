#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

nlohmann::json bucket_file(const std::string& options) {
  auto compiled = compile_text(spec_header() + "components:\n  lake:\n    kind: s3\n" + options);
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  return rendered(compiled->compilation, "lake.tf.json");
}

TEST(S3Module, IsPrivateEncryptedAndTlsOnlyByDefault) {
  auto file = bucket_file("");
  const auto& resources = file["resource"];
  EXPECT_EQ(resources["aws_s3_bucket"]["lake"]["bucket"], "shop-dev-lake");
  EXPECT_EQ(resources["aws_s3_bucket"]["lake"]["force_destroy"], false);
  EXPECT_FALSE(resources["aws_s3_bucket"]["lake"].contains("acl"));
  EXPECT_EQ(resources["aws_s3_bucket_ownership_controls"]["lake"]["rule"]["object_ownership"],
            "BucketOwnerEnforced");
  const auto& block = resources["aws_s3_bucket_public_access_block"]["lake"];
  for (const char* flag : {"block_public_acls", "block_public_policy", "ignore_public_acls",
                           "restrict_public_buckets"}) {
    EXPECT_EQ(block[flag], true) << flag;
  }
  const auto& encryption = resources["aws_s3_bucket_server_side_encryption_configuration"]["lake"];
  EXPECT_EQ(encryption["rule"][0]["apply_server_side_encryption_by_default"]["sse_algorithm"],
            "AES256");
  const auto& deny = file["data"]["aws_iam_policy_document"]["lake_bucket_policy"]["statement"][0];
  EXPECT_EQ(deny["effect"], "Deny");
  EXPECT_EQ(deny["condition"][0]["variable"], "aws:SecureTransport");
  EXPECT_EQ(deny["condition"][0]["values"][0], "false");
  EXPECT_EQ(resources["aws_s3_bucket_policy"]["lake"]["depends_on"][0],
            "aws_s3_bucket_public_access_block.lake");
  EXPECT_FALSE(resources.contains("aws_s3_bucket_versioning"));
  EXPECT_FALSE(resources.contains("aws_s3_bucket_lifecycle_configuration"));
}

TEST(S3Module, KmsEncryptionUsesABucketKey) {
  auto file = bucket_file("    encryption: kms\n    kms_key: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n");
  const auto& rule =
      file["resource"]["aws_s3_bucket_server_side_encryption_configuration"]["lake"]["rule"][0];
  EXPECT_EQ(rule["apply_server_side_encryption_by_default"]["sse_algorithm"], "aws:kms");
  EXPECT_EQ(rule["apply_server_side_encryption_by_default"]["kms_master_key_id"], "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(rule["bucket_key_enabled"], true);
}

TEST(S3Module, ACustomerKeyIsGrantedToWritersAndReaders) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  lake: {kind: s3, encryption: kms, kms_key: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab}\n"
                               "  w: {kind: lambda, source: fn, writes: [lake]}\n"
                               "  r: {kind: lambda, source: fn, reads: [lake]}\n");
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  auto key_actions = [&](const std::string& component) {
    for (const auto& statement : compiled->compilation.roles.at(component).statements) {
      if (statement.sid == "UseLakeKey") {
        EXPECT_EQ(statement.resources, (std::vector<tf::Expression>{"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}));
        return statement.actions;
      }
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(key_actions("w"), (std::vector<std::string>{"kms:Decrypt", "kms:GenerateDataKey"}));
  EXPECT_EQ(key_actions("r"), (std::vector<std::string>{"kms:Decrypt"}));
}

TEST(S3Module, VersioningAndLifecycle) {
  auto file = bucket_file(
      "    versioning: true\n    force_destroy: true\n"
      "    lifecycle: {expire_days: 30, noncurrent_expire_days: 7, prefix: tmp/}\n");
  const auto& resources = file["resource"];
  EXPECT_EQ(resources["aws_s3_bucket"]["lake"]["force_destroy"], true);
  EXPECT_EQ(resources["aws_s3_bucket_versioning"]["lake"]["versioning_configuration"]["status"],
            "Enabled");
  const auto& lifecycle = resources["aws_s3_bucket_lifecycle_configuration"]["lake"];
  EXPECT_EQ(lifecycle["depends_on"][0], "aws_s3_bucket_versioning.lake");
  const auto& rule = lifecycle["rule"][0];
  EXPECT_EQ(rule["status"], "Enabled");
  EXPECT_EQ(rule["filter"]["prefix"], "tmp/");
  EXPECT_EQ(rule["expiration"]["days"], 30);
  EXPECT_EQ(rule["noncurrent_version_expiration"]["noncurrent_days"], 7);
  EXPECT_EQ(rule["abort_incomplete_multipart_upload"]["days_after_initiation"], 7);
}

TEST(S3Module, NoncurrentExpiryNeedsVersioning) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  lake:\n    kind: s3\n"
                               "    lifecycle: {noncurrent_expire_days: 7}\n    kms_key: alias/x\n");
  const Diagnostics& d = compiled->compilation.diagnostics;
  EXPECT_EQ(d.error_count(), 2u) << describe(d);
  auto error = find_diagnostic(d, DiagCode::InvalidCombination);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->summary, "\"noncurrent_expire_days\" needs versioning: true");
}

TEST(S3Module, TemplateSequencesInUserTextAreEscaped) {
  auto file = bucket_file("    lifecycle: {expire_days: 1, prefix: \"a/${b}/%{c}\"}\n");
  EXPECT_EQ(file["resource"]["aws_s3_bucket_lifecycle_configuration"]["lake"]["rule"][0]["filter"]
                ["prefix"],
            "a/$${b}/%%{c}");
}

}  // namespace
}  // namespace pipectl
