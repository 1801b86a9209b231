#pragma once
/// Checking that Python sources parse, with a real interpreter: Lambda would otherwise report a
/// syntax error only when the function first runs. The files are parsed, never executed.

#include <filesystem>
#include <string>
#include <vector>

namespace pipectl {

struct PythonSyntaxProblem {
  std::filesystem::path file;
  int line = 0;    ///< 1-based; 0 when Python names no position (e.g. a NUL byte)
  int column = 0;  ///< 1-based, in characters
  std::string message;
};

struct PythonSyntaxReport {
  /// False when the interpreter could not be run; `not_checked` says why.
  bool checked = false;
  std::string not_checked;
  std::string interpreter_version;  ///< "3.11", the version that parsed the files
  std::vector<PythonSyntaxProblem> problems;
};

/// Parses `files` with `python` (one process for all of them) as Python `target_version` ("3.13")
/// would, as far as the interpreter can: one older than the target cannot know newer syntax.
/// Reports are remembered by interpreter, target and the files' paths and contents, in memory and,
/// when `cache_dir` is given, on disk, so an unchanged project costs no interpreter run at all.
PythonSyntaxReport check_python_syntax(const std::string& python, const std::string& target_version,
                                       const std::vector<std::filesystem::path>& files,
                                       const std::filesystem::path& cache_dir = {});

}  // namespace pipectl
