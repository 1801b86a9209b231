#pragma once
/// Pass 4: check the graph — reference cycles, then each kind's own checks (schedules, runtimes,
/// source folders, option combinations that need the whole graph).

#include "pipectl/diagnostic.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

void check_graph(const ResourceGraph& graph, Diagnostics& diagnostics);

}  // namespace pipectl
