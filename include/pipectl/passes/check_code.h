#pragma once
/// Pass 5: check the code components deploy — each kind checks all of its components' code at
/// once (a Lambda function's Python must parse as its runtime would parse it), reporting errors
/// at their own line of the source file before anything is deployed.

#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"
#include "pipectl/source.h"

namespace pipectl {

/// Components with errors are left out. Source files with errors are added to `sources`.
void check_code(const ResourceGraph& graph, const PipOptions& tools, SourceFiles& sources,
                Diagnostics& diagnostics);

}  // namespace pipectl
