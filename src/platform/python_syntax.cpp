#include "pipectl/platform/python_syntax.h"

#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "pipectl/platform/file_system.h"
#include "pipectl/platform/paths.h"
#include "pipectl/platform/sha256.h"
#include "pipectl/platform/subprocess.h"

namespace fs = std::filesystem;

namespace pipectl {
namespace {

constexpr auto kTimeout = std::chrono::seconds(60);

// Parses (ast.parse compiles to a tree and runs nothing) each file named after the target
// version, and prints one JSON line: the interpreter's version and every syntax error.
constexpr const char* kChecker = R"PY(
import ast, json, sys, warnings
here = sys.version_info[:2]
target = tuple(int(part) for part in sys.argv[1].split("."))
problems = []
for path in sys.argv[2:]:
    try:
        with open(path, "rb") as file:
            source = file.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source, path, feature_version=min(target, here))
    except SyntaxError as error:
        problems.append({"file": path, "line": error.lineno or 0, "column": error.offset or 0,
                         "message": error.msg})
    except (ValueError, OSError) as error:
        problems.append({"file": path, "line": 0, "column": 0, "message": str(error)})
print(json.dumps({"version": "%d.%d" % here, "problems": problems}))
)PY";

std::string cache_key(const std::string& python, const std::string& target_version,
                      const std::vector<fs::path>& files) {
  std::string key = python + '\0' + target_version + '\0';
  for (const fs::path& file : files) {
    key += file.string() + '\0' + hex(sha256(read_file(file).value_or(""))) + '\0';
  }
  return hex(sha256(key));
}

nlohmann::json to_json(const PythonSyntaxReport& report) {
  nlohmann::json problems = nlohmann::json::array();
  for (const PythonSyntaxProblem& problem : report.problems) {
    problems.push_back({{"file", problem.file.string()}, {"line", problem.line},
                        {"column", problem.column}, {"message", problem.message}});
  }
  return {{"version", report.interpreter_version}, {"problems", problems}};
}

PythonSyntaxReport from_json(const nlohmann::json& json) {
  PythonSyntaxReport report;
  report.checked = true;
  report.interpreter_version = json.value("version", "");
  for (const auto& problem : json["problems"]) {
    report.problems.push_back({problem.value("file", ""), problem.value("line", 0),
                               problem.value("column", 0), problem.value("message", "")});
  }
  return report;
}

std::optional<PythonSyntaxReport> read_cached(const fs::path& file) {
  auto text = read_file(file);
  if (!text) return std::nullopt;
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("problems") || !json["problems"].is_array()) {
    return std::nullopt;  // damaged: run the checker again
  }
  return from_json(json);
}

/// Written beside and renamed into place, so a concurrent run reads a whole entry or none.
void write_cached(const fs::path& file, const PythonSyntaxReport& report) {
  std::error_code error;
  fs::create_directories(file.parent_path(), error);
  // A cache entry that cannot be written only costs a parse next time.
  (void)replace_file(file, to_json(report).dump(-1, ' ', false,
                                                nlohmann::json::error_handler_t::replace));
}

PythonSyntaxReport run_checker(const std::string& python, const std::string& target_version,
                               const std::vector<fs::path>& files) {
  std::vector<std::string> argv = {python, "-I", "-c", kChecker, target_version};
  for (const fs::path& file : files) argv.push_back(file.string());
  ProcessResult result = run_captured(argv, {}, kTimeout);
  PythonSyntaxReport report;
  if (!result.started) {
    report.not_checked = result.error;
    return report;
  }
  // The JSON is the last line; anything before it is the interpreter's own noise.
  std::string output = result.output;
  while (!output.empty() && output.back() == '\n') output.pop_back();
  std::string last = output.substr(output.rfind('\n') == std::string::npos ? 0 : output.rfind('\n') + 1);
  auto json = nlohmann::json::parse(last, nullptr, false);
  if (result.exit_code != 0 || !json.is_object() || !json.contains("problems") ||
      !json["problems"].is_array()) {
    report.not_checked = python + " exited with " + std::to_string(result.exit_code) + ": " +
                         output.substr(0, 500);
    return report;
  }
  return from_json(json);
}

}  // namespace

PythonSyntaxReport check_python_syntax(const std::string& python, const std::string& target_version,
                                       const std::vector<fs::path>& files,
                                       const fs::path& cache_dir) {
  static std::map<std::string, PythonSyntaxReport> remembered;
  std::string key = cache_key(python, target_version, files);
  if (auto it = remembered.find(key); it != remembered.end()) return it->second;
  fs::path cached = cache_dir.empty() ? fs::path() : cache_dir / "python-syntax" / (key + ".json");
  std::optional<PythonSyntaxReport> report;
  if (!cached.empty()) report = read_cached(cached);
  if (!report) {
    report = run_checker(python, target_version, files);
    if (!report->checked) return *report;  // nothing to remember: it may work next time
    if (!cached.empty()) write_cached(cached, *report);
  }
  remembered.emplace(key, *report);
  return *report;
}

}  // namespace pipectl
