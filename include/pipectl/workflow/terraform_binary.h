#pragma once
/// Which terraform pipectl runs: `--terraform PATH`, else $PIPECTL_TERRAFORM, else `terraform`
/// and then `tofu` on $PATH. OpenTofu is a drop-in: it takes the same commands and exit codes.

#include <filesystem>
#include <optional>
#include <string>

#include "pipectl/diagnostic.h"

namespace pipectl {

struct TerraformBinary {
  std::filesystem::path path;  ///< absolute
  std::string chosen_by;       ///< "--terraform", "PIPECTL_TERRAFORM" or "PATH"
};

/// What the lookup consults; taken from the process by default so tests can supply their own.
struct TerraformSearch {
  std::optional<std::string> flag;          ///< --terraform
  std::optional<std::string> environment;   ///< $PIPECTL_TERRAFORM
  std::string path_variable;                ///< $PATH

  static TerraformSearch from_process(std::optional<std::string> flag);
};

/// Finds the program, or reports PC9002 saying what was tried and how to install or name one.
std::optional<TerraformBinary> find_terraform(const TerraformSearch& search,
                                              Diagnostics& diagnostics);

}  // namespace pipectl
