#pragma once
/// firehose: a Firehose stream from a Kinesis stream to an S3 bucket (extended_s3), optionally
/// transforming records with a Lambda function.

#include <memory>
#include <optional>
#include <string>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

// Defaults and ranges are declared once, in the kind's option tables (firehose_module.cpp).

/// When Firehose writes a batch to S3.
struct FirehoseBuffering {
  std::int64_t size_mb{};
  std::int64_t interval_seconds{};
};

/// The Lambda processor's batching and retries.
struct FirehoseTransform {
  std::int64_t buffer_size_mb{};
  std::int64_t buffer_interval_seconds{};
  std::int64_t retries{};
};

struct FirehoseLogging {
  bool enabled{};
  Located<std::int64_t> retention_days;
};

struct FirehoseConfig : ComponentConfig {
  FirehoseBuffering buffering;
  std::string prefix;
  std::string error_output_prefix;
  std::string compression;  ///< the AWS value
  std::optional<FirehoseTransform> transform;
  /// Firehose appends "\n" to every record (its AppendDelimiterToRecord processor).
  bool append_newline{};
  FirehoseLogging logging;
};

std::unique_ptr<ModuleKind> make_firehose_module();

}  // namespace pipectl::modules
