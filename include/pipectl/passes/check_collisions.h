#pragma once
/// Across environments: two environments deployed to one AWS account must not create objects
/// with the same name (the layout pipectl replaces had prod and test fight over bucket and role
/// names). Compares every name each environment would create — main names, extra names such as
/// Glue databases, and IAM roles — within the scope AWS makes them unique in, and the S3 object
/// each environment keeps its Terraform state in.

#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/resource_graph.h"

namespace pipectl {

/// Reports (PC4006) each name that a later environment claims after an earlier one did.
void check_collisions(const std::vector<const ResourceGraph*>& environments,
                      Diagnostics& diagnostics);

}  // namespace pipectl
