#include "components_by_kind.h"

#include <algorithm>

namespace pipectl {

std::vector<std::pair<const ModuleKind*, std::vector<const Component*>>> components_by_kind(
    const ResourceGraph& graph, bool skip_components_with_errors) {
  std::vector<std::pair<const ModuleKind*, std::vector<const Component*>>> groups;
  for (const auto& component : graph.components()) {
    if (skip_components_with_errors && component->has_errors) continue;
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& entry) { return entry.first == component->kind; });
    if (group == groups.end()) group = groups.insert(groups.end(), {component->kind, {}});
    group->second.push_back(component);
  }
  return groups;
}

}  // namespace pipectl
