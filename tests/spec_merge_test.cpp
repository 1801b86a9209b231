#include "pipectl/spec_merge.h"

#include <gtest/gtest.h>

#include "pipectl/yaml_reader.h"

namespace pipectl {
namespace {

SpecNode parse(const std::string& text, const std::string& file) {
  Diagnostics diagnostics;
  auto node = read_yaml(text, file, diagnostics);
  EXPECT_TRUE(node);
  return *node;
}

TEST(MergeSpec, MapsMergeKeyByKey) {
  auto merged = merge_spec(parse("a: {x: 1, y: 2}\nb: 3\n", "base"),
                           parse("a: {y: 20, z: 30}\n", "over"));
  EXPECT_EQ(merged.find("a")->find("x")->text, "1");
  EXPECT_EQ(merged.find("a")->find("y")->text, "20");
  EXPECT_EQ(merged.find("a")->find("z")->text, "30");
  EXPECT_EQ(merged.find("b")->text, "3");
}

TEST(MergeSpec, ListsAndScalarsReplaceWhole) {
  auto merged = merge_spec(parse("l: [1, 2, 3]\ns: a\n", "base"), parse("l: [9]\ns: b\n", "over"));
  ASSERT_EQ(merged.find("l")->items.size(), 1u);
  EXPECT_EQ(merged.find("l")->items[0].text, "9");
  EXPECT_EQ(merged.find("s")->text, "b");
}

TEST(MergeSpec, NullRemovesAKey) {
  auto merged = merge_spec(parse("a: 1\nb: 2\n", "base"), parse("a: null\n", "over"));
  EXPECT_EQ(merged.find("a"), nullptr);
  EXPECT_NE(merged.find("b"), nullptr);
}

TEST(MergeSpec, EachValueKeepsTheLocationOfTheFileThatSetIt) {
  auto merged = merge_spec(parse("a: {x: 1, y: 2}\n", "base"), parse("a:\n  y: 20\n", "over"));
  EXPECT_EQ(merged.find("a")->find("x")->range.file, "base");
  EXPECT_EQ(merged.find("a")->find("y")->range.file, "over");
  EXPECT_EQ(merged.find("a")->find("y")->range.begin, (SourcePos{2, 6}));
}

TEST(MergeSpec, KeepsBaseOrderAndAppendsNewKeys) {
  auto merged = merge_spec(parse("b: 1\na: 2\n", "base"), parse("c: 3\nb: 4\n", "over"));
  EXPECT_EQ(merged.keys(), (std::vector<std::string>{"b", "a", "c"}));
}

}  // namespace
}  // namespace pipectl
