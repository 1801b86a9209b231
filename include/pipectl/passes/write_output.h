#pragma once
/// Pass 8: write the rendered files into the output directory. Only changed files are replaced
/// (each atomically), files pipectl generated before and no longer produces are removed, and a
/// file pipectl did not create is never overwritten or deleted. The list of generated files is
/// kept in `.pipectl-manifest.json` inside the output directory.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/render_terraform.h"

namespace pipectl {

inline constexpr const char* kManifestFileName = ".pipectl-manifest.json";

struct WriteReport {
  std::vector<std::string> written;    ///< new or changed files
  std::vector<std::string> unchanged;  ///< same bytes as before (not touched, mtime kept)
  std::vector<std::string> removed;    ///< generated earlier, no longer produced
};

std::optional<WriteReport> write_output(const RenderedOutput& output,
                                        const std::filesystem::path& directory,
                                        Diagnostics& diagnostics);

}  // namespace pipectl
