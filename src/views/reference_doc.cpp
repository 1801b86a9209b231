#include "pipectl/views/reference_doc.h"

#include <sstream>

#include "pipectl/passes/decode_settings.h"

namespace pipectl {
namespace {

std::string escape_cell(std::string text) {
  std::string result;
  for (char c : text) {
    if (c == '|') result += "\\|";
    else if (c == '\n') result += ' ';
    else result += c;
  }
  return result;
}

std::string type_name(const OptionSpec& option) {
  switch (option.type) {
    case OptionType::String:
    case OptionType::Enum:
      return "string";
    case OptionType::Integer:
      return "integer";
    case OptionType::Boolean:
      return "boolean";
    case OptionType::StringList:
      return "list of strings";
    case OptionType::StringMap:
      return "map of strings";
    case OptionType::Reference:
      return "component name";
    case OptionType::ReferenceList:
      return "list of component names";
    case OptionType::Object:
      return "mapping";
    case OptionType::ObjectList:
      return "list of mappings";
    case OptionType::ValueMap:
      return "map of values or {ref}";
    case OptionType::Custom:
      return option.unit;
  }
  return "value";
}

/// What a component reference lets the referring component's role do (docs/iam.md has the
/// exact actions), so a reader learns the permissions a spec implies from the reference alone.
std::string access_note(const OptionSpec& option) {
  if (!option.grants_access) return "";
  std::string note =
      " Grants this component's role " + access_name(*option.grants_access) + " access to it";
  if (!option.access_scope.empty()) note += " (`" + option.access_scope + "`)";
  if (!option.access_scope_option.empty()) {
    note += ", limited to `" + option.access_scope_option + "` when it is set";
  }
  return note + "; docs/iam.md lists the actions.";
}

void table(std::ostringstream& out, const OptionSchema& schema, const std::string& prefix,
           std::vector<std::pair<std::string, const OptionSpec*>>& nested) {
  out << "| key | type | default | accepted values | description |\n"
      << "|---|---|---|---|---|\n";
  for (const OptionSpec& option : schema.options) {
    std::string default_text = option.required ? "**required**" : describe_default(option);
    out << "| `" << prefix << option.name << "` | " << escape_cell(type_name(option)) << " | "
        << escape_cell(default_text.empty() ? "—" : default_text) << " | "
        << escape_cell(describe_constraint(option)) << " | "
        << escape_cell(option.doc + access_note(option)) << " |\n";
    if (option.type == OptionType::Object || option.type == OptionType::ObjectList) {
      nested.emplace_back(prefix + option.name, &option);
    }
  }
}

void options_section(std::ostringstream& out, const OptionSchema& schema) {
  std::vector<std::pair<std::string, const OptionSpec*>> nested;
  table(out, schema, "", nested);
  for (std::size_t i = 0; i < nested.size(); ++i) {
    auto [path, option] = nested[i];
    out << "\n`" << path << "` is "
        << (option->type == OptionType::ObjectList ? "a list of mappings, each" : "a mapping")
        << " with these keys:\n\n";
    table(out, *option->fields, path + ".", nested);
  }
}

}  // namespace

std::string top_level_reference() {
  std::ostringstream out;
  out << "### Top level\n\n";
  options_section(out, spec_top_level_options());
  return out.str();
}

std::string kind_reference(const ModuleKind& kind, const ModuleRegistry& registry) {
  std::ostringstream out;
  out << "### `" << kind.name() << "`\n\n" << kind.summary() << "\n\n";
  options_section(out, registry.component_schema(kind));
  out << "\nAttributes for `{ref: component.attribute}`: ";
  const auto& attributes = kind.attributes();
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    out << (i ? ", " : "") << "`" << attributes[i].name << "` (" << attributes[i].doc << ")";
  }
  const NameConstraints& name = kind.name_constraints();
  out << ".\n\nAWS name: the " << name.what << ", " << name.min_length << "–" << name.max_length
      << " characters: " << name.allowed << ".\n";
  return out.str();
}

std::string spec_reference(const ModuleRegistry& registry) {
  std::string result = top_level_reference();
  for (const auto& kind : registry.kinds()) result += "\n" + kind_reference(*kind, registry);
  return result;
}

}  // namespace pipectl
