#include "firehose_prefix.h"

#include <vector>

namespace pipectl::modules {
namespace {

struct Expression {
  std::string text;  ///< "timestamp:yyyy" (without the surrounding !{ })
  bool closed = true;
};

std::vector<Expression> expressions_in(const std::string& prefix) {
  std::vector<Expression> result;
  for (std::size_t at = prefix.find("!{"); at != std::string::npos; at = prefix.find("!{", at + 2)) {
    auto close = prefix.find('}', at);
    if (close == std::string::npos) {
      result.push_back({prefix.substr(at + 2), false});
      break;
    }
    result.push_back({prefix.substr(at + 2, close - at - 2), true});
  }
  return result;
}

/// Why an expression is not allowed, or "" if it is.
std::string expression_problem(const Expression& expression, bool error_prefix) {
  if (!expression.closed) return "\"!{" + expression.text + "\" is not closed with \"}\"";
  const std::string& text = expression.text;
  if (text.rfind("timestamp:", 0) == 0 && text.size() > 10) return "";
  if (text == "firehose:random-string") return "";
  if (text == "firehose:error-output-type") {
    return error_prefix ? "" : "!{firehose:error-output-type} is allowed only in error_output_prefix";
  }
  if (text.rfind("partitionKeyFrom", 0) == 0) {
    return "!{" + text + "} needs dynamic partitioning, which pipectl does not configure";
  }
  return "unknown expression !{" + text + "}";
}

bool check_one(const OptionValues& options, const std::string& key, const std::string& prefix,
               bool error_prefix, Diagnostics& diagnostics) {
  bool has_expressions = false;
  for (const Expression& expression : expressions_in(prefix)) {
    has_expressions = true;
    std::string problem = expression_problem(expression, error_prefix);
    if (!problem.empty()) {
      diagnostics.error(DiagCode::InvalidValue, options.range(key),
                        "Invalid expression in \"" + key + "\": " + problem,
                        "Firehose accepts !{timestamp:<format>} and !{firehose:random-string}, "
                        "and in error_output_prefix also !{firehose:error-output-type}.");
    }
  }
  if (prefix.size() > 1024) {
    diagnostics.error(DiagCode::LimitExceeded, options.range(key),
                      "\"" + key + "\" is longer than Firehose's limit of 1024 characters",
                      "Shorten it to 1024 characters or fewer.");
  }
  return has_expressions;
}

}  // namespace

void check_prefixes(const OptionValues& options, const FirehoseConfig& config,
                    Diagnostics& diagnostics) {
  bool prefix_expressions = check_one(options, "prefix", config.prefix, false, diagnostics);
  bool error_expressions =
      check_one(options, "error_output_prefix", config.error_output_prefix, true, diagnostics);
  if (prefix_expressions && config.error_output_prefix.empty()) {
    diagnostics.error(DiagCode::InvalidCombination, options.range("prefix"),
                      "\"prefix\" uses !{...} expressions but no error_output_prefix is set",
                      "Firehose requires an error output prefix with expression prefixes, e.g. "
                      "`error_output_prefix: errors/!{firehose:error-output-type}/`.");
  }
  if (error_expressions &&
      config.error_output_prefix.find("!{firehose:error-output-type}") == std::string::npos) {
    diagnostics.error(DiagCode::InvalidCombination, options.range("error_output_prefix"),
                      "\"error_output_prefix\" uses expressions but not "
                      "!{firehose:error-output-type}",
                      "Firehose requires it in an error output prefix that has expressions.");
  }
}

}  // namespace pipectl::modules
