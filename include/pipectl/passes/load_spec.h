#pragma once
/// Pass 1: load the environment spec — read the file and every file it extends, merge them, and
/// decode the top-level settings.

#include <cstdint>
#include <filesystem>
#include <optional>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/decode_settings.h"
#include "pipectl/source.h"
#include "pipectl/spec.h"
#include "pipectl/yaml_reader.h"

namespace pipectl {

/// The name of the spec file inside an environment directory.
inline constexpr const char* kSpecFileName = "pipeline.yaml";

/// How much one environment may hold. Every limit is checked before the work it guards (a file's
/// size before it is read, the YAML limits while it is parsed), so any input is rejected quickly
/// and in little memory; no real spec comes near them. docs/spec.md lists them.
struct SpecLimits {
  std::uintmax_t max_file_bytes = 16 * 1024 * 1024;
  int max_extends_depth = 16;
  std::size_t max_components = 50'000;
  YamlLimits yaml;

  /// The defaults, with PIPECTL_MAX_SPEC_BYTES (a number of bytes) for max_file_bytes.
  static SpecLimits from_environment();
};

/// Loads the spec at `env_path` (a directory holding pipeline.yaml, or a YAML file). Every file
/// read is stored in `sources` for error quoting. Returns nothing if the spec cannot be used.
std::optional<LoadedSpec> load_spec(const std::filesystem::path& env_path, SourceFiles& sources,
                                    Diagnostics& diagnostics, const SpecLimits& limits = {});

}  // namespace pipectl
