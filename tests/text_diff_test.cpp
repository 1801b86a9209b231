// first_difference: the short diff `render --check` prints for a stale file.

#include "pipectl/text_diff.h"

#include <gtest/gtest.h>

namespace pipectl {
namespace {

TEST(TextDiff, EqualTextsHaveNoDifference) { EXPECT_EQ(first_difference("a\nb\n", "a\nb\n"), ""); }

TEST(TextDiff, ShowsTheChangedLinesWithTwoLinesOfContext) {
  std::string before = "1\n2\n3\n4\nold\n6\n7\n8\n";
  std::string after = "1\n2\n3\n4\nnew\n6\n7\n8\n";
  EXPECT_EQ(first_difference(before, after), "@@ line 5 @@\n 3\n 4\n-old\n+new\n 6\n 7\n");
}

TEST(TextDiff, InsertionsAndDeletionsShowOneSide) {
  EXPECT_EQ(first_difference("a\nc\n", "a\nb\nc\n"), "@@ line 2 @@\n a\n+b\n c\n");
  EXPECT_EQ(first_difference("a\nb\nc\n", "a\nc\n"), "@@ line 2 @@\n a\n-b\n c\n");
}

TEST(TextDiff, LongChangesAreCutShort) {
  std::string before, after;
  for (int i = 0; i < 20; ++i) {
    before += "old" + std::to_string(i) + "\n";
    after += "new" + std::to_string(i) + "\n";
  }
  std::string diff = first_difference(before, after, 3);
  EXPECT_EQ(diff,
            "@@ line 1 @@\n-old0\n-old1\n-old2\n- … 17 more lines\n+new0\n+new1\n+new2\n"
            "+ … 17 more lines\n");
}

TEST(TextDiff, BinaryContentIsSummarisedBySize) {
  EXPECT_EQ(first_difference(std::string("PK\0\1", 4), std::string("PK\0\2x", 5)),
            "binary content differs (4 → 5 bytes)\n");
}

TEST(TextDiff, AMissingFinalNewlineIsNamed) {
  EXPECT_EQ(first_difference("a\nb\n", "a\nb"), "only the final newline differs\n");
}

}  // namespace
}  // namespace pipectl
