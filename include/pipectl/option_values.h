#pragma once
/// Decoding a mapping of options against its OptionSchema, and reading the validated values.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/located.h"
#include "pipectl/option_schema.h"
#include "pipectl/spec_node.h"

namespace pipectl {

/// A use of another component's name found while decoding: an option of type Reference, an item of
/// a ReferenceList, or a `{ref: component.attribute}` value. build_graph resolves each one.
struct ReferenceUse {
  std::string option;     ///< where it was written: "source", "transform.function", "writes"
  std::string target;     ///< the component referred to
  std::string attribute;  ///< for `{ref: x.attribute}`; empty for plain component references
  std::vector<std::string> allowed_kinds;  ///< empty means any kind
  SourceRange range;
  /// What the referring component's role may do to the target (OptionSpec::grants), if anything.
  std::optional<Access> access = std::nullopt;
  std::string access_scope = {};
  /// Whether a Terraform cycle can run through it (OptionSpec::outside_exports).
  bool feeds_exports = true;
};

/// One entry of a ValueMap option: a literal, or a reference to another component's attribute.
struct MapValue {
  std::string key;
  SourceRange key_range;
  SourceRange value_range;
  std::string literal;
  std::optional<ReferenceUse> reference;
};

/// The validated options of one place in the spec. Every value it holds passed its schema's
/// checks; absent (or invalid, already reported) options read as their schema default.
class OptionValues {
 public:
  OptionValues() = default;
  OptionValues(const OptionSchema* schema, SourceRange owner) : schema_(schema), owner_(owner) {}

  bool has(const std::string& name) const;

  std::int64_t integer(const std::string& name) const;
  std::optional<std::int64_t> optional_integer(const std::string& name) const;
  bool boolean(const std::string& name) const;
  std::string string(const std::string& name) const;
  std::optional<std::string> optional_string(const std::string& name) const;
  std::vector<std::string> strings(const std::string& name) const;
  std::map<std::string, std::string> string_map(const std::string& name) const;
  const OptionValues& object(const std::string& name) const;
  /// The items of an ObjectList option (empty if absent).
  const std::vector<OptionValues>& objects(const std::string& name) const;
  const std::vector<MapValue>& value_map(const std::string& name) const;

  /// The values with where the option was written (or the owning key, for a default).
  Located<std::int64_t> located_integer(const std::string& name) const;
  Located<bool> located_boolean(const std::string& name) const;
  Located<std::string> located_string(const std::string& name) const;

  /// The validated value of a scalar, list or string-map option as written, or nullptr.
  const SpecNode* value_node(const std::string& name) const { return node(name); }

  /// Where the value of `name` was written, or the owning key's location if it is absent.
  SourceRange range(const std::string& name) const;
  /// Where the key `name` was written, or the owning key's location if it is absent.
  SourceRange key_range(const std::string& name) const;
  /// Where one item of a list option was written.
  SourceRange item_range(const std::string& name, std::size_t index) const;

 private:
  friend class OptionDecoder;
  const OptionSpec& spec(const std::string& name) const;
  const SpecNode* node(const std::string& name) const;

  const OptionSchema* schema_ = nullptr;
  SourceRange owner_;
  std::set<std::string> present_;  ///< options given a valid, non-null value
  std::map<std::string, SpecNode> values_;
  std::map<std::string, SourceRange> key_ranges_;
  std::map<std::string, OptionValues> objects_;
  std::map<std::string, std::vector<OptionValues>> object_lists_;
  std::map<std::string, std::vector<MapValue>> value_maps_;
};

/// Where decoded options live, for messages and reference paths.
struct DecodeScope {
  std::string where;        ///< e.g. `kinesis component "beer-stream"`
  std::string option_path;  ///< prefix for nested options, e.g. "transform."
  /// Where a missing required key is reported: the key that owns the mapping (the component's
  /// name, the option's key). Defaults to the mapping itself.
  std::optional<SourceRange> owner_key;
};

/// Checks `node` (a mapping, or null for "all defaults") against `schema`: unknown keys (with the
/// nearest valid key), duplicate keys, types, ranges, choices and required keys. Appends every
/// reference it meets to `references`.
OptionValues decode_options(const SpecNode& node, const OptionSchema& schema,
                            const DecodeScope& scope, std::vector<ReferenceUse>& references,
                            Diagnostics& diagnostics);

/// Reports keys that appear more than once in any mapping of the tree (each after the first), and
/// removes the repeats so later passes see one value per key.
void report_duplicate_keys(SpecNode& node, Diagnostics& diagnostics);

}  // namespace pipectl
