#include "pipectl/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace pipectl {
namespace {

// Aliases can make a small document expand without bound, or refer to themselves; these limits
// stop both long before memory or the stack run out. No real spec comes near them.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 1'000'000;

bool is_continuation(unsigned char byte) { return (byte >> 6) == 0x2; }

/// Position of the first byte that is not valid UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF), if any.
std::optional<std::size_t> invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (byte < 0x80) length = 1;
    else if (byte >= 0xC2 && byte <= 0xDF) length = 2;
    else if (byte == 0xE0) length = 3, low = 0xA0;
    else if (byte == 0xED) length = 3, high = 0x9F;
    else if (byte >= 0xE1 && byte <= 0xEF) length = 3;
    else if (byte == 0xF0) length = 4, low = 0x90;
    else if (byte >= 0xF1 && byte <= 0xF3) length = 4;
    else if (byte == 0xF4) length = 4, high = 0x8F;
    else return i;
    if (i + length > text.size()) return i;
    if (length > 1) {
      auto second = static_cast<unsigned char>(text[i + 1]);
      if (second < low || second > high) return i;
      for (std::size_t k = 2; k < length; ++k) {
        if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return i;
      }
    }
    i += length;
  }
  return std::nullopt;
}

/// Maps byte offsets to 1-based lines and character (not byte) columns, so carets line up under
/// non-ASCII text. Line starts are indexed once; each lookup is a binary search.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }

  SourcePos position_of(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(next - starts_.begin());
    int column = 1;
    for (std::size_t i = starts_[line - 1]; i < offset; ++i) {
      column += !is_continuation(static_cast<unsigned char>(text_[i]));
    }
    return {static_cast<int>(line), column};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

class Converter {
 public:
  Converter(std::string_view text, const std::string& path, Diagnostics& diagnostics)
      : text_(text), lines_(text), path_(path), diagnostics_(diagnostics) {}

  std::optional<SpecNode> convert_document(const YAML::Node& root) {
    SpecNode result = convert(root, 0);
    if (too_big_) return std::nullopt;
    return result;
  }

  SourceRange range_at(const YAML::Mark& mark, std::size_t length = 1) const {
    SourceRange range;
    range.file = path_;
    if (mark.pos < 0) {
      range.begin = range.end = {mark.line + 1, mark.column + 1};
      return range;
    }
    auto begin = static_cast<std::size_t>(mark.pos);
    range.begin = lines_.position_of(begin);
    range.end = lines_.position_of(begin + std::max<std::size_t>(length, 1));
    if (range.end.line != range.begin.line) range.end = {range.begin.line, range.begin.column + 1};
    return range;
  }

 private:
  SpecNode convert(const YAML::Node& node, int depth) {
    SpecNode result;
    result.range = range_at(node.Mark());
    if (!within_limits(node, depth)) return result;
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        result.type = SpecNode::Type::Scalar;
        result.text = node.Scalar();
        // yaml-cpp tags quoted and block scalars "!" and plain ones "?": only plain ones can be
        // numbers or booleans.
        result.quoted = node.Tag() == "!";
        result.range = range_at(node.Mark(), scalar_length(node.Mark(), result));
        break;
      case YAML::NodeType::Sequence:
        result.type = SpecNode::Type::Sequence;
        for (const YAML::Node& item : node) result.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map:
        result.type = SpecNode::Type::Map;
        for (auto it = node.begin(); it != node.end(); ++it) {
          add_entry(result, it->first, it->second, depth);
        }
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        result.type = SpecNode::Type::Null;
        break;
    }
    return result;
  }

  bool within_limits(const YAML::Node& node, int depth) {
    if (too_big_) return false;
    if (depth <= kMaxDepth && ++nodes_ <= kMaxNodes) return true;
    too_big_ = true;
    diagnostics_.error(DiagCode::YamlSyntax, range_at(node.Mark()),
                       depth > kMaxDepth ? "The document nests deeper than " +
                                               std::to_string(kMaxDepth) + " levels"
                                         : "The document expands to more than a million values",
                       "This usually comes from a YAML alias (*name) that refers to itself or is "
                       "repeated many times over. Write the values out, or use `extends:`.");
    return false;
  }

  void add_entry(SpecNode& map, const YAML::Node& key, const YAML::Node& value, int depth) {
    SpecEntry entry;
    entry.key_range = range_at(key.Mark());
    if (!key.IsScalar()) {
      diagnostics_.error(DiagCode::WrongType, entry.key_range, "Mapping key is not a plain string",
                         "Keys in a pipectl spec are names such as `kind` or a component name.");
      return;
    }
    entry.key = key.Scalar();
    entry.key_range = range_at(key.Mark(), entry.key.size());
    entry.value = convert(value, depth + 1);
    // yaml-cpp places an empty value at the next token; point at the key instead.
    if (entry.value.is_null()) entry.value.range = entry.key_range;
    map.entries.push_back(std::move(entry));
  }

  /// Bytes the scalar takes on its first line: up to the closing quote of a quoted scalar.
  std::size_t scalar_length(const YAML::Mark& mark, const SpecNode& node) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return 1;
    std::size_t start = static_cast<std::size_t>(mark.pos);
    std::size_t line_end = text_.find('\n', start);
    if (line_end == std::string_view::npos) line_end = text_.size();
    char opener = text_[start];
    if (opener == '"' || opener == '\'') {
      std::size_t close = start + 1;
      while (close < line_end && !(text_[close] == opener && text_[close - 1] != '\\')) ++close;
      return std::min(close + 1, line_end) - start;
    }
    return std::min(node.text.size(), line_end - start);
  }

  std::string_view text_;
  LineIndex lines_;
  const std::string& path_;
  Diagnostics& diagnostics_;
  std::size_t nodes_ = 0;
  bool too_big_ = false;
};

}  // namespace

std::optional<SpecNode> read_yaml(std::string_view text, const std::string& display_path,
                                  Diagnostics& diagnostics) {
  if (auto bad = invalid_utf8(text)) {
    SourcePos at = LineIndex(text).position_of(*bad);
    diagnostics.error(DiagCode::YamlSyntax, {display_path, at, {at.line, at.column + 1}},
                      "The file is not valid UTF-8",
                      "Spec files must be UTF-8 text; re-save the file with UTF-8 encoding.");
    return std::nullopt;
  }
  Diagnostics conversion;
  Converter converter(text, display_path, conversion);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.error(DiagCode::YamlSyntax, converter.range_at(e.mark), "Invalid YAML: " + e.msg,
                      "Fix the YAML syntax at this position; indentation, an unclosed bracket or "
                      "quote, or a missing space after `:` are the usual causes.");
    return std::nullopt;
  }
  if (documents.empty()) {
    SpecNode empty;
    empty.range.file = display_path;
    empty.range.begin = empty.range.end = {1, 1};
    return empty;
  }
  if (documents.size() > 1) {
    diagnostics.error(DiagCode::YamlSyntax, converter.range_at(documents[1].Mark()),
                      "More than one YAML document in a spec file",
                      "A spec file holds exactly one document; remove the `---` separator or split "
                      "the file and use `extends:`.");
    return std::nullopt;
  }
  auto root = converter.convert_document(documents.front());
  diagnostics.append(conversion);
  if (conversion.has_errors()) return std::nullopt;
  return root;
}

}  // namespace pipectl
