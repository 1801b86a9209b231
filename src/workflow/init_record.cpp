#include "pipectl/workflow/init_record.h"

#include <nlohmann/json.hpp>

#include "pipectl/platform/paths.h"
#include "pipectl/platform/file_system.h"
#include "pipectl/platform/sha256.h"

namespace fs = std::filesystem;

namespace pipectl {

InitInputs init_inputs(const RenderedOutput& output, const fs::path& program,
                       std::vector<std::string> backend_config) {
  InitInputs inputs;
  auto settings = output.files.find(kTerraformSettingsFile);
  if (settings != output.files.end()) {
    auto document = nlohmann::json::parse(settings->second, nullptr, false);
    if (document.is_object() && document.contains("terraform")) {
      inputs.terraform_block = document["terraform"].dump();
    }
  }
  inputs.program = program;
  inputs.backend_config = std::move(backend_config);
  return inputs;
}

std::string init_fingerprint(const InitInputs& inputs) {
  nlohmann::json record = {{"terraform", inputs.terraform_block},
                           {"program", inputs.program.string()},
                           {"backend_config", nlohmann::json::array()}};
  for (const std::string& value : inputs.backend_config) {
    // "key=value" is a value; anything else names a file, whose content is what counts.
    nlohmann::json entry = {{"argument", value}};
    if (value.find('=') == std::string::npos) entry["content"] = read_file(value).value_or("");
    record["backend_config"].push_back(entry);
  }
  return hex(sha256(record.dump()));
}

fs::path terraform_data_directory(const fs::path& working_directory,
                                  const std::optional<std::string>& tf_data_dir) {
  if (!tf_data_dir || tf_data_dir->empty()) return working_directory / ".terraform";
  fs::path configured(*tf_data_dir);
  return configured.is_absolute() ? configured : working_directory / configured;
}

std::optional<std::string> init_reason(const fs::path& working_directory,
                                       const fs::path& data_directory,
                                       const std::string& fingerprint) {
  std::error_code error;
  if (!fs::exists(data_directory, error)) return "first run in this directory";
  auto text = read_file(data_directory / kInitRecordFileName);
  if (!text) return "not initialized by pipectl yet";
  auto record = nlohmann::json::parse(*text, nullptr, false);
  if (!record.is_object() || record.value("fingerprint", "") != fingerprint) {
    return "providers, backend, -backend-config or the terraform program changed";
  }
  if (!fs::exists(working_directory / ".terraform.lock.hcl", error)) {
    return "the dependency lock file .terraform.lock.hcl is missing";
  }
  return std::nullopt;
}

void record_init(const fs::path& data_directory, const std::string& fingerprint) {
  std::error_code error;
  fs::create_directories(data_directory, error);
  nlohmann::json record = {{"fingerprint", fingerprint},
                           {"written_by", std::string("pipectl ") + PIPECTL_VERSION}};
  // Without a record the next run only initializes again.
  (void)replace_file(data_directory / kInitRecordFileName, record.dump(2) + "\n");
}

}  // namespace pipectl
