#pragma once
/// Running other programs: always from an argument vector (never through a shell), so no
/// argument is ever re-parsed.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace pipectl {

struct ProcessResult {
  bool started = false;   ///< false if the program could not be executed at all
  int exit_code = -1;     ///< the exit status, or 128+signal if it was killed
  bool timed_out = false;
  std::string output;     ///< stdout and stderr, interleaved as written
  std::string error;      ///< why it did not start, if it did not
};

/// Runs `argv[0]` (looked up on PATH) with `argv`, in `directory` (unless empty), with stdin
/// from /dev/null and stdout+stderr captured. Kills it after `timeout` (zero: no limit).
ProcessResult run_captured(const std::vector<std::string>& argv,
                           const std::filesystem::path& directory = {},
                           std::chrono::seconds timeout = std::chrono::seconds(0));

}  // namespace pipectl
