// The `backend` setting: where Terraform keeps an environment's state, and how it is rendered.

#include "pipectl/backend.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

const char* kComponents = "components:\n  lake: {kind: s3}\n";

nlohmann::json terraform_block(const Compilation& compilation) {
  return rendered(compilation, "terraform.tf.json")["terraform"];
}

TEST(Backend, WithoutOneTheStateIsLocal) {
  auto spec = compile_text(spec_header() + kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  EXPECT_FALSE(terraform_block(spec->compilation).contains("backend"));
  EXPECT_EQ(terraform_block(spec->compilation)["required_version"], ">= 1.5.0");
}

TEST(Backend, S3DefaultsToAPerEnvironmentKeyEncryptionAndNativeLocking) {
  auto spec = compile_text(spec_header() + "backend:\n  s3: {bucket: shop-state}\n" + kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  EXPECT_TRUE(spec->compilation.diagnostics.empty()) << describe(spec->compilation.diagnostics);
  nlohmann::json expected = {{"s3",
                              {{"bucket", "shop-state"},
                               {"key", "shop/dev/terraform.tfstate"},
                               {"region", "eu-west-1"},
                               {"encrypt", true},
                               {"use_lockfile", true}}}};
  EXPECT_EQ(terraform_block(spec->compilation)["backend"], expected);
  // S3 native locking needs Terraform/OpenTofu 1.10; the default constraint follows.
  EXPECT_EQ(terraform_block(spec->compilation)["required_version"], ">= 1.10.0");
}

TEST(Backend, EveryOptionIsRenderedAsTheS3BackendNamesIt) {
  auto spec = compile_text(spec_header() +
                           "backend:\n  s3:\n    bucket: shop-state\n    key: team/shop.tfstate\n"
                           "    region: us-east-1\n    kms_key_id: arn:aws:kms:us-east-1:"
                           "123456789012:key/abc\n    workspace_key_prefix: ws\n"
                           "    role_arn: arn:aws:iam::123456789012:role/state\n"
                           "    profile: ops\n" +
                           kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  nlohmann::json s3 = terraform_block(spec->compilation)["backend"]["s3"];
  EXPECT_EQ(s3["key"], "team/shop.tfstate");
  EXPECT_EQ(s3["region"], "us-east-1");
  EXPECT_EQ(s3["kms_key_id"], "arn:aws:kms:us-east-1:123456789012:key/abc");
  EXPECT_EQ(s3["workspace_key_prefix"], "ws");
  // Since Terraform 1.6 the role is given in an assume_role block (role_arn at the top is gone).
  EXPECT_EQ(s3["assume_role"], nlohmann::json({{"role_arn", "arn:aws:iam::123456789012:role/state"}}));
  EXPECT_EQ(s3["profile"], "ops");
}

TEST(Backend, APartialBackendLeavesTheBucketToInit) {
  auto spec = compile_text(spec_header() + "backend:\n  s3: {}\n" + kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  EXPECT_TRUE(spec->compilation.graph->settings().backend.partial());
  nlohmann::json s3 = terraform_block(spec->compilation)["backend"]["s3"];
  EXPECT_FALSE(s3.contains("bucket"));
  EXPECT_EQ(s3["key"], "shop/dev/terraform.tfstate");
}

TEST(Backend, LocalEndpointModeKeepsTheStateLocal) {
  auto spec = compile_text(spec_header() + "aws: {endpoint: http://127.0.0.1:4566}\n"
                           "backend:\n  s3: {bucket: shop-state}\n" + kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  EXPECT_FALSE(terraform_block(spec->compilation).contains("backend"));
  // Without the backend, nothing needs S3 native locking's Terraform 1.10.
  EXPECT_EQ(terraform_block(spec->compilation)["required_version"], ">= 1.5.0");
}

TEST(Backend, DynamoDbLockingIsAcceptedWithADeprecationWarning) {
  const std::string yaml = spec_header() +
                           "backend:\n  s3: {bucket: shop-state, dynamodb_table: locks}\n" +
                           kComponents;
  auto spec = compile_text(yaml);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  auto warning = find_diagnostic(spec->compilation.diagnostics, DiagCode::DeprecatedOption);
  ASSERT_TRUE(warning) << describe(spec->compilation.diagnostics);
  EXPECT_EQ(warning->severity, Severity::Warning);
  EXPECT_EQ(warning->subject->begin.line, testing::position_of(yaml, "dynamodb_table").line);
  EXPECT_NE(warning->detail.find("use_lockfile"), std::string::npos);
  EXPECT_EQ(terraform_block(spec->compilation)["backend"]["s3"]["dynamodb_table"], "locks");
}

TEST(Backend, UnsafeStateIsReported) {
  auto spec = compile_text(spec_header() +
                           "backend:\n  s3: {bucket: shop-state, encrypt: false, "
                           "use_lockfile: false}\n" +
                           kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  EXPECT_TRUE(find_diagnostic(spec->compilation.diagnostics, DiagCode::EncryptionDisabled));
  EXPECT_TRUE(find_diagnostic(spec->compilation.diagnostics, DiagCode::StateNotLocked));
  nlohmann::json s3 = terraform_block(spec->compilation)["backend"]["s3"];
  EXPECT_EQ(s3["encrypt"], false);
  EXPECT_FALSE(s3.contains("use_lockfile"));
  EXPECT_EQ(terraform_block(spec->compilation)["required_version"], ">= 1.5.0");
}

TEST(Backend, BadValuesAreErrorsAtTheirLocation) {
  const std::string yaml =
      spec_header() +
      "backend:\n  s3:\n    bucket: Shop_State\n    key: /state.tfstate\n"
      "    region: eu-wset-1\n    role_arn: state-role\n    use_lock_file: true\n" +
      kComponents;
  auto spec = compile_text(yaml);
  const Diagnostics& diagnostics = spec->compilation.diagnostics;
  EXPECT_FALSE(spec->compilation.ok());
  auto bucket = find_diagnostic(diagnostics, DiagCode::InvalidAwsName);
  ASSERT_TRUE(bucket) << describe(diagnostics);
  EXPECT_EQ(bucket->subject->begin, testing::position_of(yaml, "Shop_State"));
  auto region = find_diagnostic(diagnostics, DiagCode::UnknownRegion);
  ASSERT_TRUE(region) << describe(diagnostics);
  EXPECT_EQ(region->suggestion, "eu-west-1");
  auto unknown = find_diagnostic(diagnostics, DiagCode::UnknownKey);
  ASSERT_TRUE(unknown) << describe(diagnostics);
  EXPECT_EQ(unknown->suggestion, "use_lockfile");
  std::size_t invalid = 0;
  for (const Diagnostic& d : diagnostics.items()) invalid += d.kind == DiagCode::InvalidValue;
  EXPECT_EQ(invalid, 2u) << describe(diagnostics);  // the key and the role ARN
}

TEST(Backend, AnExplicitVersionConstraintBelowNativeLockingIsReported) {
  auto spec = compile_text(spec_header() + "terraform: {required_version: \">= 1.5.0, < 2.0\"}\n"
                           "backend:\n  s3: {bucket: shop-state}\n" + kComponents);
  ASSERT_TRUE(spec->compilation.ok()) << describe(spec->compilation.diagnostics);
  auto warning = find_diagnostic(spec->compilation.diagnostics, DiagCode::InvalidCombination);
  ASSERT_TRUE(warning) << describe(spec->compilation.diagnostics);
  EXPECT_EQ(warning->severity, Severity::Warning);
  EXPECT_EQ(warning->suggestion, ">= 1.10.0");
  EXPECT_EQ(terraform_block(spec->compilation)["required_version"], ">= 1.5.0, < 2.0");

  for (const char* accepted : {"~> 1.11", ">= 1.10.0", "1.11.4", ">= 1.10, < 2", "!= 1.9.0, >= 1.10",
                               "1.11.0-beta1", ">= 1.10.0-rc99999999999"}) {
    auto ok = compile_text(spec_header() + "terraform: {required_version: \"" + accepted +
                           "\"}\nbackend:\n  s3: {bucket: shop-state}\n" + kComponents);
    EXPECT_TRUE(ok->compilation.diagnostics.empty())
        << accepted << "\n" << describe(ok->compilation.diagnostics);
  }
}

}  // namespace
}  // namespace pipectl
