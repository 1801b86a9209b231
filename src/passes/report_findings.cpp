#include "pipectl/passes/report_findings.h"

#include "pipectl/backend.h"

namespace pipectl {
namespace {

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
    for (const tf::Expression& expression : statement.resources) {
      if (!expression.is_literal()) continue;  // ARNs pipectl builds name one object
      const std::string resource = expression.literal_text();
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

}  // namespace

void report_findings(const ResourceGraph& graph, const DerivedRoles& roles,
                     Diagnostics& diagnostics) {
  report_backend_findings(graph.settings().backend, diagnostics);
  for (const auto& component : graph.components()) {
    component->kind->report_findings(*component, diagnostics);
  }
  for (const auto& [name, role] : roles) report_wildcards(graph.get(name), role, diagnostics);
}

}  // namespace pipectl
