#pragma once
/// What `plan`, `apply` and `tf` share: render the environment as `render` does, find terraform,
/// and run it in the output directory — initializing first only when init's inputs changed.

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "pipectl/workflow/terraform_binary.h"

namespace pipectl::cli {

struct TerraformOptions {
  std::optional<std::string> terraform;     ///< --terraform PATH
  std::vector<std::string> backend_config;  ///< --backend-config VALUE (repeatable)
  std::vector<std::string> extra;           ///< arguments after `--`, passed on verbatim
};

/// A command that renders, then runs terraform: listed in its own help group, it alone takes
/// arguments after `--`; `tail_description` (its help's footer) says what they are for.
CLI::App* add_terraform_command(CLI::App& app, const std::string& name,
                                const std::string& description,
                                const std::string& tail_description);
/// --terraform PATH.
void add_terraform_program_option(CLI::App& command, TerraformOptions& options);
/// --terraform and --backend-config.
void add_terraform_options(CLI::App& command, TerraformOptions& options);

/// terraform asks on the terminal before it changes anything, unless approved in advance
/// (--auto-approve, or -auto-approve after `--`). Without a terminal it would wait for an answer
/// nobody can type: then a PC9001 error saying `instead` what works, before anything renders.
std::optional<Diagnostics> refuse_unanswerable_approval(const std::string& command,
                                                        bool auto_approve,
                                                        const std::vector<std::string>& extra,
                                                        const std::string& instead);

/// The options a later pipectl command needs to reach the same output, backend and program:
/// " -o DIR --aws-endpoint URL --backend-config V --terraform PATH", each only if given.
std::string repeated_options(const RenderTarget& target, const TerraformOptions& options);

class TerraformSession {
 public:
  /// Renders `target` and finds terraform. Nothing: a failure was reported; `exit_code` says how
  /// the command ends. A failed render never runs terraform.
  static std::optional<TerraformSession> open(const RenderTarget& target,
                                              const TerraformOptions& options,
                                              const GlobalOptions& globals, int& exit_code);

  /// open(), then init_if_needed(): nothing if either failed, with `exit_code` set.
  static std::optional<TerraformSession> open_initialized(const RenderTarget& target,
                                                          const TerraformOptions& options,
                                                          const GlobalOptions& globals,
                                                          int& exit_code,
                                                          bool quiet_init = false);

  /// Runs `terraform init` when its inputs changed since the last successful init (or never
  /// ran); returns 0 when initialized, else init's exit code. With `quiet_stdout`, init's
  /// output goes to stderr, keeping stdout for what the command prints.
  int init_if_needed(bool quiet_stdout = false);
  /// Runs terraform with `arguments` in the output directory (adding -no-color when colour is
  /// off); returns its exit code.
  int run(const std::vector<std::string>& arguments, bool stdout_to_stderr = false);
  /// Records a successful init that ran with these -backend-config values.
  void remember_init(const std::vector<std::string>& backend_config);

  const std::filesystem::path& output() const { return rendered_.output; }
  const EnvironmentSettings& settings() const { return rendered_.compilation.graph->settings(); }
  const RenderedOutput& rendered() const { return rendered_.compilation.output; }
  /// Prints a line for people on stderr ("pipectl: ..."), unless --quiet.
  void note(const std::string& message) const;

 private:
  TerraformSession(RenderedEnvironment rendered, TerraformBinary binary, TerraformOptions options,
                   const GlobalOptions& globals);
  std::string fingerprint(const std::vector<std::string>& backend_config) const;
  void describe_state() const;
  /// terraform's data directory, where the record of the last successful init is kept.
  std::filesystem::path data_directory() const;

  RenderedEnvironment rendered_;
  TerraformBinary binary_;
  TerraformOptions options_;
  const GlobalOptions* globals_;
  std::vector<std::string> environment_;
};

}  // namespace pipectl::cli
