#pragma once
/// Pass 8: package code — zip the source folder of every component that has one (Lambda
/// functions), with the Python dependencies its requirements.txt names, into a reproducible
/// archive, and hash it for Terraform's source_code_hash.

#include "pipectl/artifact.h"
#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

/// Packages every component that asks for it; Python requirements are installed with pip.
Artifacts package_lambdas(const ResourceGraph& graph, const PipOptions& pip,
                          Diagnostics& diagnostics);

}  // namespace pipectl
