#pragma once
/// firehose: a Firehose stream from a Kinesis stream to an S3 bucket (extended_s3), optionally
/// transforming records with a Lambda function.

#include <memory>
#include <optional>
#include <string>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

/// Defaults are Firehose's own for a Lambda processor; render omits parameters equal to them.
struct FirehoseTransform {
  std::int64_t buffer_size_mb = 1;
  std::int64_t buffer_interval_seconds = 60;
  std::int64_t retries = 3;
};

struct FirehoseConfig : ComponentConfig {
  std::int64_t buffer_size_mb = 5;
  std::int64_t buffer_interval_seconds = 300;
  std::string prefix;
  std::string error_output_prefix;
  std::string compression = "UNCOMPRESSED";  ///< the AWS value
  std::optional<FirehoseTransform> transform;
  /// Firehose appends "\n" to every record (its AppendDelimiterToRecord processor).
  bool append_newline = false;
  bool logging = true;
  Located<std::int64_t> log_retention_days{30, {}};
};

std::unique_ptr<ModuleKind> make_firehose_module();

}  // namespace pipectl::modules
