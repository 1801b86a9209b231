#include "pipectl/option_values.h"

#include <gtest/gtest.h>

#include "pipectl/yaml_reader.h"

namespace pipectl {
namespace {

const OptionSchema& schema() {
  static const OptionSchema options = {
      OptionSpec::integer("shards", "Shard count.").between(1, 10).or_default(std::int64_t{1}),
      OptionSpec::one_of("mode", {"provisioned", "on_demand"}, "Mode.").or_default("provisioned"),
      OptionSpec::boolean("encryption", "Encrypt.").or_default(true),
      OptionSpec::reference("source", {"kinesis"}, "Source.").is_required(),
      OptionSpec::integer("days", "Days.").allowed({1, 7, 30}),
      OptionSpec::object("nested",
                         {OptionSpec::integer("size", "Size.").or_default(std::int64_t{5}),
                          OptionSpec::string("name", "Name.").is_required()},
                         "Nested."),
      OptionSpec::value_map("environment", "Variables."),
  };
  return options;
}

struct Decoded {
  OptionValues values;
  std::vector<ReferenceUse> references;
  Diagnostics diagnostics;
};

Decoded decode(const std::string& yaml) {
  Decoded result;
  Diagnostics parse;
  auto node = read_yaml(yaml, "c.yaml", parse);
  EXPECT_FALSE(parse.has_errors());
  result.values = decode_options(*node, schema(), {"kinesis component \"s\"", "", {}},
                                 result.references, result.diagnostics);
  return result;
}

TEST(DecodeOptions, ReadsValuesAndDefaults) {
  auto d = decode("source: stream\nshards: 3\n");
  EXPECT_FALSE(d.diagnostics.has_errors());
  EXPECT_EQ(d.values.integer("shards"), 3);
  EXPECT_EQ(d.values.string("mode"), "provisioned");
  EXPECT_TRUE(d.values.boolean("encryption"));
  EXPECT_EQ(d.values.object("nested").integer("size"), 5);
  EXPECT_FALSE(d.values.has("nested"));
}

TEST(DecodeOptions, UnknownKeyIsLocatedAndSuggestsTheNearestKey) {
  auto d = decode("source: stream\nshrads: 3\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  const Diagnostic& error = d.diagnostics.items()[0];
  EXPECT_EQ(error.kind, DiagCode::UnknownKey);
  EXPECT_EQ(error.summary, "Unknown key \"shrads\" in kinesis component \"s\"");
  EXPECT_EQ(error.suggestion, "shards");
  EXPECT_EQ(error.subject->begin, (SourcePos{2, 1}));
  EXPECT_NE(error.detail.find("\"shards\""), std::string::npos);
}

TEST(DecodeOptions, WrongTypeSaysWhatWasExpectedAndWhatWasFound) {
  auto d = decode("source: stream\nshards: [1]\nencryption: yes\n");
  ASSERT_EQ(d.diagnostics.size(), 2u);
  EXPECT_EQ(d.diagnostics.items()[0].summary, "\"shards\" must be a whole number, not a list");
  EXPECT_EQ(d.diagnostics.items()[1].summary,
            "\"encryption\" must be true or false, not the string \"yes\"");
  EXPECT_EQ(d.diagnostics.items()[1].subject->begin, (SourcePos{3, 13}));
}

TEST(DecodeOptions, OutOfRangeNamesTheRange) {
  auto d = decode("source: stream\nshards: 11\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics.items()[0].kind, DiagCode::OutOfRange);
  EXPECT_EQ(d.diagnostics.items()[0].summary,
            "\"shards\" is 11, outside the accepted range 1–10");
}

TEST(DecodeOptions, DiscreteNumbersSuggestTheClosestAllowed) {
  auto d = decode("source: stream\ndays: 8\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics.items()[0].kind, DiagCode::InvalidValue);
  EXPECT_EQ(d.diagnostics.items()[0].suggestion, "7");
}

TEST(DecodeOptions, UnknownChoiceSuggestsTheNearestChoice) {
  auto d = decode("source: stream\nmode: ondemand\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics.items()[0].summary, "\"mode\" cannot be \"ondemand\"");
  EXPECT_EQ(d.diagnostics.items()[0].suggestion, "on_demand");
}

TEST(DecodeOptions, MissingRequiredKeyPointsAtTheOwningMapping) {
  auto d = decode("shards: 2\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics.items()[0].kind, DiagCode::MissingRequired);
  EXPECT_EQ(d.diagnostics.items()[0].summary,
            "Missing required key \"source\" in kinesis component \"s\"");
}

TEST(DecodeOptions, NestedOptionsAreCheckedWithTheirPath) {
  auto d = decode("source: stream\nnested:\n  sise: 3\n");
  ASSERT_EQ(d.diagnostics.size(), 2u);
  auto sorted = d.diagnostics.sorted();
  EXPECT_EQ(sorted[0].summary, "Missing required key \"name\" in \"nested\" of kinesis component \"s\"");
  EXPECT_EQ(sorted[0].subject->begin, (SourcePos{2, 1}));  // at the key that owns the mapping
  EXPECT_EQ(sorted[1].summary, "Unknown key \"sise\" in \"nested\" of kinesis component \"s\"");
  EXPECT_EQ(sorted[1].suggestion, "size");
}

TEST(DecodeOptions, CollectsReferencesWithTheirOptionAndLocation) {
  auto d = decode("source: stream\nenvironment:\n  A: literal\n  B: {ref: other.arn}\n");
  EXPECT_FALSE(d.diagnostics.has_errors()) << d.diagnostics.items()[0].summary;
  ASSERT_EQ(d.references.size(), 2u);
  EXPECT_EQ(d.references[0].option, "source");
  EXPECT_EQ(d.references[0].target, "stream");
  EXPECT_EQ(d.references[0].allowed_kinds, (std::vector<std::string>{"kinesis"}));
  EXPECT_EQ(d.references[1].option, "environment.B");
  EXPECT_EQ(d.references[1].target, "other");
  EXPECT_EQ(d.references[1].attribute, "arn");
  EXPECT_EQ(d.references[1].range.begin, (SourcePos{4, 12}));
  const auto& environment = d.values.value_map("environment");
  ASSERT_EQ(environment.size(), 2u);
  EXPECT_EQ(environment[0].literal, "literal");
  EXPECT_TRUE(environment[1].reference.has_value());
}

TEST(DecodeOptions, AReferenceWithoutAttributeMeansName) {
  auto d = decode("source: stream\nenvironment:\n  B: {ref: other}\n");
  ASSERT_EQ(d.references.size(), 2u);
  EXPECT_EQ(d.references[1].attribute, "name");
}

TEST(DecodeOptions, ValueMapRejectsNestedMappingsThatAreNotReferences) {
  auto d = decode("source: stream\nenvironment:\n  B: {value: 1}\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  EXPECT_EQ(d.diagnostics.items()[0].kind, DiagCode::WrongType);
}

TEST(ReportDuplicateKeys, ReportsEveryRepeatWithTheFirstLocation) {
  Diagnostics parse;
  auto node = read_yaml("a: 1\nb: {c: 1, c: 2}\na: 3\n", "d.yaml", parse);
  Diagnostics diagnostics;
  report_duplicate_keys(*node, diagnostics);
  ASSERT_EQ(diagnostics.size(), 2u);
  auto sorted = diagnostics.sorted();
  EXPECT_EQ(sorted[0].summary, "Duplicate key \"c\"");
  EXPECT_EQ(sorted[1].summary, "Duplicate key \"a\"");
  EXPECT_EQ(sorted[1].subject->begin.line, 3);
  EXPECT_EQ(sorted[1].related[0].range.begin.line, 1);
  EXPECT_EQ(node->entries.size(), 2u);
}

TEST(DecodeOptions, ANestedKeyWrittenBesideItsParentSaysWhereItBelongs) {
  auto d = decode("source: stream\nsize: 3\n");
  ASSERT_EQ(d.diagnostics.size(), 1u);
  const Diagnostic& error = d.diagnostics.items()[0];
  EXPECT_EQ(error.kind, DiagCode::UnknownKey);
  EXPECT_EQ(error.summary, "Unknown key \"size\" in kinesis component \"s\"");
  EXPECT_EQ(error.subject->begin, (SourcePos{2, 1}));
  EXPECT_EQ(error.detail.rfind("\"size\" is an option of \"nested\": indent it under `nested:`.", 0), 0u)
      << error.detail;
  EXPECT_EQ(error.suggestion, "nested.size");
}

}  // namespace
}  // namespace pipectl

namespace pipectl {
namespace {

const OptionSchema& access_schema() {
  static const OptionSchema options = {
      OptionSpec::reference("bucket", {"s3"}, "Crawled.").grants_scoped_by(Access::Crawl, "prefix"),
      OptionSpec::references("writes", {"s3"}, "Written.").grants(Access::Write),
      OptionSpec::reference("function", {"lambda"}, "Invoked.").grants(Access::Invoke, "$LATEST"),
      OptionSpec::reference("other", {"s3"}, "Only named."),
      OptionSpec::string("prefix", "Narrows bucket.").or_default("all/"),
  };
  return options;
}

std::vector<ReferenceUse> access_references(const std::string& yaml) {
  Diagnostics diagnostics;
  auto node = read_yaml(yaml, "c.yaml", diagnostics);
  std::vector<ReferenceUse> references;
  decode_options(*node, access_schema(), {"glue component \"c\"", "", {}}, references,
                 diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  return references;
}

TEST(DecodeOptions, AReferenceCarriesTheAccessItsOptionDeclares) {
  auto references =
      access_references("bucket: lake\nwrites: [a, b]\nfunction: fn\nother: c\nprefix: raw/\n");
  ASSERT_EQ(references.size(), 5u);
  EXPECT_EQ(references[0].access, Access::Crawl);
  EXPECT_EQ(references[0].access_scope, "raw/") << "narrowed by the sibling written after it";
  EXPECT_EQ(references[1].access, Access::Write);
  EXPECT_EQ(references[2].target, "b");
  EXPECT_EQ(references[2].access, Access::Write);
  EXPECT_EQ(references[3].access, Access::Invoke);
  EXPECT_EQ(references[3].access_scope, "$LATEST");
  EXPECT_FALSE(references[4].access.has_value()) << "naming a component grants nothing";
}

TEST(DecodeOptions, AnAccessScopeFromAnAbsentSiblingIsItsDefault) {
  auto references = access_references("bucket: lake\n");
  ASSERT_EQ(references.size(), 1u);
  EXPECT_EQ(references[0].access_scope, "all/");
}

}  // namespace
}  // namespace pipectl
