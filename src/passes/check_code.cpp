#include "pipectl/passes/check_code.h"

#include "components_by_kind.h"

namespace pipectl {

void check_code(const ResourceGraph& graph, const PipOptions& tools, SourceFiles& sources,
                Diagnostics& diagnostics) {
  for (const auto& [kind, components] : components_by_kind(graph, true)) {
    kind->check_code(components, graph, tools, sources, diagnostics);
  }
}

}  // namespace pipectl
