#include "lambda_permissions.h"

#include "pipectl/text.h"

namespace pipectl::modules {
namespace {

/// `*` or service:Action, the action possibly with wildcards.
bool valid_action(const std::string& action) {
  if (action == "*") return true;
  auto colon = action.find(':');
  if (colon == std::string::npos) return false;
  auto service_char = [](char c) { return is_ascii_lower_or_digit(c) || c == '-'; };
  auto action_char = [](char c) { return is_ascii_alnum(c) || c == '*' || c == '?'; };
  return consists_of(std::string_view(action).substr(0, colon), service_char) &&
         consists_of(std::string_view(action).substr(colon + 1), action_char);
}

bool valid_resource(const std::string& resource) {
  return resource == "*" || resource.rfind("arn:", 0) == 0;
}

void check_items(const std::vector<Located<std::string>>& items,
                 bool (*valid)(const std::string&), const std::string& expected,
                 const std::string& example, Diagnostics& diagnostics) {
  for (const Located<std::string>& item : items) {
    if (valid(item.value)) continue;
    diagnostics.error(DiagCode::InvalidValue, item.at,
                      "\"" + item.value + "\" is not " + expected, example);
  }
}

}  // namespace

OptionTable<ExtraPermission> extra_permission_options() {
  return {
      option(&ExtraPermission::reason,
             OptionSpec::string("reason", "Why the function needs this access (shown in findings).")
                 .is_required()),
      option(&ExtraPermission::actions,
             OptionSpec::strings("actions", "IAM actions, e.g. secretsmanager:GetSecretValue.")
                 .is_required()),
      option(&ExtraPermission::resources,
             OptionSpec::strings("resources", "ARNs the actions apply to.").is_required()),
      option(&ExtraPermission::sid, OptionSpec::string("sid", "Statement id in the policy.")
                                        .or_default_note("Extra1, Extra2, ...")),
  };
}

std::vector<PolicyStatement> extra_permission_statements(
    const std::vector<ExtraPermission>& permissions, Diagnostics& diagnostics) {
  std::vector<PolicyStatement> statements;
  for (std::size_t i = 0; i < permissions.size(); ++i) {
    const ExtraPermission& permission = permissions[i];
    check_items(permission.actions.value, valid_action, "an IAM action (service:Action)",
                "Write the service prefix and the action, e.g. s3:GetObject.", diagnostics);
    check_items(permission.resources, valid_resource, "an ARN (arn:...) or \"*\"",
                "Write the resource's full ARN, e.g. arn:aws:s3:::my-bucket/*.", diagnostics);
    PolicyStatement statement;
    statement.sid = permission.sid.value_or("Extra" + std::to_string(i + 1));
    for (const auto& action : permission.actions.value) statement.actions.push_back(action.value);
    for (const auto& resource : permission.resources) statement.resources.push_back(resource.value);
    statement.declared_at = permission.actions.at;
    statements.push_back(std::move(statement));
  }
  return statements;
}

}  // namespace pipectl::modules
