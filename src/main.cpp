// pipectl: compiles a YAML environment spec of an AWS streaming pipeline into Terraform JSON.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace pipectl::cli;
  CLI::App app{"pipectl — compile a streaming-pipeline spec into Terraform JSON", "pipectl"};
  app.set_version_flag("--version", std::string("pipectl ") + PIPECTL_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the command: `pipectl render envs/prod -v`
  app.footer(
      "Exit codes: 0 success, 1 error (spec errors, bad usage, internal failure), "
      "2 changes present (plan) or stale output (render --check). plan, apply and tf exit "
      "with terraform's code.");

  GlobalOptions globals;
  CommandResult result;
  add_global_options(app, globals);
  add_render_command(app, globals, result);
  add_validate_command(app, globals, result);
  add_explain_command(app, globals, result);
  add_check_command(app, globals, result);
  add_plan_command(app, globals, result);
  add_apply_command(app, globals, result);
  add_tf_command(app, globals, result);
  app.parse_complete_callback([&globals] { configure_logging(globals); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kError;  // terraform's convention: bad usage is exit code 1
  } catch (const std::exception& e) {
    std::cerr << "pipectl: internal error: " << e.what()
              << "\nThis is a bug in pipectl; please report it with the spec that caused it.\n";
    return kError;
  }
  return result.exit_code;
}
