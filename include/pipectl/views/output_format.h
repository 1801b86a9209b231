#pragma once
/// The formats diagnostics and command results can be shown in (`--format`).

#include <optional>
#include <string_view>
#include <vector>

namespace pipectl {

enum class OutputFormat {
  Text,    ///< for people, on stderr
  Json,    ///< one document on stdout, in the shape of `terraform validate -json`
  Sarif,   ///< a SARIF 2.1.0 log for code scanning
  Github,  ///< GitHub Actions annotations
};

/// "text", "json", "sarif", "github".
std::string_view format_name(OutputFormat format);
/// The format a `--format` value names, if any.
std::optional<OutputFormat> parse_output_format(std::string_view name);
/// Every format, in the order `--help` lists them.
const std::vector<OutputFormat>& all_output_formats();

}  // namespace pipectl
