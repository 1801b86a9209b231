#include "pipectl/naming.h"

#include <gtest/gtest.h>

namespace pipectl {
namespace {

NamingRule rule(const std::string& pattern) {
  NamingRule result;
  result.pattern = pattern;
  result.project = "beer-pipeline";
  result.environment = "prod";
  result.region = "eu-west-1";
  return result;
}

TEST(NamingRule, FillsEveryPlaceholder) {
  EXPECT_EQ(rule("{project}-{env}-{name}").apply("raw-data"), "beer-pipeline-prod-raw-data");
  EXPECT_EQ(rule("{name}.{region}").apply("x"), "x.eu-west-1");
}

TEST(NamingRule, DefaultRuleIsValid) {
  Diagnostics diagnostics;
  check_naming_rule(rule("{project}-{env}-{name}"), diagnostics);
  EXPECT_TRUE(diagnostics.empty());
}

TEST(NamingRule, UnknownPlaceholderSuggestsTheNearest) {
  Diagnostics diagnostics;
  check_naming_rule(rule("{project}-{enviroment}-{name}"), diagnostics);
  auto sorted = diagnostics.sorted();
  ASSERT_GE(sorted.size(), 1u);
  EXPECT_EQ(sorted[0].kind, DiagCode::InvalidNamingRule);
  EXPECT_EQ(sorted[0].summary, "Unknown placeholder {enviroment} in naming rule");
}

TEST(NamingRule, RuleWithoutNameIsAnError) {
  Diagnostics diagnostics;
  check_naming_rule(rule("{project}-{env}"), diagnostics);
  EXPECT_TRUE(diagnostics.has_errors());
}

TEST(NamingRule, RuleWithoutEnvIsAWarningAboutCollisions) {
  Diagnostics diagnostics;
  check_naming_rule(rule("{project}-{name}"), diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].severity, Severity::Warning);
  EXPECT_EQ(diagnostics.items()[0].kind, DiagCode::NamingRuleWithoutEnv);
}

TEST(NamingRule, UnclosedPlaceholderIsAnError) {
  Diagnostics diagnostics;
  check_naming_rule(rule("{project-{name}"), diagnostics);
  EXPECT_TRUE(diagnostics.has_errors());
}

TEST(AdaptName, GlueDatabasesUseUnderscores) {
  EXPECT_EQ(adapt_name("beer-pipeline-prod-catalog", names::kGlueDatabase),
            "beer_pipeline_prod_catalog");
}

TEST(NameProblem, S3BucketRules) {
  EXPECT_EQ(name_problem("beer-pipeline-prod-raw-data", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("ab", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem(std::string(64, 'a'), names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("Upper-case", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("under_score", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("-starts-with-hyphen", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("two..dots", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("192.168.1.1", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("xn--bucket", names::kS3Bucket), std::nullopt);
  EXPECT_NE(name_problem("bucket-s3alias", names::kS3Bucket), std::nullopt);
}

TEST(NameProblem, ExplainsLengthAndCharacters) {
  EXPECT_EQ(*name_problem(std::string(65, 'a'), names::kLambdaFunction),
            "is 65 characters long; Lambda function names must have 1–64 characters");
  EXPECT_EQ(*name_problem("a.b", names::kLambdaFunction),
            "contains \".\"; Lambda function names may contain only letters, digits, hyphens and "
            "underscores");
}

TEST(NameProblem, EachServiceHasItsOwnAlphabet) {
  EXPECT_EQ(name_problem("a.b_c-d", names::kKinesisStream), std::nullopt);
  EXPECT_EQ(name_problem("role+=,.@-_", names::kIamRole), std::nullopt);
  EXPECT_NE(name_problem("has-hyphen", names::kGlueDatabase), std::nullopt);
  EXPECT_EQ(name_problem("/aws/lambda/fn", names::kLogGroup), std::nullopt);
}

TEST(NamingRule, TheAccountStaysATokenUntilTerraformKnowsIt) {
  EXPECT_EQ(rule("{project}-{env}-{name}-{account}").apply("raw-data"),
            "beer-pipeline-prod-raw-data-{account}");
  Diagnostics diagnostics;
  check_naming_rule(rule("{project}-{env}-{name}-{account}"), diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_TRUE(is_account_scoped("beer-pipeline-prod-raw-data-{account}"));
  EXPECT_FALSE(is_account_scoped("beer-pipeline-prod-raw-data"));
}

TEST(NameProblem, TheAccountTokenCountsAsItsTwelveDigits) {
  EXPECT_EQ(name_problem("beer-pipeline-prod-raw-data-{account}", names::kS3Bucket), std::nullopt);
  // 51 + "-" + 12 digits = 64: one more than S3 accepts, though the written name is shorter.
  std::string name = std::string(51, 'a') + "-{account}";
  ASSERT_EQ(name.size(), 61u);
  EXPECT_EQ(*name_problem(name, names::kS3Bucket),
            "is 64 characters long with the 12-digit account id; S3 bucket names must have 3–63 characters");
  EXPECT_EQ(name_problem(std::string(50, 'a') + "-{account}", names::kS3Bucket), std::nullopt);
}

TEST(NamingRules, AKindWithoutARuleOfItsOwnUsesTheDefault) {
  NamingRules rules{rule("{project}-{env}-{name}"), {}};
  rules.by_kind.emplace("s3", rule("{project}-{env}-{name}-{account}"));
  EXPECT_EQ(rules.for_kind("s3").apply("lake"), "beer-pipeline-prod-lake-{account}");
  EXPECT_EQ(rules.for_kind("kinesis").apply("events"), "beer-pipeline-prod-events");
}

}  // namespace
}  // namespace pipectl
