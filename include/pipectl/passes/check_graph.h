#pragma once
/// Pass 4: check the graph — reference cycles, then each kind's own checks (schedules, runtimes,
/// source folders, option combinations that need the whole graph).

#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

/// `python` runs the syntax check of Lambda sources; files checks read are added to `sources`.
void check_graph(const ResourceGraph& graph, Diagnostics& diagnostics,
                 const std::string& python = "python3", SourceFiles* sources = nullptr);

}  // namespace pipectl
