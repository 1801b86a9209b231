// The sarif view: a SARIF 2.1.0 log for code-scanning tools.
#include <cctype>
#include <map>

#include "pipectl/views/diagnostics_view.h"
#include "views/diagnostic_text.h"
#include "views/view_factories.h"

namespace pipectl {

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
                             {"message", {{"text", views::message_text(d)}}}};
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

namespace views {
namespace {

class SarifView final : public StreamView {
 public:
  using StreamView::StreamView;
  void show(const Diagnostics& diagnostics, const SourceFiles& /*sources*/,
            const nlohmann::json& /*results*/) const override {
    streams_.document << diagnostics_to_sarif(diagnostics, PIPECTL_VERSION)
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                      << '\n';
  }
};

}  // namespace

std::unique_ptr<DiagnosticsView> make_sarif_view(ViewStreams streams) {
  return std::make_unique<SarifView>(streams);
}

}  // namespace views
}  // namespace pipectl
