#include "cli/command_line.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace pipectl::cli {
namespace {

/// Whether `argument` is an option of pipectl itself (before the command word) that takes its
/// value as the next argument, as CLI11 will parse it.
bool takes_separate_value(const CLI::App& app, const std::string& argument) {
  if (argument.find('=') != std::string::npos || argument.rfind("--", 0) != 0) return false;
  const CLI::Option* option = app.get_option_no_throw(argument);
  return option != nullptr && option->get_expected_min() > 0;
}

std::string in_quotes(const std::string& text) { return "\"" + text + "\""; }

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : commands_of(app)) names.push_back(command->get_name());
  return names;
}

const CLI::App* command_named(const CLI::App& app, const std::optional<std::string>& name) {
  if (!name) return nullptr;
  for (const CLI::App* command : commands_of(app)) {
    if (command->get_name() == *name) return command;
  }
  return nullptr;
}

bool runs_terraform(const CLI::App& command) {
  return command.get_group() == kTerraformCommandGroup;
}

std::vector<std::string> terraform_command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : commands_of(app)) {
    if (runs_terraform(*command)) names.push_back(command->get_name());
  }
  return names;
}

/// "--name" and "-n" spellings of every option of `command` and of pipectl itself.
std::vector<std::string> option_spellings(const CLI::App& app, const CLI::App* command) {
  std::vector<std::string> spellings;
  for (const CLI::App* scope : {&app, command}) {
    if (scope == nullptr) continue;
    for (const CLI::Option* option : scope->get_options()) {
      for (const std::string& name : option->get_lnames()) spellings.push_back("--" + name);
      for (const std::string& name : option->get_snames()) spellings.push_back("-" + name);
    }
  }
  std::sort(spellings.begin(), spellings.end());
  spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
  return spellings;
}

UsageError unknown_option(const CLI::App& app, const CLI::App* command, const std::string& extra) {
  std::string name = extra.substr(0, extra.find('='));
  std::string where = command ? "pipectl " + command->get_name() : std::string("pipectl");
  UsageError error{"unknown option " + in_quotes(name) + " for " + where, ""};
  auto suggestion = nearest(name, option_spellings(app, command));
  if (suggestion) error.message += "; did you mean " + in_quotes(*suggestion) + "?";
  error.hint = "Run `" + where + " --help` for the options it accepts.";
  if (!suggestion && command && runs_terraform(*command)) {
    error.hint += " Options for terraform go after \"--\": " + where + " ENV_DIR -- " + extra;
  }
  return error;
}

}  // namespace

CommandLine split_command_line(const CLI::App& app, int argc, const char* const* argv) {
  CommandLine line;
  bool value_expected = false;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (line.has_separator) {
      line.terraform_arguments.push_back(argument);
      continue;
    }
    if (argument == "--") {
      line.has_separator = true;
      continue;
    }
    line.pipectl_arguments.push_back(argument);
    if (line.command) continue;
    // A command's name is the command even where an option's value belongs (`--color plan`):
    // CLI11 then says that the option lacks its value, which is the real mistake.
    if (value_expected && command_named(app, argument) == nullptr) {
      value_expected = false;
    } else if (!argument.empty() && argument[0] == '-') {
      value_expected = takes_separate_value(app, argument);
    } else {
      line.command = argument;
    }
  }
  if (line.command == "help") {
    // `pipectl help [COMMAND]`, as git and terraform take it: COMMAND --help.
    auto& arguments = line.pipectl_arguments;
    arguments.erase(std::find(arguments.begin(), arguments.end(), "help"));
    arguments.push_back("--help");
    line.command.reset();
    for (const std::string& argument : arguments) {
      if (command_named(app, argument) != nullptr) {
        line.command = argument;
        break;
      }
    }
  }
  return line;
}

OutputFormat requested_format(const CommandLine& line) {
  std::string format;
  const auto& arguments = line.pipectl_arguments;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i] == "--format" && i + 1 < arguments.size()) format = arguments[i + 1];
    if (arguments[i].rfind("--format=", 0) == 0) format = arguments[i].substr(9);
  }
  // An unknown format is itself the usage error, told as text.
  return parse_output_format(format).value_or(OutputFormat::Text);
}

std::optional<UsageError> check_command_word(const CLI::App& app, const CommandLine& line) {
  if (!line.command || command_named(app, line.command)) return std::nullopt;
  const std::string& word = *line.command;
  std::vector<std::string> names = command_names(app);
  UsageError error{"unknown command " + in_quotes(word), ""};
  if (auto suggestion = nearest(word, names)) error.message += "; did you mean " + in_quotes(*suggestion) + "?";
  std::error_code ignored;
  if (word.find('/') != std::string::npos || std::filesystem::exists(word, ignored)) {
    error.hint = "A command comes first, then the environment: pipectl render " + word + "\n  ";
  }
  error.hint += "Commands: " + join(names, ", ") + ". Run `pipectl --help` for what each does.";
  return error;
}

std::optional<UsageError> check_separator(const CLI::App& app, const CommandLine& line) {
  const CLI::App* command = command_named(app, line.command);
  if (!line.has_separator || command == nullptr || runs_terraform(*command)) return std::nullopt;
  return UsageError{"pipectl " + command->get_name() + " runs no terraform, so takes no arguments "
                    "after \"--\"",
                    "Arguments after \"--\" are passed to terraform by " +
                        join(terraform_command_names(app), ", ") + "."};
}

UsageError explain_extras(const CLI::App& app, const CommandLine& line) {
  const CLI::App* command = command_named(app, line.command);
  std::vector<std::string> extras = app.remaining(true);
  for (const std::string& extra : extras) {
    if (!extra.empty() && extra[0] == '-') return unknown_option(app, command, extra);
  }
  std::vector<std::string> shown;
  for (const std::string& extra : extras) shown.push_back(in_quotes(extra));
  UsageError error{std::string("unexpected argument") + (extras.size() == 1 ? " " : "s ") +
                       join(shown, ", ") + (command ? " for pipectl " + command->get_name() : ""),
                   ""};
  if (command == nullptr) return error;
  std::vector<std::string> positionals;
  for (const CLI::Option* option : command->get_options()) {
    if (option->get_positional()) positionals.push_back(option->get_name());
  }
  error.message += ": it takes " + (positionals.empty() ? "no arguments" : join(positionals, " "));
  if (!positionals.empty() && positionals.front() == "ENV_DIR") {
    error.message += " (one environment at a time)";
  }
  if (runs_terraform(*command)) {
    error.message += "; terraform's arguments go after \"--\"";
    error.hint = command->get_footer() + " For several environments, run pipectl " +
                 command->get_name() + " once for each.";
  } else {
    error.hint = "Run `pipectl " + command->get_name() + " --help` for the arguments it takes.";
  }
  return error;
}

void print_usage_error(const UsageError& error) {
  std::cerr << "pipectl: error: " << error.message << '\n';
  if (!error.hint.empty()) std::cerr << "  " << error.hint << '\n';
}

}  // namespace pipectl::cli
