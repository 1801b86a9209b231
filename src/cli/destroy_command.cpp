#include "cli/commands.h"
#include "cli/terraform_session.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {
namespace {

struct DestroyArguments {
  RenderTarget target;
  TerraformOptions terraform;
  bool auto_approve = false;
};

int run_destroy(const DestroyArguments& arguments, const GlobalOptions& globals) {
  auto refusal = refuse_unanswerable_approval(
      "destroy", arguments.auto_approve, arguments.terraform.extra,
      "review a destroy plan (pipectl plan ENV_DIR --destroy, then pipectl apply ENV_DIR --plan "
      "FILE) or approve in advance with --auto-approve");
  if (refusal) return report_diagnostics(*refusal, SourceFiles{}, globals);
  int exit_code = kError;
  auto session =
      TerraformSession::open_initialized(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;
  return session->run(destroy_arguments(arguments.auto_approve, arguments.terraform.extra));
}

}  // namespace

void add_destroy_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = add_terraform_command(
      app, "destroy",
      "Render, then terraform destroy: remove everything the environment manages, after "
      "terraform shows what goes and asks. For a reviewed destroy, plan --destroy and apply the "
      "saved plan",
      "Arguments after `--` go to terraform destroy as they are: pipectl destroy ENV_DIR -- "
      "-target=aws_s3_bucket.NAME.");
  auto arguments = std::make_shared<DestroyArguments>();
  add_render_target_options(*command, arguments->target);
  add_terraform_options(*command, arguments->terraform);
  command->add_flag("--auto-approve", arguments->auto_approve,
                    "Destroy without asking (for automation; prefer a reviewed plan --destroy)");
  command->callback([&globals, &result, arguments] {
    arguments->terraform.extra = globals.terraform_arguments;
    result.exit_code = run_destroy(*arguments, globals);
  });
}

}  // namespace pipectl::cli
