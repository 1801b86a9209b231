#pragma once
/// Installing a Lambda function's Python dependencies with pip, for the Lambda platform rather
/// than this machine's, into a cache keyed by exactly what determines the result.

#include <filesystem>
#include <optional>
#include <string>

#include "pipectl/platform/outcome.h"

namespace pipectl {

struct PipOptions {
  /// The Python that runs pip (`python3 -m pip`). PIPECTL_PYTHON sets it.
  std::string python = "python3";
  /// A folder of wheels to install from instead of an index (pip --no-index --find-links).
  /// PIPECTL_FIND_LINKS sets it, and so does the spec's packaging.find_links.
  std::optional<std::filesystem::path> find_links;
  /// Where installed dependencies are kept between runs; empty: a temporary folder per run.
  /// PIPECTL_CACHE_DIR, else $XDG_CACHE_HOME/pipectl, else ~/.cache/pipectl.
  std::filesystem::path cache_dir;

  /// The options the environment variables above give.
  static PipOptions from_environment();
};

struct PipInstall {
  std::filesystem::path requirements;  ///< requirements.txt
  std::string shown_as;                ///< how messages name it: lambda_sources/fn/requirements.txt
  std::string python_version;          ///< "3.13", as in the Lambda runtime
  std::string architecture;            ///< Lambda's "x86_64" or "arm64"
};

/// Installs the requirements with pip (binary wheels for manylinux on the Lambda architecture,
/// for the runtime's Python version), or reuses an earlier install with the same requirements,
/// target and wheels. Gives the folder holding the installed packages, or what went wrong (pip
/// missing, a failed install with pip's own message).
Outcome<std::filesystem::path> install_python_dependencies(const PipInstall& install,
                                                           const PipOptions& options,
                                                           std::filesystem::path scratch);

/// Whether a requirements file asks for anything (not only blank lines and comments).
bool has_requirements(const std::string& text);

}  // namespace pipectl
