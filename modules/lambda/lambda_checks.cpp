#include "lambda_checks.h"

#include <algorithm>
#include <set>

#include "pipectl/platform/paths.h"
#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace fs = std::filesystem;

namespace pipectl::modules {
namespace {

// Variables the Lambda runtime sets itself; CreateFunction rejects them.
const std::set<std::string>& reserved_variables() {
  static const std::set<std::string> names = {
      "_HANDLER",          "_X_AMZN_TRACE_ID",     "AWS_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID", "AWS_DEFAULT_REGION",   "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",           "AWS_LAMBDA_FUNCTION_NAME",
      "AWS_LAMBDA_FUNCTION_VERSION",               "AWS_LAMBDA_INITIALIZATION_TYPE",
      "AWS_LAMBDA_LOG_GROUP_NAME",                 "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_LAMBDA_RUNTIME_API",                    "AWS_REGION",
      "AWS_SECRET_ACCESS_KEY",                     "AWS_SESSION_TOKEN",
      "LAMBDA_RUNTIME_DIR",                        "LAMBDA_TASK_ROOT"};
  return names;
}

constexpr std::size_t kEnvironmentLimitBytes = 4096;
// Lambda's whole unzipped package is at most 250 MB; no handler file comes near this.
constexpr std::uintmax_t kMaxHandlerBytes = 64 * 1024 * 1024;

std::vector<std::string> folder_names(const fs::path& directory, bool directories,
                                      const std::string& extension = "") {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (directories && entry.is_directory(error)) {
      names.push_back(entry.path().filename().string());
    } else if (!directories && entry.path().extension() == extension) {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// After `word` and at least one blank at `at` in `line`, the position past the blanks.
std::optional<std::size_t> after_keyword(std::string_view line, std::size_t at, std::string_view word) {
  if (line.substr(at, word.size()) != word) return std::nullopt;
  std::size_t end = line.find_first_not_of(" \t", at + word.size());
  if (end == at + word.size()) return std::nullopt;
  return end == std::string_view::npos ? line.size() : end;
}

/// The function a line at the top level defines (`def name(` or `async def name(`), if any.
std::optional<std::string> defined_function(std::string_view line) {
  std::size_t at = after_keyword(line, 0, "async").value_or(0);
  auto name_at = after_keyword(line, at, "def");
  if (!name_at) return std::nullopt;
  std::size_t name_end = *name_at;
  while (name_end < line.size() && (is_ascii_alnum(line[name_end]) || line[name_end] == '_')) ++name_end;
  std::string_view name = line.substr(*name_at, name_end - *name_at);
  std::size_t paren = line.find_first_not_of(" \t", name_end);
  if (!is_identifier(name) || paren == std::string_view::npos || line[paren] != '(') return std::nullopt;
  return std::string(name);
}

/// Top-level function names defined in Python source.
std::vector<std::string> python_functions(const std::string& source) {
  std::vector<std::string> names;
  std::string_view rest(source);
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    if (auto name = defined_function(rest.substr(0, end))) names.push_back(std::move(*name));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return names;
}

/// Dot-separated Python identifiers, at least two: module.function or pkg.module.function.
bool is_handler_form(const std::string& handler) {
  auto parts = split(handler, '.');
  return parts.size() >= 2 && handler.back() != '.' &&
         std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return is_identifier(p); });
}

/// The nearest candidate, or the only one when there is just one to choose from.
std::optional<std::string> guess(const std::string& input, const std::vector<std::string>& candidates) {
  if (auto close = nearest(input, candidates)) return close;
  if (candidates.size() == 1) return candidates.front();
  return std::nullopt;
}

/// A source path as users know it, e.g. lambda_sources/fn/handler.py.
std::string display_source(const EnvironmentSettings& settings, const LambdaConfig& config,
                           const std::string& relative = "") {
  std::string path = settings.lambda_sources_shown + "/" + config.source.value;
  return relative.empty() ? path : path + "/" + relative;
}

/// "pkg." for "pkg.mod", "" for "mod".
std::string module_prefix(const std::string& module) {
  auto dot = module.rfind('.');
  return dot == std::string::npos ? "" : module.substr(0, dot + 1);
}

/// A handler suggestion in `file`: `module.function` if it defines `function`, else its only
/// function, else nothing.
std::string handler_in(const fs::path& file, const std::string& module, const std::string& function) {
  auto source = read_file(file);
  if (!source) return {};
  auto functions = python_functions(*source);
  if (std::find(functions.begin(), functions.end(), function) != functions.end()) {
    return module + "." + function;
  }
  return functions.size() == 1 ? module + "." + functions.front() : std::string();
}

std::optional<fs::path> check_source(const LambdaConfig& config, const EnvironmentSettings& settings,
                                     Diagnostics& diagnostics) {
  SourceRange at = config.source.at;
  if (settings.lambda_sources.empty()) {
    if (settings.lambda_sources_written) return std::nullopt;  // reported where it is set
    diagnostics.error(DiagCode::SourceNotFound, at, "No lambda_sources/ folder found",
                      "pipectl looks for lambda_sources/ in the spec's folder and every folder "
                      "above it. Create it next to envs/ and put each function in a subfolder, "
                      "or name another folder with the top-level `lambda_sources` setting.");
    return std::nullopt;
  }
  const std::string& folder = settings.lambda_sources_shown;
  fs::path relative(config.source.value);
  bool escapes = relative.is_absolute() ||
                 std::any_of(relative.begin(), relative.end(), [](const fs::path& part) {
                   return part == "..";
                 });
  if (config.source.value.empty() || escapes) {
    diagnostics.error(DiagCode::SourceNotFound, at,
                      "\"source\" must be a folder inside " + folder + "/, not \"" +
                          config.source.value + "\"",
                      "Write the folder's name relative to " + folder + "/, e.g. "
                      "`source: get-random-beer`; absolute paths and `..` are not allowed.");
    return std::nullopt;
  }
  fs::path directory = settings.lambda_sources / relative;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    auto diagnostic = make_diagnostic(DiagCode::SourceNotFound, at,
                                      "Lambda source folder \"" + display_source(settings, config) +
                                          "\" does not exist");
    auto existing = folder_names(settings.lambda_sources, true);
    diagnostic.detail = existing.empty() ? folder + "/ holds no function folders yet."
                                         : folder + "/ holds " + quoted_list(existing) + ".";
    if (auto found = guess(config.source.value, existing)) diagnostic.suggestion = *found;
    diagnostics.add(std::move(diagnostic));
    return std::nullopt;
  }
  if (!is_within(directory, settings.lambda_sources)) {
    diagnostics.error(DiagCode::SourceNotFound, at,
                      "Lambda source folder \"" + display_source(settings, config) +
                          "\" leads outside " + folder + "/",
                      "It is a symbolic link to somewhere else; packages may only contain the "
                      "project's own files. Copy the code into " + folder + "/.");
    return std::nullopt;
  }
  return directory;
}

/// The handler's module file does not exist: say which modules the folder has.
void report_missing_module(const fs::path& file, const std::string& module,
                           const std::string& function, const std::string& shown,
                           const SourceRange& at, Diagnostics& diagnostics) {
  auto diagnostic = make_diagnostic(DiagCode::HandlerNotFound, at,
                                    "Handler module \"" + module + "\" not found: there is no \"" +
                                        shown + "\"");
  auto modules = folder_names(file.parent_path(), false, ".py");
  diagnostic.detail = modules.empty() ? "The folder holds no .py files."
                                      : "Python modules there: " + quoted_list(modules) + ".";
  if (auto found = guess(module, modules)) {
    diagnostic.suggestion = handler_in(file.parent_path() / (*found + ".py"),
                                       module_prefix(module) + *found, function);
  }
  diagnostics.add(std::move(diagnostic));
}

/// The module defines no such top-level function: say which it defines.
void report_missing_function(const std::vector<std::string>& functions, const std::string& module,
                             const std::string& function, const std::string& shown,
                             const SourceRange& at, Diagnostics& diagnostics) {
  auto diagnostic = make_diagnostic(DiagCode::HandlerNotFound, at,
                                    "\"" + shown + "\" defines no function \"" + function + "\"");
  diagnostic.detail = functions.empty()
                          ? "The file defines no top-level functions."
                          : "Top-level functions there: " + quoted_list(functions) + ".";
  if (auto found = guess(function, functions)) diagnostic.suggestion = module + "." + *found;
  diagnostics.add(std::move(diagnostic));
}

void check_handler(const LambdaConfig& config, const EnvironmentSettings& settings,
                   const fs::path& directory,
                   Diagnostics& diagnostics) {
  SourceRange at = config.handler.at;
  // Python identifiers only: anything else could name a file outside the package.
  if (!is_handler_form(config.handler.value)) {
    diagnostics.error(DiagCode::HandlerNotFound, at,
                      "Handler \"" + config.handler.value + "\" is not of the form module.function",
                      "E.g. `handler: handler.lambda_handler` runs lambda_handler() in handler.py; "
                      "both parts are Python identifiers (a package path as pkg.module.function).");
    return;
  }
  auto dot = config.handler.value.rfind('.');
  std::string module = config.handler.value.substr(0, dot);
  std::string function = config.handler.value.substr(dot + 1);
  std::string module_path = module;
  std::replace(module_path.begin(), module_path.end(), '.', '/');
  fs::path file = directory / (module_path + ".py");
  std::string shown = display_source(settings, config, module_path + ".py");
  if (fs::exists(file) && !is_within(file, directory)) {
    diagnostics.error(DiagCode::HandlerNotFound, at,
                      "Handler module \"" + shown + "\" leads outside the function's folder",
                      "It is a symbolic link to somewhere else; the package would not contain it.");
    return;
  }
  std::error_code exists_error;
  if (fs::exists(fs::symlink_status(file, exists_error))) {
    auto readable = read_file_within(file, kMaxHandlerBytes);
    if (!readable.text) {
      diagnostics.error(DiagCode::HandlerNotFound, at,
                        "Cannot read handler module \"" + shown + "\": " + readable.error,
                        "Lambda imports this file to start the function; make it a readable "
                        "Python file.");
      return;
    }
  }
  auto source = read_file(file);
  if (!source) {
    report_missing_module(file, module, function, shown, at, diagnostics);
    return;
  }
  auto functions = python_functions(*source);
  if (std::find(functions.begin(), functions.end(), function) != functions.end()) return;
  report_missing_function(functions, module, function, shown, at, diagnostics);
}

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void check_environment(const LambdaConfig& config, Diagnostics& diagnostics) {
  std::size_t literal_bytes = 0;
  for (const MapValue& value : config.environment) {
    literal_bytes += value.key.size() + value.literal.size();
    if (!is_identifier(value.key) || value.key.front() == '_') {
      diagnostics.error(DiagCode::ReservedEnvironment, value.key_range,
                        "Invalid environment variable name \"" + value.key + "\"",
                        "Names start with a letter and contain only letters, digits and "
                        "underscores.");
    } else if (reserved_variables().count(value.key)) {
      diagnostics.error(DiagCode::ReservedEnvironment, value.key_range,
                        "Environment variable \"" + value.key + "\" is reserved by Lambda",
                        "The Lambda runtime sets it itself; choose another name.");
    }
  }
  if (literal_bytes > kEnvironmentLimitBytes && !config.environment.empty()) {
    diagnostics.error(DiagCode::LimitExceeded, config.environment.front().key_range,
                      "Environment variables take " + std::to_string(literal_bytes) +
                          " bytes before references are filled in, more than Lambda's limit "
                          "of 4096",
                      "Move large values to SSM Parameter Store or S3 and pass their names.");
  }
}

void check_source_and_handler(const Component& component, const EnvironmentSettings& settings,
                              Diagnostics& diagnostics) {
  const auto& config = component.config_as<LambdaConfig>();
  if (auto directory = check_source(config, settings, diagnostics)) {
    check_handler(config, settings, *directory, diagnostics);
  }
}

void check_environment_grants(const Component& component, const ResourceGraph& graph,
                              Diagnostics& diagnostics) {
  const auto& config = component.config_as<LambdaConfig>();
  const OptionSchema& schema = component.kind->options();
  const auto& writable = schema.find("writes")->ref_kinds;
  const auto& readable = schema.find("reads")->ref_kinds;
  for (const MapValue& value : config.environment) {
    if (!value.reference) continue;
    const Component* target = graph.find(value.reference->target);
    if (target == nullptr) continue;
    std::string kind(target->kind->name());
    bool can_write = lists(writable, kind);
    bool can_read = lists(readable, kind);
    if (!can_write && !can_read) continue;  // nothing a function's role could be granted
    if (graph.grants_access(component, *target)) continue;
    std::vector<std::string> options;
    if (can_write) options.push_back("`writes: [" + target->name + "]` to write to it");
    if (can_read) options.push_back("`reads: [" + target->name + "]` to read it");
    diagnostics.add(
        make_diagnostic(DiagCode::ReferenceWithoutGrant, value.value_range,
                        "Environment variable \"" + value.key + "\" of \"" + component.name +
                            "\" names " + kind + " component \"" + target->name +
                            "\", which its role may not use")
            .with_detail("The function gets the " + value.reference->attribute +
                         ", but every call it makes on \"" + target->name +
                         "\" fails with AccessDenied. Add " + word_list(options, "or") +
                         "; pipectl then grants exactly the calls the function needs."));
  }
}

}  // namespace pipectl::modules
