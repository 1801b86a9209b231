#pragma once
/// Rendering of derived IAM roles (part of the render pass).

#include "pipectl/iam.h"
#include "pipectl/resource_graph.h"
#include "pipectl/terraform_document.h"

namespace pipectl {

/// Adds the role, its trust policy, its permissions policy and the policy documents behind them
/// to the component's file.
void render_role(const Component& component, const DerivedRole& role, const ResourceGraph& graph,
                 TerraformDocument& document);

}  // namespace pipectl
