// One test per security finding rule (PC4xxx): each is reported where the spec asks for the
// unsafe thing, as a warning that --strict turns into a failure; and the collision check across
// environments.

#include <gtest/gtest.h>

#include "pipectl/views/diagnostics_view.h"
#include "pipectl/passes/check_collisions.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::spec_header;
using testing::TestProject;

std::string extra_permission(const std::string& actions, const std::string& resources) {
  return spec_header() +
         "components:\n  fn:\n    kind: lambda\n    source: fn\n    extra_permissions:\n"
         "      - reason: Needs it\n        actions: " + actions + "\n        resources: " +
         resources + "\n";
}

void expect_finding(const Compilation& compilation, DiagCode kind, int line,
                    const std::string& summary) {
  EXPECT_FALSE(compilation.diagnostics.has_errors()) << describe(compilation.diagnostics);
  auto finding = find_diagnostic(compilation.diagnostics, kind);
  ASSERT_TRUE(finding) << describe(compilation.diagnostics);
  EXPECT_EQ(finding->severity, Severity::Warning);
  EXPECT_EQ(finding->subject->begin.line, line);
  EXPECT_EQ(finding->summary, summary);
  EXPECT_FALSE(compilation.output.files.empty()) << "a finding alone does not stop rendering";
}

TEST(Findings, WildcardActionInAnExtraPermission) {
  auto c = compile_text(extra_permission("[\"s3:*\"]", "[\"arn:aws:s3:::shared-bucket/*\"]"));
  expect_finding(c->compilation, DiagCode::WildcardAction, 10,
                 "Role of \"fn\" allows the wildcard action \"s3:*\"");
}

TEST(Findings, WildcardResourceInAnExtraPermission) {
  auto c = compile_text(extra_permission("[ssm:GetParameter]", "[\"*\"]"));
  expect_finding(c->compilation, DiagCode::WildcardResource, 10,
                 "Role of \"fn\" grants Extra1 on \"*\"");
  c = compile_text(extra_permission("[ssm:GetParameter]", "[\"arn:aws:ssm:eu-west-1:123456789012:parameter/*\"]"));
  EXPECT_TRUE(find_diagnostic(c->compilation.diagnostics, DiagCode::WildcardResource));
}

TEST(Findings, AnExactExtraPermissionIsNoFinding) {
  auto c = compile_text(
      extra_permission("[ssm:GetParameter]", "[\"arn:aws:ssm:eu-west-1:123456789012:parameter/key\"]"));
  EXPECT_TRUE(c->compilation.diagnostics.empty()) << describe(c->compilation.diagnostics);
}

TEST(Findings, MalformedExtraPermissionsAreErrors) {
  auto c = compile_text(extra_permission("[GetParameter]", "[bucket-name]"));
  EXPECT_EQ(c->compilation.diagnostics.error_count(), 2u) << describe(c->compilation.diagnostics);
}

TEST(Findings, PublicBucketIsRenderedOnlyWithAReasonAndReported) {
  auto c = compile_text(spec_header() +
                        "components:\n  site:\n    kind: s3\n    public_read:\n"
                        "      reason: Static files of the public demo page\n      prefix: public/\n");
  expect_finding(c->compilation, DiagCode::PublicBucket, 7,
                 "Bucket \"site\" lets anyone on the internet read objects under \"public/\"");
  auto file = testing::rendered(c->compilation, "site.tf.json");
  const auto& block = file["resource"]["aws_s3_bucket_public_access_block"]["site"];
  EXPECT_EQ(block["block_public_acls"], true);
  EXPECT_EQ(block["ignore_public_acls"], true);
  EXPECT_EQ(block["block_public_policy"], false);
  EXPECT_EQ(block["restrict_public_buckets"], false);
  const auto& statements = file["data"]["aws_iam_policy_document"]["site_bucket_policy"]["statement"];
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1]["sid"], "PublicRead");
  EXPECT_EQ(statements[1]["actions"], nlohmann::json({"s3:GetObject"}));
  EXPECT_EQ(statements[1]["resources"], nlohmann::json({testing::bucket_arn("shop-dev-site") + "/public/*"}));

  auto without_reason = compile_text(spec_header() + "components:\n  site:\n    kind: s3\n    public_read: {}\n");
  EXPECT_TRUE(find_diagnostic(without_reason->compilation.diagnostics, DiagCode::MissingRequired));
}

