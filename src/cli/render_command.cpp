#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "pipectl/views/diagnostics_view.h"
#include "pipectl/platform/paths.h"
#include "pipectl/text_diff.h"
#include "pipectl/passes/write_output.h"

namespace pipectl::cli {
namespace {

struct RenderArguments {
  RenderTarget target;
  bool check = false;
};

/// `render --check` on a stale directory, as a diagnostic at the spec: how many files differ,
/// which, and the command that brings the directory up to date.
Diagnostic staleness(const RenderTarget& arguments, const Compilation& compilation,
                     const std::filesystem::path& output, const OutputChanges& changes) {
  const std::string& spec = compilation.graph->settings().spec_display_path;
  std::string headline = display_path(output) + " is not what " + spec + " renders: " +
                         std::to_string(changes.added.size()) + " to add, " +
                         std::to_string(changes.changed.size()) + " changed, " +
                         std::to_string(changes.removed.size()) + " to remove";
  std::string listing;
  for (const auto& file : changes.added) listing += "added:   " + file + "\n";
  for (const auto& file : changes.changed) listing += "changed: " + file + "\n";
  for (const auto& file : changes.removed) listing += "removed: " + file + "\n";
  std::string fix = "Run `pipectl render " + arguments.env_dir +
                    (arguments.output_dir.empty() ? "" : " -o " + arguments.output_dir) +
                    "` and commit the result.";
  return make_diagnostic(DiagCode::OutputStale, SourceRange{spec, {}, {}}, headline)
      .with_detail(listing + fix);
}

/// The first differences of the first few changed files, as unified-diff hunks.
std::string changed_file_diffs(const Compilation& compilation, const std::filesystem::path& output,
                               const OutputChanges& changes) {
  std::string diffs;
  const std::size_t kFilesShown = 3;
  for (std::size_t i = 0; i < changes.changed.size() && i < kFilesShown; ++i) {
    const std::string& file = changes.changed[i];
    std::string before = read_file(output / file).value_or("");
    diffs += "--- " + display_path(output / file) + " (on disk)\n+++ " + file + " (rendered)\n" +
             first_difference(before, compilation.output.files.at(file));
  }
  if (changes.changed.size() > kFilesShown) {
    diffs += "(differences of " + std::to_string(changes.changed.size() - kFilesShown) +
             " more changed files not shown)\n";
  }
  return diffs;
}

/// Where the diffs go: stdout in text format, the log (stderr) beside GitHub annotations, nowhere
/// in the JSON and SARIF documents.
void print_diffs(const GlobalOptions& globals, std::string diffs) {
  if (diffs.empty()) return;
  bool text = globals.format == OutputFormat::Text;
  if (!text && globals.format != OutputFormat::Github) return;
  if (use_color(globals, text ? STDOUT_FILENO : STDERR_FILENO)) diffs = colorize_diff(diffs);
  (text ? std::cout : std::cerr) << diffs;
}

nlohmann::json check_results(const std::filesystem::path& output, const OutputChanges& changes) {
  return {{"output_directory", display_path(output)},
          {"up_to_date", changes.empty()},
          {"added", changes.added},
          {"changed", changes.changed},
          {"removed", changes.removed}};
}

/// Exit 0 when current, 2 when the only error is the staleness itself, 1 on any other error.
int run_check(const RenderTarget& arguments, const GlobalOptions& globals,
              Compilation& compilation) {
  std::filesystem::path output = arguments.output_directory(compilation);
  std::optional<OutputChanges> changes;
  if (compilation.ok()) changes = compare_output(compilation.output, output, compilation.diagnostics);
  bool stale = changes && !changes->empty();
  bool failed = report_diagnostics_failed(compilation.diagnostics, globals);
  if (stale) compilation.diagnostics.add(staleness(arguments, compilation, output, *changes));
  nlohmann::json results = changes ? check_results(output, *changes) : nlohmann::json::object();
  report_diagnostics(compilation, globals, results);
  if (!changes || failed) return kError;
  if (stale) {
    print_diffs(globals, changed_file_diffs(compilation, output, *changes));
    return kChanges;
  }
  if (globals.speaks_to_people()) {
    std::cout << display_path(output) << " is up to date with "
              << compilation.graph->settings().spec_display_path << ".\n";
  }
  return kSuccess;
}

void print_summary(const Compilation& compilation, const std::filesystem::path& output,
                   const WriteReport& report, std::ostream& out) {
  const EnvironmentSettings& settings = compilation.graph->settings();
  out << "Rendered " << settings.spec_display_path << " into " << display_path(output) << ": "
            << report.written.size() << " written, " << report.unchanged.size() << " unchanged, "
            << report.removed.size() << " removed.\n";
  if (settings.aws.local()) {
    out << "Local endpoint mode: every AWS service points at " << settings.aws.endpoint
              << " with test credentials; state stays local (no backend). Not for real accounts.\n";
  }
}

Compilation compile_target(const RenderTarget& target) {
  spdlog::info("rendering {}", target.env_dir);
  return compile_environment(target.env_dir, {target.aws_endpoint, PipOptions::from_environment(), SpecLimits::from_environment()});
}

int run_render(const RenderArguments& arguments, const GlobalOptions& globals) {
  if (!arguments.check) return render_to_disk(arguments.target, globals, std::cout).exit_code;
  Compilation compilation = compile_target(arguments.target);
  return run_check(arguments.target, globals, compilation);
}

}  // namespace

RenderedEnvironment render_to_disk(const RenderTarget& target, const GlobalOptions& globals,
                                   std::ostream& summary) {
  RenderedEnvironment rendered{compile_target(target), {}, kError, false};
  Compilation& compilation = rendered.compilation;
  rendered.output = target.output_directory(compilation);
  std::optional<WriteReport> report;
  if (compilation.ok()) {
    WriteOptions options;
    options.allow_target_switch = target.switch_target;
    report = write_output(compilation.output, rendered.output, compilation.diagnostics, options);
  }

  nlohmann::json extra = nlohmann::json::object();
  if (report) {
    extra["output_directory"] = display_path(rendered.output);
    extra["written"] = report->written;
    extra["unchanged"] = report->unchanged;
    extra["removed"] = report->removed;
    const AwsConnection& aws = compilation.graph->settings().aws;
    if (aws.local()) extra["local_endpoint"] = aws.endpoint;
  }
  rendered.exit_code = report_diagnostics(compilation, globals, extra);
  rendered.written = report.has_value();
  if (report && globals.speaks_to_people()) {
    print_summary(compilation, rendered.output, *report, summary);
  }
  for (const std::string& file : report ? report->written : std::vector<std::string>{}) {
    spdlog::debug("wrote {}", file);
  }
  return rendered;
}

void add_render_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "render", "Compile an environment spec into Terraform JSON (*.tf.json) and Lambda packages");
  auto arguments = std::make_shared<RenderArguments>();
  add_render_target_options(*command, arguments->target);
  command->add_flag("--check", arguments->check,
                    "Write nothing; compare the output directory with what would be rendered. "
                    "Exit 0 when it is up to date, 2 when it is stale (listing the differences), "
                    "1 on errors");
  command->callback([&globals, &result, arguments] {
    result.exit_code = run_render(*arguments, globals);
  });
}

}  // namespace pipectl::cli
