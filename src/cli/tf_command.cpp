#include <algorithm>

#include "cli/commands.h"
#include "cli/terraform_session.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {
namespace {

struct TfArguments {
  RenderTarget target;
  TerraformOptions terraform;
};

int run_tf(const TfArguments& arguments, const GlobalOptions& globals) {
  if (arguments.terraform.extra.empty()) {
    Diagnostics diagnostics;
    diagnostics.error(DiagCode::InvalidArgument, {},
                      "pipectl tf needs a terraform command after \"--\"",
                      "For example: pipectl tf " + arguments.target.env_dir + " -- state list.");
    return report_diagnostics(diagnostics, SourceFiles{}, globals);
  }
  int exit_code = kError;
  auto session = TerraformSession::open(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;
  const std::vector<std::string>& command = arguments.terraform.extra;
  exit_code = session->run(command);
  // An init run by hand (e.g. with -migrate-state) counts as pipectl's own — unless it left
  // the backend out, which a plan still needs.
  bool backend_skipped = std::find(command.begin(), command.end(), "-backend=false") != command.end();
  if (exit_code == kSuccess && command.front() == "init" && !backend_skipped) {
    session->remember_init(backend_config_of(command));
  }
  return exit_code;
}

}  // namespace

void add_tf_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = add_terraform_command(
      app, "tf",
      "Render, then run any terraform command in the output directory. Exit code is terraform's",
      "The terraform command and its arguments go after `--`: pipectl tf ENV_DIR -- state list.");
  auto arguments = std::make_shared<TfArguments>();
  add_render_target_options(*command, arguments->target);
  add_terraform_program_option(*command, arguments->terraform);
  command->callback([&globals, &result, arguments] {
    arguments->terraform.extra = globals.terraform_arguments;
    result.exit_code = run_tf(*arguments, globals);
  });
}

}  // namespace pipectl::cli
