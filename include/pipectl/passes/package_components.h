#pragma once
/// Pass 8: package code — each kind builds the deployment packages of its components (Lambda
/// functions: their source folder and Python dependencies in a reproducible zip, hashed for
/// Terraform's source_code_hash).

#include "pipectl/artifact.h"
#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

/// Every component's package, by component name.
Artifacts package_components(const ResourceGraph& graph, const PipOptions& tools,
                             Diagnostics& diagnostics);

}  // namespace pipectl
