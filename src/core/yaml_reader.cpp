#include "pipectl/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <istream>
#include <streambuf>

#include "pipectl/text.h"

namespace pipectl {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

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

/// A character YAML 1.2 does not allow in a stream (it is not c-printable): C0 controls other
/// than tab and line feed, DEL, C1 controls other than NEL, a byte-order mark after the start,
/// U+FFFE and U+FFFF. Returns its offset and code point. The text is valid UTF-8 and its line
/// ends are normalised to line feeds.
std::optional<std::pair<std::size_t, char32_t>> forbidden_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F) return std::pair{i, char32_t(byte)};
      ++i;
      continue;
    }
    std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    char32_t code = byte & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (text[i + k] & 0x3F);
    bool c1 = code >= 0x80 && code <= 0x9F && code != 0x85;
    if (c1 || code == 0xFEFF || code == 0xFFFE || code == 0xFFFF) return std::pair{i, code};
    i += length;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t code) {
  static const std::map<char32_t, std::string> names = {
      {0x00, "NUL"}, {0x07, "BEL"}, {0x08, "backspace"}, {0x0B, "vertical tab"},
      {0x0C, "form feed"}, {0x1B, "ESC"}, {0x7F, "DEL"}, {0xFEFF, "byte-order mark"}};
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
  auto it = names.find(code);
  return it == names.end() ? std::string(hex) : std::string(hex) + " (" + it->second + ")";
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

/// A read-only stream buffer over text that is already in memory: yaml-cpp reads from a stream,
/// and an istringstream would copy the whole file twice more.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // never written: the buffer has no put area
    setg(begin, begin, begin + text.size());
  }
};

/// Thrown by the builder to stop the parser once a problem has been reported.
struct StopReading {};

/// Builds SpecNodes from yaml-cpp's parser events, applying pipectl's limits while the document
/// is read, so an alias bomb or a runaway document stops at the limit, not after the library has
/// built the whole tree. Aliases are expanded by copying the anchored node.
class SpecBuilder final : public YAML::EventHandler {
 public:
  SpecBuilder(std::string_view text, const std::string& path, const YamlLimits& limits,
              Diagnostics& diagnostics)
      : text_(text), lines_(text), path_(path), limits_(limits), diagnostics_(diagnostics) {}

  std::optional<SpecNode> take_root() { return std::move(root_); }
  std::size_t document_start() const { return document_start_; }

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

  void OnDocumentStart(const YAML::Mark& mark) override {
    document_start_ = mark.pos < 0 ? 0 : static_cast<std::size_t>(mark.pos);
    root_.reset();
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    SpecNode node;
    node.range = range_at(mark);
    complete(std::move(node), anchor, mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      stop(range_at(mark), "An alias refers to the node that contains it",
           "A YAML alias (*name) inside its own anchored node would repeat without end. Write "
           "the values out, or use `extends:`.");
    }
    const auto& [anchored, size] = it->second;
    alias_nodes_ += size;
    if (alias_nodes_ > limits_.max_alias_nodes) {
      stop(range_at(mark),
           "YAML aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
               " values",
           "Each alias (*name) copies its anchored node; these copy it over and over, as an "
           "alias bomb does. Write the values out, or share them with `extends:`.");
    }
    count_nodes(size, mark);
    add_to_parent(SpecNode(anchored));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > limits_.max_scalar_bytes) {
      stop(range_at(mark),
           "A value of " + std::to_string(value.size()) + " bytes, over the limit of " +
               std::to_string(limits_.max_scalar_bytes) + " bytes",
           "No value of a spec needs to be this long; keep large data in files the spec names.");
    }
    SpecNode node;
    node.type = SpecNode::Type::Scalar;
    node.text = value;
    // yaml-cpp tags quoted and block scalars "!" and plain ones "?": only plain ones can be
    // numbers or booleans.
    node.quoted = tag == "!";
    if (node.quoted) check_quote_closed(mark);
    node.range = range_at(mark, scalar_length(mark, node));
    complete(std::move(node), anchor, mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(SpecNode::Type::Sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(SpecNode::Type::Map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    SpecNode node;
    YAML::anchor_t anchor = 0;
    std::size_t nodes_before = 0;
    /// In a mapping: the key read and waiting for its value.
    std::optional<SpecEntry> pending;
  };

  [[noreturn]] void stop(const SourceRange& at, std::string summary, std::string detail) {
    diagnostics_.error(DiagCode::YamlSyntax, at, std::move(summary), std::move(detail));
    throw StopReading{};
  }

  void count_nodes(std::size_t added, const YAML::Mark& mark) {
    nodes_ += added;
    if (nodes_ <= limits_.max_nodes) return;
    stop(range_at(mark), "The document holds more than " + std::to_string(limits_.max_nodes) + " values",
         "pipectl reads at most this many values from one spec file. Split the pipeline over "
         "several environments, or share values with `extends:` rather than repeating them.");
  }

  void open(SpecNode::Type type, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      stop(range_at(mark), "The document nests deeper than " + std::to_string(limits_.max_depth) + " levels",
           "No spec needs this much nesting; a spec has at most a few levels (components, a "
           "component, its options). Check the indentation and the brackets.");
    }
    count_nodes(1, mark);
    Frame frame;
    frame.node.type = type;
    frame.node.range = range_at(mark);
    frame.anchor = anchor;
    frame.nodes_before = nodes_;
    stack_.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    remember(frame.anchor, frame.node, nodes_ - frame.nodes_before + 1);
    add_to_parent(std::move(frame.node));
  }

  /// A scalar or null: counted, remembered if anchored, added to its parent.
  void complete(SpecNode node, YAML::anchor_t anchor, const YAML::Mark& mark) {
    count_nodes(1, mark);
    remember(anchor, node, 1);
    add_to_parent(std::move(node));
  }

  void remember(YAML::anchor_t anchor, const SpecNode& node, std::size_t size) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = {node, size};
  }

