#include "pipectl/spec_node.h"

#include <charconv>

namespace pipectl {

const SpecEntry* SpecNode::find_entry(std::string_view key) const {
  for (const SpecEntry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

SpecEntry* SpecNode::find_entry(std::string_view key) {
  for (SpecEntry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const SpecNode* SpecNode::find(std::string_view key) const {
  const SpecEntry* entry = find_entry(key);
  return entry ? &entry->value : nullptr;
}

std::vector<std::string> SpecNode::keys() const {
  std::vector<std::string> result;
  result.reserve(entries.size());
  for (const SpecEntry& entry : entries) result.push_back(entry.key);
  return result;
}

bool SpecNode::looks_like_integer() const {
  if (!is_scalar() || quoted || text.empty()) return false;
  std::size_t start = (text[0] == '+' || text[0] == '-') ? 1 : 0;
  return start < text.size() && text.find_first_not_of("0123456789", start) == std::string::npos;
}

std::optional<std::int64_t> SpecNode::as_integer() const {
  if (!looks_like_integer()) return std::nullopt;
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::optional<bool> SpecNode::as_boolean() const {
  if (!is_scalar() || quoted) return std::nullopt;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::string SpecNode::describe_type() const {
  switch (type) {
    case Type::Null:
      return "null";
    case Type::Sequence:
      return "a list";
    case Type::Map:
      return "a mapping";
    case Type::Scalar:
      break;
  }
  if (as_integer()) return "the number " + text;
  if (as_boolean()) return "the boolean " + text;
  if (!quoted && text.find_first_not_of("0123456789.+-eE") == std::string::npos) {
    return "the number " + text;
  }
  return "the string \"" + text + "\"";
}

}  // namespace pipectl
