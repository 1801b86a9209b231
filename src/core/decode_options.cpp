// Decoding a mapping of options against its schema: unknown keys with the nearest valid one,
// types, ranges, choices, required keys, and every reference to another component.
#include "pipectl/option_values.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace pipectl {

class OptionDecoder {
 public:
  OptionDecoder(const DecodeScope& scope, std::vector<ReferenceUse>& references,
                Diagnostics& diagnostics)
      : scope_(scope), references_(references), diagnostics_(diagnostics) {}

  OptionValues decode(const SpecNode& node, const OptionSchema& schema) {
    // Absent options are reported at the key that owns this mapping (the component's name).
    OptionValues values(&schema, scope_.owner_key.value_or(node.range));
    if (!node.is_map() && !node.is_null()) {
      diagnostics_.error(DiagCode::WrongType, node.range,
                         "Expected a mapping of options in " + scope_.where + ", not " +
                             node.describe_type(),
                         "Write the options as `key: value` lines indented under this key.");
      node_is_unusable_ = true;
    }
    std::set<std::string> seen;
    for (const SpecEntry& entry : node.entries) {
      if (!seen.insert(entry.key).second) continue;  // reported by report_duplicate_keys
      const OptionSpec* option = schema.find(entry.key);
      if (option == nullptr) {
        report_unknown_key(entry, schema);
        continue;
      }
      values.key_ranges_[entry.key] = entry.key_range;
      if (entry.value.is_null()) continue;  // null means "use the default"
      decode_value(*option, entry, values);
    }
    fill_absent_objects(schema, values);
    report_missing(schema, values, node);
    for (const auto& [index, option] : scoped_by_sibling_) {
      references_[index].access_scope = values.string(option);
    }
    return values;
  }

 private:
  void report_unknown_key(const SpecEntry& entry, const OptionSchema& schema) {
    auto names = schema.names();
    auto diagnostic = make_diagnostic(DiagCode::UnknownKey, entry.key_range,
                                      "Unknown key \"" + entry.key + "\" in " + scope_.where);
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    diagnostic.detail = "Valid keys here: " + quoted_list(sorted) + ".";
    // `interval_seconds:` beside `buffering:` instead of under it: say where it belongs.
    auto owners = nested_owners(entry.key, schema, "");
    if (!owners.empty()) {
      std::vector<std::string> under;
      for (const std::string& owner : owners) under.push_back("`" + owner + ":`");
      diagnostic.detail = "\"" + entry.key + "\" is an option of " + quoted_list(owners, "or") +
                          ": indent it under " + word_list(under, "or") + ". " + diagnostic.detail;
      diagnostic.suggestion = owners.front() + "." + entry.key;
    } else if (auto guess = nearest(entry.key, names)) {
      diagnostic.suggestion = *guess;
    }
    diagnostics_.add(std::move(diagnostic));
  }

  /// The nested options (as paths: "buffering", "transform") whose own keys include `key`.
  static std::vector<std::string> nested_owners(const std::string& key, const OptionSchema& schema,
                                                const std::string& prefix) {
    std::vector<std::string> owners;
    for (const OptionSpec& option : schema.options) {
      if (!option.fields) continue;
      std::string path = prefix + option.name;
      if (option.fields->find(key) != nullptr) owners.push_back(path);
      auto deeper = nested_owners(key, *option.fields, path + ".");
      owners.insert(owners.end(), deeper.begin(), deeper.end());
    }
    return owners;
  }

  void report_missing(const OptionSchema& schema, const OptionValues& values, const SpecNode& node) {
    if (node_is_unusable_) return;
    for (const OptionSpec& option : schema.options) {
      if (!option.required || values.has(option.name)) continue;
      const SpecNode* written = node.find(option.name);
      if (written != nullptr && !written->is_null()) continue;  // invalid value, reported already
      SourceRange at = written != nullptr ? values.key_ranges_.at(option.name)
                                          : scope_.owner_key.value_or(node.range);
      std::string summary = written != nullptr
                                ? "Required key \"" + option.name + "\" has no value in " + scope_.where
                                : "Missing required key \"" + option.name + "\" in " + scope_.where;
      diagnostics_.error(DiagCode::MissingRequired, at, summary,
                         "Add `" + option.name + ":` (" + describe_option_type(option.type) +
                             "): " + option.doc);
    }
  }

