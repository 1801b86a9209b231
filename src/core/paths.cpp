#include "pipectl/paths.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace pipectl {

std::string display_path(const fs::path& path) {
  std::string text = path.lexically_normal().generic_string();
  if (text.size() > 1 && text.back() == '/') text.pop_back();
  return text.empty() ? "." : text;
}

std::optional<fs::path> find_project_root(const fs::path& start) {
  std::error_code error;
  fs::path current = fs::weakly_canonical(fs::absolute(start, error), error);
  while (!current.empty()) {
    if (fs::is_directory(current / "lambda_sources", error)) return current;
    fs::path parent = current.parent_path();
    if (parent == current) break;
    current = parent;
  }
  return std::nullopt;
}

bool is_within(const fs::path& path, const fs::path& root) {
  std::error_code error;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path, error), error);
  fs::path resolved_root = fs::weakly_canonical(fs::absolute(root, error), error);
  auto [root_end, unused] =
      std::mismatch(resolved_root.begin(), resolved_root.end(), resolved.begin(), resolved.end());
  return root_end == resolved_root.end();
}

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return buffer.str();
}

}  // namespace pipectl
