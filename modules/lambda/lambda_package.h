#pragma once
/// A Lambda function's deployment package: its source folder and, when requirements.txt asks for
/// anything, the dependencies pip installs for the function's runtime and architecture.

#include <filesystem>
#include <string>
#include <vector>

#include "pipectl/artifact.h"
#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"

namespace pipectl::modules {

struct LambdaPackage {
  std::filesystem::path source;
  std::string shown_as;                ///< how messages name the folder: lambda_sources/fn
  SourceRange named_at;                ///< where the spec names the folder
  std::filesystem::path requirements;  ///< empty when there is nothing to install
  std::string python_version;          ///< "3.13"
  std::string architecture;            ///< "x86_64" or "arm64"
};

/// What goes into the package of a lambda component.
LambdaPackage lambda_package(const Component& function, const ResourceGraph& graph);

/// A reproducible zip of each function's package, by component name.
Artifacts package_functions(const std::vector<const Component*>& functions,
                            const ResourceGraph& graph, const PipOptions& pip,
                            Diagnostics& diagnostics);

}  // namespace pipectl::modules
