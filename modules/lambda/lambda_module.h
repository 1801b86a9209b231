#pragma once
/// lambda: a Python Lambda function packaged from a folder under lambda_sources/.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lambda_permissions.h"
#include "pipectl/located.h"
#include "pipectl/module_kind.h"
#include "pipectl/option_values.h"

namespace pipectl::modules {

/// Defaults and ranges are declared once, in the kind's option table (lambda_module.cpp).
struct LambdaConfig : ComponentConfig {
  Located<std::string> source;   ///< folder name under lambda_sources/
  Located<std::string> handler;  ///< module.function
  Located<std::string> runtime;
  std::int64_t memory_mb{};
  std::int64_t timeout_seconds{};
  std::string architecture;
  std::vector<MapValue> environment;
  Located<std::int64_t> log_retention_days;
  std::optional<Located<std::int64_t>> reserved_concurrency;
  std::string description;
  /// Access to things outside the spec, as the user wrote it ...
  std::vector<ExtraPermission> extra_permissions;
  /// ... and as the statements added to the role (rendered as written).
  std::vector<PolicyStatement> extra_statements;
};

/// Lambda Python runtimes pipectl accepts, newest last.
const std::vector<std::string>& supported_python_runtimes();

std::unique_ptr<ModuleKind> make_lambda_module();

}  // namespace pipectl::modules