  void fill_absent_objects(const OptionSchema& schema, OptionValues& values) {
    for (const OptionSpec& option : schema.options) {
      if (option.type != OptionType::Object || values.objects_.count(option.name)) continue;
      SpecNode empty;
      empty.range = values.owner_;
      DecodeScope nested{nested_where(option), scope_.option_path + option.name + ".", {}};
      OptionDecoder decoder(nested, references_, diagnostics_);
      decoder.node_is_unusable_ = true;  // absent: its required keys are not demanded
      values.objects_[option.name] = decoder.decode(empty, *option.fields);
    }
  }

  std::string nested_where(const OptionSpec& option) const {
    return "\"" + scope_.option_path + option.name + "\" of " + scope_.where;
  }

  std::string what(const OptionSpec& option) const {
    return "\"" + scope_.option_path + option.name + "\"";
  }

  void wrong_type(const OptionSpec& option, const SpecNode& value, const std::string& expected) {
    diagnostics_.error(DiagCode::WrongType, value.range,
                       what(option) + " must be " + expected + ", not " + value.describe_type(),
                       option.name + ": " + option.doc);
  }

  void decode_value(const OptionSpec& option, const SpecEntry& entry, OptionValues& values) {
    const SpecNode& value = entry.value;
    bool ok = false;
    switch (option.type) {
      case OptionType::String:
        ok = expect_scalar(option, value);
        break;
      case OptionType::Integer:
        ok = check_integer(option, value);
        break;
      case OptionType::Boolean:
        ok = value.as_boolean().has_value();
        if (!ok) wrong_type(option, value, "true or false");
        break;
      case OptionType::Enum:
        ok = check_choice(option, value);
        break;
      case OptionType::StringList:
        ok = check_list(option, value, false);
        break;
      case OptionType::ReferenceList:
        ok = check_list(option, value, true);
        break;
      case OptionType::StringMap:
        ok = check_string_map(option, value);
        break;
      case OptionType::Reference:
        ok = expect_scalar(option, value);
        if (ok) add_reference(option, value, value.text, "");
        break;
      case OptionType::Object: {
        DecodeScope nested{nested_where(option), scope_.option_path + option.name + ".",
                           entry.key_range};
        OptionDecoder decoder(nested, references_, diagnostics_);
        values.objects_[option.name] = decoder.decode(value, *option.fields);
        values.present_.insert(option.name);
        return;
      }
      case OptionType::ObjectList:
        decode_object_list(option, entry, values);
        return;
      case OptionType::ValueMap:
        decode_value_map(option, value, values);
        return;
      case OptionType::Custom:
        ok = true;
        break;
    }
    if (!ok) return;
    values.values_[option.name] = value;
    values.present_.insert(option.name);
  }

  bool expect_scalar(const OptionSpec& option, const SpecNode& value) {
    if (value.is_scalar()) return true;
    wrong_type(option, value, "a single value");
    return false;
  }

