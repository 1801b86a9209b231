#include "pipectl/diagnostic_printer.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "pipectl/text.h"

namespace pipectl {
namespace {

/// Summary, detail and suggestion as one message, for formats with a single text field.
std::string message_text(const Diagnostic& d) {
  std::string text = d.summary;
  if (!d.detail.empty()) text += "\n" + d.detail;
  if (!d.suggestion.empty()) text += "\nDid you mean \"" + d.suggestion + "\"?";
  return text;
}

constexpr const char* kReset = "\033[0m";
constexpr const char* kBold = "\033[1m";
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kYellow = "\033[1;33m";
constexpr const char* kCyan = "\033[1;36m";
constexpr const char* kGreen = "\033[32m";

const char* severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return kRed;
    case Severity::Warning:
      return kYellow;
    case Severity::Note:
      return kCyan;
  }
  return kRed;
}

std::string paint(const TextStyle& style, const char* color, std::string_view text) {
  if (!style.color) return std::string(text);
  return std::string(color) + std::string(text) + kReset;
}

/// Columns are characters, not bytes: a line is walked code point by code point.
int character_count(std::string_view text) {
  int count = 0;
  for (unsigned char byte : text) count += (byte >> 6) != 0x2;
  return count;
}

/// Whitespace that puts a caret under character `column` (1-based), keeping the line's tabs.
std::string caret_padding(std::string_view line, int column) {
  std::string pad;
  int seen = 0;
  for (unsigned char byte : line) {
    if ((byte >> 6) == 0x2) continue;
    if (++seen >= column) break;
    pad += byte == '\t' ? '\t' : ' ';
  }
  return pad;
}

/// Number of characters to underline: the subject's width on its first line, at least one.
int caret_width(const SourceRange& range, std::string_view line) {
  int available = character_count(line) - (range.begin.column - 1);
  int width = 1;
  if (range.end.line == range.begin.line && range.end.column > range.begin.column) {
    width = range.end.column - range.begin.column;
  } else if (range.end.line > range.begin.line) {
    width = available;
  }
  return std::max(1, std::min(width, std::max(1, available)));
}

/// The part of a source line a snippet shows: all of a short line; of a long one, the characters
/// around the subject, with "…" where text was left out.
struct SnippetLine {
  std::string text;
  int column = 1;  ///< the subject's column in `text`
};

/// Byte offset of character `index` (0-based) of a line.
std::size_t offset_of(std::string_view line, int index) {
  int seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) >> 6) == 0x2) continue;
    if (seen++ == index) return i;
  }
  return line.size();
}

SnippetLine visible_part(std::string_view line, int column) {
  constexpr int kWidth = 120;  // characters shown of a long line
  constexpr int kBefore = 40;  // of which before the subject
  int length = character_count(line);
  if (length <= kWidth) return {std::string(line), column};
  int first = std::clamp(column - 1 - kBefore, 0, std::max(0, length - kWidth));
  int last = std::min(length, first + kWidth);
  std::size_t begin = offset_of(line, first), end = offset_of(line, last);
  SnippetLine result{std::string(line.substr(begin, end - begin)), column - first};
  if (first > 0) {
    result.text = "…" + result.text;
    ++result.column;
  }
  if (last < length) result.text += "…";
  return result;
}

/// What a terminal can show safely: control characters (C0 but tab, DEL, C1) would move its
/// cursor or change its colours, and bytes that are not UTF-8 would garble the line; both are
/// shown as U+FFFD, one replacement character each, so columns stay right.
std::string printable(std::string_view text) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      bool control = (byte < 0x20 && byte != '\t') || byte == 0x7F;
      if (control) result += kReplacement;
      else result += static_cast<char>(byte);
      ++i;
      continue;
    }
    std::size_t length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
    bool whole = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; whole && k < length; ++k) {
      whole = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    }
    bool c1 = whole && length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (!whole || c1) {
      result += kReplacement;
      i += whole ? length : 1;
      continue;
    }
    result.append(text.substr(i, length));
    i += length;
  }
  return result;
}

