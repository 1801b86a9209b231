#pragma once
/// Pass 7: render Terraform JSON — the terraform and provider settings, each component's
/// resources (by its kind), the derived IAM roles, and outputs — plus the packaged artifacts.

#include <map>
#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/derive_iam.h"
#include "pipectl/passes/package_lambdas.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

/// Every file of the output directory: relative path → exact bytes.
struct RenderedOutput {
  std::map<std::string, std::string> files;
};

/// The file holding the terraform block, the provider and shared data sources.
inline constexpr const char* kTerraformSettingsFile = "terraform.tf.json";

RenderedOutput render_terraform(const ResourceGraph& graph, const DerivedRoles& roles,
                                const Artifacts& artifacts, Diagnostics& diagnostics);

}  // namespace pipectl
