#include "pipectl/passes/build_graph.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace pipectl {
namespace {

std::vector<std::string> attribute_names(const ModuleKind& kind) {
  std::vector<std::string> names;
  for (const ExportedAttribute& attribute : kind.attributes()) names.push_back(attribute.name);
  return names;
}

/// "a kinesis", "an s3": the article as the words are read aloud ("s3" is "ess three").
std::string with_article(const std::string& words) {
  bool vowel_sound =
      !words.empty() &&
      (std::string_view("aeiou").find(words[0]) != std::string_view::npos ||
       (words.size() > 1 && std::isdigit(static_cast<unsigned char>(words[1])) &&
        std::string_view("fhlmnrsx").find(words[0]) != std::string_view::npos));
  return (vowel_sound ? "an " : "a ") + words;
}

/// The main AWS name: the pinned one, or the naming rule's adapted to the service.
void assign_aws_name(Component& component, const ResourceGraph& graph) {
  component.physical_name =
      component.pinned_name ? component.pinned_name->value
                            : graph.rule_name(component, component.kind->name_constraints());
}

void check_name(const Component& component, const AwsName& claim, const ResourceGraph& graph,
                Diagnostics& diagnostics) {
  auto problem = name_problem(claim.name, *claim.constraints);
  if (!problem) return;
  if (claim.pinned_at) {
    diagnostics.error(DiagCode::InvalidAwsName, *claim.pinned_at,
                      "Invalid " + claim.constraints->what + " \"" + claim.name + "\"",
                      "The name " + *problem + ".");
    return;
  }
  const NamingRule& rule = graph.naming_rule(component);
  // A name too long is shortened; one with a character the service rejects is changed.
  std::string fix = problem->rfind("is ", 0) == 0 ? "Shorten" : "Change";
  diagnostics.add(
      make_diagnostic(DiagCode::InvalidAwsName, component.declared_at,
                      "Component \"" + component.name + "\" would get an invalid " +
                          claim.constraints->what + " \"" + claim.name + "\"")
          .with_detail("The naming rule \"" + rule.pattern + "\" gives \"" + claim.name +
                       "\", which " + *problem +
                       ". " + fix + " the component name or the rule, or pin a name.")
          .with_related(rule.range, "naming rule"));
}

/// Every claimed name must be valid for its service, and no two components may claim the same
/// name of the same type.
void check_aws_names(const ResourceGraph& graph, Diagnostics& diagnostics) {
  std::map<std::pair<std::string, std::string>, const Component*> owners;
  for (const auto& component : graph.components()) {
    for (const AwsName& claim : claimed_names(*component, graph)) {
      check_name(*component, claim, graph, diagnostics);
      auto key = std::make_pair(claim.constraints->what, claim.name);
      auto [it, inserted] = owners.emplace(key, component);
      if (inserted || it->second == component) continue;
      diagnostics.add(
          make_diagnostic(DiagCode::DuplicateAwsName, claim.pinned_at.value_or(component->declared_at),
                          "Components \"" + it->second->name + "\" and \"" + component->name +
                              "\" would both use the " + key.first + " \"" + key.second + "\"")
              .with_detail("AWS names must be unique; pin a different name for one of them.")
              .with_related(it->second->declared_at, "\"" + it->second->name + "\" declared here"));
    }
  }
}

class ReferenceResolver {
 public:
  ReferenceResolver(ResourceGraph& graph, const std::set<std::string>& declared,
                    Diagnostics& diagnostics)
      : graph_(graph), declared_(declared), diagnostics_(diagnostics) {}

  void resolve(const Component& from, const ReferenceUse& use) {
    const Component* target = graph_.find(use.target);
    if (target == nullptr && declared_.count(use.target)) return;  // its own error was reported
    if (target == nullptr) return report_unknown(from, use);
    if (!use.allowed_kinds.empty() &&
        std::find(use.allowed_kinds.begin(), use.allowed_kinds.end(), target->kind->name()) ==
            use.allowed_kinds.end()) {
      return report_wrong_kind(from, use, *target);
    }
    if (!use.attribute.empty()) {
      auto names = attribute_names(*target->kind);
      if (std::find(names.begin(), names.end(), use.attribute) == names.end()) {
        return report_unknown_attribute(use, *target, names);
      }
    }
    graph_.add_connection({&from, target, use});
  }

