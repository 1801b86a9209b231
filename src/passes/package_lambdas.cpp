#include "pipectl/passes/package_lambdas.h"

#include "pipectl/paths.h"
#include "pipectl/platform/file_system.h"
#include "pipectl/platform/sha256.h"
#include "pipectl/platform/zip_writer.h"

namespace pipectl {
namespace {

std::optional<Artifact> package(const Component& component, const std::filesystem::path& source,
                                Diagnostics& diagnostics) {
  auto fail = [&](const std::string& why) {
    diagnostics.error(DiagCode::PackagingFailed, component.declared_at,
                      "Cannot package \"" + component.name + "\"", why);
    return std::nullopt;
  };
  std::string error;
  auto files = list_package_files(source, error);
  if (!files) return fail(error);
  if (files->empty()) return fail(display_path(source) + " holds no files to package.");
  std::vector<ZipEntry> entries;
  entries.reserve(files->size());
  for (const PackageFile& file : *files) {
    auto data = read_file(file.path);
    if (!data) return fail("cannot read " + display_path(file.path));
    entries.push_back({file.relative, std::move(*data), file.executable});
  }
  Artifact artifact;
  artifact.path = "artifacts/" + component.name + ".zip";
  try {
    artifact.bytes = build_zip(entries);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  artifact.sha256_base64 = base64(sha256(artifact.bytes));
  return artifact;
}

}  // namespace

Artifacts package_lambdas(const ResourceGraph& graph, Diagnostics& diagnostics) {
  Artifacts artifacts;
  for (const auto& component : graph.components()) {
    auto source = component->kind->package_source(*component, graph);
    if (!source) continue;
    if (auto artifact = package(*component, *source, diagnostics)) {
      artifacts.emplace(component->name, std::move(*artifact));
    }
  }
  return artifacts;
}

}  // namespace pipectl
