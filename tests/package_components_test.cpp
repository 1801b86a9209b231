#include "pipectl/passes/package_components.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "pipectl/platform/file_system.h"
#include "pipectl/platform/sha256.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::compile_text;
using testing::describe;
using testing::run_command;
using testing::shell_quote;
using testing::spec_header;
using testing::TempDir;
using testing::TestProject;

const char* kHandler =
    "import json\n\ndef lambda_handler(event, context):\n    return {'doubled': event['n'] * 2}\n";

/// A project whose function folder also holds files that must stay out of the package.
void write_function(TestProject& project) {
  project.write("lambda_sources/fn/handler.py", kHandler);
  project.write("lambda_sources/fn/lib/util.py", "X = 1\n");
  project.write("lambda_sources/fn/.env", "SECRET=1\n");
  project.write("lambda_sources/fn/__pycache__/handler.cpython-313.pyc", "junk");
  project.write("lambda_sources/fn/lib/util.pyc", "junk");
  project.write("lambda_sources/fn/tests/test_handler.py", "def test(): pass\n");
  project.write("lambda_sources/fn/test_more.py", "def test(): pass\n");
  project.write_spec(spec_header() + "components:\n  fn:\n    kind: lambda\n    source: fn\n");
}

Compilation compile_project(TestProject& project) {
  return compile_environment(project.root() / "envs/dev");
}

/// write_function's project compiled, with the function's zip written out to a file.
struct PackagedFunction {
  TestProject project;
  Compilation compilation;
  TempDir dir;
  fs::path zip;
};

std::unique_ptr<PackagedFunction> package_function() {
  auto packaged = std::make_unique<PackagedFunction>();
  write_function(packaged->project);
  packaged->compilation = compile_project(packaged->project);
  packaged->zip = packaged->dir.path() / "fn.zip";
  auto bytes = packaged->compilation.output.files.find("artifacts/fn.zip");
  if (bytes != packaged->compilation.output.files.end()) testing::write_file(packaged->zip, bytes->second);
  return packaged;
}

TEST(PackageLambdas, PackagesOnlyTheFunctionsOwnFiles) {
  TestProject project;
  write_function(project);
  Compilation compilation = compile_project(project);
  ASSERT_TRUE(compilation.ok()) << describe(compilation.diagnostics);
  TempDir dir;
  testing::write_file(dir.path() / "fn.zip", compilation.output.files.at("artifacts/fn.zip"));
  auto listing = run_command("python3 -c " +
                             shell_quote("import sys, zipfile\nprint(zipfile.ZipFile(sys.argv[1]).namelist())") +
                             " " + shell_quote((dir.path() / "fn.zip").string()));
  EXPECT_EQ(listing.output, "['handler.py', 'lib/util.py']\n");
}

TEST(PackageLambdas, SameSourcesGiveSameZipWhateverTheMtimesAndUmask) {
  TestProject first;
  write_function(first);
  mode_t old_umask = ::umask(077);
  TestProject second;
  write_function(second);
  ::umask(old_umask);
  fs::last_write_time(second.root() / "lambda_sources/fn/handler.py",
                      fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
  Compilation a = compile_project(first);
  Compilation b = compile_project(second);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.output.files.at("artifacts/fn.zip"), b.output.files.at("artifacts/fn.zip"));
  EXPECT_EQ(a.output.files.at("fn.tf.json"), b.output.files.at("fn.tf.json"));
}

TEST(PackageLambdas, SourceCodeHashIsWhatFilebase64sha256Gives) {
  auto packaged = package_function();
  ASSERT_TRUE(packaged->compilation.ok());
  const Compilation& compilation = packaged->compilation;
  const fs::path& zip = packaged->zip;
  auto python = run_command(
      "python3 -c " +
      shell_quote("import sys, hashlib, base64\n"
                  "print(base64.b64encode(hashlib.sha256(open(sys.argv[1], 'rb').read()).digest()).decode())") +
      " " + shell_quote(zip.string()));
  auto file = testing::rendered(compilation, "fn.tf.json");
  EXPECT_EQ(python.output,
            file["resource"]["aws_lambda_function"]["fn"]["source_code_hash"].get<std::string>() + "\n");
}

