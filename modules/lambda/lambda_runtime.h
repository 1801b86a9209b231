#pragma once
/// Which Lambda runtimes pipectl accepts, and why it rejects the others.

#include <optional>
#include <string>

namespace pipectl::modules {

inline constexpr const char* kDefaultPythonRuntime = "python3.13";

/// Why `runtime` cannot be used (deprecated with its date, not Python, or unknown), or nothing.
std::optional<std::string> runtime_problem(const std::string& runtime);

}  // namespace pipectl::modules
