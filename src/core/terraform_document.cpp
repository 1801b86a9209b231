#include "pipectl/terraform_document.h"

#include <set>
#include <stdexcept>

#include "pipectl/terraform_expr.h"

namespace pipectl {
namespace {

/// Terraform's JSON syntax reads a string as a template only where an expression is expected
/// (https://developer.hashicorp.com/terraform/language/syntax/json): in resource, data, provider
/// and locals bodies and an output's value — but not in meta-arguments that name objects
/// (depends_on, lifecycle, provider), nor in terraform and variable blocks. Literal text is
/// escaped only where it would otherwise be evaluated.
enum class Position { Literal, Template };

nlohmann::json serialize_value(const nlohmann::json& value, Position position) {
  if (tf::is_encoded_expression(value)) {
    if (position == Position::Literal) {
      throw std::logic_error("an expression where Terraform takes only literal text: " +
                             tf::decode_expression(value).to_template());
    }
    return tf::decode_expression(value).to_template();
  }
  if (value.is_string() && position == Position::Template) {
    return tf::Expression(value.get<std::string>()).to_template();
  }
  if (value.is_array()) {
    nlohmann::json result = nlohmann::json::array();
    for (const auto& item : value) result.push_back(serialize_value(item, position));
    return result;
  }
  if (!value.is_object()) return value;
  nlohmann::json result = nlohmann::json::object();
  for (const auto& [key, item] : value.items()) {
    // A map's keys are templates too; a block's attribute names never contain "${" or "%{".
    std::string name = position == Position::Template ? tf::Expression(key).to_template() : key;
    result[name] = serialize_value(item, position);
  }
  return result;
}

/// One body (of a resource, data source, output, provider, ...): each attribute in the position
/// `literal_keys` assigns it.
nlohmann::json serialize_body(const nlohmann::json& body, const std::set<std::string>& literal_keys,
                              Position others) {
  nlohmann::json result = nlohmann::json::object();
  for (const auto& [key, value] : body.items()) {
    result[key] = serialize_value(value, literal_keys.count(key) ? Position::Literal : others);
  }
  return result;
}

/// `block.<label>...` with `depth` labels above each body (resource: type and name; output: name).
nlohmann::json serialize_labelled(const nlohmann::json& block, int depth,
                                  const std::set<std::string>& literal_keys, Position others) {
  if (depth == 0) {
    if (block.is_array()) {  // a provider given several configurations
      nlohmann::json result = nlohmann::json::array();
      for (const auto& body : block) result.push_back(serialize_body(body, literal_keys, others));
      return result;
    }
    return serialize_body(block, literal_keys, others);
  }
  nlohmann::json result = nlohmann::json::object();
  for (const auto& [label, inner] : block.items()) {
    result[label] = serialize_labelled(inner, depth - 1, literal_keys, others);
  }
  return result;
}

nlohmann::json serialize_block(const std::string& block_type, const nlohmann::json& block) {
  static const std::set<std::string> kMetaArguments = {"//", "depends_on", "lifecycle", "provider"};
  if (block_type == "resource" || block_type == "data") {
    return serialize_labelled(block, 2, kMetaArguments, Position::Template);
  }
  if (block_type == "provider") return serialize_labelled(block, 1, {"//", "alias"}, Position::Template);
  if (block_type == "output") {
    return serialize_labelled(block, 1, {"//", "description", "depends_on", "sensitive"},
                              Position::Template);
  }
  if (block_type == "locals") return serialize_value(block, Position::Template);
  if (block_type == "terraform" || block_type == "variable" || block_type == "//") {
    return serialize_value(block, Position::Literal);
  }
  throw std::logic_error("no serialization rule for the Terraform block type " + block_type);
}

}  // namespace

nlohmann::json& TerraformDocument::file(const std::string& file) {
  if (finished_.count(file)) throw std::logic_error(file + " was added to after it was finished");
  auto& root = files_[file];
  if (root.is_null()) root = nlohmann::json::object();
  return root;
}

nlohmann::json& TerraformDocument::resource(const std::string& file, const std::string& type,
                                            const std::string& name) {
  auto& root = this->file(file);
  if (!resource_addresses_.insert(type + "." + name).second) {
    throw std::logic_error("resource " + type + "." + name + " rendered twice");
  }
  auto& slot = root["resource"][type][name];
  slot = nlohmann::json::object();
  return slot;
}

nlohmann::json& TerraformDocument::data(const std::string& file, const std::string& type,
                                        const std::string& name) {
  auto& slot = this->file(file)["data"][type][name];
  if (slot.is_null()) slot = nlohmann::json::object();
  return slot;
}

void TerraformDocument::output(const std::string& name, const tf::Expression& value,
                               const std::string& description) {
  file(kOutputsFile)["output"][name] = {{"value", value}, {"description", description}};
}

void TerraformDocument::finish(const std::string& file) {
  auto root = files_.find(file);
  if (root == files_.end()) return;
  if (!comment_.empty()) root->second["//"] = comment_;
  nlohmann::json serialized = nlohmann::json::object();
  for (const auto& [block_type, block] : root->second.items()) {
    serialized[block_type] = serialize_block(block_type, block);
  }
  finished_[file] = to_canonical_json(serialized);
  files_.erase(root);
}

std::map<std::string, std::string> TerraformDocument::serialize() {
  while (!files_.empty()) finish(files_.begin()->first);
  return std::move(finished_);
}

std::string to_canonical_json(const nlohmann::json& value) {
  // nlohmann::json keeps object keys in a std::map, so dump() is already key-sorted. Invalid UTF-8
  // cannot reach here: the YAML reader rejects it.
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

}  // namespace pipectl
