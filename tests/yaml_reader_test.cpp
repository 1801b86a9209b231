#include "pipectl/yaml_reader.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

TEST(ReadYaml, GivesOneBasedLinesAndColumns) {
  Diagnostics diagnostics;
  auto root = read_yaml("a: 1\nb:\n  c: hello\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root);
  const SpecEntry* b = root->find_entry("b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->key_range.begin, (SourcePos{2, 1}));
  const SpecEntry* c = b->value.find_entry("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->key_range.begin, (SourcePos{3, 3}));
  EXPECT_EQ(c->value.range.begin, (SourcePos{3, 6}));
  EXPECT_EQ(c->value.range.end, (SourcePos{3, 11}));
  EXPECT_EQ(c->value.range.file, "f.yaml");
}

TEST(ReadYaml, QuotedScalarsAreStringsEvenIfTheyLookLikeNumbers) {
  Diagnostics diagnostics;
  auto root = read_yaml("plain: 5\nquoted: \"5\"\nflag: true\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root);
  EXPECT_EQ(root->find("plain")->as_integer(), 5);
  EXPECT_EQ(root->find("quoted")->as_integer(), std::nullopt);
  EXPECT_EQ(root->find("quoted")->describe_type(), "the string \"5\"");
  EXPECT_EQ(root->find("flag")->as_boolean(), true);
  // The caret covers the quotes too.
  EXPECT_EQ(root->find("quoted")->range.end.column - root->find("quoted")->range.begin.column, 3);
}

TEST(ReadYaml, IntegersAreStrictlyDecimal) {
  Diagnostics diagnostics;
  auto root = read_yaml("a: +-5\nb: -7\nc: 1e3\nd: 99999999999999999999\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root);
  EXPECT_EQ(root->find("a")->as_integer(), std::nullopt);
  EXPECT_EQ(root->find("b")->as_integer(), -7);
  EXPECT_EQ(root->find("c")->as_integer(), std::nullopt);
  EXPECT_EQ(root->find("d")->as_integer(), std::nullopt);
  EXPECT_TRUE(root->find("d")->looks_like_integer());
}

TEST(ReadYaml, KeepsDuplicateKeysForLaterReporting) {
  Diagnostics diagnostics;
  auto root = read_yaml("a: 1\na: 2\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root);
  EXPECT_EQ(root->entries.size(), 2u);
}

TEST(ReadYaml, ReportsSyntaxErrorsWithTheirPosition) {
  Diagnostics diagnostics;
  auto root = read_yaml("a: [1, 2\nb: 3\n", "bad.yaml", diagnostics);
  EXPECT_FALSE(root);
  ASSERT_EQ(diagnostics.size(), 1u);
  const Diagnostic& d = diagnostics.items()[0];
  EXPECT_EQ(d.kind, DiagCode::YamlSyntax);
  EXPECT_EQ(d.subject->file, "bad.yaml");
  EXPECT_EQ(d.subject->begin.line, 2);
  EXPECT_NE(d.summary.find("end of sequence flow not found"), std::string::npos);
}

TEST(ReadYaml, RejectsSeveralDocumentsInOneFile) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_yaml("a: 1\n---\nb: 2\n", "f.yaml", diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].summary, "More than one YAML document in a spec file");
}

TEST(ReadYaml, RejectsInvalidUtf8WithItsPosition) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_yaml("a: 1\nb: \xff\n", "f.yaml", diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].subject->begin, (SourcePos{2, 4}));
}

TEST(ReadYaml, ColumnsCountCharactersNotBytes) {
  Diagnostics diagnostics;
  auto root = read_yaml("a: [\"é\", yy]\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root);
  EXPECT_EQ(root->find("a")->items[1].range.begin, (SourcePos{1, 10}));
}

TEST(ReadYaml, SelfReferentialAliasesAreAnErrorNotACrash) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_yaml("a: &a [*a]\n", "f.yaml", diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].summary, "An alias refers to the node that contains it");
  EXPECT_EQ(diagnostics.items()[0].subject->begin, (SourcePos{1, 8}));
}

TEST(ReadYaml, AliasBombsAreStoppedEarly) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (char name = 'b'; name <= 'i'; ++name) {
    std::string list = "[";
    for (int i = 0; i < 10; ++i) list += (i ? ", *" : "*") + previous;
    text += std::string(1, name) + ": &" + name + " " + list + "]\n";
    previous = std::string(1, name);
  }
  Diagnostics diagnostics;
  EXPECT_FALSE(read_yaml(text, "f.yaml", diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u);
  // Stopped at the alias that crosses the limit, long before a billion values are built.
  EXPECT_EQ(diagnostics.items()[0].summary, "YAML aliases expand to more than 100000 values");
  EXPECT_EQ(diagnostics.items()[0].subject->begin.line, 5);
}

TEST(ReadYaml, RejectsOverlongAndSurrogateUtf8) {
  for (const char* bad : {"a: \xc0\x80\n", "a: \xed\xa0\x80\n", "a: \xf5\x80\x80\x80\n"}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_yaml(bad, "f.yaml", diagnostics));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].summary, "The file is not valid UTF-8");
    EXPECT_EQ(diagnostics.items()[0].subject->begin, (SourcePos{1, 4}));
  }
}