  bool check_integer(const OptionSpec& option, const SpecNode& value) {
    auto number = value.as_integer();
    if (!number && value.looks_like_integer()) {
      diagnostics_.error(DiagCode::OutOfRange, value.range,
                         what(option) + " is " + value.text + ", far outside the accepted range " +
                             describe_constraint(option),
                         option.name + ": " + option.doc);
      return false;
    }
    if (!number) {
      wrong_type(option, value, "a whole number");
      return false;
    }
    if ((option.min && *number < *option.min) || (option.max && *number > *option.max)) {
      diagnostics_.error(DiagCode::OutOfRange, value.range,
                         what(option) + " is " + value.text + ", outside the accepted range " +
                             describe_constraint(option),
                         option.name + ": " + option.doc);
      return false;
    }
    if (!option.allowed_numbers.empty() &&
        std::find(option.allowed_numbers.begin(), option.allowed_numbers.end(), *number) ==
            option.allowed_numbers.end()) {
      auto distance = [&](std::int64_t a) {  // |a - number| without signed overflow
        return a > *number ? static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(*number)
                           : static_cast<std::uint64_t>(*number) - static_cast<std::uint64_t>(a);
      };
      auto closest = *std::min_element(
          option.allowed_numbers.begin(), option.allowed_numbers.end(),
          [&](std::int64_t a, std::int64_t b) { return distance(a) < distance(b); });
      diagnostics_.add(make_diagnostic(DiagCode::InvalidValue, value.range,
                                       what(option) + " cannot be " + value.text)
                           .with_detail("Accepted values: " + describe_constraint(option) + ".")
                           .with_suggestion(std::to_string(closest)));
      return false;
    }
    return true;
  }

  bool check_choice(const OptionSpec& option, const SpecNode& value) {
    if (!expect_scalar(option, value)) return false;
    if (std::find(option.choices.begin(), option.choices.end(), value.text) != option.choices.end()) {
      return true;
    }
    auto diagnostic = make_diagnostic(DiagCode::InvalidValue, value.range,
                                      what(option) + " cannot be \"" + value.text + "\"");
    diagnostic.detail = "Accepted values: " + quoted_list(option.choices, "or") + ".";
    if (auto guess = nearest(value.text, option.choices)) diagnostic.suggestion = *guess;
    diagnostics_.add(std::move(diagnostic));
    return false;
  }

  bool check_list(const OptionSpec& option, const SpecNode& value, bool references) {
    if (!value.is_sequence()) {
      wrong_type(option, value, references ? "a list of component names" : "a list of strings");
      return false;
    }
    bool ok = true;
    for (const SpecNode& item : value.items) {
      if (!item.is_scalar()) {
        diagnostics_.error(DiagCode::WrongType, item.range,
                           "Each item of " + what(option) + " must be a single value, not " +
                               item.describe_type(),
                           option.name + ": " + option.doc);
        ok = false;
      } else if (references) {
        add_reference(option, item, item.text, "");
      }
    }
    return ok;
  }

  bool check_string_map(const OptionSpec& option, const SpecNode& value) {
    if (!value.is_map()) {
      wrong_type(option, value, "a mapping of names to strings");
      return false;
    }
    bool ok = true;
    for (const SpecEntry& entry : value.entries) {
      if (!entry.value.is_scalar()) {
        diagnostics_.error(DiagCode::WrongType, entry.value.range,
                           what(option) + " entry \"" + entry.key + "\" must be a string, not " +
                               entry.value.describe_type(),
                           "Quote the value, e.g. `" + entry.key + ": \"...\"`.");
        ok = false;
      }
    }
    return ok;
  }