  void add_to_parent(SpecNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    std::size_t held = parent.node.items.size() + parent.node.entries.size();
    if (held >= limits_.max_entries && !parent.pending) {
      bool list = parent.node.type == SpecNode::Type::Sequence;
      stop(node.range,
           std::string(list ? "A list holds" : "A mapping holds") + " more than " +
               std::to_string(limits_.max_entries) + (list ? " items" : " entries"),
           "No part of a spec needs this many: components are limited to 50000, and AWS allows "
           "50 tags on a resource.");
    }
    if (parent.node.type == SpecNode::Type::Sequence) {
      parent.node.items.push_back(std::move(node));
      return;
    }
    if (!parent.pending) {
      SpecEntry entry;
      entry.key_range = node.range;
      if (!node.is_scalar()) {
        stop(node.range, "Mapping key is not a plain string",
             "Keys in a pipectl spec are names such as `kind` or a component name.");
      }
      entry.key = std::move(node.text);
      parent.pending = std::move(entry);
      return;
    }
    SpecEntry entry = std::move(*parent.pending);
    parent.pending.reset();
    entry.value = std::move(node);
    // yaml-cpp places an empty value at the next token; point at the key instead.
    if (entry.value.is_null()) entry.value.range = entry.key_range;
    parent.node.entries.push_back(std::move(entry));
  }

  /// yaml-cpp accepts a quoted value that is never closed, running to the end of the file, and
  /// one that runs on over the following, less indented lines, swallowing keys. YAML allows a
  /// quoted value to continue only on lines indented more than the line it starts on.
  void check_quote_closed(const YAML::Mark& mark) {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
    auto start = static_cast<std::size_t>(mark.pos);
    char quote = text_[start];
    if (quote != '"' && quote != '\'') return;  // a block scalar
    std::size_t line_start = text_.rfind('\n', start);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::size_t indent = text_.find_first_not_of(' ', line_start) - line_start;
    for (std::size_t i = start + 1; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote == '"' && c == '\\') {
        ++i;
        continue;
      }
      if (c == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
      if (c != '\n') continue;
      std::size_t next = i + 1;
      std::size_t content = text_.find_first_not_of(' ', next);
      bool blank = content == std::string_view::npos || text_[content] == '\n';
      if (!blank && content - next <= indent) break;
    }
    std::string kind = quote == '"' ? "double" : "single";
    stop(range_at(mark), "Unclosed " + kind + "-quoted value",
         std::string("The quote opened here is not closed before ") +
             "the next line that is not indented more than this one, so the rest of the file "
             "would become part of the value. Close it with a " + kind + " quote (" + quote +
             ") on this line (or on a continuation line indented more deeply).");
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
  const YamlLimits& limits_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::pair<SpecNode, std::size_t>> anchors_;
  std::optional<SpecNode> root_;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;
  std::size_t document_start_ = 0;
};

bool check_characters(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  if (auto bad = invalid_utf8(text)) {
    SourcePos at = LineIndex(text).position_of(*bad);
    diagnostics.error(DiagCode::YamlSyntax, {path, at, {at.line, at.column + 1}},
                      "The file is not valid UTF-8",
                      "Spec files must be UTF-8 text; re-save the file with UTF-8 encoding.");
    return false;
  }
  if (auto bad = forbidden_character(text)) {
    SourcePos at = LineIndex(text).position_of(bad->first);
    diagnostics.error(DiagCode::YamlSyntax, {path, at, {at.line, at.column + 1}},
                      "The file contains the control character " + code_point_name(bad->second),
                      "YAML does not allow it anywhere in a file, and AWS rejects it in names "
                      "and descriptions. Delete it (editors often show it as a box, or as ^@, ^[ "
                      "or the like).");
    return false;
  }
  return true;
}

/// Where a quoted value opens that no quote closes, for yaml-cpp's "illegal EOF in scalar", which
/// it reports at the end of the file. A quote opens a value when it is the first character after
/// the indentation, a ": ", "- ", "? " or a "[", "{" or ",": elsewhere it is part of plain text.
std::optional<std::size_t> unclosed_quote(std::string_view text) {
  char before = '\n';  // the last character that is not a space
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
      i = std::min(text.find('\n', i), text.size()) - 1;  // a comment runs to the line's end
      continue;
    }
    bool opens = (c == '"' || c == '\'') &&
                 std::string_view("\n:-?[{,").find(before) != std::string_view::npos;
    if (opens) {
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (c == '"' && text[j] == '\\') {
          ++j;
        } else if (text[j] == c) {
          if (c == '\'' && j + 1 < text.size() && text[j + 1] == '\'') ++j;
          else break;
        }
      }
      if (j >= text.size()) return i;
      i = j;
      before = c;
      continue;
    }
    if (c != ' ') before = c;
  }
  return std::nullopt;
}

