#pragma once
/// kinesis: a Kinesis data stream.

#include <memory>
#include <string>
#include <vector>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

struct KinesisConfig : ComponentConfig {
  bool on_demand = false;
  std::int64_t shards = 1;
  std::int64_t retention_hours = 24;
  Located<bool> encrypted{true, {}};
  std::string kms_key;
  std::vector<std::string> shard_level_metrics;
};

std::unique_ptr<ModuleKind> make_kinesis_module();

}  // namespace pipectl::modules