 private:
  void report_unknown(const Component& from, const ReferenceUse& use) {
    // Prefer a name of a kind that fits; fall back to any component.
    auto fitting = graph_.names(use.allowed_kinds);
    auto guess = nearest(use.target, fitting);
    if (!guess) guess = nearest(use.target, graph_.names());
    auto diagnostic = make_diagnostic(
        DiagCode::UnknownComponent, use.range,
        "\"" + use.option + "\" of \"" + from.name + "\" refers to unknown component \"" +
            use.target + "\"");
    diagnostic.detail = fitting.empty()
                            ? "The spec defines no component" + kinds_phrase(use) + "."
                            : "Components" + kinds_phrase(use) + ": " + quoted_list(fitting) + ".";
    if (guess) diagnostic.suggestion = *guess;
    diagnostics_.add(std::move(diagnostic));
  }

  void report_wrong_kind(const Component& from, const ReferenceUse& use, const Component& target) {
    auto fitting = graph_.names(use.allowed_kinds);
    auto diagnostic = make_diagnostic(
        DiagCode::WrongComponentKind, use.range,
        "\"" + use.option + "\" of \"" + from.name + "\" must name " +
            with_article(kinds_list(use)) + " component, but \"" + target.name + "\" is " +
            with_article(std::string(target.kind->name())) + " component");
    diagnostic.detail = fitting.empty()
                            ? "The spec defines no " + kinds_list(use) + " component."
                            : "Components that fit: " + quoted_list(fitting) + ".";
    if (auto guess = nearest(use.target, fitting)) diagnostic.suggestion = *guess;
    else if (fitting.size() == 1) diagnostic.suggestion = fitting.front();
    diagnostics_.add(std::move(diagnostic).with_related(target.declared_at,
                                                        "\"" + target.name + "\" declared here"));
  }

  void report_unknown_attribute(const ReferenceUse& use, const Component& target,
                                const std::vector<std::string>& names) {
    auto diagnostic = make_diagnostic(DiagCode::UnknownAttribute, use.range,
                                      "Component \"" + target.name + "\" has no attribute \"" +
                                          use.attribute + "\"");
    diagnostic.detail = "Components of kind " + std::string(target.kind->name()) + " export " +
                        quoted_list(names) + ".";
    if (auto guess = nearest(use.attribute, names)) diagnostic.suggestion = target.name + "." + *guess;
    diagnostics_.add(std::move(diagnostic));
  }

  static std::string kinds_list(const ReferenceUse& use) {
    return word_list(use.allowed_kinds, "or");
  }

  static std::string kinds_phrase(const ReferenceUse& use) {
    return use.allowed_kinds.empty() ? "" : " of kind " + kinds_list(use);
  }

  ResourceGraph& graph_;
  const std::set<std::string>& declared_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::vector<AwsName> claimed_names(const Component& component, const ResourceGraph& graph) {
  std::vector<AwsName> names = {{&component.kind->name_constraints(), component.physical_name,
                                 component.pinned_name ? std::optional(component.pinned_name->at)
                                                       : std::nullopt}};
  auto extra = component.kind->extra_aws_names(component, graph);
  names.insert(names.end(), extra.begin(), extra.end());
  if (!component.kind->descriptor().role_service.empty()) {
    names.push_back({&names::kIamRole, graph.role_name(component), std::nullopt});
  }
  return names;
}

ResourceGraph build_graph(EnvironmentSettings settings, std::vector<Component> components,
                          const std::set<std::string>& declared, Diagnostics& diagnostics) {
  ResourceGraph graph(std::move(settings), std::move(components));
  for (const auto& component : graph.components_to_complete()) assign_aws_name(*component, graph);
  check_aws_names(graph, diagnostics);
  ReferenceResolver resolver(graph, declared, diagnostics);
  for (const auto& component : graph.components_to_complete()) {
    std::size_t errors_before = diagnostics.error_count();
    for (const ReferenceUse& use : component->references) resolver.resolve(*component, use);
    if (diagnostics.error_count() > errors_before) component->has_errors = true;
  }
  return graph;
}

}  // namespace pipectl
