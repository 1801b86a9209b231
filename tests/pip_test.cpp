// Python dependencies of Lambda functions: installed with pip from a local wheel folder (offline),
// packed with the sources, cached, and every failure reported with the function's name.

#include "pipectl/platform/pip.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::describe;
using testing::run_command;
using testing::shell_quote;
using testing::spec_header;
using testing::TempDir;
using testing::TestProject;

bool pip_available() { return run_command("python3 -m pip --version").status == 0; }

/// Builds a minimal pure-Python wheel (tinypkg 1.0) in `folder` with Python's zipfile.
void write_wheel(const fs::path& folder) {
  fs::create_directories(folder);
  std::string script =
      "import sys, zipfile\n"
      "with zipfile.ZipFile(sys.argv[1] + '/tinypkg-1.0-py3-none-any.whl', 'w') as w:\n"
      "    w.writestr('tinypkg/__init__.py', 'def greet():\\n    return \"hello from tinypkg\"\\n')\n"
      "    w.writestr('tinypkg-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: tinypkg\\nVersion: 1.0\\n')\n"
      "    w.writestr('tinypkg-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')\n"
      "    w.writestr('tinypkg-1.0.dist-info/RECORD', 'tinypkg/__init__.py,,\\ntinypkg-1.0.dist-info/METADATA,,\\ntinypkg-1.0.dist-info/WHEEL,,\\ntinypkg-1.0.dist-info/RECORD,,\\n')\n";
  auto result = run_command("python3 -c " + shell_quote(script) + " " + shell_quote(folder.string()));
  ASSERT_EQ(result.status, 0) << result.output;
}

class PipPackaging : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!pip_available()) GTEST_SKIP() << "SKIPPED (loudly): python3 -m pip is not available";
    write_wheel(project_.root() / "wheels");
    project_.write("lambda_sources/fn/handler.py",
                   "import tinypkg\n\ndef lambda_handler(event, context):\n    return tinypkg.greet()\n");
    project_.write("lambda_sources/fn/requirements.txt", "# pinned\ntinypkg==1.0\n");
    project_.write_spec(spec_header() + "packaging: {find_links: ../../wheels}\n"
                                        "components:\n  fn: {kind: lambda, source: fn}\n");
    options_.pip.cache_dir = cache_.path();
  }

  Compilation compile() { return compile_environment(project_.root() / "envs/dev", options_); }

  std::string run_from_zip(const Compilation& compilation, const std::string& code) {
    TempDir dir;
    auto zip = dir.path() / "fn.zip";
    testing::write_file(zip, compilation.output.files.at("artifacts/fn.zip"));
    return run_command("python3 -c " + shell_quote("import sys, zipfile\nsys.path.insert(0, sys.argv[1])\n" + code) +
                       " " + shell_quote(zip.string()))
        .output;
  }

  TestProject project_;
  TempDir cache_;
  CompileOptions options_;
};

TEST_F(PipPackaging, InstallsRequirementsFromTheWheelFolderIntoThePackage) {
  Compilation compilation = compile();
  ASSERT_TRUE(compilation.ok()) << describe(compilation.diagnostics);
  EXPECT_EQ(run_from_zip(compilation, "import handler\nprint(handler.lambda_handler({}, None))"),
            "hello from tinypkg\n");
  std::string names = run_from_zip(compilation, "print(sorted(zipfile.ZipFile(sys.argv[1]).namelist()))");
  EXPECT_NE(names.find("'tinypkg/__init__.py'"), std::string::npos) << names;
  EXPECT_NE(names.find("'tinypkg-1.0.dist-info/METADATA'"), std::string::npos) << names;
  EXPECT_EQ(names.find("RECORD"), std::string::npos) << names;
}

TEST_F(PipPackaging, TheSameRequirementsGiveTheSameZipAndComeFromTheCache) {
  Compilation first = compile();
  ASSERT_TRUE(first.ok()) << describe(first.diagnostics);
  // A cache hit never runs pip: a Python that does not exist must not matter now.
  options_.pip.python = "/nonexistent/python3";
  Compilation second = compile();
  ASSERT_TRUE(second.ok()) << describe(second.diagnostics);
  EXPECT_EQ(first.output.files.at("artifacts/fn.zip"), second.output.files.at("artifacts/fn.zip"));
}

TEST_F(PipPackaging, WithoutACacheTheResultIsTheSame) {
  Compilation cached = compile();
  options_.pip.cache_dir.clear();
  Compilation uncached = compile();
  ASSERT_TRUE(cached.ok() && uncached.ok()) << describe(uncached.diagnostics);
  EXPECT_EQ(cached.output.files.at("artifacts/fn.zip"), uncached.output.files.at("artifacts/fn.zip"));
}

TEST_F(PipPackaging, MissingPipIsAClearErrorNamingTheFunction) {
  options_.pip.python = "/nonexistent/python3";
  Compilation compilation = compile();
  auto error = testing::find_diagnostic(compilation.diagnostics, DiagCode::PackagingFailed);
  ASSERT_TRUE(error) << describe(compilation.diagnostics);
  EXPECT_EQ(error->summary, "Cannot package \"fn\"");
  EXPECT_NE(error->detail.find("pip is not available"), std::string::npos) << error->detail;
  EXPECT_EQ(error->subject->begin.line,
            testing::position_of(testing::read_text(project_.root() / "envs/dev/pipeline.yaml"), "fn:").line);
}

TEST_F(PipPackaging, AFailedInstallShowsPipsMessage) {
  project_.write("lambda_sources/fn/requirements.txt", "notthere==9.9\n");
  Compilation compilation = compile();
  auto error = testing::find_diagnostic(compilation.diagnostics, DiagCode::PackagingFailed);
  ASSERT_TRUE(error) << describe(compilation.diagnostics);
  EXPECT_NE(error->detail.find("pip could not install"), std::string::npos) << error->detail;
  EXPECT_NE(error->detail.find("notthere"), std::string::npos) << error->detail;
}

TEST_F(PipPackaging, AnEnvironmentVariableCanPointAtTheWheels) {
  project_.write_spec(spec_header() + "components:\n  fn: {kind: lambda, source: fn}\n");
  ::setenv("PIPECTL_FIND_LINKS", (project_.root() / "wheels").c_str(), 1);
  options_.pip.find_links = PipOptions::from_environment().find_links;
  ::unsetenv("PIPECTL_FIND_LINKS");
  Compilation compilation = compile();
  ASSERT_TRUE(compilation.ok()) << describe(compilation.diagnostics);
}

TEST(HasRequirements, IgnoresCommentsAndBlankLines) {
  EXPECT_FALSE(has_requirements(""));
  EXPECT_FALSE(has_requirements("# nothing\n\n   \n"));
  EXPECT_TRUE(has_requirements("# pinned\nrequests==2.32.3\n"));
}

}  // namespace
}  // namespace pipectl
