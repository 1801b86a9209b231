#include "pipectl/passes/check_graph.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace pipectl {
namespace {

/// Outgoing connections of each component that Terraform would see as dependencies, ordered by
/// target name then option, so the cycle we report is the same on every run.
using Adjacency = std::map<const Component*, std::vector<const Connection*>>;

Adjacency adjacency_of(const ResourceGraph& graph) {
  Adjacency adjacency;
  for (const auto& component : graph.components()) {
    std::vector<const Connection*> edges;
    for (const Connection* edge : graph.connections_from(*component)) {
      if (edge->use.feeds_exports) edges.push_back(edge);
    }
    std::sort(edges.begin(), edges.end(), [](const Connection* a, const Connection* b) {
      return std::tie(a->to->name, a->use.option) < std::tie(b->to->name, b->use.option);
    });
    adjacency[component] = std::move(edges);
  }
  return adjacency;
}

/// Tarjan's strongly connected components, iteratively (a chain of thousands of references must
/// not exhaust the stack). Returns each component that contains a cycle.
std::vector<std::set<const Component*>> cyclic_components(const ResourceGraph& graph,
                                                          const Adjacency& adjacency) {
  struct Frame {
    const Component* node;
    std::size_t next_edge;
  };
  std::map<const Component*, int> index;
  std::map<const Component*, int> low;
  std::vector<const Component*> stack;
  std::set<const Component*> on_stack;
  std::set<const Component*> self_loops;
  std::vector<std::set<const Component*>> result;
  int counter = 0;

  auto enter = [&](const Component* node, std::vector<Frame>& frames) {
    index[node] = low[node] = counter++;
    stack.push_back(node);
    on_stack.insert(node);
    frames.push_back({node, 0});
  };
  for (const auto& root : graph.components()) {
    if (index.count(root)) continue;
    std::vector<Frame> frames;
    enter(root, frames);
    while (!frames.empty()) {
      Frame& frame = frames.back();
      const auto& edges = adjacency.at(frame.node);
      if (frame.next_edge < edges.size()) {
        const Component* to = edges[frame.next_edge++]->to;
        if (to == frame.node) self_loops.insert(to);
        if (!index.count(to)) enter(to, frames);
        else if (on_stack.count(to)) low[frame.node] = std::min(low[frame.node], index[to]);
        continue;
      }
      const Component* node = frame.node;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().node] = std::min(low[frames.back().node], low[node]);
      if (low[node] != index[node]) continue;
      std::set<const Component*> members;
      const Component* member = nullptr;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack.erase(member);
        members.insert(member);
      } while (member != node);
      if (members.size() > 1 || self_loops.count(node)) result.push_back(std::move(members));
    }
  }
  return result;
}

/// The shortest path round the cycle from the member with the smallest name back to it
/// (breadth first over name-ordered edges, so it is the same on every run).
std::vector<const Connection*> cycle_path(const std::set<const Component*>& members,
                                          const Adjacency& adjacency) {
  const Component* start = *std::min_element(
      members.begin(), members.end(),
      [](const Component* a, const Component* b) { return a->name < b->name; });
  std::map<const Component*, const Connection*> reached_by;
  std::deque<const Component*> queue = {start};
  while (!queue.empty()) {
    const Component* node = queue.front();
    queue.pop_front();
    for (const Connection* edge : adjacency.at(node)) {
      if (!members.count(edge->to)) continue;
      if (edge->to == start) {
        std::vector<const Connection*> path = {edge};
        for (const Component* at = node; at != start; at = reached_by[at]->from) {
          path.push_back(reached_by[at]);
        }
        std::reverse(path.begin(), path.end());
        return path;
      }
      if (reached_by.emplace(edge->to, edge).second) queue.push_back(edge->to);
    }
  }
  return {};
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
    if (!component->has_errors) component->kind->check(*component, context, diagnostics);
  }
}

}  // namespace pipectl
