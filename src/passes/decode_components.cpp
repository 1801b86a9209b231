#include "pipectl/passes/decode_components.h"


#include "pipectl/suggest.h"
#include "pipectl/text.h"
#include "pipectl/tags.h"

namespace pipectl {
namespace {

/// [a-z]([a-z0-9-]{0,62}[a-z0-9])? without "--".
bool valid_component_name(const std::string& name) {
  auto name_char = [](char c) { return is_ascii_lower_or_digit(c) || c == '-'; };
  return name.size() <= 64 && consists_of(name, name_char) && name.front() >= 'a' &&
         name.front() <= 'z' && name.back() != '-' && name.find("--") == std::string::npos;
}

/// Components whose kind another file (a base the spec extends) gave them.
std::vector<std::string> inherited_components(const SpecNode& components, const std::string& file) {
  std::vector<std::string> names;
  for (const SpecEntry& entry : components.entries) {
    const SpecNode* kind = entry.value.is_map() ? entry.value.find("kind") : nullptr;
    if (kind != nullptr && !kind->is_null() && kind->range.file != file) names.push_back(entry.key);
  }
  return names;
}

/// A component without a kind is new; in a file that extends a base it is most often a misspelt
/// name of a base component, so that is suggested first.
void report_missing_kind(const SpecEntry& entry, const SpecNode& components,
                         const ModuleRegistry& registry, Diagnostics& diagnostics) {
  std::string kinds = quoted_list(registry.kind_names(), "or");
  // `knd: s3`: the kind is there, misspelt; say so where it is written.
  for (const SpecEntry& option : entry.value.entries) {
    if (!nearest(option.key, {"kind"})) continue;
    diagnostics.add(make_diagnostic(DiagCode::UnknownKey, option.key_range,
                                    "Unknown key \"" + option.key + "\" in component \"" +
                                        entry.key + "\", which has no kind")
                        .with_detail("Every component names its kind with `kind:`, one of " +
                                     kinds + ".")
                        .with_suggestion("kind"));
    return;
  }
  auto inherited = inherited_components(components, entry.key_range.file);
  if (auto guess = nearest(entry.key, inherited)) {
    diagnostics.add(
        make_diagnostic(DiagCode::MissingRequired, entry.key_range,
                        "Component \"" + entry.key + "\" has no kind, and no base file defines it")
            .with_detail("To change the base's \"" + *guess + "\", use its name; to add a new "
                         "component, add `kind:` with one of " + kinds + ".")
            .with_suggestion(*guess));
    return;
  }
  diagnostics.error(DiagCode::MissingRequired, entry.key_range,
                    "Component \"" + entry.key + "\" has no kind", "Add `kind:` with one of " + kinds + ".");
}

const ModuleKind* find_kind(const SpecEntry& entry, const SpecNode& components,
                            const ModuleRegistry& registry, Diagnostics& diagnostics) {
  const SpecNode* kind = entry.value.find("kind");
  if (kind == nullptr || kind->is_null()) {
    report_missing_kind(entry, components, registry, diagnostics);
    return nullptr;
  }
  if (!kind->is_scalar()) {
    diagnostics.error(DiagCode::WrongType, kind->range,
                      "\"kind\" must be a kind name, not " + kind->describe_type(),
                      "Kinds: " + quoted_list(registry.kind_names(), "or") + ".");
    return nullptr;
  }
  if (const ModuleKind* found = registry.find(kind->text)) return found;
  auto diagnostic = make_diagnostic(DiagCode::UnknownKind, kind->range,
                                    "Unknown kind \"" + kind->text + "\" for component \"" +
                                        entry.key + "\"");
  diagnostic.detail = "pipectl knows the kinds " + quoted_list(registry.kind_names()) + ".";
  if (auto guess = nearest(kind->text, registry.kind_names())) diagnostic.suggestion = *guess;
  diagnostics.add(std::move(diagnostic));
  return nullptr;
}

/// Default tags and the component's own together must stay within AWS's limit per resource.
void check_tag_count(const Component& component, const OptionValues& options,
                     const EnvironmentSettings& settings, Diagnostics& diagnostics) {
  std::map<std::string, std::string> all = settings.tags;
  all.insert(component.tags.begin(), component.tags.end());
  if (all.size() <= kMaxTagsPerResource) return;
  diagnostics.error(DiagCode::LimitExceeded, options.key_range("tags"),
                    "Component \"" + component.name + "\" would carry " +
                        std::to_string(all.size()) + " tags, more than AWS's limit of 50",
                    "The count includes the environment's default tags.");
}

/// Names whose files would clash with the files pipectl generates next to the components'.
bool reserved_component_name(const std::string& name) {
  return name == "terraform" || name == "outputs";
}

std::optional<Component> decode_component(const SpecEntry& entry, const SpecNode& components,
                                          const ModuleRegistry& registry,
                                          const EnvironmentSettings& settings,
                                          Diagnostics& diagnostics) {
  if (!valid_component_name(entry.key)) {
    diagnostics.error(DiagCode::InvalidComponentName, entry.key_range,
                      "Invalid component name \"" + entry.key + "\"",
                      "Component names are 1–64 lowercase letters, digits and single hyphens, "
                      "starting with a letter and not ending with a hyphen (e.g. raw-delivery). "
                      "They become part of AWS names and Terraform addresses.");
    return std::nullopt;  // its AWS names and addresses would only cause follow-on errors
  }
  if (reserved_component_name(entry.key)) {
    diagnostics.error(DiagCode::InvalidComponentName, entry.key_range,
                      "Component name \"" + entry.key + "\" is reserved",
                      "pipectl writes " + entry.key + ".tf.json itself; choose another name.");
    return std::nullopt;
  }
  if (!entry.value.is_map()) {
    diagnostics.error(DiagCode::WrongType, entry.value.range,
                      "Component \"" + entry.key + "\" must be a mapping, not " +
                          entry.value.describe_type(),
                      "Give at least its kind, e.g.\n  " + entry.key + ":\n    kind: s3");
    return std::nullopt;
  }
  const ModuleKind* kind = find_kind(entry, components, registry, diagnostics);
  if (kind == nullptr) return std::nullopt;

  Component component;
  component.name = entry.key;
  component.kind = kind;
  component.declared_at = entry.key_range;
  DecodeScope scope{std::string(kind->name()) + " component \"" + entry.key + "\"", "",
                    entry.key_range};
  // The validated options live only while the kind decodes them into its typed config; later
  // passes read the config (whose values carry their location), never the raw options.
  const OptionValues options = decode_options(entry.value, registry.component_schema(*kind),
                                              scope, component.references, diagnostics);
  if (options.has("name")) component.pinned_name = options.located_string("name");
  component.tags = options.string_map("tags");
  check_tags(options, "tags", diagnostics);
  check_tag_count(component, options, settings, diagnostics);
  component.config = kind->decode(component, options, diagnostics);
  return component;
}

}  // namespace

std::vector<Component> decode_components(const LoadedSpec& spec, const ModuleRegistry& registry,
                                         Diagnostics& diagnostics) {
  std::vector<Component> components;
  const SpecNode* list = spec.root.find("components");
  if (list == nullptr || list->is_null()) return components;  // reported by load_spec
  if (!list->is_map()) {
    diagnostics.error(DiagCode::WrongType, list->range,
                      "\"components\" must be a mapping of names to components, not " +
                          list->describe_type(),
                      "Write each component as `name:` followed by its indented options.");
    return components;
  }
  for (const SpecEntry& entry : list->entries) {
    std::size_t errors_before = diagnostics.error_count();
    if (auto component = decode_component(entry, *list, registry, spec.settings, diagnostics)) {
      component->has_errors = diagnostics.error_count() > errors_before;
      components.push_back(std::move(*component));
    }
  }
  return components;
}

}  // namespace pipectl
