#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"

namespace pipectl::cli {

void add_validate_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "validate", "Check an environment spec as render would, without writing anything");
  auto env_dir = std::make_shared<std::string>();
  auto aws_endpoint = std::make_shared<std::optional<std::string>>();
  command->add_option("ENV_DIR", *env_dir, "Environment directory (holding pipeline.yaml) or spec file")
      ->required();
  add_aws_endpoint_option(*command, *aws_endpoint);
  command->callback([&globals, &result, env_dir, aws_endpoint] {
    spdlog::info("validating {}", *env_dir);
    Compilation compilation =
        compile_environment(*env_dir, {*aws_endpoint, PipOptions::from_environment(), SpecLimits::from_environment()});
    result.exit_code = report_diagnostics(compilation, globals);
    if (result.exit_code == kSuccess && globals.speaks_to_people()) {
      std::cout << "The spec " << (compilation.graph ? compilation.graph->settings().spec_display_path
                                                     : *env_dir)
                << " is valid.\n";
    }
  });
}

}  // namespace pipectl::cli
