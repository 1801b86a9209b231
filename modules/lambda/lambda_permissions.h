#pragma once
/// extra_permissions: IAM statements a user writes for access outside the spec.

#include <optional>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/located.h"
#include "pipectl/option_table.h"

namespace pipectl::modules {

/// One item of `extra_permissions`, as written.
struct ExtraPermission {
  std::string reason;
  Located<std::vector<Located<std::string>>> actions;
  std::vector<Located<std::string>> resources;
  std::optional<std::string> sid;
};

OptionTable<ExtraPermission> extra_permission_options();

/// The statements the items ask for (sids Extra1, Extra2, ... where none is given), each action
/// checked as service:Action and each resource as an ARN or "*"; wildcards are left to the
/// security findings.
std::vector<PolicyStatement> extra_permission_statements(
    const std::vector<ExtraPermission>& permissions, Diagnostics& diagnostics);

}  // namespace pipectl::modules
