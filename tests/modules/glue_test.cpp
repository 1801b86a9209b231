#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::compile_text;
using testing::describe;
using testing::find_diagnostic;
using testing::rendered;
using testing::spec_header;

std::string with_crawler(const std::string& options) {
  return spec_header() + "components:\n  lake:\n    kind: s3\n"
                         "  catalog:\n    kind: glue\n    bucket: lake\n" + options;
}

nlohmann::json catalog_file(const std::string& options) {
  auto compiled = compile_text(with_crawler(options));
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
  return rendered(compiled->compilation, "catalog.tf.json");
}

TEST(GlueModule, CatalogsTheBucketPrefixIntoItsDatabaseOnSchedule) {
  auto file = catalog_file(
      "    prefix: cleaned/\n    schedule: cron(0 0 1 * ? *)\n"
      "    table_grouping: combine_compatible_schemas\n    table_prefix: beer_\n");
  const auto& resources = file["resource"];
  EXPECT_EQ(resources["aws_glue_catalog_database"]["catalog"]["name"], "shop_dev_catalog");
  const auto& crawler = resources["aws_glue_crawler"]["catalog"];
  EXPECT_EQ(crawler["name"], "shop-dev-catalog");
  EXPECT_EQ(crawler["database_name"], "${aws_glue_catalog_database.catalog.name}");
  EXPECT_EQ(crawler["role"], "${aws_iam_role.catalog.arn}");
  EXPECT_EQ(crawler["s3_target"][0]["path"], "s3://${aws_s3_bucket.lake.bucket}/cleaned/");
  EXPECT_EQ(crawler["schedule"], "cron(0 0 1 * ? *)");
  EXPECT_EQ(nlohmann::json::parse(crawler["configuration"].get<std::string>()),
            nlohmann::json::parse(
                R"({"Version": 1.0, "Grouping": {"TableGroupingPolicy": "CombineCompatibleSchemas"}})"));
  EXPECT_EQ(crawler["schema_change_policy"]["update_behavior"], "UPDATE_IN_DATABASE");
  EXPECT_EQ(crawler["schema_change_policy"]["delete_behavior"], "DEPRECATE_IN_DATABASE");
  EXPECT_EQ(crawler["recrawl_policy"]["recrawl_behavior"], "CRAWL_EVERYTHING");
  EXPECT_EQ(crawler["table_prefix"], "beer_");
}

TEST(GlueModule, RoleReadsOnlyThePrefixAndCatalogsOnlyItsDatabase) {
  auto file = catalog_file("    prefix: cleaned/\n");
  std::map<std::string, nlohmann::json> statements;
  for (const auto& s : file["data"]["aws_iam_policy_document"]["catalog_permissions"]["statement"]) {
    statements[s["sid"]] = s;
  }
  EXPECT_EQ(statements["ReadLakeObjects"]["resources"][0],
            testing::bucket_arn("shop-dev-lake") + "/cleaned/*");
  EXPECT_EQ(statements["ListLake"]["actions"], nlohmann::json({"s3:ListBucket"}));
  EXPECT_EQ(statements["ListLake"]["condition"][0]["variable"], "s3:prefix");
  EXPECT_FALSE(statements["LocateLake"].contains("condition"));
  EXPECT_EQ(statements["ListLake"]["condition"][0]["values"][0], "cleaned/*");
  const auto& catalog = statements["CatalogOwnDatabase"]["resources"];
  EXPECT_EQ(catalog.size(), 3u);
  EXPECT_NE(catalog.dump().find(":table/shop_dev_catalog/*"), std::string::npos);
  EXPECT_FALSE(statements.count("DeleteOwnTables"));
  EXPECT_EQ(file["data"]["aws_iam_policy_document"]["catalog_assume_role"]["statement"][0]
                ["principals"][0]["identifiers"][0],
            "glue.amazonaws.com");
}

TEST(GlueModule, DeletingTablesIsGrantedOnlyWhenAskedFor) {
  auto file = catalog_file("    schema_change: {delete: delete_from_database}\n");
  bool found = false;
  for (const auto& s : file["data"]["aws_iam_policy_document"]["catalog_permissions"]["statement"]) {
    if (s["sid"] == "DeleteOwnTables") found = true;
  }
  EXPECT_TRUE(found);
}

TEST(GlueModule, PinnedDatabaseNameIsChecked) {
  auto compiled = compile_text(with_crawler("    database: Has-Hyphens\n"));
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::InvalidAwsName);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->summary, "Invalid Glue database name \"Has-Hyphens\"");
  EXPECT_EQ(error->subject->begin.line, 10);
}

TEST(GlueModule, CrawlersAcceptOnlyCronSchedules) {
  auto compiled = compile_text(with_crawler("    schedule: rate(1 day)\n"));
  auto error = find_diagnostic(compiled->compilation.diagnostics, DiagCode::InvalidSchedule);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->detail,
            "This schedule accepts only cron(...) expressions, e.g. cron(0 0 1 * ? *) for monthly.");
}

TEST(GlueModule, IncrementalCrawlsNeedLogOnlySchemaChanges) {
  auto compiled = compile_text(with_crawler("    recrawl: new_folders_only\n"));
  EXPECT_TRUE(find_diagnostic(compiled->compilation.diagnostics, DiagCode::InvalidCombination));
  compiled = compile_text(
      with_crawler("    recrawl: new_folders_only\n    schema_change: {update: log, delete: log}\n"));
  EXPECT_TRUE(compiled->compilation.ok()) << describe(compiled->compilation.diagnostics);
}

}  // namespace
}  // namespace pipectl
