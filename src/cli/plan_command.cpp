
#include "cli/commands.h"
#include "cli/terraform_session.h"
#include "pipectl/paths.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {
namespace {

inline constexpr const char* kDefaultPlanFile = "pipectl.tfplan";

struct PlanArguments {
  RenderTarget target;
  TerraformOptions terraform;
  std::string plan_file;
};

int run_plan(const PlanArguments& arguments, const GlobalOptions& globals) {
  int exit_code = kError;
  auto session = TerraformSession::open(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;
  if (int init = session->init_if_needed(); init != kSuccess) return init;

  // terraform runs in the output directory: the default plan file lies there, and one named on
  // the command line (relative to where pipectl runs) is passed as an absolute path.
  std::string plan_file = arguments.plan_file.empty()
                              ? kDefaultPlanFile
                              : std::filesystem::absolute(arguments.plan_file).string();
  exit_code = session->run(plan_arguments(plan_file, arguments.terraform.extra));
  if (exit_code == kChanges) {
    std::string shown = arguments.plan_file.empty()
                            ? display_path(session->output() / kDefaultPlanFile)
                            : arguments.plan_file;
    session->note("plan saved to " + shown + "; apply exactly this plan with: pipectl apply " +
                  arguments.target.env_dir + " --plan " + shown);
  }
  return exit_code;
}

}  // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "plan",
      "Render, then terraform init (only when providers or backend changed) and terraform plan "
      "in the output directory. Exit code as terraform's -detailed-exitcode: 0 no changes, "
      "1 error, 2 changes present");
  auto arguments = std::make_shared<PlanArguments>();
  add_render_target_options(*command, arguments->target);
  add_terraform_options(*command, arguments->terraform,
                        "Extra arguments for terraform plan, after `--` (e.g. -- -target=...)");
  command->add_option("--out", arguments->plan_file,
                      std::string("Where to save the plan (default: OUTPUT/") + kDefaultPlanFile +
                          ")");
  command->callback([&globals, &result, arguments] {
    result.exit_code = run_plan(*arguments, globals);
  });
}

}  // namespace pipectl::cli
