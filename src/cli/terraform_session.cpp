#include "cli/terraform_session.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "pipectl/paths.h"
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

void add_terraform_options(CLI::App& command, TerraformOptions& options,
                           const std::string& extra_description) {
  add_terraform_program_option(command, options);
  command.add_option("--backend-config", options.backend_config,
                     "A backend setting (key=value) or file for terraform init; repeatable. "
                     "Completes a partial backend, e.g. --backend-config bucket=acme-state")
      ->allow_extra_args(false);
  command.add_option("TERRAFORM_ARGS", options.extra, extra_description);
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

int TerraformSession::init_if_needed() {
  auto data_directory = this->data_directory();
  std::string current = fingerprint(options_.backend_config);
  auto reason = init_reason(output(), data_directory, current);
  if (!reason) {
    spdlog::info("terraform init not needed: nothing it acts on changed");
    return kSuccess;
  }
  note("running terraform init (" + *reason + ")");
  describe_state();
  int exit_code = run(init_arguments(options_.backend_config));
  if (exit_code == kSuccess) record_init(data_directory, current);
  return exit_code;
}

void TerraformSession::remember_init(const std::vector<std::string>& backend_config) {
  auto data_directory = this->data_directory();
  record_init(data_directory, fingerprint(backend_config));
}

int TerraformSession::run(const std::vector<std::string>& arguments) {
  spdlog::info("running {} {} in {}", binary_.path.string(), join(arguments, " "),
               display_path(output()));
  std::cout.flush();
  std::cerr.flush();
  ForegroundResult result = run_foreground({binary_.path, arguments, output(), environment_});
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
