#include "pipectl/passes/derive_iam.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::spec_header;

const DerivedRole& role_of(const Compilation& compilation, const std::string& component) {
  return compilation.roles.at(component);
}

TEST(DeriveIam, OnlyComponentsWhoseServiceActsGetARole) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  events:\n    kind: kinesis\n  lake:\n    kind: s3\n"
                               "  fn:\n    kind: lambda\n    source: fn\n"
                               "  tick:\n    kind: cloudwatch\n    schedule: rate(1 day)\n    target: fn\n");
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  const auto& roles = compiled->compilation.roles;
  EXPECT_EQ(roles.size(), 1u);
  EXPECT_TRUE(roles.count("fn"));
  EXPECT_EQ(role_of(compiled->compilation, "fn").role_name, "shop-dev-fn-role");
  EXPECT_EQ(role_of(compiled->compilation, "fn").service_principal, "lambda.amazonaws.com");
}

TEST(DeriveIam, StatementsAreSortedDeduplicatedAndUniquelyNamed) {
  auto compiled = compile_text(spec_header() +
                               "components:\n  lake:\n    kind: s3\n"
                               "  fn:\n    kind: lambda\n    source: fn\n    writes: [lake, lake]\n"
                               "    reads: [lake]\n");
  ASSERT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  const auto& statements = role_of(compiled->compilation, "fn").statements;
  std::vector<std::string> sids;
  for (const auto& statement : statements) {
    sids.push_back(statement.sid);
    EXPECT_TRUE(std::is_sorted(statement.actions.begin(), statement.actions.end()));
  }
  EXPECT_EQ(sids, (std::vector<std::string>{"ListLake", "ReadLakeObjects", "WriteLakeObjects",
                                            "WriteOwnLogs"}));
}

TEST(DeriveIam, ARoleNameOverIamsLimitIsReportedAtTheComponent) {
  std::string name(56, 'f');
  const std::string yaml =
      spec_header() + "components:\n  " + name + ":\n    kind: lambda\n    source: fn\n    name: short\n";
  auto compiled = compile_text(yaml);
  auto error = testing::find_diagnostic(compiled->compilation.diagnostics, DiagCode::InvalidAwsName);
  ASSERT_TRUE(error) << describe(compiled->compilation.diagnostics);
  EXPECT_NE(error->summary.find("invalid IAM role name"), std::string::npos);
  EXPECT_EQ(error->subject->begin, testing::position_of(yaml, name));
}

TEST(StatementId, CamelCasesWords) {
  EXPECT_EQ(statement_id({"write", "beer-stream"}), "WriteBeerStream");
  EXPECT_EQ(statement_id({"read", "raw_data", "objects"}), "ReadRawDataObjects");
}

}  // namespace
}  // namespace pipectl
