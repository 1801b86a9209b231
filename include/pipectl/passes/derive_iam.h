#pragma once
/// Pass 5: derive IAM — for each component whose service needs a role, collect the statements
/// for its own resources plus what each target's kind grants for the access it needs
/// (least privilege from the graph's connections).

#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

DerivedRoles derive_iam(const ResourceGraph& graph, Diagnostics& diagnostics);

/// The IAM role name of a component: the naming rule's name plus "-role".
std::string role_name(const ResourceGraph& graph, const Component& component);

}  // namespace pipectl
