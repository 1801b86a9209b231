#include "pipectl/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace pipectl {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

const std::vector<DiagInfo>& all_diagnostic_kinds() {
  static const std::vector<DiagInfo> kinds = {
#define PIPECTL_DIAG(name, code, severity, title) \
  {DiagCode::name, #name, code, Severity::severity, title},
#include "pipectl/diagnostic_codes.def"
#undef PIPECTL_DIAG
  };
  return kinds;
}

const DiagInfo& diag_info(DiagCode kind) {
  return all_diagnostic_kinds()[static_cast<std::size_t>(kind)];
}

Diagnostic&& Diagnostic::with_detail(std::string text) && {
  detail = std::move(text);
  return std::move(*this);
}

Diagnostic&& Diagnostic::with_suggestion(std::string text) && {
  suggestion = std::move(text);
  return std::move(*this);
}

Diagnostic&& Diagnostic::with_related(SourceRange range, std::string message) && {
  related.push_back({std::move(range), std::move(message)});
  return std::move(*this);
}

Diagnostic&& Diagnostic::with_severity(Severity value) && {
  severity = value;
  return std::move(*this);
}

Diagnostic make_diagnostic(DiagCode kind, std::optional<SourceRange> subject, std::string summary) {
  Diagnostic diagnostic;
  diagnostic.kind = kind;
  diagnostic.severity = diag_info(kind).severity;
  diagnostic.summary = std::move(summary);
  if (subject && subject->known()) diagnostic.subject = std::move(subject);
  return diagnostic;
}

namespace {

/// Messages quote what the user wrote, which can be a value of many kilobytes; no message needs
/// more than a screenful. Cut at a character boundary and marked.
void cut(std::string& text, std::size_t limit) {
  if (text.size() <= limit) return;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) >> 6) == 0x2) --end;
  text.resize(end);
  text += "…";
}

}  // namespace

void Diagnostics::add(Diagnostic diagnostic) {
  cut(diagnostic.summary, kMaxSummaryBytes);
  cut(diagnostic.detail, kMaxDetailBytes);
  cut(diagnostic.suggestion, kMaxSuggestionBytes);
  for (RelatedLocation& related : diagnostic.related) cut(related.message, kMaxSummaryBytes);
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(DiagCode kind, const SourceRange& subject, std::string summary,
                        std::string detail) {
  add(make_diagnostic(kind, subject, std::move(summary)).with_detail(std::move(detail)));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
    return d.severity == Severity::Error;
  }));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
    return d.severity == Severity::Warning;
  }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> result = items_;
  // Sourceless diagnostics (bad arguments, environment) come first: they usually explain the rest.
  auto key = [](const Diagnostic& d) {
    const SourceRange empty;
    const SourceRange& at = d.subject ? *d.subject : empty;
    return std::make_tuple(at.file, at.begin.line, at.begin.column, d.code(), d.summary);
  };
  std::stable_sort(result.begin(), result.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  return result;
}

}  // namespace pipectl
