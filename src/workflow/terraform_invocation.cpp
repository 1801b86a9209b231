#include "pipectl/workflow/terraform_invocation.h"

#include <algorithm>

namespace fs = std::filesystem;

namespace pipectl {

std::vector<std::string> init_arguments(const std::vector<std::string>& backend_config) {
  std::vector<std::string> arguments = {"init", "-input=false"};
  for (const std::string& value : backend_config) arguments.push_back("-backend-config=" + value);
  return arguments;
}

std::vector<std::string> plan_arguments(const std::string& plan_file,
                                        const std::vector<std::string>& extra) {
  std::vector<std::string> arguments = {"plan", "-input=false", "-detailed-exitcode",
                                        "-out=" + plan_file};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

std::vector<std::string> apply_arguments(const std::optional<std::string>& plan_file,
                                         bool auto_approve, const std::vector<std::string>& extra) {
  std::vector<std::string> arguments = {"apply"};
  if (plan_file) {
    // A saved plan was approved when it was reviewed; terraform applies it without asking.
    arguments.push_back("-input=false");
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    arguments.push_back(*plan_file);
    return arguments;
  }
  if (auto_approve) arguments.push_back("-auto-approve");
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

std::vector<std::string> destroy_arguments(bool auto_approve, const std::vector<std::string>& extra) {
  std::vector<std::string> arguments = {"destroy"};
  if (auto_approve) arguments.push_back("-auto-approve");
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

std::vector<std::string> output_arguments(const std::optional<std::string>& name, bool json,
                                          bool raw, const std::vector<std::string>& extra) {
  std::vector<std::string> arguments = {"output"};
  if (json) arguments.push_back("-json");
  if (raw) arguments.push_back("-raw");
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  if (name) arguments.push_back(*name);
  return arguments;
}

std::vector<std::string> without_color(std::vector<std::string> arguments) {
  if (arguments.empty() || arguments.front().rfind('-', 0) == 0) return arguments;
  arguments.push_back("-no-color");
  return arguments;
}

std::vector<std::string> backend_config_of(const std::vector<std::string>& init_command) {
  std::vector<std::string> values;
  const std::string flag = "-backend-config";
  for (std::size_t i = 0; i < init_command.size(); ++i) {
    const std::string& argument = init_command[i];
    std::string name = argument.rfind("--", 0) == 0 ? argument.substr(1) : argument;
    if (name == flag && i + 1 < init_command.size()) {
      values.push_back(init_command[++i]);
    } else if (name.rfind(flag + "=", 0) == 0) {
      values.push_back(name.substr(flag.size() + 1));
    }
  }
  return values;
}

std::string backend_config_argument(const std::string& value) {
  if (value.find('=') != std::string::npos || value.empty()) return value;
  std::error_code error;
  return fs::absolute(value, error).lexically_normal().string();
}

std::optional<std::string> environment_value(const std::vector<std::string>& environment,
                                             const std::string& name) {
  for (const std::string& entry : environment) {
    if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 &&
        entry[name.size()] == '=') {
      return entry.substr(name.size() + 1);
    }
  }
  return std::nullopt;
}

std::vector<std::string> terraform_environment(std::vector<std::string> environment) {
  if (!environment_value(environment, "TF_IN_AUTOMATION")) {
    environment.push_back("TF_IN_AUTOMATION=1");
  }
  return environment;
}

}  // namespace pipectl
