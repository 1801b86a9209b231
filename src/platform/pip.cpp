#include "pipectl/platform/pip.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

#include "pipectl/platform/file_system.h"
#include "pipectl/platform/paths.h"
#include "pipectl/platform/sha256.h"
#include "pipectl/platform/subprocess.h"

namespace fs = std::filesystem;

namespace pipectl {
namespace {

constexpr auto kPipTimeout = std::chrono::seconds(900);

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

/// Everything that decides what pip installs: the requirements, the target, and the wheels
/// offered (their names and sizes), so a changed wheel folder is never served from the cache.
std::string cache_key(const PipInstall& install, const std::string& requirements,
                      const PipOptions& options) {
  std::ostringstream key;
  key << "requirements\n" << requirements << "\npython " << install.python_version
      << "\narchitecture " << install.architecture << "\n";
  if (options.find_links) {
    std::vector<std::string> wheels;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(*options.find_links, ec)) {
      wheels.push_back(entry.path().filename().string() + " " +
                       std::to_string(entry.is_regular_file(ec) ? entry.file_size(ec) : 0));
    }
    std::sort(wheels.begin(), wheels.end());
    key << "find-links " << fs::absolute(*options.find_links, ec).string() << "\n";
    for (const std::string& wheel : wheels) key << wheel << "\n";
  }
  return hex(sha256(key.str())).substr(0, 32);
}

std::vector<std::string> pip_command(const PipInstall& install, const PipOptions& options,
                                     const fs::path& target) {
  std::string machine = install.architecture == "arm64" ? "aarch64" : "x86_64";
  std::vector<std::string> argv = {
      options.python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
      "--no-input", "--no-compile", "--no-warn-script-location",
      "--target", target.string(), "--requirement", install.requirements.string(),
      // Wheels built for Lambda (Amazon Linux, glibc 2.17+) and its Python, not this machine.
      "--only-binary=:all:", "--implementation", "cp", "--python-version", install.python_version,
      "--platform", "manylinux2014_" + machine, "--platform", "manylinux_2_28_" + machine};
  if (options.find_links) {
    argv.insert(argv.end(), {"--no-index", "--find-links", options.find_links->string()});
  }
  return argv;
}

std::string last_lines(std::string text, std::size_t count) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t at = text.size();
  while (count-- > 0 && at > 0) {
    at = text.rfind('\n', at > 1 ? at - 2 : 0);
    if (at == std::string::npos) return text;
  }
  return text.substr(at == 0 ? 0 : at + 1);
}

}  // namespace

PipOptions PipOptions::from_environment() {
  PipOptions options;
  if (auto python = environment("PIPECTL_PYTHON"); !python.empty()) options.python = python;
  if (auto links = environment("PIPECTL_FIND_LINKS"); !links.empty()) options.find_links = links;
  if (auto cache = environment("PIPECTL_CACHE_DIR"); !cache.empty()) {
    options.cache_dir = cache;
  } else if (auto xdg = environment("XDG_CACHE_HOME"); !xdg.empty()) {
    options.cache_dir = fs::path(xdg) / "pipectl";
  } else if (auto home = environment("HOME"); !home.empty()) {
    options.cache_dir = fs::path(home) / ".cache" / "pipectl";
  }
  return options;
}

bool has_requirements(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#') return true;
  }
  return false;
}

Outcome<fs::path> install_python_dependencies(const PipInstall& install,
                                              const PipOptions& options, fs::path scratch) {
  auto requirements = read_file(install.requirements);
  if (!requirements) return failure("Cannot read {}.", install.shown_as);
  fs::path root = options.cache_dir.empty() ? scratch : options.cache_dir / "python-deps";
  fs::path done = root / cache_key(install, *requirements, options);
  std::error_code ec;
  if (fs::is_directory(done, ec)) return done;

  auto pip = run_captured({options.python, "-m", "pip", "--version"}, {}, std::chrono::seconds(60));
  if (!pip.started || pip.exit_code != 0) {
    return failure("pip is not available (`{} -m pip --version` failed{}). Install pip (Debian: "
                   "apt-get install python3-pip), or set PIPECTL_PYTHON to a Python that has it.",
                   options.python, pip.error.empty() ? "" : ": " + pip.error);
  }
  // Install into a fresh folder and rename it into place, so an interrupted install is never
  // taken for a finished one.
  fs::create_directories(root, ec);
  auto made = make_unique_directory(root, "installing-");
  if (!made) return made;
  fs::path staging = *made;
  auto result = run_captured(pip_command(install, options, staging), {}, kPipTimeout);
  if (!result.started || result.exit_code != 0) {
    fs::remove_all(staging, ec);
    return failure("pip could not install {}{}:\n{}", install.shown_as,
                   result.timed_out ? " (timed out)" : "",
                   last_lines(result.output.empty() ? result.error : result.output, 12));
  }
  fs::rename(staging, done, ec);
  if (ec) {
    fs::remove_all(staging, ec);  // another run finished the same install first
    if (!fs::is_directory(done)) {
      return failure("Cannot store the installed dependencies in {}.", display_path(done));
    }
  }
  return done;
}

}  // namespace pipectl
