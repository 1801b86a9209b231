#include "cli/commands.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "pipectl/text.h"
#include "pipectl/views/diagnostics_view.h"

namespace pipectl::cli {

bool use_color(const GlobalOptions& options, int file_descriptor) {
  if (options.color == "always") return true;
  if (options.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");  // no-color.org: set and not empty
  return (no_color == nullptr || *no_color == '\0') && ::isatty(file_descriptor) != 0;
}

std::ostream& GlobalOptions::document_stream() const {
  return stdout_reserved ? std::cerr : std::cout;
}

void add_global_options(CLI::App& app, GlobalOptions& options) {
  // Counted across scopes: `pipectl -v plan ENV -v` is -vv.
  app.add_flag_function(
      "-v,--verbose", [&options](std::int64_t count) { options.verbosity += static_cast<int>(count); },
      "Log what pipectl does to stderr (-vv for more detail)");
  app.add_flag("-q,--quiet", options.quiet, "Print only diagnostics")
      ->excludes(app.get_option("--verbose"));
  std::vector<std::string> names;
  for (OutputFormat format : all_output_formats()) names.emplace_back(format_name(format));
  std::string choices = "{" + join(names, ",") + "}";
  // The enum is stored by its number, which CLI11 converts back; people see and type names.
  auto by_name = [choices](std::string& value) -> std::string {
    std::optional<OutputFormat> format = parse_output_format(value);
    if (!format) return value + " not in " + choices;
    value = std::to_string(static_cast<int>(*format));
    return {};
  };
  app.add_option("--format", options.format,
                 "Diagnostics as text for people (stderr), one JSON document, a SARIF 2.1.0 "
                 "log for code scanning, or GitHub Actions annotations (stdout)")
      ->transform(CLI::Validator(by_name, "", "format"))
      ->option_text("ENUM:" + choices)
      ->default_str(std::string(format_name(options.format)));
  app.add_flag("--strict", options.strict, "Fail (exit 1) on warnings and findings too");
  app.add_option("--color", options.color,
                 "Color in text diagnostics, diffs and terraform's output (auto: unless NO_COLOR "
                 "is set or the output is not a terminal)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

std::filesystem::path RenderTarget::output_directory(bool local_endpoint) const {
  return output_dir.empty() ? default_output_directory(env_dir, local_endpoint)
                            : std::filesystem::path(output_dir);
}

std::filesystem::path RenderTarget::output_directory(const Compilation& compilation) const {
  bool local = compilation.graph ? compilation.graph->settings().aws.local()
                                 : aws_endpoint.has_value();
  return output_directory(local);
}

void add_render_target_options(CLI::App& command, RenderTarget& target) {
  command.add_option("ENV_DIR", target.env_dir,
                     "Environment directory (holding pipeline.yaml) or spec file")
      ->required();
  command.add_option("-o,--output", target.output_dir,
                     "Output directory (default: ENV_DIR/terraform, or ENV_DIR/terraform-local "
                     "in local endpoint mode)");
  add_aws_endpoint_option(command, target.aws_endpoint);
  command.add_flag("--switch-target", target.switch_target,
                   "Render into an output directory last rendered for another target (a real "
                   "account or a local endpoint); without it pipectl refuses, because terraform "
                   "state and plans there belong to the old target");
}

void add_aws_endpoint_option(CLI::App& command, std::optional<std::string>& endpoint) {
  command.add_option("--aws-endpoint", endpoint,
                     "Point every AWS service at this URL (LocalStack, moto) with test "
                     "credentials; for local testing only");
}

void configure_logging(const GlobalOptions& options) {
  auto logger = spdlog::stderr_color_mt("pipectl");
  logger->set_pattern("pipectl: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::level::level_enum level = spdlog::level::warn;
  if (options.quiet) level = spdlog::level::err;
  if (options.verbosity == 1) level = spdlog::level::info;
  if (options.verbosity >= 2) level = spdlog::level::debug;
  spdlog::set_level(level);
}

int report_diagnostics(const Diagnostics& diagnostics, const SourceFiles& sources,
                       const GlobalOptions& options, const nlohmann::json& extra) {
  ViewStreams streams{options.document_stream(), std::cerr, use_color(options, STDERR_FILENO)};
  make_diagnostics_view(options.format, streams)->show(diagnostics, sources, extra);
  return report_diagnostics_failed(diagnostics, options) ? kError : kSuccess;
}

bool report_diagnostics_failed(const Diagnostics& diagnostics, const GlobalOptions& options) {
  return diagnostics.has_errors() || (options.strict && diagnostics.warning_count() > 0);
}

int report_diagnostics(const Compilation& compilation, const GlobalOptions& options,
                       const nlohmann::json& extra) {
  return report_diagnostics(compilation.diagnostics, compilation.sources, options, extra);
}

}  // namespace pipectl::cli
