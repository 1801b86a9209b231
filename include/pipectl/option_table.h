#pragma once
/// OptionTable: options declared once, each bound to the member of a typed config that receives
/// its value. The one declaration gives both the OptionSchema that decoding, checks, suggestions
/// and the reference documentation read (name, type, range, default, description, the access a
/// reference grants) and, after decoding, the typed config — so no second list of names or
/// defaults can drift from the first, and a member whose type cannot hold its option's value is
/// refused when the table is built.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipectl/located.h"
#include "pipectl/option_schema.h"
#include "pipectl/option_values.h"

namespace pipectl {

/// One option and where its value goes; `store` is empty for an option that fills no member
/// (a component reference, which build_graph turns into a connection).
template <class Config>
struct BoundOption {
  OptionSpec spec;
  std::function<void(const OptionValues&, Config&)> store;
};

/// The options of one place in the spec (a kind, a nested mapping), in documentation order.
template <class Config>
class OptionTable {
 public:
  OptionTable(std::initializer_list<BoundOption<Config>> options) : options_(options) {
    for (const BoundOption<Config>& option : options_) schema_.options.push_back(option.spec);
  }

  const OptionSchema& schema() const { return schema_; }

  /// The options of both tables, this one's first: a long table declared in groups.
  friend OptionTable operator+(OptionTable first, const OptionTable& second) {
    for (const BoundOption<Config>& option : second.options_) {
      first.options_.push_back(option);
      first.schema_.options.push_back(option.spec);
    }
    return first;
  }

  /// Every member from its validated option (its default when the option is absent).
  Config decode(const OptionValues& values) const {
    Config config{};
    for (const BoundOption<Config>& option : options_) {
      if (option.store) option.store(values, config);
    }
    return config;
  }

 private:
  std::vector<BoundOption<Config>> options_;
  OptionSchema schema_;
};

namespace option_table_detail {

/// Throws std::logic_error (a bug in a kind's table) unless `spec.type` is one of `fits`.
void require_type(const OptionSpec& spec, const std::vector<OptionType>& fits,
                  const char* member_type);
/// Throws std::logic_error unless `spec` is an enum whose choices the meanings will name.
void require_undeclared_choices(const OptionSpec& spec);

/// How a member of type T reads its option: the option types that fit it, and the read.
template <class T>
struct Member;

template <>
struct Member<std::int64_t> {
  static constexpr const char* kName = "std::int64_t";
  static std::vector<OptionType> fits() { return {OptionType::Integer}; }
  static std::int64_t read(const OptionValues& values, const std::string& name) {
    return values.integer(name);
  }
};
template <>
struct Member<bool> {
  static constexpr const char* kName = "bool";
  static std::vector<OptionType> fits() { return {OptionType::Boolean}; }
  static bool read(const OptionValues& values, const std::string& name) {
    return values.boolean(name);
  }
};
template <>
struct Member<std::string> {
  static constexpr const char* kName = "std::string";
  static std::vector<OptionType> fits() { return {OptionType::String, OptionType::Enum}; }
  static std::string read(const OptionValues& values, const std::string& name) {
    return values.string(name);
  }
};
template <>
struct Member<std::vector<std::string>> {
  static constexpr const char* kName = "std::vector<std::string>";
  static std::vector<OptionType> fits() { return {OptionType::StringList}; }
  static std::vector<std::string> read(const OptionValues& values, const std::string& name) {
    return values.strings(name);
  }
};
template <>
struct Member<std::map<std::string, std::string>> {
  static constexpr const char* kName = "std::map<std::string, std::string>";
  static std::vector<OptionType> fits() { return {OptionType::StringMap}; }
  static std::map<std::string, std::string> read(const OptionValues& values,
                                                 const std::string& name) {
    return values.string_map(name);
  }
};
template <>
struct Member<std::vector<MapValue>> {
  static constexpr const char* kName = "std::vector<MapValue>";
  static std::vector<OptionType> fits() { return {OptionType::ValueMap}; }
  static std::vector<MapValue> read(const OptionValues& values, const std::string& name) {
    return values.value_map(name);
  }
};
/// A list whose every item carries where it was written.
template <>
struct Member<std::vector<Located<std::string>>> {
  static constexpr const char* kName = "std::vector<Located<std::string>>";
  static std::vector<OptionType> fits() { return {OptionType::StringList}; }
  static std::vector<Located<std::string>> read(const OptionValues& values,
                                                const std::string& name) {
    std::vector<Located<std::string>> items;
    std::vector<std::string> texts = values.strings(name);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      items.push_back({std::move(texts[i]), values.item_range(name, i)});
    }
    return items;
  }
};
/// A value with where it was written (or the owning key, for a default).
template <class T>
struct Member<Located<T>> {
  static constexpr const char* kName = "Located<T>";
  static std::vector<OptionType> fits() { return Member<T>::fits(); }
  static Located<T> read(const OptionValues& values, const std::string& name) {
    return {Member<T>::read(values, name), values.range(name)};
  }
};
/// Present only when the spec gives the option a value (no default applies).
template <class T>
struct Member<std::optional<T>> {
  static constexpr const char* kName = "std::optional<T>";
  static std::vector<OptionType> fits() { return Member<T>::fits(); }
  static std::optional<T> read(const OptionValues& values, const std::string& name) {
    if (!values.has(name)) return std::nullopt;
    return Member<T>::read(values, name);
  }
};

}  // namespace option_table_detail

