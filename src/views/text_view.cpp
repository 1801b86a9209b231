// The text view: diagnostics for people, each with the quoted source line and a caret under the
// subject, on stderr.
#include <algorithm>

#include "pipectl/views/diagnostics_view.h"
#include "views/diagnostic_text.h"
#include "views/view_factories.h"

namespace pipectl {
namespace {

using views::character_count;
using views::printable;
using views::SnippetLine;
using views::visible_part;

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

namespace views {
namespace {

class TextView final : public StreamView {
 public:
  using StreamView::StreamView;
  void show(const Diagnostics& diagnostics, const SourceFiles& sources,
            const nlohmann::json& /*results*/) const override {
    if (diagnostics.empty()) return;
    print_diagnostics_text(streams_.people, diagnostics.sorted(), sources,
                           TextStyle{streams_.color});
    streams_.people << diagnostics_summary_line(diagnostics) << '\n';
  }
};

}  // namespace

std::unique_ptr<DiagnosticsView> make_text_view(ViewStreams streams) {
  return std::make_unique<TextView>(streams);
}

}  // namespace views
}  // namespace pipectl
