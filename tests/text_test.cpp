#include "pipectl/text.h"

#include <gtest/gtest.h>

namespace pipectl {
namespace {

TEST(WordList, JoinsWithCommasAndAConjunction) {
  EXPECT_EQ(word_list({}), "");
  EXPECT_EQ(word_list({"a"}), "a");
  EXPECT_EQ(word_list({"a", "b"}, "or"), "a or b");
  EXPECT_EQ(word_list({"a", "b", "c"}), "a, b and c");
}

TEST(QuotedList, QuotesEachItem) {
  EXPECT_EQ(quoted_list({"a"}), "\"a\"");
  EXPECT_EQ(quoted_list({"a", "b", "c"}, "or"), "\"a\", \"b\" or \"c\"");
}

TEST(ShellWord, QuotesOnlyWhatTheShellWouldSplitOrExpand) {
  EXPECT_EQ(shell_word("envs/prod"), "envs/prod");
  EXPECT_EQ(shell_word("bucket=acme-state"), "bucket=acme-state");
  EXPECT_EQ(shell_word("http://127.0.0.1:4566"), "http://127.0.0.1:4566");
  EXPECT_EQ(shell_word("my envs/$HOME"), "'my envs/$HOME'");
  EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_word(""), "''");
}

TEST(AsciiUpper, LeavesNonLettersAlone) { EXPECT_EQ(ascii_upper("log-1_é"), "LOG-1_é"); }

TEST(ConsistsOf, NeedsAtLeastOneCharacterAndOnlyAllowedOnes) {
  EXPECT_TRUE(consists_of("abc-1", [](char c) { return is_ascii_lower_or_digit(c) || c == '-'; }));
  EXPECT_FALSE(consists_of("", is_ascii_alnum));
  EXPECT_FALSE(consists_of("aB", is_ascii_lower_or_digit));
  EXPECT_FALSE(consists_of("é", is_ascii_alnum)) << "ASCII only";
}

TEST(IsIdentifier, IsPythonsAsciiIdentifier) {
  for (const char* name : {"handler", "_private", "lambda_handler2", "X"}) {
    EXPECT_TRUE(is_identifier(name)) << name;
  }
  for (const char* name : {"", "2fast", "has-dash", "has.dot", "has space"}) {
    EXPECT_FALSE(is_identifier(name)) << name;
  }
}

}  // namespace
}  // namespace pipectl
