#pragma once
// The graph's components grouped by kind, for passes that hand each kind all of its components.

#include <utility>
#include <vector>

#include "pipectl/resource_graph.h"

namespace pipectl {

/// Kinds in the order their first component appears (components are in name order), so the
/// passes' diagnostics come out in the same order on every run.
std::vector<std::pair<const ModuleKind*, std::vector<const Component*>>> components_by_kind(
    const ResourceGraph& graph, bool skip_components_with_errors);

}  // namespace pipectl
