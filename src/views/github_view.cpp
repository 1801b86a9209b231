// The github view: GitHub Actions workflow commands, which the runner shows as annotations.
#include "pipectl/text.h"
#include "pipectl/views/diagnostics_view.h"
#include "views/diagnostic_text.h"
#include "views/view_factories.h"

namespace pipectl {

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
  return views::printable(escaped);  // line breaks are escaped already; other controls are not shown
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
    out << "::" << command << ' ' << join(properties, ",") << "::" << github_escape(views::message_text(d))
        << '\n';
  }
}

namespace views {
namespace {

class GithubView final : public StreamView {
 public:
  using StreamView::StreamView;
  void show(const Diagnostics& diagnostics, const SourceFiles& /*sources*/,
            const nlohmann::json& /*results*/) const override {
    print_diagnostics_github(streams_.document, diagnostics.sorted());
  }
};

}  // namespace

std::unique_ptr<DiagnosticsView> make_github_view(ViewStreams streams) {
  return std::make_unique<GithubView>(streams);
}

}  // namespace views
}  // namespace pipectl
