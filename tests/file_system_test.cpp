#include "pipectl/platform/file_system.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace pipectl {
namespace {

namespace fs = std::filesystem;

TEST(PrivateTemporaryDirectory, IsNewEmptyAndOnlyForThisUser) {
  std::string error;
  auto first = make_private_temporary_directory("pipectl-test-", error);
  auto second = make_private_temporary_directory("pipectl-test-", error);
  ASSERT_TRUE(first && second) << error;
  EXPECT_NE(*first, *second);
  EXPECT_EQ(first->filename().string().rfind("pipectl-test-", 0), 0u);
  EXPECT_TRUE(fs::is_directory(*first));
  EXPECT_TRUE(fs::is_empty(*first));
  struct stat info {};
  ASSERT_EQ(::stat(first->c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  fs::remove_all(*first);
  fs::remove_all(*second);
}

}  // namespace
}  // namespace pipectl
