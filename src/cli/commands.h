#pragma once
/// The pipectl command line: options shared by every command, and one `add_<verb>_command`
/// per command (each in its own file).

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "pipectl/passes/compile.h"
#include "pipectl/views/output_format.h"

namespace pipectl::cli {

/// Process exit codes, following terraform's convention.
enum ExitCode : int {
  kSuccess = 0,
  kError = 1,    ///< spec errors, bad usage, internal failures
  kChanges = 2,  ///< reserved for commands that detect changes (plan, render --check)
};

struct GlobalOptions {
  int verbosity = 0;
  bool quiet = false;
  OutputFormat format = OutputFormat::Text;  ///< how diagnostics are shown
  bool strict = false;          ///< warnings fail the command too
  std::string color = "auto";   ///< auto | always | never
  /// The arguments after `--`, for the commands that run terraform (see command_line.h).
  std::vector<std::string> terraform_arguments;
  /// stdout carries the command's own data (`pipectl output`): pipectl's JSON, SARIF or GitHub
  /// documents go to stderr instead.
  bool stdout_reserved = false;

  /// Where pipectl's machine-readable documents go: stdout, unless it is reserved.
  std::ostream& document_stream() const;
  /// Whether the command adds its own lines for people (summaries, "is valid"): text format and
  /// not --quiet.
  bool speaks_to_people() const { return format == OutputFormat::Text && !quiet; }
};

/// Whether text for people written to `file_descriptor` is coloured: --color always/never, or
/// (auto) unless NO_COLOR is set or the descriptor is not a terminal.
bool use_color(const GlobalOptions& options, int file_descriptor);

/// What a command produced, for main() to return.
struct CommandResult {
  int exit_code = kSuccess;
};

void add_global_options(CLI::App& app, GlobalOptions& options);
void add_render_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_validate_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_explain_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_check_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_plan_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_apply_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_destroy_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_output_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);
void add_tf_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result);

/// Where a command finds the spec and puts the output: ENV_DIR, -o/--output, --aws-endpoint,
/// --switch-target.
struct RenderTarget {
  std::string env_dir;
  std::string output_dir;
  std::optional<std::string> aws_endpoint;
  bool switch_target = false;

  /// -o, or ENV_DIR/terraform (ENV_DIR/terraform-local in local endpoint mode).
  std::filesystem::path output_directory(bool local_endpoint) const;
  /// The output directory of this compilation: local endpoint mode may come from the spec.
  std::filesystem::path output_directory(const Compilation& compilation) const;
};
void add_render_target_options(CLI::App& command, RenderTarget& target);

/// What `render` did, for commands that go on to run terraform in the output.
struct RenderedEnvironment {
  Compilation compilation;
  std::filesystem::path output;
  int exit_code = kError;
  bool written = false;  ///< the output directory holds this compilation's files

  bool ok() const { return written && exit_code == kSuccess; }
};

/// Compiles and writes the environment exactly as `pipectl render` does: diagnostics reported,
/// the summary printed to `summary` (text format only).
RenderedEnvironment render_to_disk(const RenderTarget& target, const GlobalOptions& globals,
                                   std::ostream& summary);

/// `--aws-endpoint URL`: local endpoint mode (LocalStack, moto), overriding the spec's aws.endpoint.
void add_aws_endpoint_option(CLI::App& command, std::optional<std::string>& endpoint);

/// Sets spdlog's level from -v/--quiet; logs go to stderr only.
void configure_logging(const GlobalOptions& options);

/// Prints the compilation's diagnostics (text on stderr, or JSON on stdout with `extra` merged
/// into the document) and returns kError if there were errors.
int report_diagnostics(const Compilation& compilation, const GlobalOptions& options,
                       const nlohmann::json& extra = nlohmann::json::object());
int report_diagnostics(const Diagnostics& diagnostics, const SourceFiles& sources,
                       const GlobalOptions& options,
                       const nlohmann::json& extra = nlohmann::json::object());
/// Whether these diagnostics fail the command: any error, or (with --strict) any warning.
bool report_diagnostics_failed(const Diagnostics& diagnostics, const GlobalOptions& options);

}  // namespace pipectl::cli
