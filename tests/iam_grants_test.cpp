// One test per row of docs/iam.md: each connection between components grants exactly the
// actions the table lists, on exactly the resources it names; and each role trusts one service.
// Resources are ARNs built from names, the region and the account, so policies are known when
// Terraform plans.

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::spec_header;

const char* kKey = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/// A condition as the policy document shows it: test, variable and each value's template.
using ShownCondition = std::tuple<std::string, std::string, std::vector<std::string>>;

std::vector<std::string> templates(const std::vector<tf::Expression>& expressions) {
  std::vector<std::string> texts;
  for (const tf::Expression& expression : expressions) texts.push_back(expression.to_template());
  return texts;
}

std::vector<ShownCondition> shown(const std::vector<PolicyCondition>& conditions) {
  std::vector<ShownCondition> result;
  for (const PolicyCondition& condition : conditions) {
    result.emplace_back(condition.test, condition.variable, templates(condition.values));
  }
  return result;
}

/// (action, resource) pairs of a component's role, conditions left aside.
std::set<std::pair<std::string, std::string>> grants_of(const Compilation& compilation,
                                                        const std::string& component) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& statement : compilation.roles.at(component).statements) {
    for (const auto& action : statement.actions) {
      for (const auto& resource : statement.resources) pairs.insert({action, resource.to_template()});
    }
  }
  return pairs;
}

std::set<std::pair<std::string, std::string>> product(const std::vector<std::string>& actions,
                                                      const std::vector<std::string>& resources) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& action : actions) {
    for (const auto& resource : resources) pairs.insert({action, resource});
  }
  return pairs;
}