void print_snippet(std::ostream& out, const SourceRange& range, const SourceFiles& sources,
                   const TextStyle& style, Severity severity) {
  std::string_view source_line = sources.line(range.file, range.begin.line);
  if (source_line.empty() || range.begin.column <= 0) return;
  int width = caret_width(range, source_line);
  SnippetLine shown = visible_part(source_line, range.begin.column);
  std::string line = printable(shown.text);
  width = std::max(1, std::min(width, character_count(line) - shown.column + 1));
  std::string number = std::to_string(range.begin.line);
  std::string gutter(number.size(), ' ');
  out << ' ' << number << " | " << line << '\n';
  std::string marker = "^" + std::string(static_cast<std::size_t>(width - 1), '~');
  out << ' ' << gutter << " | " << caret_padding(line, shown.column)
      << paint(style, severity_color(severity), marker) << '\n';
}

void print_indented(std::ostream& out, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    out << "  " << printable(line) << '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

nlohmann::json position_json(const SourcePos& pos) {
  return {{"line", pos.line}, {"column", pos.column}};
}

nlohmann::json range_json(const SourceRange& range) {
  return {{"filename", range.file},
          {"start", position_json(range.begin)},
          {"end", position_json(range.end.line > 0 ? range.end : range.begin)}};
}

}  // namespace

void print_diagnostics_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                            const SourceFiles& sources, TextStyle style) {
  for (const Diagnostic& d : diagnostics) {
    std::string where = d.subject ? d.subject->to_string() + ": " : std::string("pipectl: ");
    std::string label = std::string(severity_name(d.severity)) + "[" + std::string(d.code()) + "]";
    out << paint(style, kBold, printable(where)) << paint(style, severity_color(d.severity), label)
        << ": " << paint(style, kBold, printable(d.summary)) << '\n';
    if (d.subject) print_snippet(out, *d.subject, sources, style, d.severity);
    if (!d.detail.empty()) print_indented(out, d.detail);
    if (!d.suggestion.empty()) {
      out << "  " << paint(style, kGreen, "did you mean \"" + printable(d.suggestion) + "\"?")
          << '\n';
    }
    for (const RelatedLocation& related : d.related) {
      out << "  " << paint(style, kCyan, "note") << ": " << printable(related.range.to_string())
          << ": " << printable(related.message) << '\n';
      print_snippet(out, related.range, sources, style, Severity::Note);
    }
    out << '\n';
  }
}

std::string github_escape(std::string_view text, bool property) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '%': escaped += "%25"; break;
      case '\r': escaped += "%0D"; break;
      case '\n': escaped += "%0A"; break;
      case ':': escaped += property ? "%3A" : ":"; break;
      case ',': escaped += property ? "%2C" : ","; break;
      default: escaped += c;
    }
  }
  return printable(escaped);  // line breaks are escaped already; other controls are not shown
}

void print_diagnostics_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    const char* command = d.severity == Severity::Error     ? "error"
                          : d.severity == Severity::Warning ? "warning"
                                                            : "notice";
    std::vector<std::string> properties;
    if (d.subject && d.subject->known()) {
      const SourceRange& range = *d.subject;
      properties.push_back("file=" + github_escape(range.file, true));
      if (range.begin.line > 0) {
        properties.push_back("line=" + std::to_string(range.begin.line));
        properties.push_back("col=" + std::to_string(range.begin.column));
        if (range.end.line == range.begin.line && range.end.column > range.begin.column) {
          properties.push_back("endColumn=" + std::to_string(range.end.column));
        }
      }
    }
    properties.push_back("title=" + github_escape("pipectl " + std::string(d.code()), true));
    out << "::" << command << ' ' << join(properties, ",") << "::" << github_escape(message_text(d))
        << '\n';
  }
}

