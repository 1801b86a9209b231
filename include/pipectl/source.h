#pragma once
/// Source locations: where in which spec file a value came from.

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace pipectl {

/// A position in a source file. Lines and columns are 1-based; 0 means "unknown".
struct SourcePos {
  int line = 0;
  int column = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
  friend auto operator<=>(const SourcePos&, const SourcePos&) = default;
};

/// A span [begin, end) in one file. `file` is the path as shown to the user.
struct SourceRange {
  std::string file;
  SourcePos begin;
  SourcePos end;

  bool known() const { return !file.empty(); }
  /// "file:line:column", or just the file when the position is unknown.
  std::string to_string() const;

  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

/// The text of every file the compiler read, kept so diagnostics can quote the offending line.
class SourceFiles {
 public:
  /// Stores `text` under `display_path` and returns a stable view of it.
  std::string_view add(const std::string& display_path, std::string text);
  /// The text of a file, or nullptr if it was never read.
  const std::string* find(const std::string& display_path) const;
  /// Adds every file of `other` this collection does not have yet.
  void merge(const SourceFiles& other);
  /// Line `line` (1-based) of a file without its newline; empty if unknown.
  std::string_view line(const std::string& display_path, int line) const;

 private:
  std::map<std::string, std::unique_ptr<std::string>> files_;
};

}  // namespace pipectl
