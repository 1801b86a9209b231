#include "pipectl/yaml_reader.h"

#include <yaml-cpp/yaml.h>

namespace pipectl {
namespace {

class Converter {
 public:
  Converter(std::string_view text, const std::string& path, Diagnostics& diagnostics)
      : text_(text), path_(path), diagnostics_(diagnostics) {}

  SpecNode convert(const YAML::Node& node) {
    SpecNode result;
    result.range = range_at(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        result.type = SpecNode::Type::Scalar;
        result.text = node.Scalar();
        // yaml-cpp tags quoted and block scalars "!" and plain ones "?": only plain ones can be
        // numbers or booleans.
        result.quoted = node.Tag() == "!";
        result.range.end = scalar_end(node.Mark(), result);
        break;
      case YAML::NodeType::Sequence:
        result.type = SpecNode::Type::Sequence;
        for (const YAML::Node& item : node) result.items.push_back(convert(item));
        break;
      case YAML::NodeType::Map:
        result.type = SpecNode::Type::Map;
        for (auto it = node.begin(); it != node.end(); ++it) add_entry(result, it->first, it->second);
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        result.type = SpecNode::Type::Null;
        break;
    }
    return result;
  }

 private:
  void add_entry(SpecNode& map, const YAML::Node& key, const YAML::Node& value) {
    SpecEntry entry;
    entry.key_range = range_at(key.Mark());
    if (!key.IsScalar()) {
      diagnostics_.error(DiagCode::WrongType, entry.key_range, "Mapping key is not a plain string",
                         "Keys in a pipectl spec are names such as `kind` or a component name.");
      return;
    }
    entry.key = key.Scalar();
    entry.key_range.end = {entry.key_range.begin.line,
                           entry.key_range.begin.column + static_cast<int>(entry.key.size())};
    entry.value = convert(value);
    // yaml-cpp places an empty value at the next token; point at the key instead.
    if (entry.value.is_null()) entry.value.range = entry.key_range;
    map.entries.push_back(std::move(entry));
  }

  SourceRange range_at(const YAML::Mark& mark) const {
    SourceRange range;
    range.file = path_;
    range.begin = {mark.line + 1, mark.column + 1};
    range.end = {mark.line + 1, mark.column + 2};
    return range;
  }

  /// End of a scalar on its first line: the closing quote of a quoted scalar, else its text.
  SourcePos scalar_end(const YAML::Mark& mark, const SpecNode& node) const {
    SourcePos begin{mark.line + 1, mark.column + 1};
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return begin;
    std::size_t start = static_cast<std::size_t>(mark.pos);
    std::size_t line_end = text_.find('\n', start);
    if (line_end == std::string_view::npos) line_end = text_.size();
    char opener = text_[start];
    std::size_t length = node.text.size();
    if (opener == '"' || opener == '\'') {
      std::size_t close = start + 1;
      while (close < line_end && !(text_[close] == opener && text_[close - 1] != '\\')) ++close;
      length = std::min(close + 1, line_end) - start;
    } else {
      length = std::min(length, line_end - start);
    }
    return {begin.line, begin.column + static_cast<int>(std::max<std::size_t>(length, 1))};
  }

  std::string_view text_;
  const std::string& path_;
  Diagnostics& diagnostics_;
};

SourceRange error_range(const std::string& path, const YAML::Mark& mark) {
  SourceRange range;
  range.file = path;
  range.begin = {mark.line + 1, mark.column + 1};
  range.end = {mark.line + 1, mark.column + 2};
  return range;
}

/// Position of the first byte that is not part of valid UTF-8, if any.
std::optional<SourcePos> invalid_utf8(std::string_view text) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3
                         : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return SourcePos{line, column};
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return SourcePos{line, column};
    }
    if (byte == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<SpecNode> read_yaml(std::string_view text, const std::string& display_path,
                                  Diagnostics& diagnostics) {
  if (auto bad = invalid_utf8(text)) {
    diagnostics.error(DiagCode::YamlSyntax, {display_path, *bad, {bad->line, bad->column + 1}},
                      "The file is not valid UTF-8",
                      "Spec files must be UTF-8 text; re-save the file with UTF-8 encoding.");
    return std::nullopt;
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.error(DiagCode::YamlSyntax, error_range(display_path, e.mark),
                      "Invalid YAML: " + e.msg,
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
    diagnostics.error(DiagCode::YamlSyntax, error_range(display_path, documents[1].Mark()),
                      "More than one YAML document in a spec file",
                      "A spec file holds exactly one document; remove the `---` separator or split "
                      "the file and use `extends:`.");
    return std::nullopt;
  }
  Diagnostics conversion;
  Converter converter(text, display_path, conversion);
  SpecNode root = converter.convert(documents.front());
  diagnostics.append(conversion);
  if (conversion.has_errors()) return std::nullopt;
  return root;
}

}  // namespace pipectl
