#include "pipectl/version_constraint.h"

#include <gtest/gtest.h>

namespace pipectl {
namespace {

TEST(VersionConstraint, AcceptsWhatTerraformAccepts) {
  for (const char* text : {">= 1.5.0", ">= 5.100, < 7.0", "~> 6.0", "= 1.11.0-beta1", "1.10"}) {
    EXPECT_TRUE(is_version_constraint(text)) << text;
  }
  for (const char* text : {"latest", ">= ", "1.x", ">= 1.5.0,, < 2", "=> 1.0"}) {
    EXPECT_FALSE(is_version_constraint(text)) << text;
  }
}

TEST(VersionConstraint, TheLowestAdmittedVersionIsTheHighestLowerBound) {
  EXPECT_EQ(lowest_admitted_version(">= 1.5.0, < 2.0"), (std::array<long, 3>{1, 5, 0}));
  EXPECT_EQ(lowest_admitted_version(">= 1.5, >= 1.10"), (std::array<long, 3>{1, 10, 0}));
  EXPECT_EQ(lowest_admitted_version("~> 1.11"), (std::array<long, 3>{1, 11, 0}));
  EXPECT_EQ(lowest_admitted_version("< 2.0, != 1.3.0"), (std::array<long, 3>{0, 0, 0}));
}

}  // namespace
}  // namespace pipectl
