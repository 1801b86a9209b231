#include "pipectl/platform/foreground_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <array>
#include <cerrno>
#include <cstring>

#include "child_process.h"

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

/// The terminal pipectl runs on (the first of stdin, stdout, stderr that is one), or -1.
int terminal_fd() {
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::isatty(fd) != 0) return fd;
  }
  return -1;
}

/// True when `group` is the terminal's foreground process group.
bool in_foreground(int terminal, pid_t group) {
  return terminal >= 0 && ::tcgetpgrp(terminal) == group;
}

/// Gives the terminal to `group`. SIGTTOU is ignored meanwhile: a process that is (about to be)
/// in the background may otherwise be stopped for touching the terminal. Callers make sure
/// pipectl's own group (or the child's) holds the terminal, so nothing is taken from the shell.
void give_terminal(int terminal, pid_t group) {
  struct sigaction ignore {}, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGTTOU, &ignore, &previous);
  ::tcsetpgrp(terminal, group);
  ::sigaction(SIGTTOU, &previous, nullptr);
}

/// Signals pipectl inherited as ignored (`nohup`, a CI runner): the child inherits them ignored
/// too, and pipectl does not forward them.
struct InheritedSignals {
  std::array<bool, kForwardedSignals.size()> ignored{};

  static InheritedSignals current() {
    InheritedSignals inherited;
    for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
      struct sigaction action {};
      ::sigaction(kForwardedSignals[i], nullptr, &action);
      inherited.ignored[i] = action.sa_handler == SIG_IGN;
    }
    return inherited;
  }
};

struct ChildSetup {
  const ForegroundCommand* command;
  char* const* argv;
  char* const* envp;
  int terminal;  ///< hand the terminal to the child (-1: do not)
  const InheritedSignals* inherited;
  const sigset_t* original_mask;
  pid_t parent;
  const ExecStatusPipe* status;
};

/// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ChildSetup& setup) {
  ::setpgid(0, 0);
#ifdef __linux__
  // If pipectl is killed outright (SIGKILL by a CI timeout), terraform is told to stop cleanly
  // rather than go on applying unwatched in a process group nobody signals.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != setup.parent) ::_exit(128 + SIGTERM);
#endif
  if (setup.terminal >= 0) give_terminal(setup.terminal, ::getpid());
  for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
    if (!setup.inherited->ignored[i]) ::signal(kForwardedSignals[i], SIG_DFL);
  }
  for (int signal_number : {SIGTSTP, SIGTTOU, SIGTTIN, SIGPIPE, SIGCHLD}) {
    ::signal(signal_number, SIG_DFL);
  }
  ::sigprocmask(SIG_SETMASK, setup.original_mask, nullptr);
  if (setup.command->stdout_to_stderr && ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    setup.status->fail_child();
  }
  if (!setup.command->directory.empty() && ::chdir(setup.command->directory.c_str()) != 0) {
    setup.status->fail_child();
  }
  ::execve(setup.command->program.c_str(), setup.argv, setup.envp);
  setup.status->fail_child();
}

/// The child stopped (Ctrl-Z, or it read the terminal while in the background): stop pipectl's
/// whole group too, so the shell sees the job stopped and gets the terminal back; when the job
/// continues in the foreground, the child gets the terminal again.
void follow_stop(pid_t pid, int terminal) {
  if (terminal < 0) return;  // no job control without a terminal: whoever stopped it continues it
  if (in_foreground(terminal, pid)) give_terminal(terminal, ::getpgrp());
  ::kill(0, SIGSTOP);
  if (in_foreground(terminal, ::getpgrp())) give_terminal(terminal, pid);
  ::kill(-pid, SIGCONT);
}

/// Waits for the child to end and returns its exit status. The handler stops forwarding before
/// the child is reaped, so a signal can never reach a process group that reused its id.
int wait_for_exit(pid_t pid, int terminal) {
  while (true) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WSTOPPED | WNOWAIT) != 0) {
      if (errno == EINTR) continue;
      g_child_group = 0;
      return 1;
    }
    int status = 0;
    if (info.si_code == CLD_STOPPED) {
      ::waitpid(pid, &status, WUNTRACED);  // consume the stop
      follow_stop(pid, terminal);
      continue;
    }
    g_child_group = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
  }
}

/// pipectl's signal dispositions while the child runs, restored afterwards.
class SignalScope {
 public:
  explicit SignalScope(const InheritedSignals& inherited) {
    struct sigaction forward {};
    forward.sa_handler = forward_signal;
    forward.sa_flags = SA_RESTART;
    sigemptyset(&forward.sa_mask);
    for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
      if (!inherited.ignored[i]) ::sigaction(kForwardedSignals[i], &forward, &previous_[i]);
      installed_[i] = !inherited.ignored[i];
    }
    // An inherited "ignore SIGCHLD" would reap the child before pipectl reads its exit status.
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    ::sigaction(SIGCHLD, &default_action, &previous_child_);
  }
  ~SignalScope() {
    for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
      if (installed_[i]) ::sigaction(kForwardedSignals[i], &previous_[i], nullptr);
    }
    ::sigaction(SIGCHLD, &previous_child_, nullptr);
  }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;

 private:
  std::array<struct sigaction, kForwardedSignals.size()> previous_{};
  std::array<bool, kForwardedSignals.size()> installed_{};
  struct sigaction previous_child_ {};
};

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
  std::vector<char*> argv = exec_pointers(argv_strings);
  std::vector<char*> envp = exec_pointers(command.environment);

  ExecStatusPipe status;
  if (!status.open()) {
    result.error = std::strerror(errno);
    return result;
  }
  int terminal = terminal_fd();
  // Hand the terminal over only when pipectl holds it; in the background it is the shell's.
  bool foreground = in_foreground(terminal, ::getpgrp());
  InheritedSignals inherited = InheritedSignals::current();
  // Signals wait (blocked) until the forwarding handler knows whom to forward them to.
  sigset_t forwarded, original_mask;
  sigemptyset(&forwarded);
  for (int signal_number : kForwardedSignals) sigaddset(&forwarded, signal_number);
  ::sigprocmask(SIG_BLOCK, &forwarded, &original_mask);
  SignalScope signals(inherited);

  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    result.error = std::strerror(errno);
    ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);
    return result;
  }
  if (pid == 0) {
    exec_child({&command, argv.data(), envp.data(), foreground ? terminal : -1, &inherited,
                &original_mask, parent, &status});
  }

  ::setpgid(pid, pid);  // also here, so the group exists whichever process runs first
  if (foreground) give_terminal(terminal, pid);
  g_child_group = pid;
  ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);  // signals that arrived meanwhile: forwarded

  int exec_error = status.wait_for_exec();

  result.exit_code = wait_for_exit(pid, terminal);
  if (in_foreground(terminal, pid)) give_terminal(terminal, ::getpgrp());
  if (exec_error != 0) {
    result.error = std::strerror(exec_error);
    return result;
  }
  result.started = true;
  return result;
}

}  // namespace pipectl
