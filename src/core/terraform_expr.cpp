#include "pipectl/terraform_expr.h"

#include "pipectl/naming.h"

namespace pipectl::tf {

std::string ref(std::string_view type, std::string_view name, std::string_view attribute) {
  return "${" + std::string(type) + "." + std::string(name) + "." + std::string(attribute) + "}";
}

std::string data_ref(std::string_view type, std::string_view name, std::string_view attribute) {
  return "${data." + std::string(type) + "." + std::string(name) + "." + std::string(attribute) +
         "}";
}

std::string address(std::string_view type, std::string_view name) {
  return std::string(type) + "." + std::string(name);
}

std::string literal(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool opens_template = (c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{';
    if (opens_template) result += c;  // "$${" is a literal "${", "%%{" a literal "%{"
    result += c;
  }
  return result;
}

std::string aws_name(std::string_view name) {
  std::string result;
  for (auto at = name.find(kAccountToken); at != std::string_view::npos;
       at = name.find(kAccountToken)) {
    result += literal(name.substr(0, at)) + account_id();
    name.remove_prefix(at + kAccountToken.size());
  }
  return result + literal(name);
}

nlohmann::json literal_map(const std::map<std::string, std::string>& map) {
  nlohmann::json result = nlohmann::json::object();
  for (const auto& [key, value] : map) result[literal(key)] = literal(value);
  return result;
}

std::string partition() { return data_ref("aws_partition", "current", "partition"); }

std::string account_id() { return data_ref("aws_caller_identity", "current", "account_id"); }

std::string identifier(std::string_view component_name) {
  std::string result(component_name);
  for (char& c : result) {
    if (c == '-') c = '_';
  }
  return result;
}

}  // namespace pipectl::tf
