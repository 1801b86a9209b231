
#include "cli/commands.h"
#include "cli/terraform_session.h"
#include "pipectl/platform/paths.h"
#include "pipectl/text.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {
namespace {

inline constexpr const char* kDefaultPlanFile = "pipectl.tfplan";

struct PlanArguments {
  RenderTarget target;
  TerraformOptions terraform;
  std::string plan_file;
  bool destroy = false;
};

int run_plan(const PlanArguments& arguments, const GlobalOptions& globals) {
  int exit_code = kError;
  auto session =
      TerraformSession::open_initialized(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;

  // terraform runs in the output directory: the default plan file lies there, and one named on
  // the command line (relative to where pipectl runs) is passed as an absolute path.
  std::string plan_file = arguments.plan_file.empty()
                              ? kDefaultPlanFile
                              : std::filesystem::absolute(arguments.plan_file).string();
  std::vector<std::string> extra = arguments.terraform.extra;
  if (arguments.destroy) extra.insert(extra.begin(), "-destroy");
  exit_code = session->run(plan_arguments(plan_file, extra));
  if (exit_code == kChanges) {
    std::string shown = arguments.plan_file.empty()
                            ? display_path(session->output() / kDefaultPlanFile)
                            : arguments.plan_file;
    session->note(std::string(arguments.destroy ? "destroy plan" : "plan") + " saved to " + shown +
                  "; apply exactly this plan with: pipectl apply " +
                  shell_word(arguments.target.env_dir) +
                  repeated_options(arguments.target, arguments.terraform) + " --plan " +
                  shell_word(shown));
  }
  return exit_code;
}

}  // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = add_terraform_command(
      app, "plan",
      "Render, then terraform init (only when providers or backend changed) and terraform plan "
      "in the output directory. Exit code as terraform's -detailed-exitcode: 0 no changes, "
      "1 error, 2 changes present",
      "Arguments after `--` go to terraform plan as they are: pipectl plan ENV_DIR -- "
      "-target=aws_s3_bucket.NAME.");
  auto arguments = std::make_shared<PlanArguments>();
  add_render_target_options(*command, arguments->target);
  add_terraform_options(*command, arguments->terraform);
  command->add_option("--out", arguments->plan_file,
                      std::string("Where to save the plan (default: OUTPUT/") + kDefaultPlanFile +
                          ")");
  command->add_flag("--destroy", arguments->destroy,
                    "Plan to destroy everything the environment manages (terraform plan -destroy); "
                    "review it, then apply it with pipectl apply ENV_DIR --plan FILE");
  command->callback([&globals, &result, arguments] {
    arguments->terraform.extra = globals.terraform_arguments;
    result.exit_code = run_plan(*arguments, globals);
  });
}

}  // namespace pipectl::cli
