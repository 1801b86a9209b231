#include "pipectl/platform/file_system.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "pipectl/platform/paths.h"

namespace fs = std::filesystem;

namespace pipectl {

bool excluded_from_package(const std::string& name, bool is_directory) {
  if (name.empty() || name.front() == '.') return true;
  if (is_directory) return name == "__pycache__" || name == "tests" || name == "test";
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".pyc") || ends_with(".pyo") || ends_with("_test.py") ||
         (name.rfind("test_", 0) == 0 && ends_with(".py")) || name == "conftest.py";
}

bool excluded_source(const std::string& relative, bool is_directory) {
  return excluded_from_package(fs::path(relative).filename().string(), is_directory);
}

bool excluded_from_dependencies(const std::string& relative, bool is_directory) {
  fs::path path(relative);
  std::string name = path.filename().string();
  if (is_directory) return relative == "bin" || name == "__pycache__";
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".pyc") == 0) return true;
  std::string parent = path.parent_path().filename().string();
  return name == "RECORD" && parent.size() > 10 &&
         parent.compare(parent.size() - 10, 10, ".dist-info") == 0;
}

namespace {

/// Why a link inside a package folder cannot be packaged: it cannot be followed (a loop of links,
/// a missing target), leads outside the folder, or leads to a folder that holds it, which the
/// package would contain over and over.
std::optional<std::string> symlink_problem(const fs::path& link, const fs::path& root) {
  std::error_code ec;
  fs::path target = fs::canonical(link, ec);
  if (ec) return "that cannot be followed: " + ec.message();
  if (!is_within(link, root)) return "that leads outside " + display_path(root);
  fs::path folder = fs::canonical(link.parent_path(), ec);
  if (!ec && fs::is_directory(target, ec) && is_within(folder, target)) {
    return "to " + display_path(target) + ", a folder that contains the link itself, so the "
           "package would hold it over and over";
  }
  return std::nullopt;
}

}  // namespace

Outcome<std::vector<PackageFile>> list_package_files(const fs::path& root,
                                                    PackageFilter excluded) {
  std::vector<PackageFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::follow_directory_symlink, ec);
  if (ec) return failure("Cannot list {}: {}.", display_path(root), ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& path = it->path();
    std::string relative = path.lexically_relative(root).generic_string();
    bool is_directory = it->is_directory(ec);
    if (excluded(relative, is_directory)) {
      if (is_directory) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec)) {
      if (auto problem = symlink_problem(path, root)) {
        return failure("{} is a symbolic link {}.", display_path(path), *problem);
      }
    }
    if (is_directory || !it->is_regular_file(ec)) continue;
    auto permissions = fs::status(path, ec).permissions();
    bool executable = (permissions & fs::perms::owner_exec) != fs::perms::none;
    files.push_back({relative, path, executable});
  }
  if (ec) return failure("Cannot list {}: {}.", display_path(root), ec.message());
  std::sort(files.begin(), files.end(),
            [](const PackageFile& a, const PackageFile& b) { return a.relative < b.relative; });
  return files;
}

Outcome<void> mirror_tree(const fs::path& from, const fs::path& to,
                          const std::function<bool(const std::string&)>& skip) {
  std::error_code ec;
  fs::recursive_directory_iterator it(from, ec);
  if (ec) return failure("Cannot read {}: {}.", display_path(from), ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string relative = it->path().lexically_relative(from).generic_string();
    auto status = it->symlink_status(ec);
    if (skip(relative)) {
      if (fs::is_directory(status)) it.disable_recursion_pending();
      continue;
    }
    fs::path target = to / relative;
    if (fs::is_symlink(status)) {
      fs::copy_symlink(it->path(), target, ec);
    } else if (fs::is_directory(status)) {
      fs::create_directory(target, ec);
      if (!ec) fs::permissions(target, status.permissions(), ec);
    } else {
      fs::create_hard_link(it->path(), target, ec);
      if (ec) {  // another file system, or links not allowed: copy instead
        ec.clear();
        fs::copy_file(it->path(), target, ec);
      }
    }
    if (ec) return failure("Cannot mirror {}: {}.", display_path(it->path()), ec.message());
  }
  if (ec) return failure("Cannot read {}: {}.", display_path(from), ec.message());
  return {};
}

Outcome<void> exchange_directories(const fs::path& a, const fs::path& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return {};
  return failure("Cannot swap {} and {}: {}.", display_path(a), display_path(b),
                 std::strerror(errno));
}

Outcome<void> write_new_file(const fs::path& path, std::string_view bytes, Sync sync) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return failure("Cannot create {}: {}.", display_path(path), std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    written += static_cast<std::size_t>(n);
  }
  bool ok = written == bytes.size() && (sync == Sync::ByCaller || ::fsync(fd) == 0);
  int saved = errno;
  ::close(fd);
  if (!ok) return failure("Cannot write {}: {}.", display_path(path), std::strerror(saved));
  return {};
}

Outcome<void> replace_file(const fs::path& path, std::string_view bytes) {
  fs::path partial = path;
  partial += ".tmp" + std::to_string(::getpid());
  std::error_code error;
  fs::remove(partial, error);  // left by a killed process that had this pid
  if (auto written = write_new_file(partial, bytes); !written) {
    fs::remove(partial, error);
    return written;
  }
  fs::rename(partial, path, error);
  if (!error) return {};
  fs::remove(partial, error);
  return failure("Cannot replace {}: {}.", display_path(path), error.message());
}

namespace {

/// Runs `flush` (syncfs or fsync) on a descriptor of `path`, opened read-only.
Outcome<void> flush_through(const fs::path& path, int (*flush)(int), const char* what) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECTORY);
  if (fd < 0) return failure("Cannot open {}: {}.", display_path(path), std::strerror(errno));
  bool ok = flush(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok) return failure("Cannot {} {}: {}.", what, display_path(path), std::strerror(saved));
  return {};
}

}  // namespace

Outcome<void> sync_file_system(const fs::path& path) {
  return flush_through(path, ::syncfs, "write to disk the files of");
}

Outcome<void> sync_directory(const fs::path& directory) {
  return flush_through(directory, ::fsync, "write to disk the folder");
}

Outcome<fs::path> make_unique_directory(const fs::path& parent, const std::string& prefix) {
  std::string pattern = (parent / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return failure("Cannot create a directory {}: {}.", pattern, std::strerror(errno));
  }
  return fs::path(pattern);
}

Outcome<fs::path> make_private_temporary_directory(const std::string& prefix) {
  std::error_code ignored;
  return make_unique_directory(fs::temp_directory_path(ignored), prefix);
}

}  // namespace pipectl
