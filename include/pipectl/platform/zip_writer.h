#pragma once
/// Reproducible zip archives (libzip): the same entries always give the same bytes.

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

}  // namespace pipectl
