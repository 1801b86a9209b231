#pragma once
/// Helpers shared by the tests: temporary projects, spec compilation from text, diagnostic
/// matchers and golden files.

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/compile.h"

namespace pipectl::testing {

/// The repository's root folder (for envs/, lambda_sources/ and tests/ data).
std::filesystem::path source_root();

/// A fresh temporary folder, removed with everything in it when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

/// A throw-away project: lambda_sources/ with two working functions (`fn` and `transform`),
/// and envs/<name>/pipeline.yaml written from the given text.
class TestProject {
 public:
  TestProject();
  /// Writes envs/<env>/pipeline.yaml (or `relative` for other files) and returns its path.
  std::filesystem::path write_spec(const std::string& yaml, const std::string& env = "dev");
  std::filesystem::path write(const std::string& relative, const std::string& text);
  const std::filesystem::path& root() const { return dir_.path(); }

 private:
  TempDir dir_;
};

/// Compiles a spec given as text inside a fresh TestProject.
struct CompiledSpec {
  TestProject project;
  Compilation compilation;
};
std::unique_ptr<CompiledSpec> compile_text(const std::string& yaml);

/// One rendered file of a compilation, parsed (fails the test if it is missing).
nlohmann::json rendered(const Compilation& compilation, const std::string& file);

/// A minimal valid spec header; tests append `components:` to it.
std::string spec_header();

/// The ARN pipectl builds (from names, known at plan time) for an object in the region of
/// spec_header(): arn:<partition>:<service>:eu-west-1:<account>:<resource>.
std::string regional_arn(const std::string& service, const std::string& resource);
/// arn:<partition>:s3:::<bucket>
std::string bucket_arn(const std::string& bucket);

/// Runs a shell command (tests only); returns its exit status and combined output.
struct CommandOutput {
  int status = -1;
  std::string output;
};
CommandOutput run_command(const std::string& command);

/// Quotes a path or argument for the shell.
std::string shell_quote(const std::string& text);

/// The diagnostics as "file:line:col: CODE summary" lines, for readable failure messages.
std::string describe(const Diagnostics& diagnostics);

/// The first diagnostic with `kind`, or nothing.
std::optional<Diagnostic> find_diagnostic(const Diagnostics& diagnostics, DiagCode kind);

/// Compares rendered files with the golden folder; with PIPECTL_UPDATE_GOLDEN=1 rewrites it.
/// Returns a description of every difference (empty when equal).
std::string compare_with_golden(const std::map<std::string, std::string>& files,
                                const std::filesystem::path& golden_dir);

}  // namespace pipectl::testing
