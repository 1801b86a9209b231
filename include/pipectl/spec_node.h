#pragma once
/// SpecNode: a YAML document as plain data, every node carrying the source range it came from.
/// The loader converts yaml-cpp's tree into SpecNodes once; merging base and override files keeps
/// each value's own location, so errors point at the file that actually set the value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/source.h"

namespace pipectl {

struct SpecEntry;

struct SpecNode {
  enum class Type { Null, Scalar, Sequence, Map };

  Type type = Type::Null;
  /// Text of a scalar exactly as YAML resolved it (without quotes).
  std::string text;
  /// True if the scalar was quoted in the source, which makes it a string whatever it looks like.
  bool quoted = false;
  SourceRange range;
  std::vector<SpecNode> items;     // Sequence
  std::vector<SpecEntry> entries;  // Map, in source order

  bool is_null() const { return type == Type::Null; }
  bool is_scalar() const { return type == Type::Scalar; }
  bool is_sequence() const { return type == Type::Sequence; }
  bool is_map() const { return type == Type::Map; }

  /// The value under `key` in a map, or nullptr.
  const SpecNode* find(std::string_view key) const;
  const SpecEntry* find_entry(std::string_view key) const;
  SpecEntry* find_entry(std::string_view key);
  /// Keys of a map, in source order.
  std::vector<std::string> keys() const;

  /// The value as an integer if it is an unquoted YAML integer (decimal, optional sign).
  std::optional<std::int64_t> as_integer() const;
  /// Whether the value is written like an integer, even one too large for 64 bits.
  bool looks_like_integer() const;
  /// The value as a boolean if it is an unquoted YAML 1.2 boolean (true/false, any case).
  std::optional<bool> as_boolean() const;

  /// How the value reads in an error message: "a string", "a number", "a list", ...
  std::string describe_type() const;
};

struct SpecEntry {
  std::string key;
  SourceRange key_range;
  SpecNode value;
};

}  // namespace pipectl
