#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "pipectl/paths.h"
#include "pipectl/passes/write_output.h"

namespace pipectl::cli {
namespace {

struct RenderArguments {
  std::string env_dir;
  std::string output_dir;
  std::optional<std::string> aws_endpoint;
};

void print_summary(const Compilation& compilation, const std::filesystem::path& output,
                   const WriteReport& report) {
  const EnvironmentSettings& settings = compilation.graph->settings();
  std::cout << "Rendered " << settings.spec_display_path << " into " << display_path(output) << ": "
            << report.written.size() << " written, " << report.unchanged.size() << " unchanged, "
            << report.removed.size() << " removed.\n";
  if (settings.aws.local()) {
    std::cout << "Local endpoint mode: every AWS service points at " << settings.aws.endpoint
              << " with test credentials; state stays local (no backend). Not for real accounts.\n";
  }
}

int run_render(const RenderArguments& arguments, const GlobalOptions& globals) {
  spdlog::info("rendering {}", arguments.env_dir);
  Compilation compilation =
      compile_environment(arguments.env_dir, {arguments.aws_endpoint, PipOptions::from_environment()});
  std::filesystem::path output = arguments.output_dir.empty()
                                     ? default_output_directory(arguments.env_dir)
                                     : std::filesystem::path(arguments.output_dir);
  std::optional<WriteReport> report;
  if (compilation.ok()) report = write_output(compilation.output, output, compilation.diagnostics);

  nlohmann::json extra = nlohmann::json::object();
  if (report) {
    extra["output_directory"] = display_path(output);
    extra["written"] = report->written;
    extra["unchanged"] = report->unchanged;
    extra["removed"] = report->removed;
    const AwsConnection& aws = compilation.graph->settings().aws;
    if (aws.local()) extra["local_endpoint"] = aws.endpoint;
  }
  int exit_code = report_diagnostics(compilation, globals, extra);
  if (report && globals.format == "text" && !globals.quiet) print_summary(compilation, output, *report);
  for (const std::string& file : report ? report->written : std::vector<std::string>{}) {
    spdlog::debug("wrote {}", file);
  }
  return exit_code;
}

}  // namespace

void add_render_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "render", "Compile an environment spec into Terraform JSON (*.tf.json) and Lambda packages");
  auto arguments = std::make_shared<RenderArguments>();
  command->add_option("ENV_DIR", arguments->env_dir,
                      "Environment directory (holding pipeline.yaml) or spec file")
      ->required();
  command->add_option("-o,--output", arguments->output_dir,
                      "Output directory (default: ENV_DIR/terraform)");
  add_aws_endpoint_option(*command, arguments->aws_endpoint);
  command->callback([&globals, &result, arguments] {
    result.exit_code = run_render(*arguments, globals);
  });
}

}  // namespace pipectl::cli
