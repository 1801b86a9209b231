#include "lambda_runtime.h"

#include <algorithm>
#include <map>

#include "lambda_module.h"
#include "pipectl/text.h"

namespace pipectl::modules {

const std::vector<std::string>& supported_python_runtimes() {
  // python3.14 is left out until pipectl drops provider 5.x: the 5.x provider rejects it.
  static const std::vector<std::string> runtimes = {"python3.11", "python3.12", "python3.13"};
  return runtimes;
}

std::optional<std::string> runtime_problem(const std::string& runtime) {
  const auto& supported = supported_python_runtimes();
  if (std::find(supported.begin(), supported.end(), runtime) != supported.end()) return std::nullopt;
  // Dates from AWS Lambda's runtime deprecation policy (the day function creation was blocked or
  // deprecation began).
  static const std::map<std::string, std::string> deprecated = {
      {"python2.7", "2021-07-15"}, {"python3.6", "2022-07-18"}, {"python3.7", "2023-12-04"},
      {"python3.8", "2024-10-14"}, {"python3.9", "2025-12-15"}, {"python3.10", "2026-06-30"}};
  if (auto it = deprecated.find(runtime); it != deprecated.end()) {
    return "\"" + runtime + "\" is deprecated by AWS Lambda (since " + it->second +
           "): it gets no security patches and new functions cannot use it. Use " +
           kDefaultPythonRuntime + ".";
  }
  if (runtime.rfind("python", 0) != 0) {
    return "pipectl packages Python functions only; \"" + runtime +
           "\" is not a Python runtime. Use " + kDefaultPythonRuntime + ".";
  }
  return "\"" + runtime + "\" is not a Lambda Python runtime pipectl supports. Use " +
         word_list(supported, "or") + ".";
}

}  // namespace pipectl::modules
