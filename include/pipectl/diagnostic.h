#pragma once
/// Diagnostics are values: every pass appends them to a Diagnostics list instead of throwing, so a
/// run reports every problem it can find. Exceptions are reserved for bugs in pipectl itself.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/source.h"

namespace pipectl {

enum class Severity { Error, Warning, Note };

std::string_view severity_name(Severity severity);

/// The catalog of diagnostic kinds (see diagnostic_codes.def).
enum class DiagCode {
#define PIPECTL_DIAG(name, code, severity, title) name,
#include "pipectl/diagnostic_codes.def"
#undef PIPECTL_DIAG
};

struct DiagInfo {
  DiagCode kind;
  std::string_view name;  // "UnknownKey"
  std::string_view code;  // "PC1003"
  Severity severity;
  std::string_view title;
};

/// Every entry of the catalog, in catalog order.
const std::vector<DiagInfo>& all_diagnostic_kinds();
const DiagInfo& diag_info(DiagCode kind);

/// A secondary location that helps explain a diagnostic ("first defined here").
struct RelatedLocation {
  SourceRange range;
  std::string message;
};

/// One problem found in the input: severity, a short summary (capitalised, no full stop), a detail
/// saying what would be right, and where it is.
struct Diagnostic {
  DiagCode kind = DiagCode::InternalError;
  Severity severity = Severity::Error;
  std::string summary;
  std::string detail;
  std::optional<SourceRange> subject;
  /// A replacement the user probably meant, shown as `did you mean "..."?`.
  std::string suggestion;
  std::vector<RelatedLocation> related;

  std::string_view code() const { return diag_info(kind).code; }

  Diagnostic&& with_detail(std::string text) &&;
  Diagnostic&& with_suggestion(std::string text) &&;
  Diagnostic&& with_related(SourceRange range, std::string message) &&;
  Diagnostic&& with_severity(Severity value) &&;
};

/// Starts a diagnostic of `kind` at `subject` with the kind's default severity.
Diagnostic make_diagnostic(DiagCode kind, std::optional<SourceRange> subject, std::string summary);

/// An append-only collection of diagnostics.
class Diagnostics {
 public:
  /// How long each text of a diagnostic may be; add() cuts longer ones (they quote user input).
  static constexpr std::size_t kMaxSummaryBytes = 400;
  static constexpr std::size_t kMaxDetailBytes = 4000;
  static constexpr std::size_t kMaxSuggestionBytes = 200;

  void add(Diagnostic diagnostic);
  /// Shorthand for add(make_diagnostic(...).with_detail(detail)).
  void error(DiagCode kind, const SourceRange& subject, std::string summary, std::string detail = {});
  void append(const Diagnostics& other);

  bool has_errors() const { return error_count() > 0; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  /// Diagnostics in a stable reading order: by file, line, column, then code and summary.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace pipectl