std::string diagnostics_summary_line(const Diagnostics& diagnostics) {
  auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  std::size_t errors = diagnostics.error_count();
  std::size_t warnings = diagnostics.warning_count();
  if (errors == 0 && warnings == 0) return {};
  if (errors == 0) return plural(warnings, "warning");
  if (warnings == 0) return plural(errors, "error");
  return plural(errors, "error") + ", " + plural(warnings, "warning");
}

namespace {

/// A file path as a SARIF artifact URI: relative paths stay relative, absolute ones become file
/// URIs; characters outside the URI alphabet are percent-encoded.
std::string artifact_uri(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string uri = path.empty() || path.front() != '/' ? "" : "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 0xF];
    }
  }
  return uri;
}

nlohmann::json sarif_location(const SourceRange& range) {
  nlohmann::json region = {{"startLine", range.begin.line}, {"startColumn", range.begin.column}};
  if (range.end.line > 0) {
    region["endLine"] = range.end.line;
    region["endColumn"] = range.end.column;
  }
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", artifact_uri(range.file)}}}, {"region", region}}}};
}

}  // namespace

nlohmann::json diagnostics_to_sarif(const Diagnostics& diagnostics, std::string_view version) {
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string_view, std::size_t> rule_index;
  for (const DiagInfo& info : all_diagnostic_kinds()) {
    rule_index[info.code] = rules.size();
    rules.push_back({{"id", info.code},
                     {"name", info.name},
                     {"shortDescription", {{"text", info.title}}},
                     {"help", {{"text", "See docs/diagnostics.md, " + std::string(info.code) + "."}}},
                     {"defaultConfiguration", {{"level", severity_name(info.severity)}}}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics.sorted()) {
    nlohmann::json result = {{"ruleId", d.code()},
                             {"ruleIndex", rule_index.at(d.code())},
                             {"level", severity_name(d.severity)},
                             {"message", {{"text", message_text(d)}}}};
    if (d.subject) result["locations"] = nlohmann::json::array({sarif_location(*d.subject)});
    for (std::size_t i = 0; i < d.related.size(); ++i) {
      nlohmann::json location = sarif_location(d.related[i].range);
      location["id"] = i;
      location["message"] = {{"text", d.related[i].message}};
      result["relatedLocations"].push_back(location);
    }
    results.push_back(std::move(result));
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           {{{"tool", {{"driver", {{"name", "pipectl"}, {"version", version}, {"rules", rules}}}}},
             {"columnKind", "unicodeCodePoints"},
             {"results", results}}}}};
}

nlohmann::json diagnostics_to_json(const Diagnostics& diagnostics, const SourceFiles& sources) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics.sorted()) {
    nlohmann::json item = {{"severity", severity_name(d.severity)},
                           {"code", d.code()},
                           {"summary", d.summary},
                           {"detail", d.detail}};
    if (!d.suggestion.empty()) item["suggestion"] = d.suggestion;
    if (d.subject) {
      // Flat fields for scripts and CI tools; `range` keeps terraform validate -json's shape.
      item["file"] = d.subject->file;
      item["line"] = d.subject->begin.line;
      item["column"] = d.subject->begin.column;
      item["range"] = range_json(*d.subject);
      std::string_view line = sources.line(d.subject->file, d.subject->begin.line);
      if (!line.empty()) {
        item["snippet"] = {{"code", visible_part(line, d.subject->begin.column).text},
                           {"start_line", d.subject->begin.line}};
      }
    }
    for (const RelatedLocation& related : d.related) {
      item["related"].push_back({{"message", related.message}, {"range", range_json(related.range)}});
    }
    list.push_back(std::move(item));
  }
  return {{"format_version", "1.0"},
          {"valid", !diagnostics.has_errors()},
          {"error_count", diagnostics.error_count()},
          {"warning_count", diagnostics.warning_count()},
          {"diagnostics", std::move(list)}};
}

}  // namespace pipectl
