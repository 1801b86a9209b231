#pragma once
/// What pipectl reads from argv before CLI11 does: the arguments meant for terraform (after the
/// first `--`), the command word, and usage errors worded for people (an unknown command with
/// the nearest one, an extra argument with how to pass it on).

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/views/output_format.h"

namespace pipectl::cli {

/// The name of the help group of commands that run terraform; only they take `-- ARGS`.
inline constexpr const char* kTerraformCommandGroup = "Commands that render, then run terraform";

struct CommandLine {
  std::vector<std::string> pipectl_arguments;    ///< before the first `--`, program name excluded
  std::vector<std::string> terraform_arguments;  ///< after the first `--`, verbatim
  bool has_separator = false;                    ///< a `--` was given (perhaps with nothing after)
  /// The first word that is neither an option nor an option's value: the command, if given.
  std::optional<std::string> command;
};

/// `pipectl help [COMMAND]` comes out as `[COMMAND] --help`.
CommandLine split_command_line(const CLI::App& app, int argc, const char* const* argv);

/// The --format the command line asks for ("text" if none), for reporting usage errors that
/// CLI11 could not parse.
OutputFormat requested_format(const CommandLine& line);

/// A usage error found before or while CLI11 parses, as one message and a hint.
struct UsageError {
  std::string message;
  std::string hint;
};

/// The command word names no command: `unknown command "destory"; did you mean "destroy"?`.
std::optional<UsageError> check_command_word(const CLI::App& app, const CommandLine& line);

/// `--` given to a command that does not run terraform.
std::optional<UsageError> check_separator(const CLI::App& app, const CommandLine& line);

/// CLI11's "arguments were not expected": an unknown option (with the nearest one) or a second
/// positional argument (with where terraform's arguments go).
UsageError explain_extras(const CLI::App& app, const CommandLine& line);

/// Prints `pipectl: error: MESSAGE` and the hint on stderr.
void print_usage_error(const UsageError& error);

}  // namespace pipectl::cli
