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

TEST(AsciiUpper, LeavesNonLettersAlone) { EXPECT_EQ(ascii_upper("log-1_é"), "LOG-1_é"); }

}  // namespace
}  // namespace pipectl