TEST(ReadYaml, EmptyValuesPointAtTheirKey) {
  Diagnostics diagnostics;
  auto root = read_yaml("a:\nb: 1\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->find("a")->is_null());
  EXPECT_EQ(root->find("a")->range.begin, (SourcePos{1, 1}));
}

// YAML 1.2 rules yaml-cpp does not enforce, or reports by a symptom, are pipectl's to enforce.

TEST(ReadYaml, ATabInIndentationIsNamedAtTheTab) {
  for (const char* text : {"a:\n\tb: 1\n", "a:\n  b: 1\n \t c: 2\n"}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_yaml(text, "f.yaml", diagnostics)) << text;
    ASSERT_EQ(diagnostics.size(), 1u) << text;
    EXPECT_EQ(diagnostics.items()[0].summary, "Tab in indentation");
    EXPECT_EQ(diagnostics.items()[0].subject->begin.column, std::string(text).find("b: 1") == 4 ? 1 : 2);
  }
  // A tab between a key and its value separates them, as YAML allows.
  Diagnostics diagnostics;
  auto root = read_yaml("a:\n  b:\t1\n", "f.yaml", diagnostics);
  ASSERT_TRUE(root) << testing::describe(diagnostics);
  EXPECT_EQ(root->find("a")->find("b")->text, "1");
}

TEST(ReadYaml, ControlCharactersAreErrorsAtTheirPlace) {
  struct Case {
    std::string text;
    std::string summary;
    SourcePos at;
  };
  for (const Case& c : {Case{std::string("a: x\0y\n", 8), "U+0000 (NUL)", {1, 5}},
                        Case{"a: 1\nb: \"x\x1b[1m\"\n", "U+001B (ESC)", {2, 6}},
                        Case{"a: \x7f\n", "U+007F (DEL)", {1, 4}},
                        Case{"a: \xc2\x85ok\xc2\x9b\n", "U+009B", {1, 7}},  // NEL is allowed
                        Case{"a: x\xef\xbb\xbf\n", "U+FEFF (byte-order mark)", {1, 5}}}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_yaml(c.text, "f.yaml", diagnostics)) << c.summary;
    ASSERT_EQ(diagnostics.size(), 1u) << c.summary;
    EXPECT_EQ(diagnostics.items()[0].summary, "The file contains the control character " + c.summary);
    EXPECT_EQ(diagnostics.items()[0].subject->begin, c.at) << c.summary;
  }
}

TEST(ReadYaml, UnterminatedQuotedValuesAreErrorsAtTheOpeningQuote) {
  for (const char* text : {"a: 1\nb: \"open\n", "a: 1\nb: \"open", "a: 1\nb: 'open\n",
                           "m:\n  b: \"open\n  c: 1\nd: \"x\"\n"}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_yaml(text, "f.yaml", diagnostics)) << text;
    ASSERT_EQ(diagnostics.size(), 1u) << text;
    EXPECT_NE(diagnostics.items()[0].summary.find("Unclosed"), std::string::npos) << text;
    EXPECT_EQ(diagnostics.items()[0].subject->begin.line, 2) << text;
  }
  Diagnostics diagnostics;
  EXPECT_TRUE(read_yaml("a: \"two\n  lines\"\nb: 'it''s'\nc: don't\n", "f.yaml", diagnostics))
      << testing::describe(diagnostics);
}

TEST(ReadYaml, AByteOrderMarkAndCarriageReturnsAreNormalisedAway) {
  EXPECT_EQ(normalize_source("\xef\xbb\xbf" "a: 1\r\nb: 2\rc: 3\n"), "a: 1\nb: 2\nc: 3\n");
  EXPECT_EQ(normalize_source("a: \"x\r\n  y\"\r"), "a: \"x\n  y\"\n");
}

}  // namespace
}  // namespace pipectl
