#include "cli/terraform_session.h"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "cli/command_line.h"
#include "pipectl/platform/paths.h"
#include "pipectl/platform/foreground_process.h"
#include "pipectl/text.h"
#include "pipectl/workflow/init_record.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {

void add_terraform_program_option(CLI::App& command, TerraformOptions& options) {
  command.add_option("--terraform", options.terraform,
                     "The terraform or tofu program to run (default: $PIPECTL_TERRAFORM, then "
                     "terraform, then tofu on PATH)");
}

CLI::App* add_terraform_command(CLI::App& app, const std::string& name,
                                const std::string& description,
                                const std::string& tail_description) {
  CLI::App* command = app.add_subcommand(name, description);
  command->group(kTerraformCommandGroup);
  command->footer(tail_description);
  return command;
}

void add_terraform_options(CLI::App& command, TerraformOptions& options) {
  add_terraform_program_option(command, options);
  command.add_option("--backend-config", options.backend_config,
                     "A backend setting (key=value) or file for terraform init; repeatable. "
                     "Completes a partial backend, e.g. --backend-config bucket=acme-state")
      ->allow_extra_args(false);
}

std::optional<Diagnostics> refuse_unanswerable_approval(const std::string& command,
                                                        bool auto_approve,
                                                        const std::vector<std::string>& extra,
                                                        const std::string& instead) {
  bool approved = auto_approve || std::any_of(extra.begin(), extra.end(), [](const std::string& argument) {
                    std::string flag = argument.rfind("--", 0) == 0 ? argument.substr(1) : argument;
                    return flag == "-auto-approve" || flag == "-auto-approve=true";
                  });
  if (approved || ::isatty(STDIN_FILENO) != 0) return std::nullopt;
  Diagnostics diagnostics;
  diagnostics.error(DiagCode::InvalidArgument, {},
                    "pipectl " + command + " needs a terminal to ask for approval",
                    "Without one, " + instead + ".");
  return diagnostics;
}

std::string repeated_options(const RenderTarget& target, const TerraformOptions& options) {
  std::string repeated;
  auto add = [&repeated](const std::string& option, const std::string& value) {
    repeated += " " + option + " " + shell_word(value);
  };
  if (!target.output_dir.empty()) add("-o", target.output_dir);
  if (target.aws_endpoint) add("--aws-endpoint", *target.aws_endpoint);
  for (const std::string& value : options.backend_config) add("--backend-config", value);
  if (options.terraform) add("--terraform", *options.terraform);
  return repeated;
}

std::optional<TerraformSession> TerraformSession::open(const RenderTarget& target,
                                                       const TerraformOptions& options,
                                                       const GlobalOptions& globals,
                                                       int& exit_code) {
  RenderedEnvironment rendered = render_to_disk(target, globals, std::cerr);
  if (!rendered.ok()) {
    exit_code = rendered.exit_code == kSuccess ? kError : rendered.exit_code;
    return std::nullopt;
  }
  Diagnostics diagnostics;
  auto binary = find_terraform(TerraformSearch::from_process(options.terraform), diagnostics);
  if (!binary) {
    exit_code = report_diagnostics(diagnostics, rendered.compilation.sources, globals);
    return std::nullopt;
  }
  spdlog::info("using {} (chosen by {})", binary->path.string(), binary->chosen_by);
  return TerraformSession(std::move(rendered), std::move(*binary), options, globals);
}

std::optional<TerraformSession> TerraformSession::open_initialized(const RenderTarget& target,
                                                                   const TerraformOptions& options,
                                                                   const GlobalOptions& globals,
                                                                   int& exit_code,
                                                                   bool quiet_init) {
  auto session = open(target, options, globals, exit_code);
  if (!session) return std::nullopt;
  exit_code = session->init_if_needed(quiet_init);
  if (exit_code != kSuccess) return std::nullopt;
  return session;
}

TerraformSession::TerraformSession(RenderedEnvironment rendered, TerraformBinary binary,
                                   TerraformOptions options, const GlobalOptions& globals)
    : rendered_(std::move(rendered)),
      binary_(std::move(binary)),
      options_(std::move(options)),
      globals_(&globals),
      environment_(terraform_environment(current_environment())) {
  for (std::string& value : options_.backend_config) value = backend_config_argument(value);
}

void TerraformSession::note(const std::string& message) const {
  if (!globals_->quiet) std::cerr << "pipectl: " << message << '\n';
}

std::string TerraformSession::fingerprint(const std::vector<std::string>& backend_config) const {
  std::vector<std::string> readable;
  for (const std::string& value : backend_config) {
    // Files named relative to the output directory (terraform's working directory) are read
    // there; as absolute paths, `plan --backend-config f` and `tf -- init -backend-config=f`
    // naming one file agree.
    bool is_file = value.find('=') == std::string::npos;
    readable.push_back(is_file ? std::filesystem::absolute(output() / value).lexically_normal().string()
                               : value);
  }
  return init_fingerprint(init_inputs(rendered_.compilation.output, binary_.path, readable));
}

std::filesystem::path TerraformSession::data_directory() const {
  return terraform_data_directory(output(), environment_value(environment_, "TF_DATA_DIR"));
}

void TerraformSession::describe_state() const {
  const EnvironmentSettings& environment = settings();
  if (environment.aws.local()) {
    note("state: local (local endpoint mode leaves any backend out)");
  } else if (!environment.backend.remote()) {
    note("state: local, in " + display_path(output() / "terraform.tfstate") +
         " (the spec declares no backend; see docs/spec.md, backend)");
  } else if (environment.backend.partial() && options_.backend_config.empty()) {
    note("state: " + environment.backend.describe() +
         "; the spec leaves the bucket to init: pass --backend-config bucket=NAME (or a file)");
  } else {
    note("state: " + environment.backend.describe());
  }
}

int TerraformSession::init_if_needed(bool quiet_stdout) {
  auto data_directory = this->data_directory();
  std::string current = fingerprint(options_.backend_config);
  auto reason = init_reason(output(), data_directory, current);
  if (!reason) {
    spdlog::info("terraform init not needed: nothing it acts on changed");
    return kSuccess;
  }
  note("running terraform init (" + *reason + ")");
  describe_state();
  int exit_code = run(init_arguments(options_.backend_config), quiet_stdout);
  if (exit_code == kSuccess) record_init(data_directory, current);
  return exit_code;
}

void TerraformSession::remember_init(const std::vector<std::string>& backend_config) {
  auto data_directory = this->data_directory();
  record_init(data_directory, fingerprint(backend_config));
}

int TerraformSession::run(const std::vector<std::string>& arguments, bool stdout_to_stderr) {
  std::cout.flush();
  std::cerr.flush();
  std::vector<std::string> full = arguments;
  if (!use_color(*globals_, STDOUT_FILENO)) full = without_color(std::move(full));
  spdlog::info("running {} {} in {}", binary_.path.string(), join(full, " "),
               display_path(output()));
  ForegroundResult result =
      run_foreground({binary_.path, full, output(), environment_, stdout_to_stderr});
  if (!result.started) {
    Diagnostics diagnostics;
    diagnostics.error(DiagCode::TerraformNotFound, {},
                      "Cannot run " + binary_.path.string() + ": " + result.error,
                      "Check that it is an executable terraform or tofu program.");
    report_diagnostics(diagnostics, rendered_.compilation.sources, *globals_);
    return kError;
  }
  return result.exit_code;
}

}  // namespace pipectl::cli
