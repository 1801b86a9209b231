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

bool has_wildcard(const std::string& text) { return text.find_first_of("*?") != std::string::npos; }

/// Wildcard actions anywhere, and wildcard resources, are findings. Derived statements may scope
/// a grant to "bucket/*" or "log-group:*" (that is how ARNs of objects and streams are named), so
/// only a bare "*" counts for them; statements a user wrote are held to any wildcard.
void report_wildcards(const Component& component, const DerivedRole& role,
                      Diagnostics& diagnostics) {
  for (const PolicyStatement& statement : role.statements) {
    SourceRange at = statement.declared_at.value_or(component.declared_at);
    std::string whose = statement.declared_at ? "extra permission" : "derived statement";
    for (const std::string& action : statement.actions) {
      if (!has_wildcard(action)) continue;
      diagnostics.add(make_diagnostic(DiagCode::WildcardAction, at,
                                      "Role of \"" + component.name + "\" allows the wildcard action \"" +
                                          action + "\"")
                          .with_detail("The " + whose + " " + statement.sid +
                                       " allows it. Name the exact actions the function calls."));
    }
    for (const std::string& resource : statement.resources) {
      bool wildcard = statement.declared_at ? has_wildcard(resource) : resource == "*";
      if (!wildcard) continue;
      diagnostics.add(make_diagnostic(DiagCode::WildcardResource, at,
                                      "Role of \"" + component.name + "\" grants " + statement.sid +
                                          " on \"" + resource + "\"")
                          .with_detail("A wildcard resource reaches more than the function needs; "
                                       "name the exact ARNs."));
    }
  }
}

std::optional<DerivedRole> derive_role(const ResourceGraph& graph, const Component& component,
                                       Diagnostics& diagnostics) {
  const std::string& service = component.kind->descriptor().role_service;
  if (service.empty()) return std::nullopt;
  RoleRequirements requirements = component.kind->role(component, graph);
  DerivedRole role{component.name, role_name(graph, component), service,
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
  report_wildcards(component, role, diagnostics);
  if (auto problem = name_problem(role.role_name, names::kIamRole)) {
    diagnostics.error(DiagCode::InvalidAwsName, component.declared_at,
                      "Component \"" + component.name + "\" would get an invalid IAM role name \"" +
                          role.role_name + "\"",
                      "The role name " + *problem +
                          ". Shorten the component name or the naming rule.");
  }
  return role;
}

}  // namespace

std::string role_name(const ResourceGraph& graph, const Component& component) {
  return graph.rule_name(component, names::kIamRole) + "-role";
}

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
