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

}  // namespace
}  // namespace pipectl
