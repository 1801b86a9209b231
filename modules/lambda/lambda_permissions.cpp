#include "lambda_permissions.h"

#include <regex>

#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

bool valid_action(const std::string& action) {
  static const std::regex form(R"(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)");
  return std::regex_match(action, form);
}

bool valid_resource(const std::string& resource) {
  return resource == "*" || resource.rfind("arn:", 0) == 0;
}

void check_items(const OptionValues& item, const std::string& key, bool (*valid)(const std::string&),
                 const std::string& expected, const std::string& example,
                 Diagnostics& diagnostics) {
  auto values = item.strings(key);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (valid(values[i])) continue;
    diagnostics.error(DiagCode::InvalidValue, item.item_range(key, i),
                      "\"" + values[i] + "\" is not " + expected, example);
  }
}

}  // namespace

std::vector<PolicyStatement> decode_extra_permissions(const OptionValues& options,
                                                      Diagnostics& diagnostics) {
  std::vector<PolicyStatement> statements;
  const auto& items = options.objects("extra_permissions");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const OptionValues& item = items[i];
    check_items(item, "actions", valid_action, "an IAM action (service:Action)",
                "Write the service prefix and the action, e.g. s3:GetObject.", diagnostics);
    check_items(item, "resources", valid_resource, "an ARN (arn:...) or \"*\"",
                "Write the resource's full ARN, e.g. arn:aws:s3:::my-bucket/*.", diagnostics);
    PolicyStatement statement;
    statement.sid = item.has("sid") ? item.string("sid") : "Extra" + std::to_string(i + 1);
    statement.actions = item.strings("actions");
    for (const std::string& resource : item.strings("resources")) {
      statement.resources.push_back(resource);
    }
    statement.declared_at = item.range("actions");
    statements.push_back(std::move(statement));
  }
  return statements;
}

}  // namespace pipectl::modules
