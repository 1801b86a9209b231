#pragma once
/// Pass 9: render Terraform JSON — the terraform and provider settings, each component's
/// resources (by its kind), the derived IAM roles, and outputs — plus the packaged artifacts.

#include <map>
#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/derive_iam.h"
#include "pipectl/artifact.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

/// What a rendered configuration talks to: a real AWS account, or an emulator at a local
/// endpoint. Terraform state and plans belong to one target, so an output directory is kept to
/// the target it was first rendered for (see write_output).
struct OutputTarget {
  std::string endpoint;  ///< empty: a real AWS account

  bool local() const { return !endpoint.empty(); }
  /// "a real AWS account" or "the local endpoint http://127.0.0.1:4566".
  std::string describe() const;
  bool operator==(const OutputTarget&) const = default;
};

/// Every file of the output directory: relative path → exact bytes.
struct RenderedOutput {
  std::map<std::string, std::string> files;
  OutputTarget target;
};

/// The file holding the terraform block, the provider and shared data sources.
inline constexpr const char* kTerraformSettingsFile = "terraform.tf.json";

RenderedOutput render_terraform(const ResourceGraph& graph, const DerivedRoles& roles,
                                const Artifacts& artifacts, Diagnostics& diagnostics);

}  // namespace pipectl
