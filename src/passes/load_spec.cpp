#include "pipectl/passes/load_spec.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "pipectl/platform/paths.h"
#include "pipectl/spec_merge.h"
#include "pipectl/suggest.h"
#include "pipectl/text.h"
#include "pipectl/yaml_reader.h"

namespace fs = std::filesystem;

namespace pipectl {
namespace {

/// Follows `extends:` chains. Each file is read once per chain; cycles are reported.
class SpecLoader {
 public:
  SpecLoader(SourceFiles& sources, Diagnostics& diagnostics, const SpecLimits& limits)
      : sources_(sources), diagnostics_(diagnostics), limits_(limits) {}

  std::optional<SpecNode> load(const std::string& path, const std::optional<SourceRange>& cited_at) {
    if (std::find(chain_.begin(), chain_.end(), path) != chain_.end()) {
      report_cycle(path, *cited_at);
      return std::nullopt;
    }
    if (static_cast<int>(chain_.size()) >= limits_.max_extends_depth) {
      diagnostics_.error(DiagCode::LimitExceeded, *cited_at,
                         "More than " + std::to_string(limits_.max_extends_depth) +
                             " spec files extend each other",
                         "The chain is " + join(chain_, " → ") + " → " + path +
                             ". One base, or a base and a shared base, is enough for any "
                             "environment.");
      return std::nullopt;
    }
    auto file = read_file_within(path, limits_.max_file_bytes);
    if (!file.text) {
      report_unreadable(path, cited_at, file.error);
      return std::nullopt;
    }
    chain_.push_back(path);
    files_.push_back(path);
    std::string_view stored = sources_.add(path, normalize_source(std::move(*file.text)));
    auto root = read_yaml(stored, path, diagnostics_, limits_.yaml);
    if (!root) return std::nullopt;
    report_duplicate_keys(*root, diagnostics_);
    if (!root->is_map()) {
      if (root->is_null()) root->type = SpecNode::Type::Map;
      else {
        diagnostics_.error(DiagCode::WrongType, root->range,
                           "A spec file must be a mapping of settings, not " + root->describe_type(),
                           "Start with `project:`, `environment:`, `region:` and `components:`.");
        return std::nullopt;
      }
    }
    auto result = resolve_extends(path, std::move(*root));
    chain_.pop_back();
    return result;
  }

  const std::vector<std::string>& files() const { return files_; }

 private:
  std::optional<SpecNode> resolve_extends(const std::string& path, SpecNode root) {
    auto extends = std::find_if(root.entries.begin(), root.entries.end(),
                                [](const SpecEntry& entry) { return entry.key == "extends"; });
    if (extends == root.entries.end()) return root;
    SpecNode target = extends->value;
    root.entries.erase(extends);
    if (!target.is_scalar() || target.text.empty()) {
      diagnostics_.error(DiagCode::WrongType, target.range,
                         "\"extends\" must be the path of a base spec file, not " +
                             target.describe_type(),
                         "Write a path relative to this file, e.g. `extends: ../base.yaml`.");
      return std::nullopt;
    }
    std::string base_path = display_path(fs::path(path).parent_path() / target.text);
    auto base = load(base_path, target.range);
    if (!base) return std::nullopt;
    return merge_spec(std::move(*base), root);
  }

  void report_cycle(const std::string& path, const SourceRange& cited_at) {
    std::string cycle;
    auto start = std::find(chain_.begin(), chain_.end(), path);
    for (auto it = start; it != chain_.end(); ++it) cycle += *it + " → ";
    cycle += path;
    diagnostics_.error(DiagCode::ExtendsCycle, cited_at, "Spec files extend each other in a cycle",
                       "The chain is " + cycle + ". A base file must not extend a file that "
                       "extends it; move what they share into one base.");
  }

