#pragma once
/// Checks rendered Terraform JSON against a provider schema as `terraform providers schema -json`
/// prints it: attribute and block names, required attributes and blocks, nesting and item counts,
/// value shapes, deprecated or computed-only attributes, and every ${...} reference.

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pipectl::testing {

class ProviderSchema {
 public:
  /// Loads and merges schema files (later files add types to earlier ones).
  explicit ProviderSchema(const std::vector<std::filesystem::path>& files);

  /// Every problem found in the rendered files (file name → parsed JSON), as readable lines.
  std::vector<std::string> check(const std::map<std::string, nlohmann::json>& files) const;

 private:
  nlohmann::json resources_ = nlohmann::json::object();
  nlohmann::json data_sources_ = nlohmann::json::object();
};

}  // namespace pipectl::testing
