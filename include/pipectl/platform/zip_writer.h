#pragma once
/// Reproducible zip archives (libzip): the same entries always give the same bytes.

#include <filesystem>
#include <string>
#include <vector>

#include "pipectl/platform/outcome.h"

namespace pipectl {

struct ZipEntry {
  std::string name;  ///< path inside the archive, '/'-separated
  std::string data;
  bool executable = false;
};

/// Builds an archive in memory with the entries in the given order, every timestamp fixed at
/// 1980-01-01 00:00 (the zip epoch), Unix permissions 0644 (0755 for executables), deflate level 9
/// and no extra fields.
Outcome<std::string> build_zip(const std::vector<ZipEntry>& entries);

/// build_zip, remembered in `cache_dir` under a digest of the entries (names, permissions and
/// bytes) and of the libzip and zlib that compress them: an unchanged package is read back, not
/// compressed again, with the same bytes. Without a cache directory it is build_zip.
Outcome<std::string> build_zip_cached(const std::vector<ZipEntry>& entries,
                                      const std::filesystem::path& cache_dir);

}  // namespace pipectl
