#include "render_roles.h"

#include "pipectl/render_context.h"
#include "pipectl/terraform_expr.h"

namespace pipectl {
namespace {

nlohmann::json conditions_json(const std::vector<PolicyCondition>& conditions) {
  nlohmann::json json = nlohmann::json::array();
  for (const PolicyCondition& condition : conditions) {
    json.push_back(
        {{"test", condition.test}, {"variable", condition.variable}, {"values", condition.values}});
  }
  return json;
}

nlohmann::json statement_json(const PolicyStatement& statement) {
  nlohmann::json json = {{"sid", statement.sid},
                         {"effect", "Allow"},
                         {"actions", statement.actions},
                         {"resources", statement.resources}};
  if (!statement.conditions.empty()) json["condition"] = conditions_json(statement.conditions);
  return json;
}

}  // namespace

void render_role(const Component& component, const DerivedRole& role, const ResourceGraph& graph,
                 TerraformDocument& document) {
  const std::string file = component.file();
  const std::string id = component.id();
  const std::string trust_id = id + "_assume_role";
  const std::string permissions_id = id + "_permissions";

  auto& trust = document.data(file, "aws_iam_policy_document", trust_id);
  nlohmann::json assume = {
      {"sid", "AssumeRole"},
      {"effect", "Allow"},
      {"actions", {"sts:AssumeRole"}},
      {"principals", {{{"type", "Service"}, {"identifiers", {role.service_principal}}}}}};
  if (!role.trust_conditions.empty()) assume["condition"] = conditions_json(role.trust_conditions);
  trust["statement"] = nlohmann::json::array({assume});

  auto& aws_role = document.resource(file, "aws_iam_role", id);
  aws_role["name"] = tf::aws_name(role.role_name);
  aws_role["description"] =
      "Role of " + std::string(component.kind->name()) + " component " +
                  component.name + " in " + graph.settings().project + "/" +
                  graph.settings().environment + ", managed by pipectl";
  aws_role["assume_role_policy"] = tf::data_ref("aws_iam_policy_document", trust_id, "json");
  if (!component.tags.empty()) aws_role["tags"] = component.tags;

  if (role.statements.empty()) return;
  auto& permissions = document.data(file, "aws_iam_policy_document", permissions_id);
  for (const PolicyStatement& statement : role.statements) {
    permissions["statement"].push_back(statement_json(statement));
  }
  auto& policy = document.resource(file, kRolePolicyType, id);
  policy["name"] = tf::aws_name(role.role_name + "-policy");
  policy["role"] = tf::ref("aws_iam_role", id, "id");
  policy["policy"] = tf::data_ref("aws_iam_policy_document", permissions_id, "json");
}

}  // namespace pipectl