TEST(PackageLambdas, TheHandlerRunsFromTheZip) {
  auto packaged = package_function();
  ASSERT_TRUE(packaged->compilation.ok());
  const fs::path& zip = packaged->zip;
  auto python = run_command("python3 -c " +
                            shell_quote("import sys\nsys.path.insert(0, sys.argv[1])\n"
                                        "import handler\nprint(handler.lambda_handler({'n': 21}, None))") +
                            " " + shell_quote(zip.string()));
  EXPECT_EQ(python.output, "{'doubled': 42}\n");
}

TEST(PackageLambdas, ASymlinkLeadingOutsideIsAnError) {
  TestProject project;
  write_function(project);
  project.write("outside/secret.txt", "secret\n");
  fs::create_symlink(project.root() / "outside/secret.txt",
                     project.root() / "lambda_sources/fn/secret.txt");
  Compilation compilation = compile_project(project);
  auto error = testing::find_diagnostic(compilation.diagnostics, DiagCode::PackagingFailed);
  ASSERT_TRUE(error) << describe(compilation.diagnostics);
  EXPECT_NE(error->detail.find("symbolic link that leads outside"), std::string::npos);
}

TEST(PackageLambdas, FunctionsFromOneFolderShareOneZipNamedAfterIt) {
  TestProject project;
  project.write("lambda_sources/shared/handler.py", kHandler);
  project.write_spec(spec_header() +
                     "components:\n"
                     "  first:\n    kind: lambda\n    source: shared\n"
                     "  second:\n    kind: lambda\n    source: shared\n");
  Compilation compilation = compile_project(project);
  ASSERT_TRUE(compilation.ok()) << describe(compilation.diagnostics);
  EXPECT_TRUE(compilation.output.files.count("artifacts/shared.zip"));
  EXPECT_FALSE(compilation.output.files.count("artifacts/first.zip"));
  EXPECT_FALSE(compilation.output.files.count("artifacts/second.zip"));
  for (const char* file : {"first.tf.json", "second.tf.json"}) {
    auto function = nlohmann::json::parse(compilation.output.files.at(file))["resource"]
                                         ["aws_lambda_function"];
    EXPECT_EQ(function.begin().value()["filename"], "${path.module}/artifacts/shared.zip") << file;
  }
}

TEST(PackageLambdas, OneFolderForTwoArchitecturesMakesAZipForEach) {
  TestProject project;
  project.write("lambda_sources/shared/handler.py", kHandler);
  project.write_spec(spec_header() +
                     "components:\n"
                     "  intel:\n    kind: lambda\n    source: shared\n"
                     "  graviton:\n    kind: lambda\n    source: shared\n"
                     "    architecture: arm64\n");
  Compilation compilation = compile_project(project);
  ASSERT_TRUE(compilation.ok()) << describe(compilation.diagnostics);
  std::vector<std::string> zips;
  for (const auto& [name, bytes] : compilation.output.files) {
    if (name.starts_with("artifacts/")) zips.push_back(name);
  }
  EXPECT_EQ(zips, (std::vector<std::string>{"artifacts/shared-python3.13-arm64.zip",
                                           "artifacts/shared-python3.13-x86_64.zip"}));
}

TEST(PackageLambdas, ExclusionRules) {
  EXPECT_TRUE(excluded_from_package(".git", true));
  EXPECT_TRUE(excluded_from_package("__pycache__", true));
  EXPECT_TRUE(excluded_from_package("tests", true));
  EXPECT_TRUE(excluded_from_package("x.pyc", false));
  EXPECT_TRUE(excluded_from_package("test_x.py", false));
  EXPECT_TRUE(excluded_from_package("x_test.py", false));
  EXPECT_FALSE(excluded_from_package("handler.py", false));
  EXPECT_FALSE(excluded_from_package("testing.py", false));
  EXPECT_FALSE(excluded_from_package("requirements.txt", false));
}

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(base64(sha256("")), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

}  // namespace
}  // namespace pipectl
