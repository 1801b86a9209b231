// TerraformDocument serializes what modules add: expressions become templates, and literal text
// is escaped exactly where Terraform's JSON syntax would evaluate it — not in meta-arguments,
// descriptions or the terraform block, where it is taken as written.

#include "pipectl/terraform_document.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace pipectl {
namespace {

nlohmann::json serialized(TerraformDocument& document, const std::string& file) {
  return nlohmann::json::parse(document.serialize().at(file));
}

TEST(TerraformDocument, WritesExpressionsAsTemplatesAndEscapesLiteralTextInBodies) {
  TerraformDocument document;
  auto& bucket = document.resource("main.tf.json", "aws_s3_bucket", "raw");
  bucket["bucket"] = "raw-${not-a-reference}";
  bucket["tags"] = {{"Cost%{centre}", "100%{x}"}};
  bucket["depends_on"] = {tf::resource("aws_s3_bucket", "logs")};
  auto& policy = document.resource("main.tf.json", "aws_s3_bucket_policy", "raw");
  policy["bucket"] = tf::ref("aws_s3_bucket", "raw", "id");
  policy["statement"] = {{{"resources", {"arn:" + tf::partition() + ":s3:::raw/*"}}}};

  auto file = serialized(document, "main.tf.json");
  const auto& raw = file["resource"]["aws_s3_bucket"]["raw"];
  EXPECT_EQ(raw["bucket"], "raw-$${not-a-reference}");
  EXPECT_EQ(raw["tags"], nlohmann::json({{"Cost%%{centre}", "100%%{x}"}})) << "map keys too";
  EXPECT_EQ(raw["depends_on"], nlohmann::json({"aws_s3_bucket.logs"}));
  const auto& written = file["resource"]["aws_s3_bucket_policy"]["raw"];
  EXPECT_EQ(written["bucket"], "${aws_s3_bucket.raw.id}");
  EXPECT_EQ(written["statement"][0]["resources"][0],
            "arn:${data.aws_partition.current.partition}:s3:::raw/*");
}

TEST(TerraformDocument, OutputsEvaluateTheirValueButNotTheirDescription) {
  TerraformDocument document;
  document.output("raw_arn", tf::ref("aws_s3_bucket", "raw", "arn"), "The ${raw} bucket");
  document.output("note", "costs ${nothing}", "text");
  auto outputs = serialized(document, TerraformDocument::kOutputsFile)["output"];
  EXPECT_EQ(outputs["raw_arn"]["value"], "${aws_s3_bucket.raw.arn}");
  EXPECT_EQ(outputs["raw_arn"]["description"], "The ${raw} bucket");
  EXPECT_EQ(outputs["note"]["value"], "costs $${nothing}");
}

TEST(TerraformDocument, TheTerraformBlockIsTakenLiterally) {
  TerraformDocument document;
  document.file("terraform.tf.json")["terraform"] = {{"backend", {{"s3", {{"key", "a/${b}"}}}}}};
  document.file("terraform.tf.json")["provider"] = {{"aws", {{"region", "eu-west-1"}}}};
  auto file = serialized(document, "terraform.tf.json");
  EXPECT_EQ(file["terraform"]["backend"]["s3"]["key"], "a/${b}");
  EXPECT_EQ(file["provider"]["aws"]["region"], "eu-west-1");
}

TEST(TerraformDocument, AnExpressionWhereTerraformTakesOnlyTextIsABug) {
  TerraformDocument in_terraform_block;
  in_terraform_block.file("terraform.tf.json")["terraform"] = {
      {"required_version", tf::ref("aws_s3_bucket", "raw", "arn")}};
  EXPECT_THROW(in_terraform_block.serialize(), std::logic_error);

  TerraformDocument in_depends_on;
  in_depends_on.resource("main.tf.json", "aws_s3_bucket", "raw")["depends_on"] = {
      tf::ref("aws_s3_bucket", "logs", "arn")};
  EXPECT_THROW(in_depends_on.serialize(), std::logic_error);

  TerraformDocument unknown_block;
  unknown_block.file("main.tf.json")["check"] = nlohmann::json::object();
  EXPECT_THROW(unknown_block.serialize(), std::logic_error) << "every block type needs a rule";
}

TEST(TerraformDocument, AddingAResourceTwiceIsABug) {
  TerraformDocument document;
  document.resource("a.tf.json", "aws_s3_bucket", "raw");
  EXPECT_THROW(document.resource("b.tf.json", "aws_s3_bucket", "raw"), std::logic_error);
}

TEST(TerraformDocument, AFinishedFileIsTextAndTakesNoMoreAdditions) {
  TerraformDocument document;
  document.set_comment("Generated");
  document.resource("a.tf.json", "aws_s3_bucket", "raw")["bucket"] = "raw";
  document.finish("a.tf.json");
  EXPECT_THROW(document.resource("a.tf.json", "aws_s3_bucket", "other"), std::logic_error);
  document.resource("b.tf.json", "aws_s3_bucket", "other");
  auto files = document.serialize();
  ASSERT_EQ(files.size(), 2u);
  auto a = nlohmann::json::parse(files.at("a.tf.json"));
  EXPECT_EQ(a["//"], "Generated");
  EXPECT_EQ(a["resource"]["aws_s3_bucket"]["raw"]["bucket"], "raw");
  EXPECT_EQ(nlohmann::json::parse(files.at("b.tf.json"))["//"], "Generated");
}

TEST(TerraformDocument, WritesJsonByteForByteAsNlohmannDumpsIt) {
  nlohmann::json awkward = {
      {"text", "quote \" backslash \\ tab \t newline \n bell \x07 del \x7f é ✓"},
      {"numbers", {0, -7, 3000000000LL, 0.5, 1e-7, 2.0}},
      {"flags", {true, false, nullptr}},
      {"empty", {{"object", nlohmann::json::object()}, {"array", nlohmann::json::array()}}},
      {"nested", {{"z", {{"y", {1, {{"x", "deep"}}}}}}, {"a", "first"}}}};
  TerraformDocument document;
  document.file("main.tf.json")["variable"] = {{"awkward", {{"default", awkward}}}};
  std::string written = document.serialize().at("main.tf.json");
  nlohmann::json expected = {{"variable", {{"awkward", {{"default", awkward}}}}}};
  EXPECT_EQ(written, expected.dump(2) + "\n");
}

TEST(TerraformDocument, MapKeysInBodiesAreEscapedAndSortedAsWritten) {
  TerraformDocument document;
  document.resource("main.tf.json", "aws_s3_bucket", "raw")["tags"] = {{"${b}", "1"}, {"$a", "2"}};
  auto text = document.serialize().at("main.tf.json");
  // "$a" < "${b}", but written "$${b}" < "$a": the file is sorted as written.
  EXPECT_LT(text.find("\"$${b}\""), text.find("\"$a\"")) << text;
}

}  // namespace
}  // namespace pipectl
