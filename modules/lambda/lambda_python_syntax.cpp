#include "lambda_python_syntax.h"

#include <map>
#include <set>

#include "pipectl/platform/paths.h"
#include "pipectl/platform/file_system.h"
#include "pipectl/platform/python_syntax.h"
#include "pipectl/text.h"
#include "lambda_package.h"

namespace fs = std::filesystem;

namespace pipectl::modules {
namespace {

/// A Python file some package holds, and the first component whose package holds it.
struct SourceFile {
  std::string shown;  ///< lambda_sources/fn/handler.py
  const Component* component = nullptr;
  SourceRange named_at;
};

/// The Python files of every package, by the runtime version that will parse them.
struct PythonSources {
  std::map<std::string, std::map<fs::path, SourceFile>> by_version;
  std::vector<std::string> folders;  ///< for the note when nothing could be checked
  std::optional<SourceRange> first_named_at;
};

PythonSources collect(const std::vector<const Component*>& functions, const ResourceGraph& graph) {
  PythonSources sources;
  std::set<std::string> folders;
  std::set<std::pair<fs::path, std::string>> listed;  // a folder shared by many functions: once
  for (const Component* component : functions) {
    const LambdaPackage package = lambda_package(*component, graph);
    if (!listed.emplace(package.source, package.python_version).second) continue;
    auto files = list_package_files(package.source, excluded_source);
    if (!files) continue;  // the kind's checks or packaging report why
    for (const PackageFile& file : *files) {
      if (file.path.extension() != ".py") continue;
      sources.by_version[package.python_version].emplace(
          file.path, SourceFile{package.shown_as + "/" + file.relative, component,
                                package.named_at});
      if (folders.insert(package.shown_as).second) sources.folders.push_back(package.shown_as);
      if (!sources.first_named_at) sources.first_named_at = package.named_at;
    }
  }
  return sources;
}

/// "3.11" < "3.13", comparing numbers part by part.
bool older_version(const std::string& a, const std::string& b) {
  auto parts = [](const std::string& version) {
    std::vector<int> numbers;
    for (const std::string& part : split(version, '.')) numbers.push_back(std::atoi(part.c_str()));
    return numbers;
  };
  return parts(a) < parts(b);
}

void report_problem(const PythonSyntaxProblem& problem, const SourceFile& file,
                    const std::string& version, const PythonSyntaxReport& report,
                    const std::string& python, SourceFiles& sources, Diagnostics& diagnostics) {
  SourceRange at = file.named_at;
  if (problem.line > 0) {
    int column = std::max(problem.column, 1);
    at = {file.shown, {problem.line, column}, {problem.line, column + 1}};
    if (sources.find(file.shown) == nullptr) {
      if (auto text = read_file(problem.file)) sources.add(file.shown, std::move(*text));
    }
  }
  auto diagnostic = make_diagnostic(DiagCode::PythonSyntaxError, at,
                                    "Python cannot compile \"" + file.shown + "\": " + problem.message);
  diagnostic.detail = "Lambda would fail to import \"" + file.component->name +
                      "\" when it first runs. Fix the file; pipectl parsed it with " + python +
                      " (Python " + report.interpreter_version + ").";
  // An older interpreter may not know syntax the runtime accepts. It is still an error:
  // deploying code that does not import is worse than asking for the right interpreter.
  if (older_version(report.interpreter_version, version)) {
    diagnostic.detail += " That is older than the runtime, Python " + version +
                         "; if the file uses newer syntax, set PIPECTL_PYTHON to a Python " +
                         version + ".";
  }
  if (at != file.named_at) {
    diagnostic.related.push_back({file.named_at, "source of \"" + file.component->name + "\""});
  }
  diagnostics.add(std::move(diagnostic));
}

}  // namespace

void check_function_sources(const std::vector<const Component*>& functions, const ResourceGraph& graph,
                         const PipOptions& python, SourceFiles& sources, Diagnostics& diagnostics) {
  PythonSources collected = collect(functions, graph);
  for (const auto& [version, files] : collected.by_version) {
    std::vector<fs::path> paths;
    for (const auto& [path, file] : files) paths.push_back(path);
    auto report = check_python_syntax(python.python, version, paths, python.cache_dir);
    if (!report.checked) {
      diagnostics.add(
          make_diagnostic(DiagCode::CheckSkipped, collected.first_named_at,
                          "Python syntax of " + quoted_list(collected.folders) + " not checked")
              .with_detail("pipectl parses the functions' Python files with " + python.python +
                           " to find syntax errors before they are deployed, but could not run "
                           "it (" + report.not_checked + "). Install Python 3, or set "
                           "PIPECTL_PYTHON to an interpreter."));
      return;
    }
    for (const PythonSyntaxProblem& problem : report.problems) {
      auto file = files.find(problem.file);
      if (file == files.end()) continue;  // not a file we asked about: nothing to point at
      report_problem(problem, file->second, version, report, python.python, sources, diagnostics);
    }
  }
}

}  // namespace pipectl::modules
