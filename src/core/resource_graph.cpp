#include "pipectl/resource_graph.h"

#include <algorithm>
#include <stdexcept>

#include "pipectl/terraform_expr.h"

namespace pipectl {

std::string Component::id() const { return tf::identifier(name); }

std::string Component::file() const { return name + ".tf.json"; }

ResourceGraph::ResourceGraph(EnvironmentSettings settings, std::vector<Component> components)
    : settings_(std::move(settings)) {
  std::sort(components.begin(), components.end(),
            [](const Component& a, const Component& b) { return a.name < b.name; });
  components_.reserve(components.size());
  for (Component& component : components) {
    components_.push_back(std::make_unique<Component>(std::move(component)));
    by_name_[components_.back()->name] = components_.back().get();
    view_.push_back(components_.back().get());
  }
}

const Component* ResourceGraph::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

const Component& ResourceGraph::get(const std::string& name) const {
  const Component* component = find(name);
  if (component == nullptr) throw std::logic_error("unknown component \"" + name + "\"");
  return *component;
}

std::vector<std::string> ResourceGraph::names(const std::vector<std::string>& kinds) const {
  std::vector<std::string> result;
  for (const auto& component : components_) {
    bool wanted = kinds.empty() || std::find(kinds.begin(), kinds.end(),
                                             component->kind->name()) != kinds.end();
    if (wanted) result.push_back(component->name);
  }
  return result;
}

void ResourceGraph::add_connection(Connection connection) {
  outgoing_[connection.from].push_back(connections_.size());
  connections_.push_back(std::move(connection));
}

std::vector<const Connection*> ResourceGraph::connections_from(const Component& component) const {
  std::vector<const Connection*> result;
  auto it = outgoing_.find(&component);
  if (it == outgoing_.end()) return result;
  for (std::size_t index : it->second) result.push_back(&connections_[index]);
  return result;
}

std::vector<const Component*> ResourceGraph::targets(const Component& from,
                                                     std::string_view option) const {
  std::vector<const Component*> found;
  for (const Connection* connection : connections_from(from)) {
    if (connection->use.option == option) found.push_back(connection->to);
  }
  return found;
}

const Component& ResourceGraph::target(const Component& from, std::string_view option) const {
  auto found = targets(from, option);
  if (found.size() != 1) {
    throw std::logic_error("\"" + from.name + "\" has " + std::to_string(found.size()) +
                           " connections through " + std::string(option) + ", not one");
  }
  return *found.front();
}

bool ResourceGraph::grants_access(const Component& from, const Component& to) const {
  for (const Connection* connection : connections_from(from)) {
    if (connection->to == &to && connection->use.access) return true;
  }
  return false;
}

tf::Expression ResourceGraph::expression(const Component& component,
                                      const std::string& attribute) const {
  return component.kind->attribute_expression(component, attribute);
}

const NamingRule& ResourceGraph::naming_rule(const Component& component) const {
  return settings_.naming.for_kind(component.kind->name());
}

std::string ResourceGraph::rule_name(const Component& component,
                                     const NameConstraints& constraints) const {
  return adapt_name(naming_rule(component).apply(component.name), constraints);
}

}  // namespace pipectl

namespace pipectl {

std::string ResourceGraph::role_name(const Component& component) const {
  return rule_name(component, names::kIamRole) + "-role";
}

}  // namespace pipectl
