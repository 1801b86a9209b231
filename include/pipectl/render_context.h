#pragma once
/// What a module kind may read while rendering a component.

#include <string>
#include <vector>

#include "pipectl/artifact.h"
#include "pipectl/iam.h"
#include "pipectl/resource_graph.h"
#include "pipectl/terraform_expr.h"

namespace pipectl {

/// The resource type of the inline policy that holds a role's statements.
inline constexpr const char* kRolePolicyType = "aws_iam_role_policy";

struct RenderContext {
  const ResourceGraph& graph;
  const DerivedRoles& roles;
  const Artifacts& artifacts;

  /// The ARN of the component's role (derive_iam made one for it).
  tf::Expression role_arn(const Component& component) const {
    return tf::ref("aws_iam_role", component.id(), "arn");
  }
  /// What a resource AWS checks against the component's role when creating it must wait for: the
  /// role's inline policy, which exists only when derive_iam gave the role a statement.
  std::vector<tf::Address> role_policy_dependencies(const Component& component) const {
    auto role = roles.find(component.name);
    if (role == roles.end() || role->second.statements.empty()) return {};
    return {tf::resource(kRolePolicyType, component.id())};
  }
  /// The expression for an attribute of the component `from` names in `option`.
  tf::Expression target_expression(const Component& from, std::string_view option,
                                const std::string& attribute) const {
    return graph.expression(graph.target(from, option), attribute);
  }
};

}  // namespace pipectl
