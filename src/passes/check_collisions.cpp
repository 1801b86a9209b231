#include "pipectl/passes/check_collisions.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "pipectl/passes/build_graph.h"

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
    for (const AwsName& name : claimed_names(*component, graph)) {
      ClaimKey key{name.constraints->what, name.name, name.constraints->global ? "" : region};
      out.push_back({key, {&graph, component, name.pinned_at.value_or(component->declared_at)}});
    }
  }
}

std::string describe(const ResourceGraph& graph) {
  return "\"" + graph.settings().environment + "\" (" + graph.settings().spec_display_path + ")";
}

/// Where an environment keeps its state in S3: bucket (empty when given at init) and key.
std::optional<std::pair<std::string, std::string>> state_location(const ResourceGraph& graph) {
  const auto& s3 = graph.settings().backend.s3;
  if (!s3 || graph.settings().aws.local()) return std::nullopt;
  return std::make_pair(s3->bucket ? s3->bucket->value : "", s3->key.value);
}

/// Two environments with one state object would overwrite each other's state. A bucket given at
/// init is assumed to be the same one (a team has one state bucket), so then only the key decides.
void check_state_collisions(const std::vector<const ResourceGraph*>& environments,
                            Diagnostics& diagnostics) {
  std::vector<std::pair<std::pair<std::string, std::string>, const ResourceGraph*>> seen;
  for (const ResourceGraph* graph : environments) {
    auto location = state_location(*graph);
    if (!location) continue;
    auto same_object = [&](const auto& earlier) {
      const auto& [bucket, key] = earlier.first;
      return earlier.second != graph && key == location->second &&
             (bucket == location->first || bucket.empty() || location->first.empty());
    };
    auto earlier = std::find_if(seen.begin(), seen.end(), same_object);
    const ResourceGraph* other = earlier == seen.end() ? nullptr : earlier->second;
    seen.emplace_back(*location, graph);
    if (other == nullptr) continue;
    const S3Backend& s3 = *graph->settings().backend.s3;
    const S3Backend& other_s3 = *other->settings().backend.s3;
    std::string where = (location->first.empty() ? "key " : "s3://" + location->first + "/") +
                        location->second;
    diagnostics.add(
        make_diagnostic(DiagCode::NameCollision, s3.key.at,
                        "Environments " + describe(*other) + " and " + describe(*graph) +
                            " would keep their Terraform state in one object (" + where + ")")
            .with_detail("Each apply would overwrite the other environment's state. Leave "
                         "backend.s3.key at its default (<project>/<environment>/"
                         "terraform.tfstate) or give each environment its own key.")
            .with_related(other_s3.key.at, "the state of " + other->settings().environment));
  }
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
                              describe(*graph) + " would both use the " + std::get<0>(key) + " \"" +
                              std::get<1>(key) + "\"")
              .with_detail("Deployed to one account, the second apply would fail or take over the "
                           "first environment's object. Keep {env} in the naming rule, and do not "
                           "pin the same name in both.")
              .with_related(earlier.at, "\"" + earlier.component->name + "\" in " +
                                            earlier.environment->settings().environment));
    }
  }
  check_state_collisions(environments, diagnostics);
}

}  // namespace pipectl
