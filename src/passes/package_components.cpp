#include "pipectl/passes/package_components.h"

#include "components_by_kind.h"

namespace pipectl {

Artifacts package_components(const ResourceGraph& graph, const PipOptions& tools,
                             Diagnostics& diagnostics) {
  Artifacts artifacts;
  for (const auto& [kind, components] : components_by_kind(graph, false)) {
    artifacts.merge(kind->package(components, graph, tools, diagnostics));
  }
  return artifacts;
}

}  // namespace pipectl
