#include "pipectl/passes/check_graph.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace pipectl {
namespace {

/// Outgoing connections of each component, ordered by target name then option, so the cycle we
/// report is the same on every run.
using Adjacency = std::map<const Component*, std::vector<const Connection*>>;

Adjacency adjacency_of(const ResourceGraph& graph) {
  Adjacency adjacency;
  for (const auto& component : graph.components()) {
    auto edges = graph.connections_from(*component);
    std::sort(edges.begin(), edges.end(), [](const Connection* a, const Connection* b) {
      return std::tie(a->to->name, a->use.option) < std::tie(b->to->name, b->use.option);
    });
    adjacency[component.get()] = std::move(edges);
  }
  return adjacency;
}

/// Tarjan's strongly connected components; each component with a cycle is returned.
std::vector<std::set<const Component*>> cyclic_components(const ResourceGraph& graph,
                                                          const Adjacency& adjacency) {
  std::map<const Component*, int> index;
  std::map<const Component*, int> low;
  std::vector<const Component*> stack;
  std::set<const Component*> on_stack;
  std::vector<std::set<const Component*>> result;
  int counter = 0;

  std::function<void(const Component*)> visit = [&](const Component* node) {
    index[node] = low[node] = counter++;
    stack.push_back(node);
    on_stack.insert(node);
    bool self_loop = false;
    for (const Connection* edge : adjacency.at(node)) {
      if (edge->to == node) self_loop = true;
      if (!index.count(edge->to)) {
        visit(edge->to);
        low[node] = std::min(low[node], low[edge->to]);
      } else if (on_stack.count(edge->to)) {
        low[node] = std::min(low[node], index[edge->to]);
      }
    }
    if (low[node] != index[node]) return;
    std::set<const Component*> members;
    const Component* member = nullptr;
    do {
      member = stack.back();
      stack.pop_back();
      on_stack.erase(member);
      members.insert(member);
    } while (member != node);
    if (members.size() > 1 || self_loop) result.push_back(std::move(members));
  };
  for (const auto& component : graph.components()) {
    if (!index.count(component.get())) visit(component.get());
  }
  return result;
}

/// A path around the cycle starting and ending at the member with the smallest name.
std::vector<const Connection*> cycle_path(const std::set<const Component*>& members,
                                          const Adjacency& adjacency) {
  const Component* start = *std::min_element(
      members.begin(), members.end(),
      [](const Component* a, const Component* b) { return a->name < b->name; });
  std::vector<const Connection*> path;
  std::set<const Component*> visited;
  std::function<bool(const Component*)> walk = [&](const Component* node) {
    for (const Connection* edge : adjacency.at(node)) {
      if (!members.count(edge->to)) continue;
      path.push_back(edge);
      if (edge->to == start) return true;
      if (visited.insert(edge->to).second && walk(edge->to)) return true;
      path.pop_back();
    }
    return false;
  };
  walk(start);
  return path;
}

void report_cycles(const ResourceGraph& graph, Diagnostics& diagnostics) {
  Adjacency adjacency = adjacency_of(graph);
  auto cycles = cyclic_components(graph, adjacency);
  std::sort(cycles.begin(), cycles.end(), [](const auto& a, const auto& b) {
    auto smallest = [](const auto& set) {
      std::string name;
      for (const Component* c : set) name = name.empty() ? c->name : std::min(name, c->name);
      return name;
    };
    return smallest(a) < smallest(b);
  });
  for (const auto& members : cycles) {
    auto path = cycle_path(members, adjacency);
    if (path.empty()) continue;
    std::string chain = path.front()->from->name;
    for (const Connection* edge : path) chain += " → " + edge->to->name;
    auto diagnostic = make_diagnostic(DiagCode::ReferenceCycle, path.front()->use.range,
                                      "Reference cycle: " + chain);
    diagnostic.detail =
        "Terraform must create each component before the ones that refer to it, so references "
        "cannot go round in a circle. Remove one of these references.";
    for (const Connection* edge : path) {
      diagnostic.related.push_back({edge->use.range, "\"" + edge->from->name + "\" refers to \"" +
                                                         edge->to->name + "\" through \"" +
                                                         edge->use.option + "\""});
    }
    diagnostics.add(std::move(diagnostic));
  }
}

}  // namespace

void check_graph(const ResourceGraph& graph, Diagnostics& diagnostics) {
  report_cycles(graph, diagnostics);
  CheckContext context{graph};
  for (const auto& component : graph.components()) {
    component->kind->check(*component, context, diagnostics);
  }
}

}  // namespace pipectl
