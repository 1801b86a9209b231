#include "pipectl/platform/file_system.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace pipectl {
namespace {

namespace fs = std::filesystem;

TEST(PrivateTemporaryDirectory, IsNewEmptyAndOnlyForThisUser) {
  auto first = make_private_temporary_directory("pipectl-test-");
  auto second = make_private_temporary_directory("pipectl-test-");
  ASSERT_TRUE(first) << first.error();
  ASSERT_TRUE(second) << second.error();
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

TEST(WriteNewFile, NeverReplacesAFileAndSaysWhy) {
  auto directory = make_private_temporary_directory("pipectl-test-");
  ASSERT_TRUE(directory) << directory.error();
  fs::path file = *directory / "state.json";
  auto written = write_new_file(file, "first");
  ASSERT_TRUE(written) << written.error();
  auto again = write_new_file(file, "second");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().find("Cannot create"), std::string::npos) << again.error();
  EXPECT_NE(again.error().find("File exists"), std::string::npos) << again.error();
  fs::remove_all(*directory);
}

TEST(ListPackageFiles, AFolderThatIsNotThereIsAFailureThatNamesIt) {
  auto files = list_package_files("/nonexistent/pipectl-folder", excluded_source);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().find("Cannot list"), std::string::npos) << files.error();
  EXPECT_NE(files.error().find("pipectl-folder"), std::string::npos) << files.error();
}

}  // namespace
}  // namespace pipectl
