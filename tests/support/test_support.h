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

/// Text with one place marked by "@@", so a test states where an error points by marking the spot
/// instead of counting lines: the text without the marker, and the marker's line and column.
struct MarkedText {
  std::string text;
  SourcePos at;
};
MarkedText marked(const std::string& text_with_marker);
/// The 1-based line and column of the first occurrence of `needle` in `text` (throws if absent).
SourcePos position_of(const std::string& text, const std::string& needle);

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

/// A program run as a child process (no shell) until it exits or its time limit passes, with
/// the resources it used.
struct ChildOptions {
  /// Changes to the inherited environment: a value sets the variable, nothing removes it.
  std::map<std::string, std::optional<std::string>> environment;
  /// The child's working directory (empty: the test's own).
  std::filesystem::path working_directory;
  /// Wall-clock seconds after which the child (and its process group) gets SIGKILL, so a hang
  /// fails the test instead of hanging the suite.
  double time_limit_seconds = 30;
};
struct ChildRun {
  int exit_code = -1;   ///< the exit status, or -1 when it did not exit normally
  int signal = 0;       ///< the signal that ended it, if any
  bool killed = false;  ///< it reached the time limit and was killed
  double cpu_seconds = 0;  ///< user + system CPU time (with the children it waited for)
  long max_rss_kb = 0;     ///< its peak resident memory in KiB (ru_maxrss)
  std::string out;         ///< what it wrote to stdout
  std::string err;         ///< what it wrote to stderr
};
/// Runs argv[0] (a path) with the arguments after it; stdin is /dev/null, stdout and stderr are
/// captured to files and returned. The resource figures come from wait4().
ChildRun run_child(const std::vector<std::string>& argv, const ChildOptions& options = {});

/// Built with AddressSanitizer, which inflates CPU time and memory: resource bounds do not apply.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kBuiltWithAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kBuiltWithAddressSanitizer = true;
#else
inline constexpr bool kBuiltWithAddressSanitizer = false;
#endif
#else
inline constexpr bool kBuiltWithAddressSanitizer = false;
#endif

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
