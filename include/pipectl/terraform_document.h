#pragma once
/// TerraformDocument: the rendered configuration as JSON values, one per output file. Components
/// add their fragments — plain JSON for literal values, tf::Expression for everything Terraform
/// evaluates. Serialization turns expressions into Terraform's string templates (escaping literal
/// text where Terraform would evaluate it), sorts keys and indents by two spaces, so equal
/// documents always give equal bytes.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "pipectl/terraform_expr.h"

namespace pipectl {

class TerraformDocument {
 public:
  /// The top-level object of `file` (created empty on first use).
  nlohmann::json& file(const std::string& file);
  /// A new `resource.<type>.<name>` object in `file`. Adding the same address twice is a bug.
  nlohmann::json& resource(const std::string& file, const std::string& type, const std::string& name);
  /// A new `data.<type>.<name>` object in `file`, or the existing one (data sources are shared).
  nlohmann::json& data(const std::string& file, const std::string& type, const std::string& name);
  /// Adds `output.<name>` to outputs.tf.json.
  void output(const std::string& name, const tf::Expression& value, const std::string& description);

  /// Terraform JSON's comment property (`"//"`) for every file, set as each is finished.
  void set_comment(std::string comment) { comment_ = std::move(comment); }

  /// Serializes `file` now and frees its values, so rendering thousands of components holds the
  /// values of one at a time, not of all. Adding to a finished file is a bug (logic_error).
  void finish(const std::string& file);

  /// Each file as text (finishing the rest): sorted keys, two-space indent, UTF-8, trailing
  /// newline. The document is empty afterwards.
  std::map<std::string, std::string> serialize();

  static constexpr const char* kOutputsFile = "outputs.tf.json";

 private:
  std::map<std::string, nlohmann::json> files_;
  std::map<std::string, std::string> finished_;
  std::map<std::string, std::string> outputs_;  ///< outputs.tf.json's output bodies, written
  std::set<std::string> resource_addresses_;
  std::string comment_;
};

/// JSON text as pipectl writes it: sorted keys, two-space indent, trailing newline.
std::string to_canonical_json(const nlohmann::json& value);

}  // namespace pipectl
