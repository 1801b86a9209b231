#pragma once
/// Presentation of diagnostics: a human view (source line with a caret) and a machine view (JSON in
/// the shape of `terraform validate -json`, plus pipectl's code and suggestion).

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/source.h"

namespace pipectl {

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
