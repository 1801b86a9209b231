#include "pipectl/source.h"

namespace pipectl {

std::string SourceRange::to_string() const {
  if (begin.line <= 0) return file;
  return file + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column);
}

std::string_view SourceFiles::add(const std::string& display_path, std::string text) {
  auto& slot = files_[display_path];
  slot = std::make_unique<std::string>(std::move(text));
  return *slot;
}

void SourceFiles::merge(const SourceFiles& other) {
  for (const auto& [path, text] : other.files_) {
    if (!files_.count(path)) files_[path] = std::make_unique<std::string>(*text);
  }
}

const std::string* SourceFiles::find(const std::string& display_path) const {
  auto it = files_.find(display_path);
  return it == files_.end() ? nullptr : it->second.get();
}

std::string_view SourceFiles::line(const std::string& display_path, int line) const {
  const std::string* text = find(display_path);
  if (text == nullptr || line <= 0) return {};
  std::string_view rest = *text;
  for (int current = 1; current < line; ++current) {
    auto newline = rest.find('\n');
    if (newline == std::string_view::npos) return {};
    rest.remove_prefix(newline + 1);
  }
  auto end = rest.find('\n');
  std::string_view result = rest.substr(0, end);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

}  // namespace pipectl
