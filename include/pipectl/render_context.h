#pragma once
/// What a module kind may read while rendering a component.

#include <string>

#include "pipectl/passes/derive_iam.h"
#include "pipectl/passes/package_lambdas.h"
#include "pipectl/resource_graph.h"
#include "pipectl/terraform_expr.h"

namespace pipectl {

struct RenderContext {
  const ResourceGraph& graph;
  const DerivedRoles& roles;
  const Artifacts& artifacts;

  /// "${aws_iam_role.<id>.arn}" of the component's role (derive_iam made one for it).
  std::string role_arn(const Component& component) const {
    return tf::ref("aws_iam_role", component.id(), "arn");
  }
  /// The expression for another component's exported attribute.
  std::string expression(const std::string& component, const std::string& attribute) const {
    return graph.expression(component, attribute);
  }
};

}  // namespace pipectl
