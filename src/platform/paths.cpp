#include "pipectl/platform/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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
  // POSIX calls rather than streams: a render compares thousands of files with their new bytes.
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not regular).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  std::optional<std::string> text;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    text.emplace();
    text->resize(static_cast<std::size_t>(info.st_size));
    std::size_t filled = 0;
    while (true) {
      if (filled == text->size()) text->resize(filled + 4096);  // the file grew
      ssize_t n = ::read(fd, text->data() + filled, text->size() - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        text.reset();
        break;
      }
      if (n == 0) {
        text->resize(filled);
        break;
      }
      filled += static_cast<std::size_t>(n);
    }
  }
  ::close(fd);
  return text;
}

FileText read_file_within(const fs::path& path, std::uintmax_t max_bytes) {
  FileText result;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    result.error = std::strerror(errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    result.error = S_ISDIR(info.st_mode) ? std::strerror(EISDIR) : "not a regular file";
    ::close(fd);
    return result;
  }
  auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > max_bytes) {
    result.error = "it is " + std::to_string(size) + " bytes, more than the limit of " +
                   std::to_string(max_bytes);
    ::close(fd);
    return result;
  }
  std::string text(static_cast<std::size_t>(size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.error = std::strerror(errno);
      ::close(fd);
      return result;
    }
    if (n == 0) break;  // the file shrank while it was read
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(done);
  result.text = std::move(text);
  return result;
}

}  // namespace pipectl
