#include <unistd.h>

#include <algorithm>

#include "cli/commands.h"
#include "cli/terraform_session.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {
namespace {

struct ApplyArguments {
  RenderTarget target;
  TerraformOptions terraform;
  std::string plan_file;
  bool auto_approve = false;
};

int run_apply(const ApplyArguments& arguments, const GlobalOptions& globals) {
  bool saved_plan = !arguments.plan_file.empty();
  const auto& extra = arguments.terraform.extra;
  bool approved = arguments.auto_approve ||
                  std::any_of(extra.begin(), extra.end(), [](const std::string& argument) {
                    std::string flag = argument.rfind("--", 0) == 0 ? argument.substr(1) : argument;
                    return flag == "-auto-approve" || flag == "-auto-approve=true";
                  });
  if (!saved_plan && !approved && ::isatty(STDIN_FILENO) == 0) {
    // terraform would wait for an approval nobody can type; say what works instead.
    Diagnostics diagnostics;
    diagnostics.error(DiagCode::InvalidArgument, {},
                      "pipectl apply needs a terminal to ask for approval",
                      "Without one, apply a reviewed plan (pipectl plan ENV_DIR, then pipectl "
                      "apply ENV_DIR --plan FILE) or approve in advance with --auto-approve.");
    return report_diagnostics(diagnostics, SourceFiles{}, globals);
  }
  int exit_code = kError;
  auto session = TerraformSession::open(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;
  if (int init = session->init_if_needed(); init != kSuccess) return init;
  std::optional<std::string> plan;
  if (saved_plan) plan = std::filesystem::absolute(arguments.plan_file).string();
  return session->run(apply_arguments(plan, arguments.auto_approve, arguments.terraform.extra));
}

}  // namespace

void add_apply_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "apply",
      "Render, then apply a saved plan (--plan FILE), or let terraform plan and ask for approval");
  auto arguments = std::make_shared<ApplyArguments>();
  add_render_target_options(*command, arguments->target);
  add_terraform_options(*command, arguments->terraform,
                        "Extra arguments for terraform apply, after `--`");
  auto* plan = command->add_option("--plan", arguments->plan_file,
                                   "A plan saved by pipectl plan; applied as it is, without asking");
  command->add_flag("--auto-approve", arguments->auto_approve,
                    "Apply without asking (for automation; prefer a reviewed --plan)")
      ->excludes(plan);
  command->callback([&globals, &result, arguments] {
    result.exit_code = run_apply(*arguments, globals);
  });
}

}  // namespace pipectl::cli
