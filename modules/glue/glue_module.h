#pragma once
/// glue: a Glue Data Catalog database and a crawler that catalogs an S3 bucket into it.

#include <memory>
#include <optional>
#include <string>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

/// What the crawler does with changed and vanished data (the AWS values).
struct GlueSchemaChange {
  std::string update_behavior;
  std::string delete_behavior;
};

/// Defaults are declared once, in the kind's option table (glue_module.cpp).
struct GlueConfig : ComponentConfig {
  Located<std::string> prefix;  ///< path inside the bucket
  std::optional<Located<std::string>> database;  ///< pinned database name
  Located<std::string> schedule;                 ///< cron(...) or empty for on demand
  bool combine_compatible_schemas{};
  GlueSchemaChange schema_change;
  std::string recrawl_behavior;
  std::string table_prefix;
  std::string description;
};

std::unique_ptr<ModuleKind> make_glue_module();

}  // namespace pipectl::modules
