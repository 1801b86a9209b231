// The code's layers point one way: platform ← core ← passes, modules ← views, workflow ← cli.
// Every quoted #include in include/, src/ and modules/ is checked against that order, so an
// include against it fails this test instead of growing into a cycle between layers.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::source_root;

enum class Layer { Platform, Core, Passes, Modules, Views, Workflow, Cli };

const char* layer_name(Layer layer) {
  switch (layer) {
    case Layer::Platform: return "platform";
    case Layer::Core: return "core";
    case Layer::Passes: return "passes";
    case Layer::Modules: return "modules";
    case Layer::Views: return "views";
    case Layer::Workflow: return "workflow";
    case Layer::Cli: return "cli";
  }
  return "?";
}

/// What each layer may include besides itself. Passes reach module kinds only through the
/// registry (core); modules never call a pass.
const std::map<Layer, std::set<Layer>>& allowed_includes() {
  static const std::map<Layer, std::set<Layer>> allowed = {
      {Layer::Platform, {}},
      {Layer::Core, {Layer::Platform}},
      {Layer::Passes, {Layer::Platform, Layer::Core}},
      {Layer::Modules, {Layer::Platform, Layer::Core}},
      {Layer::Views, {Layer::Platform, Layer::Core, Layer::Passes}},
      {Layer::Workflow, {Layer::Platform, Layer::Core, Layer::Passes}},
      {Layer::Cli,
       {Layer::Platform, Layer::Core, Layer::Passes, Layer::Modules, Layer::Views,
        Layer::Workflow}},
  };
  return allowed;
}

/// The layer of a path relative to the repository root ("src/passes/compile.cpp",
/// "include/pipectl/views/output_format.h").
std::optional<Layer> layer_of(const std::string& path) {
  static const std::vector<std::pair<std::string, Layer>> prefixes = {
      {"include/pipectl/platform/", Layer::Platform}, {"src/platform/", Layer::Platform},
      {"include/pipectl/passes/", Layer::Passes},     {"src/passes/", Layer::Passes},
      {"include/pipectl/views/", Layer::Views},       {"src/views/", Layer::Views},
      {"include/pipectl/workflow/", Layer::Workflow}, {"src/workflow/", Layer::Workflow},
      {"src/cli/", Layer::Cli},                       {"src/main.cpp", Layer::Cli},
      {"modules/", Layer::Modules},                   {"src/core/", Layer::Core},
  };
  for (const auto& [prefix, layer] : prefixes) {
    if (path.rfind(prefix, 0) == 0) return layer;
  }
  // The headers directly in include/pipectl/ are the core's public API.
  if (path.rfind("include/pipectl/", 0) == 0 && path.find('/', 16) == std::string::npos) {
    return Layer::Core;
  }
  return std::nullopt;
}

/// The file a quoted include names: "pipectl/x.h" from include/, "views/x.h" or "cli/x.h" from
/// src/, "modules/..." from the root, anything else beside the including file.
std::string included_path(const std::string& including, const std::string& written) {
  if (written.rfind("pipectl/", 0) == 0) return "include/" + written;
  if (written.rfind("modules/", 0) == 0) return written;
  if (fs::exists(source_root() / "src" / written)) return "src/" + written;
  return (fs::path(including).parent_path() / written).lexically_normal().generic_string();
}

struct Include {
  std::string file;
  int line = 0;
  std::string written;
};

std::vector<Include> quoted_includes(const std::string& path) {
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<Include> found;
  std::ifstream in(source_root() / path);
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    std::smatch match;
    if (std::regex_search(text, match, include)) found.push_back({path, line, match[1].str()});
  }
  return found;
}

std::vector<std::string> code_files() {
  std::vector<std::string> files;
  for (const char* top : {"include", "src", "modules"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source_root() / top)) {
      std::string extension = entry.path().extension().string();
      if (extension != ".h" && extension != ".cpp" && extension != ".def") continue;
      files.push_back(fs::relative(entry.path(), source_root()).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// "src/x.cpp:3: core includes passes (pipectl/passes/y.h)" for each include against the order.
std::vector<std::string> layer_violations() {
  std::vector<std::string> violations;
  for (const std::string& file : code_files()) {
    std::optional<Layer> from = layer_of(file);
    for (const Include& include : quoted_includes(file)) {
      std::string where = file + ":" + std::to_string(include.line) + ": ";
      std::string target = included_path(file, include.written);
      std::optional<Layer> to = layer_of(target);
      if (!from || !to) {
        violations.push_back(where + "no layer for " + (from ? target : file));
      } else if (*from != *to && allowed_includes().at(*from).count(*to) == 0) {
        violations.push_back(where + layer_name(*from) + " includes " + layer_name(*to) + " (" +
                             include.written + ")");
      }
    }
  }
  return violations;
}

TEST(Layers, NoIncludeGoesAgainstTheLayerOrder) {
  std::vector<std::string> violations = layer_violations();
  std::string listing;
  for (const std::string& violation : violations) listing += violation + "\n";
  EXPECT_TRUE(violations.empty()) << listing;
}

TEST(Layers, TheCheckSeesEveryLayerAndCatchesAnUpwardInclude) {
  // The check is only worth something if it reads real includes and would reject one.
  std::set<Layer> seen;
  for (const std::string& file : code_files()) {
    if (auto layer = layer_of(file)) seen.insert(*layer);
  }
  EXPECT_EQ(seen.size(), allowed_includes().size());
  EXPECT_FALSE(quoted_includes("src/passes/compile.cpp").empty());
  EXPECT_EQ(layer_of(included_path("src/core/iam.cpp", "pipectl/passes/derive_iam.h")),
            Layer::Passes);
  EXPECT_EQ(allowed_includes().at(Layer::Core).count(Layer::Passes), 0u);
  EXPECT_EQ(layer_of(included_path("modules/s3/s3_module.cpp", "s3_module.h")), Layer::Modules);
}

}  // namespace
}  // namespace pipectl
