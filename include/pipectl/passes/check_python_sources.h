#pragma once
/// Pass 5: the Python sources of every package parse, as the package's runtime would parse them.
/// A syntax error is reported at its own line of the source file, before anything is deployed.
/// One interpreter run checks every package of a runtime version; unchanged sources are not
/// parsed again (see platform/python_syntax.h).

#include "pipectl/diagnostic.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"
#include "pipectl/source.h"

namespace pipectl {

/// Parses with `python.python` and caches in `python.cache_dir`. The files with errors are added
/// to `sources`, so diagnostics can quote their lines.
void check_python_sources(const ResourceGraph& graph, const PipOptions& python, SourceFiles& sources,
                          Diagnostics& diagnostics);

}  // namespace pipectl
