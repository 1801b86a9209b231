#pragma once
// What run_captured (subprocess.cpp) and run_foreground (foreground_process.cpp) share about
// starting a program: argv/envp arrays for exec, and how a forked child tells its parent that
// exec failed.

#include <string>
#include <vector>

namespace pipectl {

/// NUL-terminated pointers into `strings`, as execve takes them; valid while `strings` lives.
std::vector<char*> exec_pointers(const std::vector<std::string>& strings);

/// A close-on-exec pipe: a child whose exec fails writes errno to it and exits 127; a successful
/// exec closes it unwritten. Closes what is still open when destroyed.
class ExecStatusPipe {
 public:
  ExecStatusPipe() = default;
  ~ExecStatusPipe();
  ExecStatusPipe(const ExecStatusPipe&) = delete;
  ExecStatusPipe& operator=(const ExecStatusPipe&) = delete;

  /// Opens the pipe; false, with errno set, when it cannot.
  bool open();
  /// In the child, between fork and exec: reports errno and exits. Async-signal-safe.
  [[noreturn]] void fail_child() const;
  /// In the parent, after fork: waits until the child has exec'd (0) or failed to (its errno).
  int wait_for_exec();

 private:
  int read_end_ = -1;
  int write_end_ = -1;
};

}  // namespace pipectl
