#include "pipectl/platform/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "child_process.h"

namespace pipectl {
namespace {

/// In the child: set up stdio and directory, then exec. Only async-signal-safe calls here.
[[noreturn]] void exec_child(const std::vector<char*>& args, const std::filesystem::path& directory,
                             int output_fd, const ExecStatusPipe& status) {
  int null = ::open("/dev/null", O_RDONLY);
  if (null >= 0) ::dup2(null, STDIN_FILENO);
  ::dup2(output_fd, STDOUT_FILENO);
  ::dup2(output_fd, STDERR_FILENO);
  if (!directory.empty() && ::chdir(directory.c_str()) != 0) status.fail_child();
  ::execvp(args[0], args.data());
  status.fail_child();
}

/// Reads the child's output until it closes it or `timeout` passes (then it is killed).
void collect_output(int output_fd, pid_t pid, std::chrono::seconds timeout,
                    ProcessResult& result) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[8192];
  while (true) {
    int wait_ms = -1;
    if (timeout.count() > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        result.timed_out = true;
        ::kill(pid, SIGKILL);
        break;
      }
      wait_ms = static_cast<int>(left.count());
    }
    pollfd fd{output_fd, POLLIN, 0};
    int ready = ::poll(&fd, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline check above handles it
    ssize_t n = ::read(output_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(output_fd);
}

/// Reaps the child: its exit code, or 128 + the signal that ended it.
void reap(pid_t pid, ProcessResult& result) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  if (!result.started) result.exit_code = -1;
}

}  // namespace

ProcessResult run_captured(const std::vector<std::string>& argv,
                           const std::filesystem::path& directory, std::chrono::seconds timeout) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program given";
    return result;
  }
  std::vector<char*> args = exec_pointers(argv);

  int output[2] = {-1, -1};
  ExecStatusPipe status;
  auto fail = [&](int code) {
    for (int fd : {output[0], output[1]}) {
      if (fd >= 0) ::close(fd);
    }
    result.error = std::strerror(code);
    return result;
  };
  if (::pipe2(output, O_CLOEXEC) != 0 || !status.open()) return fail(errno);
  pid_t pid = ::fork();
  if (pid < 0) return fail(errno);
  if (pid == 0) exec_child(args, directory, output[1], status);
  ::close(output[1]);

  if (int exec_errno = status.wait_for_exec()) {
    result.error = "cannot run " + argv[0] + ": " + std::strerror(exec_errno);
  } else {
    result.started = true;
  }
  collect_output(output[0], pid, timeout, result);
  reap(pid, result);
  return result;
}

}  // namespace pipectl
