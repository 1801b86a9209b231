#pragma once
/// File-system operations the passes need, kept in one place: listing a package folder
/// deterministically, and assembling and swapping in an output folder atomically.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/platform/outcome.h"

namespace pipectl {

struct PackageFile {
  std::string relative;  ///< '/'-separated path inside the package
  std::filesystem::path path;
  bool executable = false;
};

/// Whether a file or folder name is left out of deployment packages: dotfiles, __pycache__,
/// compiled Python, and tests (tests/, test_*.py, *_test.py, conftest.py).
bool excluded_from_package(const std::string& name, bool is_directory);

/// Whether an installed dependency's file is left out: console scripts in bin/ (their shebangs
/// name this machine's Python), compiled Python, and pip's RECORD (it lists those scripts'
/// hashes). None of them is used on Lambda, and all would differ between machines.
bool excluded_from_dependencies(const std::string& relative, bool is_directory);

/// Which files of a folder a package takes: (path relative to the folder, is a directory) ->
/// whether to leave it out.
using PackageFilter = bool (*)(const std::string& relative, bool is_directory);

/// Every file under `root` that the filter keeps, sorted by relative path (byte order), so the
/// listing never depends on directory iteration order. Symbolic links are followed only if they
/// stay inside `root`; one that leads outside is a failure.
Outcome<std::vector<PackageFile>> list_package_files(const std::filesystem::path& root,
                                                    PackageFilter excluded);

/// The filter for a function's own sources: excluded_from_package applied to each name.
bool excluded_source(const std::string& relative, bool is_directory);

/// Recreates the tree `from` inside the empty folder `to`: folders with their permissions,
/// symbolic links as links, and files as hard links (copies where a link is impossible), so even
/// a large .terraform folder is mirrored without copying its data. `skip` leaves out paths
/// (relative, '/'-separated) and everything below them.
Outcome<void> mirror_tree(const std::filesystem::path& from, const std::filesystem::path& to,
                          const std::function<bool(const std::string&)>& skip);

/// Swaps two folders in one atomic step (renameat2 RENAME_EXCHANGE): a reader sees one or the
/// other, never a mixture. Fails where the file system cannot do it.
Outcome<void> exchange_directories(const std::filesystem::path& a,
                                   const std::filesystem::path& b);

/// A new, empty directory under the system's temporary directory that only this user can enter:
/// mkdtemp picks a fresh name and creates it with mode 0700, so it is never an existing path or a
/// link someone else planted.
Outcome<std::filesystem::path> make_private_temporary_directory(const std::string& prefix);
/// The same inside `parent`: a new directory named `prefix` and six random characters.
Outcome<std::filesystem::path> make_unique_directory(const std::filesystem::path& parent,
                                                    const std::string& prefix);

/// When a written file reaches the disk: before write_new_file returns, or when the caller syncs
/// a whole folder of new files at once with sync_file_system.
enum class Sync { Now, ByCaller };

/// Creates `path` (never an existing file or a link: O_EXCL) with `bytes`, synced to disk unless
/// the caller does that for many files at once.
Outcome<void> write_new_file(const std::filesystem::path& path, std::string_view bytes,
                             Sync sync = Sync::Now);

/// Puts `bytes` at `path` in one step: written beside it under a name of this process's own and
/// renamed over it, so a concurrent reader finds the old file or the new one, never part of one.
Outcome<void> replace_file(const std::filesystem::path& path, std::string_view bytes);

/// Flushes everything written to the file system that holds `path` (syncfs): one call makes a
/// folder of ten thousand new files durable, where an fsync for each would wait for the disk ten
/// thousand times.
Outcome<void> sync_file_system(const std::filesystem::path& path);

/// Makes the entries of `directory` durable (fsync on the folder), e.g. after a rename in it.
Outcome<void> sync_directory(const std::filesystem::path& directory);

}  // namespace pipectl
