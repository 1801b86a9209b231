#include "support/provider_schema.h"

#include <set>

#include "pipectl/terraform_expr.h"
#include "support/test_support.h"

namespace pipectl::testing {
namespace {

const char* kAws = "registry.terraform.io/hashicorp/aws";

// Arguments Terraform itself accepts on every resource or data source.
const std::set<std::string>& meta_arguments() {
  static const std::set<std::string> names = {"count",     "depends_on",  "for_each", "provider",
                                              "lifecycle", "provisioner", "connection"};
  return names;
}

/// The template a string reads as, when it evaluates anything (nullopt for literal text or a
/// template that does not parse, which the reference check reports).
std::optional<tf::Expression> evaluated(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  auto expression = tf::parse_template(value.get_ref<const std::string&>());
  if (!expression || expression->is_literal()) return std::nullopt;
  return expression;
}

/// Whether a JSON value can stand for a value of the schema's type.
bool matches_type(const nlohmann::json& value, const nlohmann::json& type) {
  if (auto expression = evaluated(value)) {
    // A lone interpolation yields whatever it refers to; text around one makes a string.
    return type == "string" || expression->parts().size() == 1;
  }
  if (type.is_string()) {
    if (type == "string") return value.is_string();
    if (type == "number") return value.is_number();
    if (type == "bool") return value.is_boolean();
    return true;  // dynamic
  }
  const std::string kind = type[0];
  if (kind == "list" || kind == "set") {
    if (!value.is_array()) return false;
    for (const auto& item : value) {
      if (!matches_type(item, type[1])) return false;
    }
    return true;
  }
  if (kind == "map") {
    if (!value.is_object()) return false;
    for (const auto& [key, item] : value.items()) {
      if (!matches_type(item, type[1])) return false;
    }
    return true;
  }
  return true;
}

class BlockChecker {
 public:
  explicit BlockChecker(std::vector<std::string>& problems) : problems_(problems) {}

  void check(const nlohmann::json& body, const nlohmann::json& block, const std::string& path,
             bool top_level) {
    const nlohmann::json& attributes = block.value("attributes", nlohmann::json::object());
    const nlohmann::json& blocks = block.value("block_types", nlohmann::json::object());
    for (const auto& [key, value] : body.items()) {
      if (top_level && meta_arguments().count(key)) continue;
      if (attributes.contains(key)) {
        check_attribute(value, attributes[key], path + "." + key);
      } else if (blocks.contains(key)) {
        check_nested(value, blocks[key], path + "." + key);
      } else {
        problems_.push_back(path + ": unknown argument or block \"" + key + "\"");
      }
    }
    for (const auto& [name, attribute] : attributes.items()) {
      if (attribute.value("required", false) && !body.contains(name)) {
        problems_.push_back(path + ": required attribute \"" + name + "\" is missing");
      }
    }
    for (const auto& [name, nested] : blocks.items()) {
      if (nested.value("min_items", 0) > 0 && !body.contains(name)) {
        problems_.push_back(path + ": required block \"" + name + "\" is missing");
      }
    }
  }

 private:
  void check_attribute(const nlohmann::json& value, const nlohmann::json& attribute,
                       const std::string& path) {
    if (attribute.value("deprecated", false)) problems_.push_back(path + ": attribute is deprecated");
    if (attribute.value("computed", false) && !attribute.value("optional", false) &&
        !attribute.value("required", false)) {
      problems_.push_back(path + ": attribute is computed and cannot be set");
    }
    if (!matches_type(value, attribute["type"])) {
      problems_.push_back(path + ": value " + value.dump() + " does not match type " +
                          attribute["type"].dump());
    }
  }

