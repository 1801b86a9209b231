// pipectl: compiles a YAML environment spec of an AWS streaming pipeline into Terraform JSON.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"

namespace {

using namespace pipectl::cli;

/// Every command, in the order `pipectl --help` lists them.
void add_commands(CLI::App& app, const GlobalOptions& globals, CommandResult& result) {
  add_render_command(app, globals, result);
  add_validate_command(app, globals, result);
  add_check_command(app, globals, result);
  add_explain_command(app, globals, result);
  add_plan_command(app, globals, result);
  add_apply_command(app, globals, result);
  add_destroy_command(app, globals, result);
  add_output_command(app, globals, result);
  add_tf_command(app, globals, result);
}

/// As text for people, or as a PC9001 diagnostic in the JSON, SARIF or GitHub format asked for,
/// so a CI step that reads pipectl's stdout gets a document for every failure.
int report_usage_error(const UsageError& error, const CommandLine& line) {
  GlobalOptions options;
  options.format = requested_format(line);
  if (options.format == pipectl::OutputFormat::Text) {
    print_usage_error(error);
  } else {
    pipectl::Diagnostics diagnostics;
    diagnostics.error(pipectl::DiagCode::InvalidArgument, {}, error.message, error.hint);
    report_diagnostics(diagnostics, pipectl::SourceFiles{}, options);
  }
  return kError;  // terraform's convention: bad usage is exit code 1
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error, const CommandLine& line) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    return report_usage_error(explain_extras(app, line), line);
  }
  if (!line.command) {
    return report_usage_error(
        {"a command is required",
         "Run `pipectl --help` for the commands, e.g. pipectl render envs/prod."},
        line);
  }
  return report_usage_error({error.what(), "Run `pipectl " + *line.command + " --help` for its options."},
                            line);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"pipectl — compile a streaming-pipeline spec into Terraform JSON", "pipectl"};
  app.set_version_flag("--version", std::string("pipectl ") + PIPECTL_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may come before the command too: `pipectl -v render ...`
  app.footer(
      "Exit codes: 0 success, 1 error (spec errors, bad usage, internal failure), "
      "2 changes present (plan) or stale output (render --check). plan, apply, destroy, output "
      "and tf exit with terraform's code.");

  GlobalOptions globals;
  CommandResult result;
  add_global_options(app, globals);
  add_commands(app, globals, result);
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    add_global_options(*command, globals);  // so each command's --help lists them
    if (command->get_group() == "Subcommands") command->group("Commands");
  }
  app.parse_complete_callback([&globals] {
    // -q and -v may each be given before or after the command, in two option scopes.
    if (globals.quiet && globals.verbosity > 0) throw CLI::ExcludesError("--quiet", "--verbose");
    configure_logging(globals);
  });

  CommandLine line = split_command_line(app, argc, argv);
  globals.terraform_arguments = line.terraform_arguments;
  for (const auto& usage_error : {check_command_word(app, line), check_separator(app, line)}) {
    if (usage_error) return report_usage_error(*usage_error, line);
  }
  try {
    app.parse(std::vector<std::string>(line.pipectl_arguments.rbegin(),
                                       line.pipectl_arguments.rend()));
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, line);
  } catch (const std::exception& e) {
    std::cerr << "pipectl: internal error: " << e.what()
              << "\nThis is a bug in pipectl; please report it with the spec that caused it.\n";
    return kError;
  }
  return result.exit_code;
}
