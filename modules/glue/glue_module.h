#pragma once
/// glue: a Glue Data Catalog database and a crawler that catalogs an S3 bucket into it.

#include <memory>
#include <optional>
#include <string>

#include "pipectl/module_kind.h"

namespace pipectl::modules {

struct GlueConfig : ComponentConfig {
  std::string prefix;  ///< path inside the bucket
  std::optional<std::string> database;  ///< pinned database name
  std::string schedule;                 ///< cron(...) or empty for on demand
  bool combine_compatible_schemas = false;
  std::string update_behavior = "UPDATE_IN_DATABASE";
  std::string delete_behavior = "DEPRECATE_IN_DATABASE";
  std::string recrawl_behavior = "CRAWL_EVERYTHING";
  std::string table_prefix;
  std::string description;
};

std::unique_ptr<ModuleKind> make_glue_module();

}  // namespace pipectl::modules
