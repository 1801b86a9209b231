#pragma once
/// Pass 1: load the environment spec — read the file and every file it extends, merge them, and
/// decode the top-level settings.

#include <filesystem>
#include <optional>

#include "pipectl/diagnostic.h"
#include "pipectl/source.h"
#include "pipectl/spec.h"

namespace pipectl {

/// The name of the spec file inside an environment directory.
inline constexpr const char* kSpecFileName = "pipeline.yaml";

/// The top-level keys of a spec (for documentation and suggestions).
const OptionSchema& spec_top_level_options();

/// Reports an AWS endpoint that is not an http(s) base URL (at the spec, or sourceless when it
/// came from the command line).
void check_endpoint_url(const AwsConnection& aws, Diagnostics& diagnostics);

/// Loads the spec at `env_path` (a directory holding pipeline.yaml, or a YAML file). Every file
/// read is stored in `sources` for error quoting. Returns nothing if the spec cannot be used.
std::optional<LoadedSpec> load_spec(const std::filesystem::path& env_path, SourceFiles& sources,
                                    Diagnostics& diagnostics);

}  // namespace pipectl
