#pragma once
/// Views of diagnostics, one file per format in src/views/ (as terraform's command/views): text
/// for people, a JSON document, a SARIF log, GitHub annotations. Commands choose a view by
/// OutputFormat and never compare format names themselves.

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/source.h"
#include "pipectl/views/output_format.h"

namespace pipectl {

/// Where a view writes.
struct ViewStreams {
  std::ostream& document;  ///< machine-readable documents (stdout, unless a command reserves it)
  std::ostream& people;    ///< text for people (stderr)
  bool color = false;      ///< colour in text for people
};

class DiagnosticsView {
 public:
  virtual ~DiagnosticsView() = default;
  /// Shows every diagnostic. `results` is what the command produced besides them (files written,
  /// whether the output is current); documents that have room for it carry it.
  virtual void show(const Diagnostics& diagnostics, const SourceFiles& sources,
                    const nlohmann::json& results) const = 0;
};

std::unique_ptr<DiagnosticsView> make_diagnostics_view(OutputFormat format, ViewStreams streams);

// --- The formats' building blocks, for tests and for commands that print one directly ----------

struct TextStyle {
  bool color = false;
};

/// Writes each diagnostic as `file:line:col: severity[code]: summary`, the quoted source line with
/// a caret under the subject, the detail, the suggestion and related locations.
void print_diagnostics_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                            const SourceFiles& sources, TextStyle style = {});

/// "2 errors, 1 warning" (empty when there is nothing to count).
std::string diagnostics_summary_line(const Diagnostics& diagnostics);

/// {"valid", "error_count", "warning_count", "diagnostics": [...]} with sorted diagnostics.
nlohmann::json diagnostics_to_json(const Diagnostics& diagnostics, const SourceFiles& sources);

/// GitHub Actions workflow commands, one line per diagnostic
/// (`::error file=F,line=L,col=C,endLine=..,endColumn=..,title=pipectl PC1003::message`), which the
/// runner shows as annotations on the pull request. Values are escaped as the runner expects.
void print_diagnostics_github(std::ostream& out, const std::vector<Diagnostic>& diagnostics);

/// Escapes the message of a workflow command (`%`, CR, LF); `property` also escapes `:` and `,`.
std::string github_escape(std::string_view text, bool property = false);

/// A SARIF 2.1.0 log (one run, every catalog entry as a rule) for code-scanning tools.
nlohmann::json diagnostics_to_sarif(const Diagnostics& diagnostics, std::string_view version);

}  // namespace pipectl
