#pragma once
/// Option schemas: the table of keys a place in the spec accepts. One table drives decoding,
/// type and range checks, "did you mean" suggestions and the reference documentation.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pipectl/iam.h"

namespace pipectl {

enum class OptionType {
  String,         ///< any scalar, taken as text
  Integer,        ///< a whole number, optionally with min/max or a set of allowed values
  Boolean,        ///< true or false
  Enum,           ///< one of `choices`
  StringList,     ///< a list of scalars
  StringMap,      ///< a mapping of names to scalars (tags)
  Reference,      ///< the name of another component of one of `ref_kinds`
  ReferenceList,  ///< a list of such names
  Object,         ///< a nested mapping with its own schema (`fields`)
  ObjectList,     ///< a list of such mappings
  ValueMap,       ///< a mapping of names to scalars or `{ref: component.attribute}`
  Custom,         ///< decoded by the caller (e.g. `components`); only its key is checked here
};

/// The name of a type as the documentation and error messages say it ("a whole number").
std::string describe_option_type(OptionType type);

using OptionDefault = std::variant<std::monostate, std::int64_t, bool, std::string>;

struct OptionSchema;

/// One key: its type, constraints, default and documentation.
struct OptionSpec {
  std::string name;
  OptionType type = OptionType::String;
  std::string doc;
  bool required = false;
  OptionDefault default_value;
  /// How the default reads in documentation when it is not a constant ("the naming rule").
  std::string default_note;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::vector<std::int64_t> allowed_numbers;
  std::vector<std::string> choices;
  std::vector<std::string> ref_kinds;
  std::shared_ptr<const OptionSchema> fields;
  std::string unit;
  /// For a component reference: the access the referring component's role gets to the target.
  /// derive_iam grants it for every connection made through this option.
  std::optional<Access> grants_access;
  /// Narrows that access: a constant ("$LATEST") ...
  std::string access_scope;
  /// ... or the value of a sibling option (a Glue crawler's `prefix` narrows its `bucket`).
  std::string access_scope_option;
  /// Whether the resources a reference here feeds are those other components can refer to (the
  /// exported attributes); see outside_exports().
  bool feeds_exports = true;

  // Builders, so a module's table reads as a specification.
  static OptionSpec string(std::string name, std::string doc);
  static OptionSpec integer(std::string name, std::string doc);
  static OptionSpec boolean(std::string name, std::string doc);
  static OptionSpec one_of(std::string name, std::vector<std::string> choices, std::string doc);
  /// An enum whose choices an OptionTable binding names, each with the value it means.
  static OptionSpec choice(std::string name, std::string doc);
  static OptionSpec strings(std::string name, std::string doc);
  static OptionSpec string_map(std::string name, std::string doc);
  static OptionSpec reference(std::string name, std::vector<std::string> kinds, std::string doc);
  static OptionSpec references(std::string name, std::vector<std::string> kinds, std::string doc);
  static OptionSpec object(std::string name, OptionSchema fields, std::string doc);
  static OptionSpec objects(std::string name, OptionSchema fields, std::string doc);
  static OptionSpec value_map(std::string name, std::string doc);
  static OptionSpec custom(std::string name, std::string type_description, std::string doc);

  OptionSpec&& is_required() &&;
  OptionSpec&& between(std::int64_t low, std::int64_t high) &&;
  OptionSpec&& at_least(std::int64_t low) &&;
  OptionSpec&& allowed(std::vector<std::int64_t> numbers) &&;
  OptionSpec&& or_default(std::int64_t value) &&;
  OptionSpec&& or_default(bool value) &&;
  OptionSpec&& or_default(const char* value) &&;
  OptionSpec&& or_default_note(std::string note) &&;
  OptionSpec&& in_unit(std::string unit_name) &&;
  /// The referring component may `access` what this option names (see grants_access).
  OptionSpec&& grants(Access access, std::string scope = {}) &&;
  /// As grants(), narrowed to the value of the sibling option `scope_option`.
  OptionSpec&& grants_scoped_by(Access access, std::string scope_option) &&;
  /// The reference feeds only resources that stand apart from the exported ones. A schedule's
  /// `target`: the rule stands alone and only its separate target and permission resources use
  /// the function, so a reference back to the rule from the function is no Terraform cycle.
  OptionSpec&& outside_exports() &&;
};

/// The keys accepted at one place of the spec, in documentation order.
struct OptionSchema {
  std::vector<OptionSpec> options;

  OptionSchema() = default;
  OptionSchema(std::initializer_list<OptionSpec> list) : options(list) {}

  const OptionSpec* find(const std::string& name) const;
  std::vector<std::string> names() const;
};

/// The default of an option as the documentation shows it, or "" if it has none.
std::string describe_default(const OptionSpec& option);
/// The accepted values of an option as the documentation shows them ("24–8760", "gzip | zip").
std::string describe_constraint(const OptionSpec& option);

}  // namespace pipectl
