#include "pipectl/suggest.h"

#include <gtest/gtest.h>

namespace pipectl {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  EXPECT_EQ(edit_distance("shards", "shards"), 0);
  EXPECT_EQ(edit_distance("shard", "shards"), 1);
  EXPECT_EQ(edit_distance("shards", "shard"), 1);
  EXPECT_EQ(edit_distance("shards", "shurds"), 1);
  EXPECT_EQ(edit_distance("shards", "hsards"), 1);  // adjacent transposition
  EXPECT_EQ(edit_distance("", "abc"), 3);
}

TEST(EditDistance, IgnoresCase) { EXPECT_EQ(edit_distance("GZIP", "gzip"), 0); }

TEST(Nearest, SuggestsTheClosePlausibleCandidate) {
  EXPECT_EQ(nearest("shard_cont", {"shards", "shard_count", "mode"}), "shard_count");
  EXPECT_EQ(nearest("kinessis", {"kinesis", "lambda", "s3"}), "kinesis");
}

TEST(Nearest, SuggestsNothingWhenEverythingIsFar) {
  EXPECT_EQ(nearest("banana", {"kinesis", "lambda", "s3"}), std::nullopt);
}

TEST(Nearest, BreaksTiesByNameNotByOrder) {
  EXPECT_EQ(nearest("ab", {"ac", "aa"}), "aa");
  EXPECT_EQ(nearest("ab", {"aa", "ac"}), "aa");
}

}  // namespace
}  // namespace pipectl
