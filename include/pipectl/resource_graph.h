#pragma once
/// The resource graph: every component of an environment and the connections between them. It
/// owns the components, answers lookups and spelling suggestions, and is read-only after
/// build_graph.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/module_kind.h"
#include "pipectl/option_values.h"
#include "pipectl/spec.h"

namespace pipectl {

/// One named component of the spec.
struct Component {
  std::string name;  ///< as written in the spec: "get-random-beer"
  const ModuleKind* kind = nullptr;
  SourceRange declared_at;  ///< the component's key in `components:`
  /// The AWS name pinned with `name:`, if any.
  std::optional<Located<std::string>> pinned_name;
  /// The AWS name: the pinned one, or the naming rule's (set by build_graph).
  std::string physical_name;
  std::map<std::string, std::string> tags;
  std::unique_ptr<ComponentConfig> config;
  std::vector<ReferenceUse> references;
  /// Decoding it or resolving its references reported an error. Checks that need its options to
  /// be right skip it, so one broken component does not hide the problems of the others.
  bool has_errors = false;

  /// The Terraform identifier of the component's resources ("get_random_beer").
  std::string id() const;
  /// The file its resources are rendered into ("get-random-beer.tf.json").
  std::string file() const;

  template <class Config>
  const Config& config_as() const {
    return static_cast<const Config&>(*config);
  }
};

/// A resolved reference: `from` uses `to` through `use.option`.
struct Connection {
  const Component* from = nullptr;
  const Component* to = nullptr;
  ReferenceUse use;
};

class ResourceGraph {
 public:
  ResourceGraph(EnvironmentSettings settings, std::vector<Component> components);
  ResourceGraph(const ResourceGraph&) = delete;
  ResourceGraph& operator=(const ResourceGraph&) = delete;
  ResourceGraph(ResourceGraph&&) = default;
  ResourceGraph& operator=(ResourceGraph&&) = default;

  const EnvironmentSettings& settings() const { return settings_; }
  /// Components in name order. The graph is read-only after build_graph, so they are const.
  const std::vector<const Component*>& components() const { return view_; }
  /// The same components, for build_graph alone: it names them and marks those with errors.
  const std::vector<std::unique_ptr<Component>>& components_to_complete() { return components_; }
  const Component* find(const std::string& name) const;
  /// `find` that treats a missing component as a bug (use after build_graph has validated names).
  const Component& get(const std::string& name) const;

  /// Names of all components, optionally only those of the given kinds.
  std::vector<std::string> names(const std::vector<std::string>& kinds = {}) const;

  void add_connection(Connection connection);
  const std::vector<Connection>& connections() const { return connections_; }
  std::vector<const Connection*> connections_from(const Component& component) const;
  /// The components `from` names in `option` ("writes", "transform.function"), in the order
  /// written: the graph's resolved connections, never a lookup by name.
  std::vector<const Component*> targets(const Component& from, std::string_view option) const;
  /// The one component `from` names in `option`; none is a bug (build_graph resolved it).
  const Component& target(const Component& from, std::string_view option) const;
  /// Whether `from`'s role is granted access to `to` through any connection.
  bool grants_access(const Component& from, const Component& to) const;

  /// The Terraform expression for `component.attribute` (an attribute the kind exports).
  tf::Expression expression(const Component& component, const std::string& attribute) const;

  /// The naming rule of a component's kind.
  const NamingRule& naming_rule(const Component& component) const;
  /// The AWS name a component would have under its kind's naming rule, adapted to `constraints`.
  std::string rule_name(const Component& component, const NameConstraints& constraints) const;
  /// The name of the IAM role a component of a kind with a role_service runs as: the naming
  /// rule's name plus "-role" (a pinned name is the main resource's, not the role's).
  std::string role_name(const Component& component) const;

 private:
  EnvironmentSettings settings_;
  std::vector<std::unique_ptr<Component>> components_;
  std::vector<const Component*> view_;  ///< components_, read-only
  std::map<std::string, Component*> by_name_;
  std::vector<Connection> connections_;
  std::map<const Component*, std::vector<std::size_t>> outgoing_;
};

}  // namespace pipectl