TEST(Findings, UnencryptedStream) {
  auto c = compile_text(spec_header() + "components:\n  events:\n    kind: kinesis\n    encryption: false\n");
  expect_finding(c->compilation, DiagCode::EncryptionDisabled, 7,
                 "Stream \"events\" stores records unencrypted");
}

TEST(Findings, LogsKeptForEver) {
  auto c = compile_text(spec_header() + "components:\n  fn:\n    kind: lambda\n    source: fn\n"
                                        "    log_retention_days: 0\n");
  expect_finding(c->compilation, DiagCode::UnboundedLogRetention, 8,
                 "Logs of \"fn\" are kept for ever");
  EXPECT_EQ(testing::rendered(c->compilation, "fn.tf.json")["resource"]["aws_cloudwatch_log_group"]
                ["fn"]["retention_in_days"],
            0);
  auto d = compile_text(spec_header() +
                        "components:\n  events: {kind: kinesis}\n  lake: {kind: s3}\n"
                        "  d:\n    kind: firehose\n    source: events\n    destination: lake\n"
                        "    logging: {retention_days: 0}\n");
  EXPECT_TRUE(find_diagnostic(d->compilation.diagnostics, DiagCode::UnboundedLogRetention));
}

class Collisions : public ::testing::Test {
 protected:
  Compilation environment(const std::string& env, const std::string& extra) {
    project_.write_spec("project: shop\nenvironment: " + env + "\n" + extra +
                            "components:\n  lake: {kind: s3}\n  events: {kind: kinesis}\n"
                            "  fn: {kind: lambda, source: fn}\n",
                        env);
    return compile_environment(project_.root() / "envs" / env);
  }
  std::vector<std::string> collisions(const Compilation& a, const Compilation& b) {
    Diagnostics diagnostics;
    check_collisions({&*a.graph, &*b.graph}, diagnostics);
    std::vector<std::string> found;
    for (const Diagnostic& d : diagnostics.items()) {
      EXPECT_EQ(d.kind, DiagCode::NameCollision);
      found.push_back(d.summary.substr(d.summary.find("use the ") + 8));
    }
    std::sort(found.begin(), found.end());
    return found;
  }
  TestProject project_;
};

TEST_F(Collisions, TheDefaultNamingRuleKeepsEnvironmentsApart) {
  auto prod = environment("prod", "region: eu-west-1\n");
  auto test = environment("test", "region: eu-west-1\n");
  EXPECT_TRUE(collisions(prod, test).empty());
}

TEST_F(Collisions, ARuleWithoutEnvMakesThemCollide) {
  auto prod = environment("prod", "region: eu-west-1\nnaming: \"{project}-{name}\"\n");
  auto test = environment("test", "region: eu-west-1\nnaming: \"{project}-{name}\"\n");
  EXPECT_EQ(collisions(prod, test),
            (std::vector<std::string>{"IAM role name \"shop-fn-role\"", "Kinesis stream name \"shop-events\"",
                                      "Lambda function name \"shop-fn\"", "S3 bucket name \"shop-lake\""}));
}

TEST_F(Collisions, RegionalNamesCollideOnlyInOneRegion) {
  auto a = environment("prod", "region: eu-west-1\nnaming: \"{project}-{name}\"\n");
  auto b = environment("test", "region: us-east-1\nnaming: \"{project}-{name}\"\n");
  // Buckets and roles are unique across regions; streams and functions only within one.
  EXPECT_EQ(collisions(a, b), (std::vector<std::string>{"IAM role name \"shop-fn-role\"",
                                                        "S3 bucket name \"shop-lake\""}));
}

