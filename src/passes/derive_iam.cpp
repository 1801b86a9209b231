#include "pipectl/passes/derive_iam.h"

#include <set>

namespace pipectl {
namespace {

/// IAM rejects policies whose statement ids repeat; number any repeats.
void make_sids_unique(std::vector<PolicyStatement>& statements) {
  std::set<std::string> seen;
  for (PolicyStatement& statement : statements) {
    std::string base = statement.sid;
    for (int n = 2; !seen.insert(statement.sid).second; ++n) statement.sid = base + std::to_string(n);
  }
}

std::optional<DerivedRole> derive_role(const ResourceGraph& graph, const Component& component,
                                       Diagnostics& diagnostics) {
  const std::string& service = component.kind->descriptor().role_service;
  if (service.empty()) return std::nullopt;
  RoleRequirements requirements = component.kind->role(component, graph);
  DerivedRole role{component.name, graph.role_name(component), service,
                   requirements.trust_conditions, requirements.own_statements};
  for (const Connection* connection : graph.connections_from(component)) {
    const ReferenceUse& use = connection->use;
    if (!use.access) continue;
    AccessRequest request{connection->to->name, *use.access, use.access_scope, use.option};
    const Component& target = *connection->to;
    auto granted = target.kind->grant(target, request, graph);
    if (granted.empty()) {
      diagnostics.error(DiagCode::InternalError, component.declared_at,
                        "Components of kind " + std::string(target.kind->name()) +
                            " cannot grant " + access_name(request.access) + " access",
                        "This combination should have been rejected earlier; please report it.");
    }
    role.statements.insert(role.statements.end(), granted.begin(), granted.end());
  }
  normalize_statements(role.statements);
  make_sids_unique(role.statements);
  return role;
}

}  // namespace

DerivedRoles derive_iam(const ResourceGraph& graph, Diagnostics& diagnostics) {
  DerivedRoles roles;
  for (const auto& component : graph.components()) {
    if (auto role = derive_role(graph, *component, diagnostics)) {
      roles.emplace(component->name, std::move(*role));
    }
  }
  return roles;
}

}  // namespace pipectl
