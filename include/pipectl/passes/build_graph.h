#pragma once
/// Pass 3: build the resource graph — give every component its AWS name, and resolve every
/// reference to a component of the right kind (with "did you mean" for unknown names).

#include <set>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/resource_graph.h"
#include "pipectl/spec.h"

namespace pipectl {

/// Every AWS name a component claims: its main name, any its kind adds, and its IAM role's (after
/// build_graph has named the components).
std::vector<AwsName> claimed_names(const Component& component, const ResourceGraph& graph);

/// `declared` holds every name under `components:`, including those that failed to decode; a
/// reference to one of them is not reported again as unknown.
ResourceGraph build_graph(EnvironmentSettings settings, std::vector<Component> components,
                          const std::set<std::string>& declared, Diagnostics& diagnostics);

}  // namespace pipectl
