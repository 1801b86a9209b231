#include "pipectl/platform/zip_writer.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::run_command;
using testing::shell_quote;
using testing::TempDir;

std::vector<ZipEntry> sample() {
  return {{"handler.py", "def lambda_handler(e, c):\n    return 42\n", false},
          {"bin/tool", "#!/bin/sh\necho hi\n", true},
          {"pkg/__init__.py", "", false}};
}

TEST(BuildZip, SameEntriesGiveSameBytes) { EXPECT_EQ(*build_zip(sample()), *build_zip(sample())); }

TEST(BuildZip, UnzipAndPythonAcceptTheArchive) {
  TempDir dir;
  auto path = dir.path() / "a.zip";
  testing::write_file(path, *build_zip(sample()));
  auto unzip = run_command("unzip -t " + shell_quote(path.string()));
  EXPECT_EQ(unzip.status, 0) << unzip.output;
  EXPECT_NE(unzip.output.find("No errors detected"), std::string::npos) << unzip.output;
  // Names in the given order, the zip epoch as timestamp, 0644/0755 permissions, no extras.
  auto python = run_command(
      "python3 -c " +
      shell_quote("import sys, zipfile\n"
                  "z = zipfile.ZipFile(sys.argv[1])\n"
                  "assert z.testzip() is None\n"
                  "for i in z.infolist():\n"
                  "    print(i.filename, i.date_time, oct(i.external_attr >> 16), len(i.extra), "
                  "i.compress_type)\n") +
      " " + shell_quote(path.string()));
  EXPECT_EQ(python.status, 0) << python.output;
  EXPECT_EQ(python.output,
            "handler.py (1980, 1, 1, 0, 0, 0) 0o100644 0 8\n"
            "bin/tool (1980, 1, 1, 0, 0, 0) 0o100755 0 8\n"
            "pkg/__init__.py (1980, 1, 1, 0, 0, 0) 0o100644 0 8\n");
}

TEST(BuildZip, ContentChangesChangeTheBytes) {
  auto entries = sample();
  entries[0].data += "# changed\n";
  EXPECT_NE(*build_zip(entries), *build_zip(sample()));
}

TEST(BuildZipCached, GivesBuildZipsBytesAndRemembersThem) {
  TempDir cache;
  auto built = build_zip(sample());
  auto first = build_zip_cached(sample(), cache.path());
  ASSERT_TRUE(built && first);
  EXPECT_EQ(*first, *built);
  std::vector<std::filesystem::path> remembered;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(cache.path())) {
    if (entry.is_regular_file()) remembered.push_back(entry.path());
  }
  ASSERT_EQ(remembered.size(), 1u);
  EXPECT_EQ(remembered[0].extension(), ".zip");

  // The second build reads the entry back: what is stored there is what it returns.
  auto other = build_zip({{"other.py", "y = 2\n", false}});
  testing::write_file(remembered[0], *other);
  EXPECT_EQ(*build_zip_cached(sample(), cache.path()), *other);
}

TEST(BuildZipCached, ADamagedEntryIsCompressedAgain) {
  TempDir cache;
  ASSERT_TRUE(build_zip_cached(sample(), cache.path()));
  for (const auto& entry : std::filesystem::recursive_directory_iterator(cache.path())) {
    if (entry.is_regular_file()) testing::write_file(entry.path(), "PK\x03\x04 cut short");
  }
  EXPECT_EQ(*build_zip_cached(sample(), cache.path()), *build_zip(sample()));
}

TEST(BuildZipCached, AnyChangeToAnEntryIsAnotherPackage) {
  TempDir cache;
  auto entries = sample();
  ASSERT_TRUE(build_zip_cached(entries, cache.path()));
  entries.front().executable = !entries.front().executable;
  EXPECT_EQ(*build_zip_cached(entries, cache.path()), *build_zip(entries));
}

}  // namespace
}  // namespace pipectl
