#include "pipectl/views/output_format.h"

#include <stdexcept>

#include "pipectl/views/diagnostics_view.h"
#include "views/view_factories.h"

namespace pipectl {

std::string_view format_name(OutputFormat format) {
  switch (format) {
    case OutputFormat::Text: return "text";
    case OutputFormat::Json: return "json";
    case OutputFormat::Sarif: return "sarif";
    case OutputFormat::Github: return "github";
  }
  throw std::logic_error("unknown output format");
}

const std::vector<OutputFormat>& all_output_formats() {
  static const std::vector<OutputFormat> formats = {OutputFormat::Text, OutputFormat::Json,
                                                    OutputFormat::Sarif, OutputFormat::Github};
  return formats;
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  for (OutputFormat format : all_output_formats()) {
    if (format_name(format) == name) return format;
  }
  return std::nullopt;
}

std::unique_ptr<DiagnosticsView> make_diagnostics_view(OutputFormat format, ViewStreams streams) {
  switch (format) {
    case OutputFormat::Text: return views::make_text_view(streams);
    case OutputFormat::Json: return views::make_json_view(streams);
    case OutputFormat::Sarif: return views::make_sarif_view(streams);
    case OutputFormat::Github: return views::make_github_view(streams);
  }
  throw std::logic_error("unknown output format");
}

}  // namespace pipectl
