#pragma once
/// File-system operations the passes need, kept in one place: listing a package folder
/// deterministically and replacing files atomically.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipectl {

struct PackageFile {
  std::string relative;  ///< '/'-separated path inside the package
  std::filesystem::path path;
  bool executable = false;
};

/// Whether a file or folder name is left out of deployment packages: dotfiles, __pycache__,
/// compiled Python, and tests (tests/, test_*.py, *_test.py, conftest.py).
bool excluded_from_package(const std::string& name, bool is_directory);

/// Every file under `root` that belongs in a package, sorted by relative path (byte order), so
/// the listing never depends on directory iteration order. Symbolic links are followed only if
/// they stay inside `root`; one that leads outside is an error (returned in `error`).
std::optional<std::vector<PackageFile>> list_package_files(const std::filesystem::path& root,
                                                           std::string& error);

/// Replaces `path` with `bytes`: writes a temporary file in the same folder, flushes it, then
/// renames it over `path`, so readers see the old or the new file, never a partial one.
bool write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       std::string& error);

}  // namespace pipectl
