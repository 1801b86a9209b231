#pragma once
/// cloudwatch: a scheduled EventBridge (CloudWatch Events) rule that invokes a Lambda function.

#include <memory>
#include <string>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

/// Defaults are declared once, in the kind's option table (cloudwatch_module.cpp).
struct CloudwatchConfig : ComponentConfig {
  Located<std::string> schedule;
  bool enabled{};
  std::string description;
};

std::unique_ptr<ModuleKind> make_cloudwatch_module();

}  // namespace pipectl::modules
