#include "pipectl/option_schema.h"

#include "pipectl/text.h"

namespace pipectl {
namespace {

OptionSpec make(std::string name, OptionType type, std::string doc) {
  OptionSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.doc = std::move(doc);
  return spec;
}

}  // namespace

std::string describe_option_type(OptionType type) {
  switch (type) {
    case OptionType::String:
      return "a string";
    case OptionType::Integer:
      return "a whole number";
    case OptionType::Boolean:
      return "true or false";
    case OptionType::Enum:
      return "one of the listed values";
    case OptionType::StringList:
      return "a list of strings";
    case OptionType::StringMap:
      return "a mapping of names to strings";
    case OptionType::Reference:
      return "a component name";
    case OptionType::ReferenceList:
      return "a list of component names";
    case OptionType::Object:
      return "a mapping";
    case OptionType::ObjectList:
      return "a list of mappings";
    case OptionType::ValueMap:
      return "a mapping of names to values or {ref: component.attribute}";
    case OptionType::Custom:
      return "a value described below";
  }
  return "a value";
}

OptionSpec OptionSpec::string(std::string name, std::string doc) {
  return make(std::move(name), OptionType::String, std::move(doc));
}
OptionSpec OptionSpec::integer(std::string name, std::string doc) {
  return make(std::move(name), OptionType::Integer, std::move(doc));
}
OptionSpec OptionSpec::boolean(std::string name, std::string doc) {
  return make(std::move(name), OptionType::Boolean, std::move(doc));
}
OptionSpec OptionSpec::one_of(std::string name, std::vector<std::string> choices, std::string doc) {
  OptionSpec spec = make(std::move(name), OptionType::Enum, std::move(doc));
  spec.choices = std::move(choices);
  return spec;
}
OptionSpec OptionSpec::choice(std::string name, std::string doc) {
  return make(std::move(name), OptionType::Enum, std::move(doc));
}
OptionSpec OptionSpec::strings(std::string name, std::string doc) {
  return make(std::move(name), OptionType::StringList, std::move(doc));
}
OptionSpec OptionSpec::string_map(std::string name, std::string doc) {
  return make(std::move(name), OptionType::StringMap, std::move(doc));
}
OptionSpec OptionSpec::reference(std::string name, std::vector<std::string> kinds,
                                 std::string doc) {
  OptionSpec spec = make(std::move(name), OptionType::Reference, std::move(doc));
  spec.ref_kinds = std::move(kinds);
  return spec;
}
OptionSpec OptionSpec::references(std::string name, std::vector<std::string> kinds,
                                  std::string doc) {
  OptionSpec spec = make(std::move(name), OptionType::ReferenceList, std::move(doc));
  spec.ref_kinds = std::move(kinds);
  return spec;
}
OptionSpec OptionSpec::object(std::string name, OptionSchema fields, std::string doc) {
  OptionSpec spec = make(std::move(name), OptionType::Object, std::move(doc));
  spec.fields = std::make_shared<const OptionSchema>(std::move(fields));
  return spec;
}
OptionSpec OptionSpec::objects(std::string name, OptionSchema fields, std::string doc) {
  OptionSpec spec = make(std::move(name), OptionType::ObjectList, std::move(doc));
  spec.fields = std::make_shared<const OptionSchema>(std::move(fields));
  return spec;
}
OptionSpec OptionSpec::value_map(std::string name, std::string doc) {
  return make(std::move(name), OptionType::ValueMap, std::move(doc));
}
OptionSpec OptionSpec::custom(std::string name, std::string type_description, std::string doc) {
  OptionSpec spec = make(std::move(name), OptionType::Custom, std::move(doc));
  spec.unit = std::move(type_description);
  return spec;
}

OptionSpec&& OptionSpec::is_required() && {
  required = true;
  return std::move(*this);
}
OptionSpec&& OptionSpec::between(std::int64_t low, std::int64_t high) && {
  min = low;
  max = high;
  return std::move(*this);
}
OptionSpec&& OptionSpec::at_least(std::int64_t low) && {
  min = low;
  return std::move(*this);
}
OptionSpec&& OptionSpec::allowed(std::vector<std::int64_t> numbers) && {
  allowed_numbers = std::move(numbers);
  return std::move(*this);
}
OptionSpec&& OptionSpec::or_default(std::int64_t value) && {
  default_value = value;
  return std::move(*this);
}
OptionSpec&& OptionSpec::or_default(bool value) && {
  default_value = value;
  return std::move(*this);
}
OptionSpec&& OptionSpec::or_default(const char* value) && {
  default_value = std::string(value);
  return std::move(*this);
}
OptionSpec&& OptionSpec::or_default_note(std::string note) && {
  default_note = std::move(note);
  return std::move(*this);
}
OptionSpec&& OptionSpec::in_unit(std::string unit_name) && {
  unit = std::move(unit_name);
  return std::move(*this);
}

OptionSpec&& OptionSpec::grants(Access access, std::string scope) && {
  grants_access = access;
  access_scope = std::move(scope);
  return std::move(*this);
}
OptionSpec&& OptionSpec::grants_scoped_by(Access access, std::string scope_option) && {
  grants_access = access;
  access_scope_option = std::move(scope_option);
  return std::move(*this);
}

OptionSpec&& OptionSpec::outside_exports() && {
  feeds_exports = false;
  return std::move(*this);
}

const OptionSpec* OptionSchema::find(const std::string& name) const {
  for (const OptionSpec& option : options) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

std::vector<std::string> OptionSchema::names() const {
  std::vector<std::string> result;
  for (const OptionSpec& option : options) result.push_back(option.name);
  return result;
}

std::string describe_default(const OptionSpec& option) {
  if (!option.default_note.empty()) return option.default_note;
  if (const auto* number = std::get_if<std::int64_t>(&option.default_value)) {
    return std::to_string(*number);
  }
  if (const auto* flag = std::get_if<bool>(&option.default_value)) return *flag ? "true" : "false";
  if (const auto* text = std::get_if<std::string>(&option.default_value)) {
    return text->empty() ? "\"\"" : *text;
  }
  return {};
}

std::string describe_constraint(const OptionSpec& option) {
  if (!option.choices.empty()) return join(option.choices, " | ");
  if (!option.allowed_numbers.empty()) {
    std::vector<std::string> numbers;
    for (std::int64_t n : option.allowed_numbers) numbers.push_back(std::to_string(n));
    return join(numbers, ", ");
  }
  if (!option.ref_kinds.empty()) return join(option.ref_kinds, " | ") + " component";
  std::string suffix = option.unit.empty() ? "" : " " + option.unit;
  if (option.min && option.max) {
    return std::to_string(*option.min) + "–" + std::to_string(*option.max) + suffix;
  }
  if (option.min) return "≥ " + std::to_string(*option.min) + suffix;
  return {};
}

}  // namespace pipectl
