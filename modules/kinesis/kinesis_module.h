#pragma once
/// kinesis: a Kinesis data stream.

#include <memory>
#include <string>
#include <vector>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

/// Defaults and ranges are declared once, in the kind's option table (kinesis_module.cpp).
struct KinesisConfig : ComponentConfig {
  bool on_demand{};
  std::int64_t shards{};
  std::int64_t retention_hours{};
  Located<bool> encrypted;
  std::string kms_key;
  std::vector<std::string> shard_level_metrics;
};

std::unique_ptr<ModuleKind> make_kinesis_module();

}  // namespace pipectl::modules
