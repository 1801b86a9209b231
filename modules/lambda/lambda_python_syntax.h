#pragma once
/// The functions' Python parses as their runtimes would parse it: one interpreter run checks every
/// function of a runtime version, and unchanged sources are not parsed again
/// (platform/python_syntax.h). A syntax error is reported at its own line of the source file.

#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"
#include "pipectl/source.h"

namespace pipectl::modules {

/// Parses with `python.python`, caching in `python.cache_dir`. The files with errors are added to
/// `sources`, so diagnostics can quote their lines.
void check_function_sources(const std::vector<const Component*>& functions, const ResourceGraph& graph,
                         const PipOptions& python, SourceFiles& sources, Diagnostics& diagnostics);

}  // namespace pipectl::modules