std::set<std::pair<std::string, std::string>> operator|(std::set<std::pair<std::string, std::string>> a,
                                                        const std::set<std::pair<std::string, std::string>>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

using testing::regional_arn;
const auto kLambdaLogs = product({"logs:CreateLogStream", "logs:PutLogEvents"},
                                 {regional_arn("logs", "log-group:/aws/lambda/shop-dev-fn:*")});
const std::string kStream = regional_arn("kinesis", "stream/shop-dev-events");
const std::string kBucket = testing::bucket_arn("shop-dev-lake");

std::unique_ptr<testing::CompiledSpec> compile_ok(const std::string& components) {
  auto compiled = compile_text(spec_header() + "components:\n" + components);
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  return compiled;
}

TEST(IamGrants, LambdaWritesKinesis) {
  auto c = compile_ok("  events: {kind: kinesis}\n  fn: {kind: lambda, source: fn, writes: [events]}\n");
  EXPECT_EQ(grants_of(c->compilation, "fn"),
            kLambdaLogs | product({"kinesis:PutRecord", "kinesis:PutRecords"}, {kStream}));
}

TEST(IamGrants, LambdaWritesS3) {
  auto c = compile_ok("  lake: {kind: s3}\n  fn: {kind: lambda, source: fn, writes: [lake]}\n");
  EXPECT_EQ(grants_of(c->compilation, "fn"),
            kLambdaLogs | product({"s3:AbortMultipartUpload", "s3:PutObject"}, {kBucket + "/*"}));
}

TEST(IamGrants, LambdaReadsS3) {
  auto c = compile_ok("  lake: {kind: s3}\n  fn: {kind: lambda, source: fn, reads: [lake]}\n");
  EXPECT_EQ(grants_of(c->compilation, "fn"),
            kLambdaLogs | product({"s3:GetObject"}, {kBucket + "/*"}) |
                product({"s3:ListBucket"}, {kBucket}));
}

TEST(IamGrants, FirehoseReadsItsSourceWritesItsBucketAndInvokesItsTransform) {
  auto c = compile_ok(
      "  events: {kind: kinesis}\n  lake: {kind: s3}\n  t: {kind: lambda, source: transform}\n"
      "  d: {kind: firehose, source: events, destination: lake, transform: {function: t}}\n");
  EXPECT_EQ(grants_of(c->compilation, "d"),
            product({"kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator",
                     "kinesis:ListShards"},
                    {kStream}) |
                product({"s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"}, {kBucket + "/*"}) |
                product({"s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"},
                        {kBucket}) |
                // Exactly the version the stream invokes (its LambdaArn parameter).
                product({"lambda:GetFunctionConfiguration", "lambda:InvokeFunction"},
                        {regional_arn("lambda", "function:shop-dev-t:$LATEST")}) |
                product({"logs:PutLogEvents"},
                        {regional_arn("logs", "log-group:/aws/kinesisfirehose/shop-dev-d:log-stream:"
                                              "DestinationDelivery")}));
  auto file = testing::rendered(c->compilation, "d.tf.json");
  const auto& processor = file["resource"]["aws_kinesis_firehose_delivery_stream"]["d"]
                              ["extended_s3_configuration"]["processing_configuration"]["processors"][0];
  EXPECT_EQ(processor["parameters"][0]["parameter_value"], "${aws_lambda_function.t.arn}:$LATEST");
}

TEST(IamGrants, CrawlerReadsOnlyItsPrefixAndCatalogsOnlyItsDatabase) {
  auto c = compile_ok("  lake: {kind: s3}\n  cat: {kind: glue, bucket: lake, prefix: in/}\n");
  std::string glue = regional_arn("glue", "");
  std::string logs = regional_arn("logs", "log-group:/aws-glue/crawlers:*");
  EXPECT_EQ(grants_of(c->compilation, "cat"),
            product({"s3:GetObject"}, {kBucket + "/in/*"}) |
                product({"s3:GetBucketLocation", "s3:ListBucket"}, {kBucket}) |
                product({"glue:BatchCreatePartition", "glue:BatchGetPartition",
                         "glue:BatchUpdatePartition", "glue:CreatePartition", "glue:CreateTable",
                         "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                         "glue:GetTable", "glue:GetTables", "glue:UpdatePartition",
                         "glue:UpdateTable"},
                        {glue + "catalog", glue + "database/shop_dev_cat",
                         glue + "table/shop_dev_cat/*"}) |
                product({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}, {logs}));
  for (const auto& statement : c->compilation.roles.at("cat").statements) {
    bool lists = std::find(statement.actions.begin(), statement.actions.end(), "s3:ListBucket") !=
                 statement.actions.end();
    EXPECT_EQ(statement.conditions.size(), lists ? 1u : 0u) << statement.sid;
  }
}

TEST(IamGrants, ScheduleInvokesItsTargetThroughAResourcePolicyOnly) {
  auto c = compile_ok("  fn: {kind: lambda, source: fn}\n"
                      "  tick: {kind: cloudwatch, schedule: rate(1 day), target: fn}\n");
  EXPECT_FALSE(c->compilation.roles.count("tick"));
  auto file = testing::rendered(c->compilation, "tick.tf.json");
  const auto& permission = file["resource"]["aws_lambda_permission"]["tick"];
  EXPECT_EQ(permission["source_arn"], "${aws_cloudwatch_event_rule.tick.arn}");
  EXPECT_EQ(permission["principal"], "events.amazonaws.com");
}

/// The statement of a role whose id is `sid`.
const PolicyStatement& statement(const Compilation& compilation, const std::string& component,
                                 const std::string& sid) {
  for (const auto& candidate : compilation.roles.at(component).statements) {
    if (candidate.sid == sid) return candidate;
  }
  throw std::runtime_error("no statement " + sid + " in the role of " + component);
}

TEST(IamGrants, CustomerKeysAreUsableOnlyThroughTheServiceForTheResource) {
  auto c = compile_ok(std::string("  events: {kind: kinesis, kms_key: ") + kKey + "}\n" +
                      "  lake: {kind: s3, encryption: kms, kms_key: " + kKey + "}\n" +
                      "  fn: {kind: lambda, source: fn, writes: [events, lake]}\n"
                      "  d: {kind: firehose, source: events, destination: lake}\n");
  // Producers encrypt data keys; writers to the bucket also decrypt (multipart uploads).
  const auto& write_stream = statement(c->compilation, "fn", "UseEventsKey");
  EXPECT_EQ(write_stream.actions, (std::vector<std::string>{"kms:GenerateDataKey"}));
  EXPECT_EQ(write_stream.resources, (std::vector<tf::Expression>{kKey}));
  EXPECT_EQ(shown(write_stream.conditions),
            (std::vector<ShownCondition>{
                {"StringEquals", "kms:ViaService", {"kinesis.eu-west-1.amazonaws.com"}},
                {"StringEquals", "kms:EncryptionContext:aws:kinesis:arn", {kStream}}}));
  const auto& write_bucket = statement(c->compilation, "fn", "UseLakeKey");
  EXPECT_EQ(write_bucket.actions, (std::vector<std::string>{"kms:Decrypt", "kms:GenerateDataKey"}));
  // With a bucket key the context is the bucket's ARN, without one the object's.
  EXPECT_EQ(shown(write_bucket.conditions),
            (std::vector<ShownCondition>{
                {"StringEquals", "kms:ViaService", {"s3.eu-west-1.amazonaws.com"}},
                {"StringLike", "kms:EncryptionContext:aws:s3:arn", {kBucket, kBucket + "/*"}}}));
  // Firehose decrypts what it reads from the stream and writes to the bucket.
  const auto& read_stream = statement(c->compilation, "d", "UseEventsKey");
  EXPECT_EQ(read_stream.actions, (std::vector<std::string>{"kms:Decrypt"}));
  EXPECT_EQ(templates(read_stream.conditions[1].values), (std::vector<std::string>{kStream}));
  const auto& deliver = statement(c->compilation, "d", "UseLakeKey");
  EXPECT_EQ(deliver.actions, (std::vector<std::string>{"kms:Decrypt", "kms:GenerateDataKey"}));
  EXPECT_EQ(templates(deliver.conditions[0].values),
            (std::vector<std::string>{"s3.eu-west-1.amazonaws.com"}));
}

TEST(IamGrants, PoliciesNameNoResourceAttributeSoTheyAreKnownWhenTerraformPlans) {
  // A policy document that refers to a managed resource is re-read at apply whenever that
  // resource changes: every plan would show the policy as "known after apply".
  auto c = compile_ok("  events: {kind: kinesis}\n  lake: {kind: s3}\n  t: {kind: lambda, source: transform}\n"
                      "  fn: {kind: lambda, source: fn, writes: [events], reads: [lake]}\n"
                      "  d: {kind: firehose, source: events, destination: lake, transform: {function: t}}\n"
                      "  cat: {kind: glue, bucket: lake}\n");
  for (const auto& [file, bytes] : c->compilation.output.files) {
    if (file.find(".tf.json") == std::string::npos) continue;
    auto document = nlohmann::json::parse(bytes);
    if (!document.contains("data") || !document["data"].contains("aws_iam_policy_document")) continue;
    std::string text = document["data"]["aws_iam_policy_document"].dump();
    EXPECT_EQ(text.find("${aws_"), std::string::npos) << file << ": " << text;
    EXPECT_NE(text.find("${data.aws_partition.current.partition}"), std::string::npos) << file;
  }
}

TEST(IamGrants, ExtraPermissionsAreAddedAsWritten) {
  auto c = compile_ok(
      "  fn:\n    kind: lambda\n    source: fn\n    extra_permissions:\n"
      "      - reason: Read the API key\n        actions: [secretsmanager:GetSecretValue]\n"
      "        resources: [\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:beer-key-AbCdEf\"]\n");
  EXPECT_EQ(grants_of(c->compilation, "fn"),
            kLambdaLogs | product({"secretsmanager:GetSecretValue"},
                                  {"arn:aws:secretsmanager:eu-west-1:123456789012:secret:beer-key-AbCdEf"}));
  EXPECT_EQ(c->compilation.diagnostics.size(), 0u) << describe(c->compilation.diagnostics);
}

TEST(TrustPolicies, EachRoleTrustsExactlyItsService) {
  auto c = compile_ok("  events: {kind: kinesis}\n  lake: {kind: s3}\n  fn: {kind: lambda, source: fn}\n"
                      "  d: {kind: firehose, source: events, destination: lake}\n"
                      "  cat: {kind: glue, bucket: lake}\n");
  const auto& roles = c->compilation.roles;
  EXPECT_EQ(roles.at("fn").service_principal, "lambda.amazonaws.com");
  EXPECT_EQ(roles.at("d").service_principal, "firehose.amazonaws.com");
  EXPECT_EQ(roles.at("cat").service_principal, "glue.amazonaws.com");
  EXPECT_TRUE(roles.at("fn").trust_conditions.empty());
  EXPECT_TRUE(roles.at("cat").trust_conditions.empty());
  // Firehose assumes its role with the account id as external id: only this account's streams.
  ASSERT_EQ(roles.at("d").trust_conditions.size(), 1u);
  EXPECT_EQ(shown(roles.at("d").trust_conditions),
            (std::vector<ShownCondition>{{"StringEquals", "sts:ExternalId",
                                          {"${data.aws_caller_identity.current.account_id}"}}}));
  auto file = testing::rendered(c->compilation, "d.tf.json");
  const auto& trust = file["data"]["aws_iam_policy_document"]["d_assume_role"]["statement"];
  ASSERT_EQ(trust.size(), 1u);
  EXPECT_EQ(trust[0]["principals"], nlohmann::json::parse(
                                         R"([{"type": "Service", "identifiers": ["firehose.amazonaws.com"]}])"));
  EXPECT_EQ(trust[0]["actions"], nlohmann::json({"sts:AssumeRole"}));
}

}  // namespace
}  // namespace pipectl
