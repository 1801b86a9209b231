#include "pipectl/terraform_document.h"

#include <stdexcept>

namespace pipectl {

nlohmann::json& TerraformDocument::file(const std::string& file) {
  auto& root = files_[file];
  if (root.is_null()) root = nlohmann::json::object();
  return root;
}

nlohmann::json& TerraformDocument::resource(const std::string& file, const std::string& type,
                                            const std::string& name) {
  if (!resource_addresses_.insert(type + "." + name).second) {
    throw std::logic_error("resource " + type + "." + name + " rendered twice");
  }
  auto& slot = this->file(file)["resource"][type][name];
  slot = nlohmann::json::object();
  return slot;
}

nlohmann::json& TerraformDocument::data(const std::string& file, const std::string& type,
                                        const std::string& name) {
  auto& slot = this->file(file)["data"][type][name];
  if (slot.is_null()) slot = nlohmann::json::object();
  return slot;
}

void TerraformDocument::output(const std::string& name, const std::string& value,
                               const std::string& description) {
  file(kOutputsFile)["output"][name] = {{"value", value}, {"description", description}};
}

std::map<std::string, std::string> TerraformDocument::serialize() const {
  std::map<std::string, std::string> result;
  for (const auto& [name, root] : files_) result[name] = to_canonical_json(root);
  return result;
}

std::string to_canonical_json(const nlohmann::json& value) {
  // nlohmann::json keeps object keys in a std::map, so dump() is already key-sorted. Invalid UTF-8
  // cannot reach here: the YAML reader rejects it.
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

}  // namespace pipectl
