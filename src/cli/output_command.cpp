#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/terraform_session.h"
#include "pipectl/suggest.h"
#include "pipectl/terraform_document.h"
#include "pipectl/workflow/terraform_invocation.h"

namespace pipectl::cli {
namespace {

struct OutputArguments {
  RenderTarget target;
  TerraformOptions terraform;
  std::optional<std::string> name;
  bool json = false;
  bool raw = false;
};

/// The outputs the rendered configuration declares (`<component>_name`, `_arn`, ...), all in
/// the one file TerraformDocument gathers them in.
std::vector<std::string> declared_outputs(const RenderedOutput& rendered) {
  std::vector<std::string> names;
  auto file = rendered.files.find(TerraformDocument::kOutputsFile);
  if (file == rendered.files.end()) return names;
  nlohmann::json document = nlohmann::json::parse(file->second, nullptr, false);
  if (!document.is_object() || !document.contains("output")) return names;
  for (const auto& [name, value] : document["output"].items()) names.push_back(name);
  return names;
}

/// An unknown NAME is pipectl's error, with the nearest output, rather than terraform's.
std::optional<Diagnostics> check_output_name(const std::string& name,
                                             const std::vector<std::string>& outputs) {
  if (std::find(outputs.begin(), outputs.end(), name) != outputs.end()) return std::nullopt;
  std::string hint = "pipectl output ENV_DIR lists every output.";
  if (auto suggestion = nearest(name, outputs)) hint = "Did you mean " + *suggestion + "? " + hint;
  Diagnostics diagnostics;
  diagnostics.error(DiagCode::InvalidArgument, {},
                    "The environment declares no output named " + name, hint);
  return diagnostics;
}

int run_output(const OutputArguments& arguments, GlobalOptions globals) {
  globals.stdout_reserved = true;
  if (arguments.raw && !arguments.name) {
    Diagnostics diagnostics;
    diagnostics.error(DiagCode::InvalidArgument, {}, "--raw prints one output and needs its NAME",
                      "For example: pipectl output " + arguments.target.env_dir +
                          " beer_stream_name --raw");
    return report_diagnostics(diagnostics, SourceFiles{}, globals);
  }
  int exit_code = kError;
  auto session = TerraformSession::open(arguments.target, arguments.terraform, globals, exit_code);
  if (!session) return exit_code;
  if (arguments.name) {
    if (auto unknown = check_output_name(*arguments.name, declared_outputs(session->rendered()))) {
      return report_diagnostics(*unknown, SourceFiles{}, globals);
    }
  }
  // Only terraform's outputs on stdout, so `$(pipectl output ENV NAME --raw)` is the value.
  if (int init = session->init_if_needed(true); init != kSuccess) return init;
  return session->run(output_arguments(arguments.name, arguments.json, arguments.raw,
                                       arguments.terraform.extra));
}

}  // namespace

void add_output_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = add_terraform_command(
      app, "output",
      "Render, then print terraform's outputs of the applied environment: each component's name "
      "and ARN (e.g. beer_stream_name), as terraform formats them",
      "Arguments after `--` go to terraform output as they are: pipectl output ENV_DIR -- "
      "-state=FILE.");
  auto arguments = std::make_shared<OutputArguments>();
  add_render_target_options(*command, arguments->target);
  command->add_option("NAME", arguments->name, "One output (default: all of them)");
  auto* json = command->add_flag("--json", arguments->json, "As JSON (terraform output -json)");
  command->add_flag("--raw", arguments->raw,
                    "One output's value as it is, without quotes or newline (for scripts)")
      ->excludes(json);
  add_terraform_options(*command, arguments->terraform);
  command->callback([&globals, &result, arguments] {
    arguments->terraform.extra = globals.terraform_arguments;
    result.exit_code = run_output(*arguments, globals);
  });
}

}  // namespace pipectl::cli
