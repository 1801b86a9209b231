#include "pipectl/option_values.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace pipectl {

// ------------------------------------------------------------------------------------------------
// Reading validated values

const OptionSpec& OptionValues::spec(const std::string& name) const {
  const OptionSpec* option = schema_ ? schema_->find(name) : nullptr;
  // Asking for an option the schema does not declare is a bug in a module, not a user error.
  if (option == nullptr) throw std::logic_error("option \"" + name + "\" is not in the schema");
  return *option;
}

const SpecNode* OptionValues::node(const std::string& name) const {
  spec(name);
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

bool OptionValues::has(const std::string& name) const {
  spec(name);
  return present_.count(name) > 0;
}

std::optional<std::int64_t> OptionValues::optional_integer(const std::string& name) const {
  if (const SpecNode* value = node(name)) return value->as_integer();
  if (const auto* fallback = std::get_if<std::int64_t>(&spec(name).default_value)) return *fallback;
  return std::nullopt;
}

std::int64_t OptionValues::integer(const std::string& name) const {
  return optional_integer(name).value_or(0);
}

bool OptionValues::boolean(const std::string& name) const {
  if (const SpecNode* value = node(name)) return value->as_boolean().value_or(false);
  if (const auto* fallback = std::get_if<bool>(&spec(name).default_value)) return *fallback;
  return false;
}

std::optional<std::string> OptionValues::optional_string(const std::string& name) const {
  if (const SpecNode* value = node(name)) return value->text;
  if (const auto* fallback = std::get_if<std::string>(&spec(name).default_value)) return *fallback;
  return std::nullopt;
}

std::string OptionValues::string(const std::string& name) const {
  return optional_string(name).value_or("");
}

std::vector<std::string> OptionValues::strings(const std::string& name) const {
  std::vector<std::string> result;
  if (const SpecNode* value = node(name)) {
    for (const SpecNode& item : value->items) result.push_back(item.text);
  }
  return result;
}

std::map<std::string, std::string> OptionValues::string_map(const std::string& name) const {
  std::map<std::string, std::string> result;
  if (const SpecNode* value = node(name)) {
    for (const SpecEntry& entry : value->entries) result[entry.key] = entry.value.text;
  }
  return result;
}

const OptionValues& OptionValues::object(const std::string& name) const {
  spec(name);
  auto it = objects_.find(name);
  if (it == objects_.end()) throw std::logic_error("object option \"" + name + "\" not decoded");
  return it->second;
}

const std::vector<OptionValues>& OptionValues::objects(const std::string& name) const {
  static const std::vector<OptionValues> kEmpty;
  spec(name);
  auto it = object_lists_.find(name);
  return it == object_lists_.end() ? kEmpty : it->second;
}

const std::vector<MapValue>& OptionValues::value_map(const std::string& name) const {
  static const std::vector<MapValue> kEmpty;
  spec(name);
  auto it = value_maps_.find(name);
  return it == value_maps_.end() ? kEmpty : it->second;
}

SourceRange OptionValues::range(const std::string& name) const {
  if (const SpecNode* value = node(name)) return value->range;
  if (auto it = objects_.find(name); it != objects_.end() && has(name)) return it->second.owner_;
  return key_range(name);
}

Located<std::int64_t> OptionValues::located_integer(const std::string& name) const {
  return {integer(name), range(name)};
}
Located<bool> OptionValues::located_boolean(const std::string& name) const {
  return {boolean(name), range(name)};
}
Located<std::string> OptionValues::located_string(const std::string& name) const {
  return {string(name), range(name)};
}

SourceRange OptionValues::key_range(const std::string& name) const {
  spec(name);
  auto it = key_ranges_.find(name);
  return it == key_ranges_.end() ? owner_ : it->second;
}

SourceRange OptionValues::item_range(const std::string& name, std::size_t index) const {
  const SpecNode* value = node(name);
  if (value == nullptr || index >= value->items.size()) return range(name);
  return value->items[index].range;
}

}  // namespace pipectl
