#include "lambda_package.h"

#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "lambda_module.h"

#include "pipectl/platform/paths.h"
#include "pipectl/platform/file_system.h"
#include "pipectl/platform/sha256.h"
#include "pipectl/platform/zip_writer.h"

namespace fs = std::filesystem;

namespace pipectl::modules {
namespace {

/// A private temporary folder for dependencies when there is no cache, made when first needed
/// and removed when packaging ends.
class Scratch {
 public:
  Scratch() = default;
  ~Scratch() {
    std::error_code ignored;
    if (path_) fs::remove_all(*path_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  Outcome<fs::path> path() {
    if (path_) return *path_;
    auto made = make_private_temporary_directory("pipectl-packaging-");
    if (made) path_ = *made;
    return made;
  }

 private:
  std::optional<fs::path> path_;
};

class Packager {
 public:
  Packager(const PipOptions& pip, Diagnostics& diagnostics) : pip_(pip), diagnostics_(diagnostics) {}

  /// The zip of `request`, reported against `component` (the first function built from it).
  std::optional<Artifact> package(const Component& component, const LambdaPackage& request,
                                  std::string path) {
    auto files = list_package_files(request.source, excluded_source);
    if (!files) return fail(component, files.error());
    if (files->empty()) {
      return fail(component, request.shown_as + " holds no files to package.");
    }
    if (!request.requirements.empty() && !add_dependencies(component, request, *files)) {
      return std::nullopt;
    }
    std::vector<ZipEntry> entries;
    entries.reserve(files->size());
    for (const PackageFile& file : *files) {
      auto data = read_file(file.path);
      if (!data) return fail(component, "Cannot read " + display_path(file.path) + ".");
      entries.push_back({file.relative, std::move(*data), file.executable});
    }
    Artifact artifact;
    artifact.path = std::move(path);
    auto zip = build_zip_cached(entries, pip_.cache_dir);
    if (!zip) return fail(component, zip.error());
    artifact.bytes = std::move(*zip);
    artifact.sha256_base64 = base64(sha256(artifact.bytes));
    return artifact;
  }

 private:
  /// Installs the requirements and adds their files, in path order, to the sources' files.
  bool add_dependencies(const Component& component, const LambdaPackage& request,
                        std::vector<PackageFile>& files) {
    std::string shown = request.shown_as + "/requirements.txt";
    fs::path scratch;  // only without a cache do installs go to a folder of their own
    if (pip_.cache_dir.empty()) {
      auto made = scratch_.path();
      if (!made) return fail(component, made.error()), false;
      scratch = *made;
    }
    auto installed = install_python_dependencies(
        {request.requirements, shown, request.python_version, request.architecture}, pip_,
        scratch);
    if (!installed) return fail(component, installed.error()), false;
    auto dependencies = list_package_files(*installed, excluded_from_dependencies);
    if (!dependencies) return fail(component, dependencies.error()), false;
    std::map<std::string, PackageFile> merged;
    for (PackageFile& file : files) merged.emplace(file.relative, std::move(file));
    for (PackageFile& file : *dependencies) {
      if (merged.count(file.relative)) {
        return fail(component, "requirements.txt installs " + file.relative +
                                   ", which the source folder has too; rename the source file."),
               false;
      }
      merged.emplace(file.relative, std::move(file));
    }
    files.clear();
    for (auto& [relative, file] : merged) files.push_back(std::move(file));
    return true;
  }

  std::nullopt_t fail(const Component& component, const std::string& why) {
    diagnostics_.error(DiagCode::PackagingFailed, component.declared_at,
                       "Cannot package \"" + component.name + "\"", why);
    return std::nullopt;
  }

  const PipOptions& pip_;
  Diagnostics& diagnostics_;
  Scratch scratch_;
};

}  // namespace

LambdaPackage lambda_package(const Component& function, const ResourceGraph& graph) {
  const auto& config = function.config_as<LambdaConfig>();
  const EnvironmentSettings& settings = graph.settings();
  LambdaPackage package;
  package.source = settings.lambda_sources / config.source.value;
  package.shown_as = settings.lambda_sources_shown + "/" + config.source.value;
  package.named_at = config.source.at;
  auto requirements = read_file(package.source / "requirements.txt");
  if (requirements && has_requirements(*requirements)) {
    package.requirements = package.source / "requirements.txt";
  }
  package.python_version = config.runtime.value.substr(std::string("python").size());
  package.architecture = config.architecture;
  return package;
}

namespace {

/// What makes two packages the same zip: the folder, the dependencies and the platform they are
/// installed for.
using PackageKey = std::tuple<fs::path, fs::path, std::string, std::string>;

PackageKey key_of(const LambdaPackage& package) {
  return {package.source, package.requirements, package.python_version, package.architecture};
}

/// artifacts/<source>.zip, or, where one folder is packaged for several runtimes or
/// architectures, artifacts/<source>-python<version>-<architecture>.zip for each.
std::string artifact_path(const LambdaPackage& package, std::string_view source,
                          bool folder_has_variants) {
  std::string name = fs::path(source).lexically_normal().generic_string();
  if (folder_has_variants) name += "-python" + package.python_version + "-" + package.architecture;
  return "artifacts/" + name + ".zip";
}

}  // namespace

Artifacts package_functions(const std::vector<const Component*>& functions,
                            const ResourceGraph& graph, const PipOptions& pip,
                            Diagnostics& diagnostics) {
  // Functions in name order; each package is built once, for the first function that uses it.
  std::map<PackageKey, std::vector<const Component*>> users;
  std::map<PackageKey, LambdaPackage> packages;
  std::map<fs::path, int> variants_of_folder;
  for (const Component* function : functions) {
    LambdaPackage package = lambda_package(*function, graph);
    PackageKey key = key_of(package);
    if (users[key].empty()) ++variants_of_folder[package.source];
    users[key].push_back(function);
    packages.try_emplace(key, std::move(package));
  }
  Artifacts artifacts;
  Packager packager(pip, diagnostics);
  for (const auto& [key, package] : packages) {
    const Component& first = *users[key].front();
    std::string path = artifact_path(package, first.config_as<LambdaConfig>().source.value,
                                     variants_of_folder[package.source] > 1);
    auto artifact = packager.package(first, package, std::move(path));
    if (!artifact) continue;
    auto shared = std::make_shared<const Artifact>(std::move(*artifact));
    for (const Component* function : users[key]) artifacts.emplace(function->name, shared);
  }
  return artifacts;
}

}  // namespace pipectl::modules
