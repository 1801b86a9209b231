#include "pipectl/passes/check_collisions.h"

#include <map>
#include <tuple>

#include "pipectl/passes/build_graph.h"
#include "pipectl/passes/derive_iam.h"

namespace pipectl {
namespace {

struct Claim {
  const ResourceGraph* environment;
  const Component* component;
  SourceRange at;
};

/// (type of name, name, scope): S3 buckets and IAM roles are unique everywhere, the rest per
/// region of an account.
using ClaimKey = std::tuple<std::string, std::string, std::string>;

void claims_of(const ResourceGraph& graph, std::vector<std::pair<ClaimKey, Claim>>& out) {
  const std::string& region = graph.settings().region;
  for (const auto& component : graph.components()) {
    auto names = claimed_names(*component, graph);
    if (component->kind->role(*component, graph)) {
      names.push_back({&names::kIamRole, role_name(graph, *component), std::nullopt});
    }
    for (const AwsName& name : names) {
      ClaimKey key{name.constraints->what, name.name, name.constraints->global ? "" : region};
      out.push_back({key, {&graph, component.get(), name.pinned_at.value_or(component->declared_at)}});
    }
  }
}

std::string describe(const ResourceGraph& graph) {
  return "\"" + graph.settings().environment + "\" (" + graph.settings().spec_display_path + ")";
}

}  // namespace

void check_collisions(const std::vector<const ResourceGraph*>& environments,
                      Diagnostics& diagnostics) {
  std::map<ClaimKey, Claim> first;
  for (const ResourceGraph* graph : environments) {
    std::vector<std::pair<ClaimKey, Claim>> claims;
    claims_of(*graph, claims);
    for (const auto& [key, claim] : claims) {
      auto [it, inserted] = first.emplace(key, claim);
      if (inserted || it->second.environment == graph) continue;
      const Claim& earlier = it->second;
      diagnostics.add(
          make_diagnostic(DiagCode::NameCollision, claim.at,
                          "Environments " + describe(*earlier.environment) + " and " +
                              describe(*graph) + " would both create " + std::get<0>(key) + " \"" +
                              std::get<1>(key) + "\"")
              .with_detail("Deployed to one account, the second apply would fail or take over the "
                           "first environment's object. Keep {env} in the naming rule, and do not "
                           "pin the same name in both.")
              .with_related(earlier.at, "\"" + earlier.component->name + "\" in " +
                                            earlier.environment->settings().environment));
    }
  }
}

}  // namespace pipectl
