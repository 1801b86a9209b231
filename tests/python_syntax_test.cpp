// Python sources are parsed with a real interpreter before anything is deployed: errors at
// their own line, one interpreter run for every package of a runtime, none when nothing changed.

#include "pipectl/platform/python_syntax.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace pipectl {
namespace {

using testing::shell_quote;
using testing::TempDir;
using testing::write_file;

/// An interpreter that records each run in `log`, then runs the real Python.
std::string counting_python(const TempDir& dir) {
  auto wrapper = dir.path() / "python-counting";
  write_file(wrapper, "#!/bin/sh\necho run >> " + shell_quote((dir.path() / "runs").string()) +
                          "\nexec " + shell_quote(PIPECTL_PYTHON) + " \"$@\"\n");
  std::filesystem::permissions(wrapper, std::filesystem::perms::owner_all);
  return wrapper.string();
}

int runs(const TempDir& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir.path() / "runs", error)) return 0;
  std::string log = testing::read_text(dir.path() / "runs");
  return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
}

TEST(PythonSyntax, ReportsEachErrorWithItsFileLineAndColumn) {
  TempDir dir;
  write_file(dir.path() / "good.py", "def handler(event, context):\n    return event\n");
  write_file(dir.path() / "bad.py", "x = 1\nif x\n    pass\n");
  write_file(dir.path() / "nul.py", std::string("x = 1\0\n", 7));
  auto report = check_python_syntax(PIPECTL_PYTHON, "3.13",
                                    {dir.path() / "bad.py", dir.path() / "good.py", dir.path() / "nul.py"});
  ASSERT_TRUE(report.checked) << report.not_checked;
  EXPECT_FALSE(report.interpreter_version.empty());
  ASSERT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(report.problems[0].file, dir.path() / "bad.py");
  EXPECT_EQ(report.problems[0].line, 2);
  EXPECT_EQ(report.problems[0].column, 5);
  EXPECT_EQ(report.problems[0].message, "expected ':'");
  EXPECT_EQ(report.problems[1].file, dir.path() / "nul.py");
  EXPECT_NE(report.problems[1].message.find("null"), std::string::npos) << report.problems[1].message;
}

TEST(PythonSyntax, AnInterpreterThatCannotRunSaysWhy) {
  TempDir dir;
  write_file(dir.path() / "a.py", "x = 1\n");
  auto report = check_python_syntax((dir.path() / "no-python").string(), "3.13", {dir.path() / "a.py"});
  EXPECT_FALSE(report.checked);
  EXPECT_NE(report.not_checked.find("no-python"), std::string::npos) << report.not_checked;
}

TEST(PythonSyntax, OneRunChecksEveryPackageAndUnchangedSourcesAreNotParsedAgain) {
  TempDir tools;
  testing::TestProject project;
  std::string components = "components:\n";
  for (int i = 0; i < 40; ++i) {
    components += "  fn" + std::to_string(i) + ": {kind: lambda, source: " +
                  (i % 2 ? "fn" : "transform") + "}\n";
  }
  project.write_spec(testing::spec_header() + components);
  std::string validate = "PIPECTL_PYTHON=" + shell_quote(counting_python(tools)) +
                         " PIPECTL_CACHE_DIR=" + shell_quote((tools.path() / "cache").string()) +
                         " " + shell_quote(PIPECTL_BINARY) + " validate " +
                         shell_quote((project.root() / "envs/dev").string());
  auto first = testing::run_command(validate);
  EXPECT_EQ(first.status, 0) << first.output;
  EXPECT_EQ(runs(tools), 1);  // forty functions, two folders, one runtime: one run

  auto again = testing::run_command(validate);
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_EQ(runs(tools), 1);  // nothing changed: the cached report answers

  project.write("lambda_sources/fn/handler.py", "def lambda_handler(event, context)\n    return 1\n");
  auto broken = testing::run_command(validate);
  EXPECT_EQ(broken.status, 1);
  EXPECT_EQ(runs(tools), 2);
  EXPECT_NE(broken.output.find("lambda_sources/fn/handler.py:1:"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("error[PC3010]"), std::string::npos) << broken.output;
}

}  // namespace
}  // namespace pipectl
