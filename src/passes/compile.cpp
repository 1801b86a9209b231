#include "pipectl/passes/compile.h"

#include <set>

#include "pipectl/module_registry.h"
#include "pipectl/passes/build_graph.h"
#include "pipectl/passes/check_graph.h"
#include "pipectl/passes/check_code.h"
#include "pipectl/passes/decode_components.h"
#include "pipectl/passes/load_spec.h"
#include "pipectl/passes/package_components.h"
#include "pipectl/passes/report_findings.h"

namespace fs = std::filesystem;

namespace pipectl {
namespace {

std::set<std::string> declared_names(const LoadedSpec& spec) {
  std::set<std::string> names;
  if (const SpecNode* components = spec.root.find("components")) {
    for (const SpecEntry& entry : components->entries) names.insert(entry.key);
  }
  return names;
}

}  // namespace

Compilation compile_environment(const fs::path& env_path, const CompileOptions& options) {
  Compilation result;
  Diagnostics& diagnostics = result.diagnostics;

  // Stage 1: the spec and its components, with references resolved. Decoding errors in one
  // component do not hide reference errors in another, so these run as one stage.
  // Stage 2 runs even after errors, on the components that decoded cleanly, so one run reports
  // every independent problem; nothing is derived or rendered from a spec with errors.
  auto spec = load_spec(env_path, result.sources, diagnostics, options.limits);
  if (!spec) return result;
  if (options.aws_endpoint) {
    spec->settings.aws = {*options.aws_endpoint, {}};
    check_endpoint_url(spec->settings.aws, diagnostics);
  }
  auto components = decode_components(*spec, ModuleRegistry::builtin(), diagnostics);
  result.graph.emplace(build_graph(std::move(spec->settings), std::move(components),
                                   declared_names(*spec), diagnostics));
  spec.reset();  // the graph holds all that is needed now; a large spec's tree is freed early

  // Stage 2: checks that need the whole graph.
  check_graph(*result.graph, diagnostics);
  check_code(*result.graph, options.pip, result.sources, diagnostics);
  if (diagnostics.has_errors()) return result;

  // Stage 3: derived IAM, the security findings it allows, and packages.
  result.roles = derive_iam(*result.graph, diagnostics);
  report_findings(*result.graph, result.roles, diagnostics);
  PipOptions pip = options.pip;
  if (!pip.find_links) pip.find_links = result.graph->settings().find_links;
  Artifacts artifacts = package_components(*result.graph, pip, diagnostics);
  if (diagnostics.has_errors()) return result;

  // Stage 4: Terraform JSON in memory; the caller decides whether to write it.
  result.output = render_terraform(*result.graph, result.roles, artifacts, diagnostics);
  return result;
}

fs::path default_output_directory(const fs::path& env_path, bool local_endpoint) {
  std::error_code error;
  fs::path directory = fs::is_regular_file(env_path, error) ? env_path.parent_path() : env_path;
  return directory / (local_endpoint ? "terraform-local" : "terraform");
}

}  // namespace pipectl
