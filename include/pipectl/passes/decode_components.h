#pragma once
/// Pass 2: decode each entry of `components:` — its name, its kind, and its options checked
/// against the kind's schema — into a Component with a typed configuration.

#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/module_registry.h"
#include "pipectl/resource_graph.h"
#include "pipectl/spec.h"

namespace pipectl {

/// Components in spec order. A component whose kind is unknown is reported and left out.
std::vector<Component> decode_components(const LoadedSpec& spec, const ModuleRegistry& registry,
                                         Diagnostics& diagnostics);

}  // namespace pipectl
