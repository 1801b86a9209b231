#include "support/test_support.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "pipectl/platform/paths.h"
#include "pipectl/text_diff.h"

namespace fs = std::filesystem;

namespace pipectl::testing {

fs::path source_root() { return PIPECTL_SOURCE_DIR; }

TempDir::TempDir() {
  std::random_device seed;
  path_ = fs::temp_directory_path() /
          ("pipectl-test-" + std::to_string(::getpid()) + "-" + std::to_string(seed()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_text(const fs::path& path) {
  auto text = read_file(path);
  if (!text) throw std::runtime_error("cannot read " + path.string());
  return *text;
}

TestProject::TestProject() {
  write("lambda_sources/fn/handler.py", "def lambda_handler(event, context):\n    return event\n");
  write("lambda_sources/transform/handler.py",
        "def lambda_handler(event, context):\n    return {'records': []}\n");
}

fs::path TestProject::write_spec(const std::string& yaml, const std::string& env) {
  return write("envs/" + env + "/pipeline.yaml", yaml);
}

fs::path TestProject::write(const std::string& relative, const std::string& text) {
  fs::path path = root() / relative;
  write_file(path, text);
  return path;
}

std::unique_ptr<CompiledSpec> compile_text(const std::string& yaml) {
  auto result = std::make_unique<CompiledSpec>();
  fs::path spec = result->project.write_spec(yaml);
  result->compilation = compile_environment(spec.parent_path());
  return result;
}

nlohmann::json rendered(const Compilation& compilation, const std::string& file) {
  auto it = compilation.output.files.find(file);
  if (it == compilation.output.files.end()) {
    throw std::runtime_error("not rendered: " + file + "\n" + describe(compilation.diagnostics));
  }
  return nlohmann::json::parse(it->second);
}

SourcePos position_of(const std::string& text, const std::string& needle) {
  std::size_t offset = text.find(needle);
  if (offset == std::string::npos) throw std::runtime_error("not in the text: " + needle);
  std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string::npos || offset == 0) ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
  return {line, static_cast<int>(offset - line_start) + 1};
}

MarkedText marked(const std::string& text_with_marker) {
  const std::string marker = "@@";
  if (text_with_marker.find(marker) == std::string::npos ||
      text_with_marker.find(marker) != text_with_marker.rfind(marker)) {
    throw std::runtime_error("expected exactly one @@ marker in:\n" + text_with_marker);
  }
  MarkedText result{text_with_marker, position_of(text_with_marker, marker)};
  result.text.erase(result.text.find(marker), marker.size());
  return result;
}

std::string spec_header() {
  return "project: shop\n"
         "environment: dev\n"
         "region: eu-west-1\n";
}

std::string regional_arn(const std::string& service, const std::string& resource) {
  return "arn:${data.aws_partition.current.partition}:" + service +
         ":eu-west-1:${data.aws_caller_identity.current.account_id}:" + resource;
}

std::string bucket_arn(const std::string& bucket) {
  return "arn:${data.aws_partition.current.partition}:s3:::" + bucket;
}

CommandOutput run_command(const std::string& command) {
  CommandOutput result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

ChildRun run_child(const std::vector<std::string>& argv, const ChildOptions& options) {
  if (argv.empty()) throw std::invalid_argument("run_child: no program");
  TempDir capture;
  const std::string out_path = (capture.path() / "stdout").string();
  const std::string err_path = (capture.path() / "stderr").string();
  const std::string directory = options.working_directory.string();

  // Everything the child needs is built before fork(): between fork and exec it only makes
  // system calls.
  std::vector<char*> arguments;
  for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    auto equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : options.environment) {
    if (value) variables[name] = *value;
    else variables.erase(name);
  }
  std::vector<std::string> assignments;
  for (const auto& [name, value] : variables) assignments.push_back(name + "=" + value);
  std::vector<char*> environment;
  for (const std::string& assignment : assignments) {
    environment.push_back(const_cast<char*>(assignment.c_str()));
  }
  environment.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::setpgid(0, 0);  // its own process group, so a kill reaches anything it started
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (!directory.empty() && ::chdir(directory.c_str()) != 0) ::_exit(126);
    ::execve(arguments[0], arguments.data(), environment.data());
    static const char message[] = "run_child: exec failed\n";
    [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from here, so the group exists before any kill

  ChildRun run;
  int status = 0;
  struct rusage usage {};
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(options.time_limit_seconds));
  for (;;) {
    pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() >= deadline) {
      run.killed = true;
      ::kill(-pid, SIGKILL);
      while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.max_rss_kb = usage.ru_maxrss;
  run.out = fs::exists(out_path) ? read_text(out_path) : "";
  run.err = fs::exists(err_path) ? read_text(err_path) : "";
  return run;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

std::string describe(const Diagnostics& diagnostics) {
  std::ostringstream out;
  for (const Diagnostic& d : diagnostics.sorted()) {
    out << (d.subject ? d.subject->to_string() : std::string("-")) << ": " << d.code() << " "
        << d.summary << "\n";
  }
  return out.str();
}

std::optional<Diagnostic> find_diagnostic(const Diagnostics& diagnostics, DiagCode kind) {
  for (const Diagnostic& d : diagnostics.sorted()) {
    if (d.kind == kind) return d;
  }
  return std::nullopt;
}

std::string compare_with_golden(const std::map<std::string, std::string>& files,
                                const fs::path& golden_dir) {
  const char* update = std::getenv("PIPECTL_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::remove_all(golden_dir);
    for (const auto& [name, bytes] : files) write_file(golden_dir / name, bytes);
    return {};
  }
  std::ostringstream differences;
  std::map<std::string, std::string> expected;
  if (fs::is_directory(golden_dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(golden_dir)) {
      if (!entry.is_regular_file()) continue;
      expected[entry.path().lexically_relative(golden_dir).generic_string()] =
          read_text(entry.path());
    }
  }
  for (const auto& [name, bytes] : files) {
    auto it = expected.find(name);
    if (it == expected.end()) differences << "unexpected file " << name << "\n";
    else if (it->second != bytes) {
      differences << "content differs: " << name << " (- golden, + rendered)\n"
                  << first_difference(it->second, bytes);
    }
  }
  for (const auto& [name, bytes] : expected) {
    if (!files.count(name)) differences << "missing file " << name << "\n";
  }
  std::string result = differences.str();
  if (!result.empty()) {
    result += "Golden files in " + golden_dir.string() +
              ". If the change is intended, refresh them with PIPECTL_UPDATE_GOLDEN=1 "
              "(see tests/README.md) and review the diff.\n";
  }
  return result;
}

}  // namespace pipectl::testing
