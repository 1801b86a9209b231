#pragma once
/// The compiler driver: runs the passes in order and stops between stages when one reported
/// errors, so later passes never see broken input.

#include <filesystem>
#include <optional>

#include "pipectl/diagnostic.h"
#include "pipectl/passes/derive_iam.h"
#include "pipectl/passes/load_spec.h"
#include "pipectl/passes/render_terraform.h"
#include "pipectl/platform/pip.h"
#include "pipectl/resource_graph.h"
#include "pipectl/source.h"

namespace pipectl {

struct Compilation {
  SourceFiles sources;
  Diagnostics diagnostics;
  std::optional<ResourceGraph> graph;
  DerivedRoles roles;
  RenderedOutput output;

  bool ok() const { return !diagnostics.has_errors(); }
};

/// Choices made on the command line rather than in the spec.
struct CompileOptions {
  /// Overrides the spec's `aws.endpoint` (local endpoint mode).
  std::optional<std::string> aws_endpoint;
  /// How pip runs for functions with requirements; its find_links overrides the spec's.
  PipOptions pip;
  /// How large an input may be (SpecLimits::from_environment() on the command line).
  SpecLimits limits;
};

/// Compiles the environment at `env_path` (a directory with pipeline.yaml, or a spec file) into
/// rendered files in memory. Writing them is a separate step (write_output), so `validate` runs
/// every check `render` does and writes nothing.
Compilation compile_environment(const std::filesystem::path& env_path,
                                const CompileOptions& options = {});

/// The default output directory of an environment: `<environment directory>/terraform`, or
/// `<environment directory>/terraform-local` in local endpoint mode, so an emulator's state and
/// plans never share a directory with a real account's.
std::filesystem::path default_output_directory(const std::filesystem::path& env_path,
                                               bool local_endpoint);

}  // namespace pipectl
