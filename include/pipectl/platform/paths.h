#pragma once
/// Path helpers: display paths, the project root, containment.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace pipectl {

/// A path as shown to users: lexically normalised, '/'-separated, relative if it was given so.
std::string display_path(const std::filesystem::path& path);

/// The nearest directory at or above `start` holding a `lambda_sources/` folder.
std::optional<std::filesystem::path> find_project_root(const std::filesystem::path& start);

/// True if `path` (after resolving symlinks) lies inside `root` (also resolved).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);

/// Reads a whole file; nothing if it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// A file's text, or why it could not be read, in the operating system's words ("Permission
/// denied", "Is a directory", "Too many levels of symbolic links") or as "is N bytes, more than the
/// limit of M".
struct FileText {
  std::optional<std::string> text;
  std::string error;
};

/// Reads a whole regular file of at most `max_bytes`; the size is checked before anything is read.
FileText read_file_within(const std::filesystem::path& path, std::uintmax_t max_bytes);

}  // namespace pipectl
