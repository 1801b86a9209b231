// An OptionTable declares each option once, bound to the member of a typed config: the same
// declaration is the schema (names, defaults, ranges, documentation) and the decoder.

#include "pipectl/option_table.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "pipectl/yaml_reader.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::position_of;

struct Rules {
  std::int64_t days{};
  std::string prefix;
};

struct StreamConfig {
  Located<std::int64_t> shards;
  bool on_demand{};
  std::string compression;
  std::optional<Located<std::string>> pinned;
  std::vector<std::string> metrics;
  Rules rules;
  std::optional<Rules> archive;
};

OptionTable<Rules> rules_options() {
  return {
      option(&Rules::days, OptionSpec::integer("days", "Days.").at_least(1).or_default(std::int64_t{7})),
      option(&Rules::prefix, OptionSpec::string("prefix", "Prefix.")),
  };
}

const OptionTable<StreamConfig>& stream_options() {
  static const OptionTable<StreamConfig> table{
      option(&StreamConfig::shards,
             OptionSpec::integer("shards", "Shards.").between(1, 10).or_default(std::int64_t{1})),
      option(&StreamConfig::on_demand,
             OptionSpec::choice("mode", "Mode.").or_default("provisioned"),
             {{"provisioned", false}, {"on_demand", true}}),
      option(&StreamConfig::compression,
             OptionSpec::choice("compression", "Compression.").or_default("none"),
             {{"none", "UNCOMPRESSED"}, {"gzip", "GZIP"}}),
      option(&StreamConfig::pinned, OptionSpec::string("pinned", "A pinned name.")),
      option(&StreamConfig::metrics, OptionSpec::strings("metrics", "Metrics.")),
      declared<StreamConfig>(OptionSpec::reference("source", {"kinesis"}, "Source.")),
      option(&StreamConfig::rules, "rules", rules_options(), "Rules."),
      option(&StreamConfig::archive, "archive", rules_options(), "Archive."),
  };
  return table;
}

StreamConfig decode(const std::string& yaml) {
  Diagnostics diagnostics;
  auto node = read_yaml(yaml, "c.yaml", diagnostics);
  std::vector<ReferenceUse> references;
  OptionValues values = decode_options(*node, stream_options().schema(),
                                       {"stream component \"s\"", "", {}}, references, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << testing::describe(diagnostics);
  return stream_options().decode(values);
}

TEST(OptionTable, TheDeclarationsAreTheSchemaInTheirOrder) {
  const OptionSchema& schema = stream_options().schema();
  EXPECT_EQ(schema.names(), (std::vector<std::string>{"shards", "mode", "compression", "pinned",
                                                      "metrics", "source", "rules", "archive"}));
  EXPECT_EQ(schema.find("mode")->choices, (std::vector<std::string>{"provisioned", "on_demand"}));
  EXPECT_EQ(schema.find("rules")->fields->names(), (std::vector<std::string>{"days", "prefix"}));
  EXPECT_EQ(describe_default(*schema.find("shards")), "1");
}

TEST(OptionTable, AbsentOptionsTakeTheirDeclaredDefaults) {
  StreamConfig config = decode("{}");
  EXPECT_EQ(config.shards.value, 1);
  EXPECT_FALSE(config.on_demand);
  EXPECT_EQ(config.compression, "UNCOMPRESSED");
  EXPECT_FALSE(config.pinned) << "an optional member stays empty without a value";
  EXPECT_TRUE(config.metrics.empty());
  EXPECT_EQ(config.rules.days, 7) << "a nested mapping's defaults apply when it is absent";
  EXPECT_FALSE(config.archive) << "an optional mapping is present only when written";
}

TEST(OptionTable, WrittenValuesFillTheirMembersWithWhereTheyWereWritten) {
  const std::string yaml =
      "shards: 4\nmode: on_demand\ncompression: gzip\npinned: my-name\nmetrics: [a, b]\n"
      "rules: {days: 30, prefix: raw/}\narchive: {prefix: old/}\n";
  StreamConfig config = decode(yaml);
  EXPECT_EQ(config.shards.value, 4);
  EXPECT_EQ(config.shards.at.begin, position_of(yaml, "4"));
  EXPECT_TRUE(config.on_demand);
  EXPECT_EQ(config.compression, "GZIP");
  ASSERT_TRUE(config.pinned);
  EXPECT_EQ(config.pinned->value, "my-name");
  EXPECT_EQ(config.pinned->at.begin, position_of(yaml, "my-name"));
  EXPECT_EQ(config.metrics, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(config.rules.days, 30);
  EXPECT_EQ(config.rules.prefix, "raw/");
  ASSERT_TRUE(config.archive);
  EXPECT_EQ(config.archive->prefix, "old/");
  EXPECT_EQ(config.archive->days, 7);
}

TEST(OptionTable, GroupsAddUpInOrder) {
  OptionTable<Rules> days{option(&Rules::days, OptionSpec::integer("days", "Days."))};
  OptionTable<Rules> prefix{option(&Rules::prefix, OptionSpec::string("prefix", "Prefix."))};
  OptionTable<Rules> both = prefix + days;
  EXPECT_EQ(both.schema().names(), (std::vector<std::string>{"prefix", "days"}));
}

struct Grant {
  Located<std::vector<Located<std::string>>> actions;
};
struct Grants {
  std::vector<Grant> grants;
};

TEST(OptionTable, ListsOfMappingsDecodeEachItemAndEveryListItemKeepsItsPlace) {
  static const OptionTable<Grants> table{option(
      &Grants::grants, "grants",
      OptionTable<Grant>{option(&Grant::actions, OptionSpec::strings("actions", "Actions."))},
      "Grants.")};
  const std::string yaml = "grants:\n  - actions: [s3:GetObject, s3:PutObject]\n  - actions: [kms:Decrypt]\n";
  Diagnostics diagnostics;
  auto node = read_yaml(yaml, "c.yaml", diagnostics);
  std::vector<ReferenceUse> references;
  OptionValues values =
      decode_options(*node, table.schema(), {"test", "", {}}, references, diagnostics);
  ASSERT_FALSE(diagnostics.has_errors()) << testing::describe(diagnostics);
  Grants decoded = table.decode(values);
  ASSERT_EQ(decoded.grants.size(), 2u);
  const auto& first = decoded.grants[0].actions;
  EXPECT_EQ(first.at.begin, position_of(yaml, "[s3:GetObject"));
  ASSERT_EQ(first.value.size(), 2u);
  EXPECT_EQ(first.value[1].value, "s3:PutObject");
  EXPECT_EQ(first.value[1].at.begin, position_of(yaml, "s3:PutObject"));
  EXPECT_EQ(decoded.grants[1].actions.value[0].value, "kms:Decrypt");
}

TEST(OptionTable, AMemberThatCannotHoldItsOptionIsABugFoundWhenTheTableIsBuilt) {
  EXPECT_THROW(option(&Rules::prefix, OptionSpec::integer("prefix", "A number.")),
               std::logic_error);
  EXPECT_THROW(option(&Rules::days, OptionSpec::boolean("days", "A flag.")), std::logic_error);
  EXPECT_THROW(option(&StreamConfig::on_demand,
                      OptionSpec::one_of("mode", {"provisioned"}, "Choices named twice."),
                      {{"provisioned", false}}),
               std::logic_error);
}

}  // namespace
}  // namespace pipectl