TEST_F(Collisions, EnvironmentsMustNotShareATerraformStateObject) {
  auto prod = environment("prod", "region: eu-west-1\nbackend: {s3: {}}\n");
  auto test = environment("test", "region: eu-west-1\nbackend: {s3: {}}\n");
  EXPECT_TRUE(collisions(prod, test).empty());  // the default key holds the environment

  auto shared = environment("test", "region: eu-west-1\nbackend: {s3: {key: shop/prod/terraform.tfstate}}\n");
  Diagnostics diagnostics;
  check_collisions({&*prod.graph, &*shared.graph}, diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u) << testing::describe(diagnostics);
  const Diagnostic& d = diagnostics.items()[0];
  EXPECT_EQ(d.kind, DiagCode::NameCollision);
  EXPECT_NE(d.summary.find("would keep their Terraform state in one object (key "
                           "shop/prod/terraform.tfstate)"),
            std::string::npos)
      << d.summary;
  EXPECT_EQ(d.subject->begin.line,
            testing::position_of(testing::read_text(project_.root() / "envs/test/pipeline.yaml"), "key:").line);

  // A bucket given at init is taken to be the team's one state bucket.
  auto named = environment("prod", "region: eu-west-1\nbackend: {s3: {bucket: shop-state}}\n");
  Diagnostics partial_and_named;
  check_collisions({&*named.graph, &*shared.graph}, partial_and_named);
  EXPECT_EQ(partial_and_named.size(), 1u) << testing::describe(partial_and_named);
  auto elsewhere = environment("test", "region: eu-west-1\nbackend: {s3: {bucket: other-state, "
                                       "key: shop/prod/terraform.tfstate}}\n");
  Diagnostics two_buckets;
  check_collisions({&*named.graph, &*elsewhere.graph}, two_buckets);
  EXPECT_EQ(two_buckets.size(), 0u) << testing::describe(two_buckets);
}

TEST(Sarif, HasTheFieldsCodeScanningNeeds) {
  Diagnostics diagnostics;
  diagnostics.add(make_diagnostic(DiagCode::PublicBucket,
                                  SourceRange{"envs/prod/pipeline.yaml", {12, 5}, {12, 16}},
                                  "Bucket \"site\" is public")
                      .with_related(SourceRange{"envs/base.yaml", {3, 1}, {3, 5}}, "declared here"));
  diagnostics.add(make_diagnostic(DiagCode::InvalidArgument, std::nullopt, "No location"));
  auto sarif = diagnostics_to_sarif(diagnostics, "9.9.9");
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "pipectl");
  EXPECT_EQ(run["tool"]["driver"]["version"], "9.9.9");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), all_diagnostic_kinds().size());
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 2u);
  const auto& finding = results[1];
  EXPECT_EQ(finding["ruleId"], "PC4003");
  EXPECT_EQ(run["tool"]["driver"]["rules"][finding["ruleIndex"].get<std::size_t>()]["id"], "PC4003");
  EXPECT_EQ(finding["level"], "warning");
  EXPECT_EQ(finding["message"]["text"], "Bucket \"site\" is public");
  const auto& location = finding["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "envs/prod/pipeline.yaml");
  EXPECT_EQ(location["region"]["startLine"], 12);
  EXPECT_EQ(location["region"]["startColumn"], 5);
  EXPECT_EQ(finding["relatedLocations"][0]["message"]["text"], "declared here");
  EXPECT_FALSE(results[0].contains("locations"));
  EXPECT_EQ(results[0]["level"], "error");
}

TEST_F(Collisions, AccountScopedNamesCollideOnlyWhenTheirRulesGiveTheSameName) {
  // Both environments may be deployed to one account, so equal templates are equal names.
  std::string account_rule = "region: eu-west-1\nnaming: {default: \"{project}-{env}-{name}\", "
                             "s3: \"{project}-{name}-{account}\"}\n";
  auto prod = environment("prod", account_rule);
  auto test = environment("test", account_rule);
  EXPECT_EQ(collisions(prod, test),
            (std::vector<std::string>{"S3 bucket name \"shop-lake-{account}\""}));
  auto separate = environment("test", "region: eu-west-1\nnaming: {s3: \"{project}-{env}-{name}-{account}\"}\n");
  EXPECT_TRUE(collisions(prod, separate).empty());
}

}  // namespace
}  // namespace pipectl

namespace pipectl {
namespace {

TEST(Findings, AreJudgedOnTheFinishedModelOnly) {
  // One findings pass runs after IAM derivation; a spec with errors gets its errors first.
  const std::string yaml = testing::spec_header() +
                           "components:\n  stream:\n    kind: kinesis\n    encryption: false\n"
                           "  broken:\n    kind: s3\n    versionning: true\n";
  auto compiled = testing::compile_text(yaml);
  const Diagnostics& diagnostics = compiled->compilation.diagnostics;
  EXPECT_TRUE(testing::find_diagnostic(diagnostics, DiagCode::UnknownKey));
  EXPECT_FALSE(testing::find_diagnostic(diagnostics, DiagCode::EncryptionDisabled));

  auto fixed = testing::compile_text(yaml.substr(0, yaml.find("  broken:")));
  EXPECT_TRUE(testing::find_diagnostic(fixed->compilation.diagnostics, DiagCode::EncryptionDisabled));
}

}  // namespace
}  // namespace pipectl
