#pragma once
/// extra_permissions: IAM statements a user writes for access outside the spec.

#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/option_values.h"

namespace pipectl::modules {

/// Statements from the `extra_permissions` list, each checked for well-formed actions
/// (service:Action) and resources (ARNs or "*"); wildcards are left to the security findings.
std::vector<PolicyStatement> decode_extra_permissions(const OptionValues& options,
                                                      Diagnostics& diagnostics);

}  // namespace pipectl::modules
