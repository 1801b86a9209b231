#pragma once
/// Compile-time checks of a Lambda component: environment variables, source folder, handler.

#include "lambda_module.h"
#include "pipectl/resource_graph.h"

namespace pipectl::modules {

/// Names AWS accepts and does not reserve; a total size within Lambda's 4 KB limit.
void check_environment(const LambdaConfig& config, Diagnostics& diagnostics);

/// The source folder exists inside lambda_sources/ (no `..`, no symlink leading out), and the
/// handler's module file exists and defines the handler function. (That the sources parse is
/// checked with the other functions' code, in lambda_python_syntax.cpp.)
void check_source_and_handler(const Component& component, const EnvironmentSettings& settings,
                              Diagnostics& diagnostics);

/// Environment values that refer to a stream or bucket the function's role may not use.
void check_environment_grants(const Component& component, const ResourceGraph& graph,
                              Diagnostics& diagnostics);

}  // namespace pipectl::modules
