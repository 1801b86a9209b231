#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "pipectl/passes/check_collisions.h"

namespace pipectl::cli {
namespace {

int run_check(const std::vector<std::string>& env_dirs, const GlobalOptions& globals) {
  std::vector<Compilation> compilations;
  compilations.reserve(env_dirs.size());
  Diagnostics diagnostics;
  SourceFiles sources;
  std::vector<const ResourceGraph*> graphs;
  for (const std::string& env_dir : env_dirs) {
    spdlog::info("checking {}", env_dir);
    compilations.push_back(compile_environment(env_dir, {std::nullopt, PipOptions::from_environment(), SpecLimits::from_environment()}));
    const Compilation& compilation = compilations.back();
    diagnostics.append(compilation.diagnostics);
    sources.merge(compilation.sources);
    if (compilation.graph) graphs.push_back(&*compilation.graph);
  }
  if (graphs.size() > 1) check_collisions(graphs, diagnostics);
  int exit_code = report_diagnostics(diagnostics, sources, globals);
  if (globals.speaks_to_people()) {
    auto count = [](std::size_t n, const char* one, const char* many) {
      return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::cout << (exit_code == kSuccess ? "Checked " : "Check failed for ")
              << count(env_dirs.size(), "environment", "environments") << ": "
              << count(diagnostics.error_count(), "error", "errors") << ", "
              << count(diagnostics.warning_count(), "warning or finding", "warnings and findings")
              << ".\n";
  }
  return exit_code;
}

}  // namespace

void add_check_command(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  auto* command = app.add_subcommand(
      "check",
      "Check environments as validate does, report security findings, and with several "
      "environments report AWS names they would share");
  auto env_dirs = std::make_shared<std::vector<std::string>>();
  command->add_option("ENV_DIR", *env_dirs, "Environment directories (or spec files)")->required();
  command->callback([&globals, &result, env_dirs] { result.exit_code = run_check(*env_dirs, globals); });
}

}  // namespace pipectl::cli