/// The option fills `member`.
template <class Config, class T>
BoundOption<Config> option(T Config::*member, OptionSpec spec) {
  using Reader = option_table_detail::Member<T>;
  option_table_detail::require_type(spec, Reader::fits(), Reader::kName);
  std::string name = spec.name;
  return {std::move(spec), [member, name](const OptionValues& values, Config& config) {
            config.*member = Reader::read(values, name);
          }};
}

/// An enum option whose choices each mean a value of the member ("on_demand" → true): the
/// choices are the meanings' names, in this order. `spec` comes from OptionSpec::choice.
template <class Config, class T>
BoundOption<Config> option(T Config::*member, OptionSpec spec,
                         std::vector<std::pair<std::string, T>> meanings) {
  option_table_detail::require_undeclared_choices(spec);
  for (const auto& meaning : meanings) spec.choices.push_back(meaning.first);
  std::string name = spec.name;
  return {std::move(spec),
          [member, name, meanings = std::move(meanings)](const OptionValues& values,
                                                         Config& config) {
            const std::string chosen = values.string(name);
            for (const auto& [choice, value] : meanings) {
              if (choice == chosen) config.*member = value;
            }
          }};
}

/// A nested mapping, decoded by its own table into a struct member: always there (its fields'
/// defaults when the mapping is absent), or present only when written (std::optional).
template <class Config, class Sub>
BoundOption<Config> option(Sub Config::*member, std::string name, OptionTable<Sub> fields,
                         std::string doc) {
  OptionSpec spec = OptionSpec::object(name, fields.schema(), std::move(doc));
  return {std::move(spec), [member, name, fields = std::move(fields)](const OptionValues& values,
                                                                      Config& config) {
            config.*member = fields.decode(values.object(name));
          }};
}
template <class Config, class Sub>
BoundOption<Config> option(std::optional<Sub> Config::*member, std::string name,
                         OptionTable<Sub> fields, std::string doc) {
  OptionSpec spec = OptionSpec::object(name, fields.schema(), std::move(doc));
  return {std::move(spec), [member, name, fields = std::move(fields)](const OptionValues& values,
                                                                      Config& config) {
            if (values.has(name)) config.*member = fields.decode(values.object(name));
          }};
}

/// A list of mappings, each decoded by the same table.
template <class Config, class Sub>
BoundOption<Config> option(std::vector<Sub> Config::*member, std::string name,
                           OptionTable<Sub> fields, std::string doc) {
  OptionSpec spec = OptionSpec::objects(name, fields.schema(), std::move(doc));
  return {std::move(spec), [member, name, fields = std::move(fields)](const OptionValues& values,
                                                                      Config& config) {
            for (const OptionValues& item : values.objects(name)) {
              (config.*member).push_back(fields.decode(item));
            }
          }};
}

/// An option that fills no member: a component reference (read through the graph's
/// connections), or one the kind's decode reads itself.
template <class Config>
BoundOption<Config> declared(OptionSpec spec) {
  return {std::move(spec), nullptr};
}

}  // namespace pipectl
