#pragma once
/// Running a program in the foreground on the user's terminal (terraform), the way a shell runs
/// a job: stdin, stdout and stderr inherited, the program in its own process group that owns the
/// terminal while it runs, and every termination signal pipectl receives passed on exactly once.
///
/// Why a process group of its own: Ctrl-C on the terminal then reaches terraform alone (once),
/// and a SIGINT/SIGTERM sent to pipectl (by a CI runner, `kill`, or to pipectl's whole group) is
/// forwarded by pipectl (once). Terraform treats a second interrupt as "exit immediately,
/// abandoning the state lock", so delivering one signal twice would do real harm.
///
/// As a shell does: the terminal is handed over only when pipectl is in the foreground; when the
/// program stops (Ctrl-Z) pipectl's job stops with it; signals pipectl inherited as ignored
/// (nohup) stay ignored for the program. If pipectl itself is killed outright, the program gets
/// SIGTERM (Linux), so it stops cleanly instead of running on unwatched.

#include <filesystem>
#include <string>
#include <vector>

namespace pipectl {

struct ForegroundCommand {
  std::filesystem::path program;      ///< absolute path; never looked up through a shell
  std::vector<std::string> arguments;  ///< argv[1..]; argv[0] is the program's file name
  std::filesystem::path directory;    ///< working directory (empty: pipectl's own)
  std::vector<std::string> environment;  ///< "NAME=value" entries, the whole environment
  /// The program's stdout goes to pipectl's stderr: for a step (init) whose chatter must not mix
  /// with what a later step prints for scripts (`pipectl output --raw`).
  bool stdout_to_stderr = false;
};

struct ForegroundResult {
  bool started = false;
  int exit_code = 1;  ///< the program's exit status, or 128 + signal number if a signal ended it
  std::string error;  ///< why it did not start
};

ForegroundResult run_foreground(const ForegroundCommand& command);

/// pipectl's own environment as "NAME=value" entries, in order.
std::vector<std::string> current_environment();

}  // namespace pipectl
