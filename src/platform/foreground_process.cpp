#include "pipectl/platform/foreground_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace pipectl {
namespace {

constexpr std::array<int, 4> kForwardedSignals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/// The child's process group while it runs (0 otherwise); read by the signal handler.
volatile sig_atomic_t g_child_group = 0;

void forward_signal(int signal_number) {
  pid_t group = g_child_group;
  if (group > 0) ::kill(-group, signal_number);
}

/// True when pipectl runs in the terminal's foreground, so it can hand the terminal over.
bool owns_terminal() {
  return ::isatty(STDIN_FILENO) != 0 && ::tcgetpgrp(STDIN_FILENO) == ::getpgrp();
}

/// Gives the terminal to `group`. SIGTTOU is ignored meanwhile: a process that is (about to be)
/// in the background may otherwise be stopped for touching the terminal.
void give_terminal(pid_t group) {
  struct sigaction ignore {}, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGTTOU, &ignore, &previous);
  ::tcsetpgrp(STDIN_FILENO, group);
  ::sigaction(SIGTTOU, &previous, nullptr);
}

/// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ForegroundCommand& command, char* const* argv, char* const* envp,
                             bool terminal, const sigset_t& original_mask, int status_fd) {
  ::setpgid(0, 0);
  if (terminal) give_terminal(::getpid());
  for (int signal_number : kForwardedSignals) ::signal(signal_number, SIG_DFL);
  ::signal(SIGTSTP, SIG_DFL);
  ::signal(SIGTTOU, SIG_DFL);
  ::signal(SIGTTIN, SIG_DFL);
  ::signal(SIGPIPE, SIG_DFL);
  ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);
  if (!command.directory.empty() && ::chdir(command.directory.c_str()) != 0) {
    int code = errno;
    [[maybe_unused]] auto written = ::write(status_fd, &code, sizeof code);
    ::_exit(127);
  }
  ::execve(command.program.c_str(), argv, envp);
  int code = errno;
  [[maybe_unused]] auto written = ::write(status_fd, &code, sizeof code);
  ::_exit(127);
}

/// Waits for the child to end. If it is stopped (Ctrl-Z), pipectl stops too, so the shell gets
/// the terminal back; on `fg` the child gets the terminal and continues.
int wait_for_exit(pid_t pid, bool terminal) {
  int status = 0;
  while (true) {
    pid_t waited = ::waitpid(pid, &status, WUNTRACED);
    if (waited < 0 && errno == EINTR) continue;
    if (waited < 0) return 1;
    if (WIFSTOPPED(status)) {
      if (!terminal) continue;  // stopped by someone else's signal; they will continue it
      give_terminal(::getpgrp());
      ::kill(::getpid(), SIGSTOP);
      give_terminal(pid);
      ::kill(-pid, SIGCONT);
      continue;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  }
}

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (const std::string& text : strings) result.push_back(const_cast<char*>(text.c_str()));
  result.push_back(nullptr);
  return result;
}

}  // namespace

std::vector<std::string> current_environment() {
  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    entries.emplace_back(*entry);
  }
  return entries;
}

ForegroundResult run_foreground(const ForegroundCommand& command) {
  ForegroundResult result;
  std::vector<std::string> argv_strings = {command.program.filename().string()};
  argv_strings.insert(argv_strings.end(), command.arguments.begin(), command.arguments.end());
  std::vector<char*> argv = pointers(argv_strings);
  std::vector<char*> envp = pointers(command.environment);

  int status_pipe[2];  // the child reports a failed exec here; closed by a successful one
  if (::pipe2(status_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  bool terminal = owns_terminal();
  // Signals wait (blocked) until the forwarding handler knows whom to forward them to.
  sigset_t forwarded, original_mask;
  sigemptyset(&forwarded);
  for (int signal_number : kForwardedSignals) sigaddset(&forwarded, signal_number);
  ::sigprocmask(SIG_BLOCK, &forwarded, &original_mask);

  pid_t pid = ::fork();
  if (pid < 0) {
    result.error = std::strerror(errno);
    ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);
    ::close(status_pipe[0]);
    ::close(status_pipe[1]);
    return result;
  }
  if (pid == 0) exec_child(command, argv.data(), envp.data(), terminal, original_mask, status_pipe[1]);

  ::setpgid(pid, pid);  // also here, so the group exists whichever process runs first
  if (terminal) give_terminal(pid);
  g_child_group = pid;
  std::array<struct sigaction, kForwardedSignals.size()> previous{};
  struct sigaction forward {};
  forward.sa_handler = forward_signal;
  forward.sa_flags = SA_RESTART;
  sigemptyset(&forward.sa_mask);
  for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
    ::sigaction(kForwardedSignals[i], &forward, &previous[i]);
  }
  ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);  // signals that arrived meanwhile: forwarded

  ::close(status_pipe[1]);
  int exec_error = 0;
  ssize_t got;
  do {
    got = ::read(status_pipe[0], &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);
  ::close(status_pipe[0]);

  result.exit_code = wait_for_exit(pid, terminal);
  if (terminal) give_terminal(::getpgrp());
  g_child_group = 0;
  for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
    ::sigaction(kForwardedSignals[i], &previous[i], nullptr);
  }
  if (got == static_cast<ssize_t>(sizeof exec_error)) {
    result.error = std::strerror(exec_error);
    return result;
  }
  result.started = true;
  return result;
}

}  // namespace pipectl
