#pragma once
/// Pass 6: package code — zip the source folder of every component that has one (Lambda
/// functions), with the Python dependencies its requirements.txt names, into a reproducible
/// archive, and hash it for Terraform's source_code_hash.

#include <map>
#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

struct Artifact {
  std::string path;  ///< relative to the output directory: "artifacts/get-random-beer.zip"
  std::string bytes;
  std::string sha256_base64;  ///< what Terraform's filebase64sha256() gives for the file
};

/// Artifacts by component name.
using Artifacts = std::map<std::string, Artifact>;

/// Packages every component that asks for it; Python requirements are installed with pip.
Artifacts package_lambdas(const ResourceGraph& graph, const PipOptions& pip,
                          Diagnostics& diagnostics);

}  // namespace pipectl
