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
  if (!saved_plan) {
    auto refusal = refuse_unanswerable_approval(
        "apply", arguments.auto_approve, arguments.terraform.extra,
        "apply a reviewed plan (pipectl plan ENV_DIR, then pipectl apply ENV_DIR --plan FILE) "
        "or approve in advance with --auto-approve");
    if (refusal) return report_diagnostics(*refusal, SourceFiles{}, globals);
  }
  int exit_code = kError;
  auto session =
      TerraformSession::open_initialized(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;
  std::optional<std::string> plan;
  if (saved_plan) plan = std::filesystem::absolute(arguments.plan_file).string();
  return session->run(apply_arguments(plan, arguments.auto_approve, arguments.terraform.extra));
}

}  // namespace

void add_apply_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = add_terraform_command(
      app, "apply",
      "Render, then apply a saved plan (--plan FILE), or let terraform plan and ask for approval",
      "Arguments after `--` go to terraform apply as they are: pipectl apply ENV_DIR -- "
      "-parallelism=4.");
  auto arguments = std::make_shared<ApplyArguments>();
  add_render_target_options(*command, arguments->target);
  add_terraform_options(*command, arguments->terraform);
  auto* plan = command->add_option("--plan", arguments->plan_file,
                                   "A plan saved by pipectl plan; applied as it is, without asking");
  command->add_flag("--auto-approve", arguments->auto_approve,
                    "Apply without asking (for automation; prefer a reviewed --plan)")
      ->excludes(plan);
  command->callback([&globals, &result, arguments] {
    arguments->terraform.extra = globals.terraform_arguments;
    result.exit_code = run_apply(*arguments, globals);
  });
}

}  // namespace pipectl::cli