/// The first tab in the indentation of the line holding `pos`, if any: YAML indents with spaces
/// only, and yaml-cpp names the symptom ("illegal map value") rather than the tab.
std::optional<std::size_t> tab_in_indentation(std::string_view text, std::size_t pos) {
  pos = std::min(pos, text.size());
  std::size_t line = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  line = line == std::string_view::npos ? 0 : line + 1;
  for (std::size_t i = line; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
    if (text[i] == '\t') return i;
  }
  return std::nullopt;
}

/// What follows a position, as a message names it: `","`, or "the end of the file".
std::string token_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return "the end of the file";
  return "\"" + std::string(1, text[pos]) + "\"";
}

}  // namespace

std::string normalize_source(std::string text) {
  if (text.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0) {
    text.erase(0, kByteOrderMark.size());
  }
  if (text.find('\r') == std::string::npos) return text;
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      result += text[i];
    } else {
      result += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return result;
}

namespace {

YAML::Mark mark_at(std::size_t pos) {
  YAML::Mark mark;
  mark.pos = static_cast<int>(pos);
  return mark;
}

/// yaml-cpp's error, told as what most likely caused it: an unclosed quote, a tab in the
/// indentation, or else its own message at its position.
void report_yaml_error(const YAML::Exception& e, std::string_view text, const SpecBuilder& builder,
                       Diagnostics& diagnostics) {
  auto quote = e.msg == YAML::ErrorMsg::EOF_IN_SCALAR ? unclosed_quote(text) : std::nullopt;
  if (quote) {
    std::string kind = text[*quote] == '"' ? "double" : "single";
    diagnostics.error(DiagCode::YamlSyntax, builder.range_at(mark_at(*quote)),
                      "Unclosed " + kind + "-quoted value",
                      "No quote closes the value opened here, so the rest of the file would "
                      "become part of it. Close it with a " + kind + " quote (" + text[*quote] +
                          ").");
    return;
  }
  auto tab = e.mark.pos >= 0 ? tab_in_indentation(text, static_cast<std::size_t>(e.mark.pos))
                             : std::nullopt;
  if (tab) {
    diagnostics.error(DiagCode::YamlSyntax, builder.range_at(mark_at(*tab)),
                      "Tab in indentation",
                      "YAML indents with spaces only; replace the tab with spaces (most "
                      "editors can be set to insert spaces for the Tab key).");
    return;
  }
  diagnostics.error(DiagCode::YamlSyntax, builder.range_at(e.mark), "Invalid YAML: " + e.msg,
                    "Fix the YAML syntax at this position; indentation, an unclosed bracket or "
                    "quote, or a missing space after `:` are the usual causes.");
}

}  // namespace

std::optional<SpecNode> read_yaml(std::string_view text, const std::string& display_path,
                                  Diagnostics& diagnostics, const YamlLimits& limits) {
  if (!check_characters(text, display_path, diagnostics)) return std::nullopt;
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  YAML::Parser parser(stream);
  SpecBuilder builder(text, display_path, limits, diagnostics);
  std::optional<SpecNode> root;
  std::vector<std::size_t> starts;  // where each document began
  try {
    // Past the first document only to tell a second one from yaml-cpp 0.7 returning the same
    // empty document for ever at a stray "," (upstream issue 1040): two documents starting at
    // one place mean the parser made no progress.
    while (starts.size() < 3 && parser.HandleNextDocument(builder)) {
      std::size_t start = builder.document_start();
      if (!starts.empty() && starts.back() == start) {
        diagnostics.error(DiagCode::YamlSyntax, builder.range_at(mark_at(start)),
                          "Invalid YAML: unexpected " + token_at(text, start),
                          "A \",\" separates items only inside [ ] or { }; a spec file is a "
                          "mapping of keys to values.");
        return std::nullopt;
      }
      starts.push_back(start);
      if (starts.size() == 1) root = builder.take_root();
    }
  } catch (const StopReading&) {
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    report_yaml_error(e, text, builder, diagnostics);
    return std::nullopt;
  }
  if (starts.size() > 1) {
    diagnostics.error(DiagCode::YamlSyntax, builder.range_at(mark_at(starts[1])),
                      "More than one YAML document in a spec file",
                      "A spec file holds exactly one document; remove the `---` separator or "
                      "split the file and use `extends:`.");
    return std::nullopt;
  }
  if (!root) {
    SpecNode empty;
    empty.range.file = display_path;
    empty.range.begin = empty.range.end = {1, 1};
    return empty;
  }
  return root;
}

}  // namespace pipectl
