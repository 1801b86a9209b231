#pragma once
/// Pass 10: write the rendered files into the output directory, all at once or not at all.
///
/// The new output is assembled in a staging folder next to the output directory — generated
/// files written or (when unchanged) hard-linked, the user's own files and folders mirrored by
/// hard links — and the two folders are swapped in one atomic step. A failed or interrupted
/// render (an error, a crash, kill -9) therefore leaves the previous output exactly as it was.
/// Files pipectl generated before and no longer produces disappear; a file pipectl did not
/// create is never overwritten or deleted. The list of generated files is kept in
/// `.pipectl-manifest.json`, with the target (real account or local endpoint) they were rendered
/// for; unchanged files keep their bytes and modification time.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/render_terraform.h"

namespace pipectl {

inline constexpr const char* kManifestFileName = ".pipectl-manifest.json";

/// How the rendered files differ from what the output directory holds.
struct OutputChanges {
  std::vector<std::string> added;
  std::vector<std::string> changed;
  std::vector<std::string> unchanged;
  std::vector<std::string> removed;  ///< generated earlier, no longer produced

  bool empty() const { return added.empty() && changed.empty() && removed.empty(); }
};

struct WriteReport {
  std::vector<std::string> written;    ///< new or changed files
  std::vector<std::string> unchanged;  ///< same bytes as before (not touched, mtime kept)
  std::vector<std::string> removed;    ///< generated earlier, no longer produced
};

struct WriteOptions {
  /// Render into a directory last rendered for another target (a real account or a local
  /// endpoint); without it that is refused. Terraform's state and plans left there are reported.
  bool allow_target_switch = false;
  /// How messages name the directory (default: as given).
  std::filesystem::path display_directory;
};

/// Compares without writing anything. Reports (and returns nothing for) a path that a rendered
/// file would overwrite although pipectl did not create it.
std::optional<OutputChanges> compare_output(const RenderedOutput& output,
                                            const std::filesystem::path& directory,
                                            Diagnostics& diagnostics);

/// Writes the output into `directory`, recording in its manifest the files and the target they
/// were rendered for. Refuses (reporting PC5005, writing nothing) a directory whose manifest
/// records another target, unless `options.allow_target_switch`.
std::optional<WriteReport> write_output(const RenderedOutput& output,
                                        const std::filesystem::path& directory,
                                        Diagnostics& diagnostics, WriteOptions options = {});

}  // namespace pipectl
