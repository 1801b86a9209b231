#include "pipectl/workflow/terraform_binary.h"

#include <unistd.h>

#include <cstdlib>


namespace fs = std::filesystem;

namespace pipectl {
namespace {

bool is_executable_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

/// A name without a slash is looked up on PATH, as a shell would; a path is taken as it is.
std::optional<fs::path> resolve(const std::string& program, const std::string& path_variable) {
  if (program.find('/') != std::string::npos) {
    if (!is_executable_file(program)) return std::nullopt;
    std::error_code error;
    return fs::absolute(program, error);
  }
  std::size_t start = 0;
  while (start <= path_variable.size()) {
    std::size_t end = path_variable.find(':', start);
    if (end == std::string::npos) end = path_variable.size();
    std::string directory = path_variable.substr(start, end - start);
    fs::path candidate = fs::path(directory.empty() ? "." : directory) / program;
    if (is_executable_file(candidate)) {
      std::error_code error;
      return fs::absolute(candidate, error);
    }
    start = end + 1;
  }
  return std::nullopt;
}

const char* kInstallAdvice =
    "Install Terraform (https://developer.hashicorp.com/terraform/install) or OpenTofu "
    "(https://opentofu.org/docs/intro/install/), or name the program with --terraform PATH or "
    "the PIPECTL_TERRAFORM environment variable.";

void report_missing(const std::string& what, Diagnostics& diagnostics) {
  diagnostics.error(DiagCode::TerraformNotFound, {}, what, kInstallAdvice);
}

}  // namespace

TerraformSearch TerraformSearch::from_process(std::optional<std::string> flag) {
  TerraformSearch search;
  search.flag = std::move(flag);
  if (const char* value = std::getenv("PIPECTL_TERRAFORM"); value && *value) {
    search.environment = value;
  }
  if (const char* value = std::getenv("PATH")) search.path_variable = value;
  return search;
}

std::optional<TerraformBinary> find_terraform(const TerraformSearch& search,
                                              Diagnostics& diagnostics) {
  if (search.flag) {
    if (auto path = resolve(*search.flag, search.path_variable)) return TerraformBinary{*path, "--terraform"};
    report_missing("--terraform " + *search.flag + " is not an executable program", diagnostics);
    return std::nullopt;
  }
  if (search.environment) {
    if (auto path = resolve(*search.environment, search.path_variable)) {
      return TerraformBinary{*path, "PIPECTL_TERRAFORM"};
    }
    report_missing("PIPECTL_TERRAFORM=" + *search.environment + " is not an executable program",
                   diagnostics);
    return std::nullopt;
  }
  for (const char* name : {"terraform", "tofu"}) {
    if (auto path = resolve(name, search.path_variable)) return TerraformBinary{*path, "PATH"};
  }
  report_missing("Neither terraform nor tofu is on PATH", diagnostics);
  return std::nullopt;
}

}  // namespace pipectl
