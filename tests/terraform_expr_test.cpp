// Terraform values are typed: literal text, references to typed addresses, concatenations and
// function calls. Only serialization writes the "${...}" templates of Terraform's JSON syntax.

#include "pipectl/terraform_expr.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace pipectl::tf {
namespace {

TEST(TerraformAddress, IsWrittenAsDependsOnAndMovedBlocksTakeIt) {
  EXPECT_EQ(resource("aws_s3_bucket", "raw").str(), "aws_s3_bucket.raw");
  EXPECT_EQ(data("aws_partition", "current").str(), "data.aws_partition.current");
  EXPECT_NE(resource("aws_partition", "current"), data("aws_partition", "current"));
  EXPECT_EQ(nlohmann::json(resource("aws_s3_bucket", "raw")), "aws_s3_bucket.raw");
}

TEST(TerraformExpression, LiteralTextIsEscapedWhereTerraformWouldEvaluateIt) {
  Expression text("cost: ${price} and %{if x}");
  EXPECT_TRUE(text.is_literal());
  EXPECT_EQ(text.literal_text(), "cost: ${price} and %{if x}");
  EXPECT_EQ(text.to_template(), "cost: $${price} and %%{if x}");
  EXPECT_EQ(Expression("100% $5 {braces}").to_template(), "100% $5 {braces}");
  EXPECT_EQ(Expression("ends with $").to_template(), "ends with $");
}

TEST(TerraformExpression, ReferencesNameTheirSubjectAndAttribute) {
  EXPECT_EQ(ref("aws_s3_bucket", "raw", "arn").to_template(), "${aws_s3_bucket.raw.arn}");
  EXPECT_EQ(data_ref("aws_caller_identity", "current", "account_id").to_template(),
            "${data.aws_caller_identity.current.account_id}");
  EXPECT_EQ(path_module().to_template(), "${path.module}");
  EXPECT_FALSE(ref("aws_s3_bucket", "raw", "arn").is_literal());
  EXPECT_THROW(ref("aws_s3_bucket", "raw", "arn").literal_text(), std::logic_error);
}

TEST(TerraformExpression, ConcatenationIsATemplateWithAdjacentTextMerged) {
  Expression arn = "arn:" + partition() + ":s3:::" + std::string("lake") + "/*";
  ASSERT_EQ(arn.parts().size(), 3u) << "text, reference, text";
  EXPECT_EQ(std::get<std::string>(arn.parts()[2]), ":s3:::lake/*");
  EXPECT_EQ(arn.to_template(), "arn:${data.aws_partition.current.partition}:s3:::lake/*");
  EXPECT_EQ(Expression("a") + Expression("") + "b", Expression("ab"));
  EXPECT_TRUE(Expression().is_literal());
  EXPECT_EQ(Expression().to_template(), "");
}

TEST(TerraformExpression, FunctionCallsWriteTheirArgumentsInHcl) {
  Expression call = FunctionCall{
      "format", {"%s-\"quoted\"-${not}", ref("aws_s3_bucket", "raw", "id"), "x-" + account_id()}};
  EXPECT_EQ(call.to_template(),
            "${format(\"%s-\\\"quoted\\\"-$${not}\", aws_s3_bucket.raw.id, "
            "\"x-${data.aws_caller_identity.current.account_id}\")}");
  EXPECT_EQ(call.references().size(), 2u) << "references inside arguments count";
}

TEST(TerraformExpression, TheAccountTokenBecomesTheCallerIdentityAndTheRestStaysLiteral) {
  EXPECT_EQ(aws_name("shop-dev-lake-{account}").to_template(),
            "shop-dev-lake-${data.aws_caller_identity.current.account_id}");
  EXPECT_EQ(aws_name("/aws/lambda/shop-dev-fn"), Expression("/aws/lambda/shop-dev-fn"));
  EXPECT_EQ(aws_name("${x}-{account}-{account}").to_template(),
            "$${x}-${data.aws_caller_identity.current.account_id}-"
            "${data.aws_caller_identity.current.account_id}");
}

TEST(TerraformExpression, TravelsThroughJsonAsAValueThatDecodesToItself) {
  Expression literal("plain ${text}");
  EXPECT_EQ(nlohmann::json(literal), "plain ${text}") << "literals stay plain strings";
  EXPECT_FALSE(is_encoded_expression(nlohmann::json(literal)));

  Expression arn = "arn:" + partition() + ":" +
                   Expression(FunctionCall{"lower", {ref("aws_s3_bucket", "raw", "bucket")}}) +
                   path_module();
  nlohmann::json encoded = arn;
  EXPECT_TRUE(is_encoded_expression(encoded));
  EXPECT_EQ(decode_expression(encoded), arn);
  EXPECT_EQ(decode_expression(nlohmann::json("x")), Expression("x"));
  EXPECT_THROW(decode_expression(nlohmann::json::object({{"reference", "aws_x.y"}})),
               std::logic_error);
}

TEST(TerraformExpression, OrdersByTheTemplateItWritesSoSortedListsAreStable) {
  Expression bucket = ref("aws_s3_bucket", "raw", "arn");
  Expression text("arn:aws:s3:::raw");
  EXPECT_TRUE(bucket < text);  // "$" sorts before "a"
  EXPECT_FALSE(text < bucket);
  EXPECT_FALSE(text < text);
}

TEST(TerraformTemplate, ReadsBackEveryTemplateItWrites) {
  const std::vector<Expression> expressions = {
      Expression("plain text with $${ and %%{ and \"quotes\""),
      ref("aws_s3_bucket", "raw-data", "arn"),
      "arn:" + partition() + ":s3:::" + aws_name("lake-{account}") + "/*",
      path_module() + "/functions/fn.zip",
      Expression(FunctionCall{"format", {"%s-\"x\"\n${y}", ref("aws_s3_bucket", "raw", "id"),
                                         "x-" + account_id(), Expression(FunctionCall{"uuid", {}})}}),
      Expression(""),
  };
  for (const Expression& expression : expressions) {
    auto read = parse_template(expression.to_template());
    ASSERT_TRUE(read) << expression.to_template();
    EXPECT_EQ(*read, expression) << expression.to_template();
  }
}

TEST(TerraformTemplate, NamesWhatEachReferenceReaches) {
  auto read = parse_template("${data.terraform_remote_state.ingest.outputs.stream_arn}/${var.x}");
  ASSERT_TRUE(read);
  auto references = read->references();
  ASSERT_EQ(references.size(), 2u);
  EXPECT_EQ(std::get<Address>(references[0].subject), data("terraform_remote_state", "ingest"));
  EXPECT_EQ(references[0].attributes, (std::vector<std::string>{"outputs", "stream_arn"}));
  EXPECT_EQ(std::get<NamedValue>(references[1].subject), (NamedValue{"var", "x"}));
}

TEST(TerraformTemplate, RefusesWhatItCannotRead) {
  EXPECT_FALSE(parse_template("${a + b}"));
  EXPECT_FALSE(parse_template("${aws_s3_bucket}")) << "a type alone is no object";
  EXPECT_FALSE(parse_template("${unclosed"));
  EXPECT_FALSE(parse_template("%{ if x }y%{ endif }"));
  EXPECT_FALSE(parse_template("${f(\"open)}"));
}

}  // namespace
}  // namespace pipectl::tf
