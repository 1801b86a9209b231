// The command lines and environment pipectl gives terraform, and the init fingerprint.

#include "pipectl/workflow/terraform_invocation.h"

#include <gtest/gtest.h>

#include "pipectl/workflow/init_record.h"
#include "pipectl/workflow/terraform_binary.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using Argv = std::vector<std::string>;

TEST(TerraformInvocation, CommandLines) {
  EXPECT_EQ(init_arguments({"bucket=a", "/x/state.hcl"}),
            Argv({"init", "-input=false", "-backend-config=bucket=a", "-backend-config=/x/state.hcl"}));
  EXPECT_EQ(plan_arguments("p.tfplan", {"-target=x"}),
            Argv({"plan", "-input=false", "-detailed-exitcode", "-out=p.tfplan", "-target=x"}));
  EXPECT_EQ(apply_arguments(std::string("/p.tfplan"), false, {"-parallelism=2"}),
            Argv({"apply", "-input=false", "-parallelism=2", "/p.tfplan"}));
  EXPECT_EQ(apply_arguments(std::nullopt, true, {}), Argv({"apply", "-auto-approve"}));
  EXPECT_EQ(apply_arguments(std::nullopt, false, {}), Argv({"apply"}));
}

TEST(TerraformInvocation, BackendConfigIsFoundInBothSpellings) {
  EXPECT_EQ(backend_config_of({"init", "-backend-config=bucket=a", "-backend-config", "k.hcl",
                               "--backend-config=region=eu-west-1", "-upgrade"}),
            Argv({"bucket=a", "k.hcl", "region=eu-west-1"}));
  EXPECT_EQ(backend_config_argument("bucket=a"), "bucket=a");
  EXPECT_TRUE(std::filesystem::path(backend_config_argument("state.hcl")).is_absolute());
}

TEST(TerraformInvocation, EnvironmentIsKeptAndAutomationModeIsOnUnlessTheUserSetIt) {
  // Automation mode drops terraform's "run terraform apply PLAN" hint, which would bypass pipectl.
  EXPECT_EQ(terraform_environment({"PATH=/bin", "TF_LOG=INFO"}),
            Argv({"PATH=/bin", "TF_LOG=INFO", "TF_IN_AUTOMATION=1"}));
  EXPECT_EQ(terraform_environment({"CI=false"}), Argv({"CI=false", "TF_IN_AUTOMATION=1"}));
  EXPECT_EQ(terraform_environment({"TF_IN_AUTOMATION="}), Argv({"TF_IN_AUTOMATION="}));
  EXPECT_EQ(terraform_environment({"TF_IN_AUTOMATION=yes"}), Argv({"TF_IN_AUTOMATION=yes"}));
  EXPECT_EQ(environment_value({"A=1", "AB=2"}, "AB"), "2");
  EXPECT_EQ(environment_value({"A=1"}, "B"), std::nullopt);
}

TEST(TerraformInvocation, DestroyAsksUnlessApprovedInAdvance) {
  EXPECT_EQ(destroy_arguments(false, {}), Argv({"destroy"}));
  EXPECT_EQ(destroy_arguments(true, {"-target=aws_s3_bucket.lake"}),
            Argv({"destroy", "-auto-approve", "-target=aws_s3_bucket.lake"}));
}

TEST(TerraformInvocation, OutputTakesAFormatAndOneName) {
  EXPECT_EQ(output_arguments(std::nullopt, false, false, {}), Argv({"output"}));
  EXPECT_EQ(output_arguments("lake_name", false, true, {}), Argv({"output", "-raw", "lake_name"}));
  EXPECT_EQ(output_arguments("lake_name", true, false, {"-state=x"}),
            Argv({"output", "-json", "-state=x", "lake_name"}));
}

TEST(TerraformInvocation, NoColorGoesLastWhereTerraformTakesItForEveryCommand) {
  EXPECT_EQ(without_color({"plan", "-out=p"}), Argv({"plan", "-out=p", "-no-color"}));
  EXPECT_EQ(without_color({"state", "list"}), Argv({"state", "list", "-no-color"}));
  EXPECT_EQ(without_color({"-version"}), Argv({"-version"}));
  EXPECT_EQ(without_color({}), Argv({}));
}

TEST(InitRecord, FingerprintFollowsEverythingInitActsOn) {
  RenderedOutput output;
  output.files[kTerraformSettingsFile] =
      R"({"//": "note", "terraform": {"required_providers": {"aws": {"version": "~> 6.0"}}}})";
  std::string base = init_fingerprint(init_inputs(output, "/usr/bin/terraform", {}));
  EXPECT_EQ(base, init_fingerprint(init_inputs(output, "/usr/bin/terraform", {})));
  EXPECT_NE(base, init_fingerprint(init_inputs(output, "/usr/bin/tofu", {})));
  EXPECT_NE(base, init_fingerprint(init_inputs(output, "/usr/bin/terraform", {"bucket=a"})));
  RenderedOutput other_comment = output;
  other_comment.files[kTerraformSettingsFile] =
      R"({"//": "other", "terraform": {"required_providers": {"aws": {"version": "~> 6.0"}}}})";
  EXPECT_EQ(base, init_fingerprint(init_inputs(other_comment, "/usr/bin/terraform", {})));
  RenderedOutput other_backend = output;
  other_backend.files[kTerraformSettingsFile] =
      R"({"terraform": {"backend": {"s3": {}}, "required_providers": {"aws": {"version": "~> 6.0"}}}})";
  EXPECT_NE(base, init_fingerprint(init_inputs(other_backend, "/usr/bin/terraform", {})));
}

TEST(InitRecord, ReasonsToInitialize) {
  testing::TempDir dir;
  auto data = terraform_data_directory(dir.path(), std::nullopt);
  EXPECT_EQ(data, dir.path() / ".terraform");
  EXPECT_EQ(terraform_data_directory(dir.path(), std::string("/abs")), "/abs");
  EXPECT_EQ(terraform_data_directory(dir.path(), std::string("rel")), dir.path() / "rel");

  EXPECT_EQ(init_reason(dir.path(), data, "f1"), "first run in this directory");
  std::filesystem::create_directories(data);
  EXPECT_EQ(init_reason(dir.path(), data, "f1"), "not initialized by pipectl yet");
  record_init(data, "f1");
  EXPECT_EQ(init_reason(dir.path(), data, "f1"),
            "the dependency lock file .terraform.lock.hcl is missing");
  testing::write_file(dir.path() / ".terraform.lock.hcl", "");
  EXPECT_EQ(init_reason(dir.path(), data, "f1"), std::nullopt);
  EXPECT_EQ(init_reason(dir.path(), data, "f2"),
            "providers, backend, -backend-config or the terraform program changed");
}

}  // namespace
}  // namespace pipectl
