#pragma once
/// When `terraform init` must run before a plan: on the first run, and whenever something init
/// acts on has changed since the last successful init — the required providers and version, the
/// backend block, the `-backend-config` values (and files), the terraform program itself
/// (Terraform and OpenTofu install providers from different registries) or a missing lock file.
///
/// pipectl fingerprints those inputs and keeps the fingerprint of the last successful init in
/// terraform's data directory (`.terraform/`, or $TF_DATA_DIR), so removing that directory also
/// forgets the record and the next plan initializes again.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/passes/render_terraform.h"

namespace pipectl {

inline constexpr const char* kInitRecordFileName = "pipectl-init.json";

struct InitInputs {
  std::string terraform_block;  ///< the rendered `terraform` block (providers, backend), as JSON
  std::filesystem::path program;
  std::vector<std::string> backend_config;  ///< -backend-config values, files given by path
};

/// The inputs from a rendered output; `terraform_block` is read from its settings file.
InitInputs init_inputs(const RenderedOutput& output, const std::filesystem::path& program,
                       std::vector<std::string> backend_config);

/// The fingerprint of what init acted on (SHA-256, hex); file arguments count by content.
std::string init_fingerprint(const InitInputs& inputs);

/// terraform's data directory for `working_directory`: $TF_DATA_DIR (relative to the working
/// directory, as terraform reads it) or `.terraform`.
std::filesystem::path terraform_data_directory(const std::filesystem::path& working_directory,
                                               const std::optional<std::string>& tf_data_dir);

/// Why init must run, or nothing when the last successful init still holds.
std::optional<std::string> init_reason(const std::filesystem::path& working_directory,
                                       const std::filesystem::path& data_directory,
                                       const std::string& fingerprint);

/// Remembers a successful init (best effort: a record that cannot be written means another init).
void record_init(const std::filesystem::path& data_directory, const std::string& fingerprint);

}  // namespace pipectl
