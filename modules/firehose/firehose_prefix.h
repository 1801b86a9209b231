#pragma once
/// Firehose S3 prefixes and their !{namespace:value} expressions.

#include "firehose_module.h"
#include "pipectl/diagnostic.h"
#include "pipectl/option_values.h"

namespace pipectl::modules {

/// Checks both prefixes against Firehose's rules for custom prefixes: known expressions only,
/// error_output_prefix required when prefix uses expressions, and error_output_prefix with
/// expressions must contain !{firehose:error-output-type}.
void check_prefixes(const OptionValues& options, const FirehoseConfig& config,
                    Diagnostics& diagnostics);

}  // namespace pipectl::modules
