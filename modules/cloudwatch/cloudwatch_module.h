#pragma once
/// cloudwatch: a scheduled EventBridge (CloudWatch Events) rule that invokes a Lambda function.

#include <memory>
#include <string>

#include "pipectl/module_kind.h"

namespace pipectl::modules {

struct CloudwatchConfig : ComponentConfig {
  std::string schedule;
  bool enabled = true;
  std::string description;
};

std::unique_ptr<ModuleKind> make_cloudwatch_module();

}  // namespace pipectl::modules
