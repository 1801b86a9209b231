#pragma once
/// Pass 6: derive IAM — for each component whose service needs a role, collect the statements
/// for its own resources plus what each target's kind grants for the access it needs
/// (least privilege from the graph's connections).

#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

DerivedRoles derive_iam(const ResourceGraph& graph, Diagnostics& diagnostics);

}  // namespace pipectl