  void report_unreadable(const std::string& path, const std::optional<SourceRange>& cited_at,
                         const std::string& why) {
    bool too_large = why.find("more than the limit") != std::string::npos;
    std::string limit_hint =
        too_large ? " Set PIPECTL_MAX_SPEC_BYTES to allow larger spec files." : "";
    if (cited_at) {
      diagnostics_.error(DiagCode::SpecNotFound, *cited_at,
                         "Cannot read base spec \"" + path + "\": " + why,
                         "`extends:` paths are relative to the file that contains them." +
                             limit_hint);
      return;
    }
    auto diagnostic = make_diagnostic(DiagCode::SpecNotFound, std::nullopt,
                                      "Cannot read spec file \"" + path + "\": " + why);
    if (too_large) {
      diagnostic.detail = "No spec comes near this size." + limit_hint;
      diagnostics_.add(std::move(diagnostic));
      return;
    }
    diagnostic.detail = std::string("An environment is a directory holding ") + kSpecFileName +
                        " (e.g. envs/prod), or the path of a spec file.";
    diagnostic.suggestion = nearest_environment(path);
    diagnostics_.add(std::move(diagnostic));
  }

  /// For "envs/prd/pipeline.yaml", a sibling environment directory with a similar name.
  static std::string nearest_environment(const std::string& path) {
    fs::path env_dir = fs::path(path).parent_path();
    fs::path parent = env_dir.parent_path();
    std::error_code error;
    std::vector<std::string> siblings;
    for (const auto& entry : fs::directory_iterator(parent.empty() ? "." : parent, error)) {
      if (entry.is_directory(error) && fs::exists(entry.path() / kSpecFileName, error)) {
        siblings.push_back(entry.path().filename().string());
      }
    }
    auto guess = nearest(env_dir.filename().string(), siblings);
    return guess ? display_path(parent / *guess) : std::string();
  }

  SourceFiles& sources_;
  Diagnostics& diagnostics_;
  const SpecLimits& limits_;
  std::vector<std::string> chain_;
  std::vector<std::string> files_;
};

}  // namespace

SpecLimits SpecLimits::from_environment() {
  SpecLimits limits;
  if (const char* bytes = std::getenv("PIPECTL_MAX_SPEC_BYTES")) {
    std::uintmax_t value = 0;
    auto [end, error] = std::from_chars(bytes, bytes + std::strlen(bytes), value);
    if (error == std::errc() && *end == '\0' && value > 0) limits.max_file_bytes = value;
  }
  return limits;
}

std::optional<LoadedSpec> load_spec(const fs::path& env_path, SourceFiles& sources,
                                    Diagnostics& diagnostics, const SpecLimits& limits) {
  std::error_code error;
  fs::path spec_file = fs::is_directory(env_path, error) ? env_path / kSpecFileName : env_path;
  if (!fs::exists(spec_file, error) && env_path.extension() != ".yaml" &&
      env_path.extension() != ".yml") {
    spec_file = env_path / kSpecFileName;
  }
  SpecLoader loader(sources, diagnostics, limits);
  std::string shown = display_path(spec_file);
  auto root = loader.load(shown, std::nullopt);
  if (!root) return std::nullopt;
  if (const SpecEntry* components = root->find_entry("components");
      components != nullptr && components->value.entries.size() > limits.max_components) {
    diagnostics.error(DiagCode::LimitExceeded, components->key_range,
                      std::to_string(components->value.entries.size()) +
                          " components, more than the limit of " +
                          std::to_string(limits.max_components),
                      "Split the pipeline into several environments.");
    return std::nullopt;
  }

  LoadedSpec spec;
  spec.settings = decode_settings(*root, diagnostics);
  spec.settings.spec_display_path = shown;
  spec.settings.files = loader.files();
  fs::path spec_dir = fs::absolute(spec_file, error).parent_path();
  auto project_root = find_project_root(spec_dir);
  if (!project_root && !spec.settings.lambda_sources.empty()) {
    // A renamed sources folder (`lambda_sources: ../../functions`) marks the project root as
    // lambda_sources/ does, when the spec lies below the folder holding it.
    fs::path holder = fs::weakly_canonical(spec.settings.lambda_sources, error).parent_path();
    fs::path below = fs::weakly_canonical(spec_dir, error).lexically_relative(holder);
    if (!below.empty() && *below.begin() != "..") project_root = holder;
  }
  spec.settings.project_root = project_root ? *project_root : fs::weakly_canonical(spec_dir, error);
  if (project_root && !spec.settings.lambda_sources_written) {
    spec.settings.lambda_sources = *project_root / "lambda_sources";
  }
  spec.settings.spec_project_path = display_path(
      fs::weakly_canonical(fs::absolute(spec_file, error), error)
          .lexically_relative(spec.settings.project_root));
  spec.root = std::move(*root);
  return spec;
}

}  // namespace pipectl