  void decode_object_list(const OptionSpec& option, const SpecEntry& entry, OptionValues& values) {
    const SpecNode& value = entry.value;
    if (!value.is_sequence()) {
      wrong_type(option, value, "a list of mappings");
      return;
    }
    std::vector<OptionValues> items;
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      const SpecNode& item = value.items[i];
      std::string path = scope_.option_path + option.name + "[" + std::to_string(i) + "]";
      DecodeScope nested{"\"" + path + "\" of " + scope_.where, path + ".", item.range};
      OptionDecoder decoder(nested, references_, diagnostics_);
      items.push_back(decoder.decode(item, *option.fields));
    }
    values.object_lists_[option.name] = std::move(items);
    values.present_.insert(option.name);
  }

  void decode_value_map(const OptionSpec& option, const SpecNode& value, OptionValues& values) {
    if (!value.is_map()) {
      wrong_type(option, value, "a mapping of names to values");
      return;
    }
    std::vector<MapValue> result;
    for (const SpecEntry& entry : value.entries) {
      MapValue item{entry.key, entry.key_range, entry.value.range, {}, std::nullopt};
      if (entry.value.is_scalar()) {
        item.literal = entry.value.text;
      } else if (auto reference = decode_ref(option, entry)) {
        item.reference = std::move(reference);
      } else {
        continue;
      }
      result.push_back(std::move(item));
    }
    values.value_maps_[option.name] = std::move(result);
    values.present_.insert(option.name);
  }

  /// `{ref: component.attribute}`; the attribute defaults to `name`.
  std::optional<ReferenceUse> decode_ref(const OptionSpec& option, const SpecEntry& entry) {
    const SpecNode& value = entry.value;
    const SpecNode* target = value.is_map() ? value.find("ref") : nullptr;
    if (target == nullptr || value.entries.size() != 1 || !target->is_scalar()) {
      diagnostics_.error(
          DiagCode::WrongType, value.range,
          what(option) + " entry \"" + entry.key + "\" must be a string or {ref: component.attribute}, not " +
              value.describe_type(),
          "Write a literal value, or refer to another component, e.g. `" + entry.key +
              ": {ref: my-stream.name}`.");
      return std::nullopt;
    }
    std::string text = target->text;
    auto dot = text.find('.');
    std::string component = text.substr(0, dot);
    std::string attribute = dot == std::string::npos ? "name" : text.substr(dot + 1);
    if (component.empty() || attribute.empty()) {
      diagnostics_.error(DiagCode::InvalidValue, target->range,
                         "\"" + text + "\" is not a reference of the form component.attribute",
                         "Write e.g. {ref: beer-stream.name} or {ref: beer-stream.arn}; the "
                         "attribute may be left out to mean name.");
      return std::nullopt;
    }
    ReferenceUse use{scope_.option_path + option.name + "." + entry.key, component, attribute, {},
                     target->range};
    references_.push_back(use);
    return use;
  }

  void add_reference(const OptionSpec& option, const SpecNode& value, const std::string& target,
                     const std::string& attribute) {
    references_.push_back({scope_.option_path + option.name, target, attribute, option.ref_kinds,
                           value.range, option.grants_access, option.access_scope,
                           option.feeds_exports});
    if (!option.access_scope_option.empty()) {
      // The sibling may come after this key; its value is read once the mapping is decoded.
      scoped_by_sibling_.emplace_back(references_.size() - 1, option.access_scope_option);
    }
  }

  const DecodeScope& scope_;
  std::vector<ReferenceUse>& references_;
  Diagnostics& diagnostics_;
  bool node_is_unusable_ = false;
  /// References whose access scope is a sibling option's value: (index, sibling).
  std::vector<std::pair<std::size_t, std::string>> scoped_by_sibling_;
};

OptionValues decode_options(const SpecNode& node, const OptionSchema& schema,
                            const DecodeScope& scope, std::vector<ReferenceUse>& references,
                            Diagnostics& diagnostics) {
  OptionDecoder decoder(scope, references, diagnostics);
  return decoder.decode(node, schema);
}

void report_duplicate_keys(SpecNode& node, Diagnostics& diagnostics) {
  for (SpecNode& item : node.items) report_duplicate_keys(item, diagnostics);
  if (!node.is_map()) return;
  std::vector<SpecEntry> unique;
  std::map<std::string, std::size_t> first_of;  // key -> index in `unique`
  for (SpecEntry& entry : node.entries) {
    auto [it, inserted] = first_of.emplace(entry.key, unique.size());
    if (!inserted) {
      const SpecEntry& first = unique[it->second];
      diagnostics.add(make_diagnostic(DiagCode::DuplicateKey, entry.key_range,
                                      "Duplicate key \"" + entry.key + "\"")
                          .with_detail("Each key may appear once in a mapping; YAML would silently "
                                       "keep only one of them. Rename or merge the two.")
                          .with_related(first.key_range, "\"" + entry.key + "\" first defined here"));
      continue;
    }
    report_duplicate_keys(entry.value, diagnostics);
    unique.push_back(std::move(entry));
  }
  node.entries = std::move(unique);
}

}  // namespace pipectl
