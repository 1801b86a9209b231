// The json view: one document in the shape of `terraform validate -json`, with pipectl's code and
// suggestion, and the command's own results merged in.
#include "pipectl/views/diagnostics_view.h"
#include "views/diagnostic_text.h"
#include "views/view_factories.h"

namespace pipectl {
namespace {

nlohmann::json position_json(const SourcePos& pos) {
  return {{"line", pos.line}, {"column", pos.column}};
}

nlohmann::json range_json(const SourceRange& range) {
  return {{"filename", range.file},
          {"start", position_json(range.begin)},
          {"end", position_json(range.end.line > 0 ? range.end : range.begin)}};
}

}  // namespace

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
        item["snippet"] = {{"code", views::visible_part(line, d.subject->begin.column).text},
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

namespace views {
namespace {

class JsonView final : public StreamView {
 public:
  using StreamView::StreamView;
  void show(const Diagnostics& diagnostics, const SourceFiles& sources,
            const nlohmann::json& results) const override {
    nlohmann::json document = diagnostics_to_json(diagnostics, sources);
    document.update(results);
    // Quoted lines and values can hold any bytes a file had; invalid UTF-8 becomes U+FFFD rather
    // than stopping the output.
    streams_.document << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                      << '\n';
  }
};

}  // namespace

std::unique_ptr<DiagnosticsView> make_json_view(ViewStreams streams) {
  return std::make_unique<JsonView>(streams);
}

}  // namespace views
}  // namespace pipectl