  void check_nested(const nlohmann::json& value, const nlohmann::json& nested,
                    const std::string& path) {
    if (nested["block"].value("deprecated", false)) problems_.push_back(path + ": block is deprecated");
    // Terraform JSON accepts one block as an object or any number as an array of objects.
    std::vector<nlohmann::json> instances;
    if (value.is_object()) {
      instances.push_back(value);
    } else if (value.is_array()) {
      instances.assign(value.begin(), value.end());
    } else {
      problems_.push_back(path + ": a block must be an object or an array of objects");
      return;
    }
    const std::string mode = nested.value("nesting_mode", "list");
    std::size_t count = instances.size();
    if (mode == "single" && count > 1) problems_.push_back(path + ": single block given more than once");
    if (nested.contains("max_items") && count > nested["max_items"].get<std::size_t>()) {
      problems_.push_back(path + ": more than " + nested["max_items"].dump() + " blocks");
    }
    if (nested.contains("min_items") && count < nested["min_items"].get<std::size_t>()) {
      problems_.push_back(path + ": fewer than " + nested["min_items"].dump() + " blocks");
    }
    for (std::size_t i = 0; i < instances.size(); ++i) {
      if (!instances[i].is_object()) {
        problems_.push_back(path + ": block instance is not an object");
        continue;
      }
      check(instances[i], nested["block"], path + "[" + std::to_string(i) + "]", false);
    }
  }

  std::vector<std::string>& problems_;
};

void collect_strings(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) out.push_back(value.get<std::string>());
  if (value.is_structured()) {
    for (const auto& item : value) collect_strings(item, out);
  }
}

}  // namespace

ProviderSchema::ProviderSchema(const std::vector<std::filesystem::path>& files) {
  for (const auto& file : files) {
    auto json = nlohmann::json::parse(read_text(file));
    const auto& provider = json["provider_schemas"][kAws];
    resources_.update(provider.value("resource_schemas", nlohmann::json::object()));
    data_sources_.update(provider.value("data_source_schemas", nlohmann::json::object()));
  }
}

std::vector<std::string> ProviderSchema::check(
    const std::map<std::string, nlohmann::json>& files) const {
  std::vector<std::string> problems;
  BlockChecker checker(problems);
  std::set<std::string> declared;  // "type.name" and "data.type.name"
  for (const auto& [file, root] : files) {
    const nlohmann::json resources = root.value("resource", nlohmann::json::object());
    const nlohmann::json data = root.value("data", nlohmann::json::object());
    for (const auto& [type, instances] : resources.items()) {
      for (const auto& [name, body] : instances.items()) {
        declared.insert(type + "." + name);
        if (!resources_.contains(type)) {
          problems.push_back(file + ": resource type " + type + " is not in the schema");
          continue;
        }
        checker.check(body, resources_[type]["block"], file + ": " + type + "." + name, true);
      }
    }
    for (const auto& [type, instances] : data.items()) {
      for (const auto& [name, body] : instances.items()) {
        declared.insert("data." + type + "." + name);
        if (!data_sources_.contains(type)) {
          problems.push_back(file + ": data source " + type + " is not in the schema");
          continue;
        }
        checker.check(body, data_sources_[type]["block"], file + ": data." + type + "." + name, true);
      }
    }
  }
  // Every template must parse, and every reference name a declared object and an attribute its
  // type has (not deprecated).
  for (const auto& [file, root] : files) {
    std::vector<std::string> strings;
    collect_strings(root, strings);
    for (const std::string& text : strings) {
      auto expression = tf::parse_template(text);
      if (!expression) {
        problems.push_back(file + ": a template Terraform would not read as pipectl means it: " + text);
        continue;
      }
      for (const tf::Reference& reference : expression->references()) {
        const auto* address = std::get_if<tf::Address>(&reference.subject);
        if (address == nullptr) continue;  // path.module
        if (!declared.count(address->str())) {
          problems.push_back(file + ": reference to undeclared " + address->str());
          continue;
        }
        bool data = address->mode == tf::Address::Mode::Data;
        const auto& schemas = data ? data_sources_ : resources_;
        if (!schemas.contains(address->type)) continue;  // reported above
        const auto& attributes = schemas[address->type]["block"]["attributes"];
        const std::string attribute = reference.attributes.empty() ? "" : reference.attributes[0];
        if (!attributes.contains(attribute)) {
          problems.push_back(file + ": " + address->str() + " has no attribute " + attribute);
        } else if (attributes[attribute].value("deprecated", false)) {
          problems.push_back(file + ": reference to deprecated attribute " + address->str() + "." +
                             attribute);
        }
      }
    }
  }
  return problems;
}

}  // namespace pipectl::testing
