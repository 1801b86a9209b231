#pragma once
/// s3: a private, encrypted S3 bucket.

#include <memory>
#include <optional>
#include <string>

#include "pipectl/located.h"
#include "pipectl/module_kind.h"

namespace pipectl::modules {

// Defaults are declared once, in the kind's option tables (s3_module.cpp).

struct S3Lifecycle {
  Located<std::string> prefix;
  std::optional<std::int64_t> expire_days;
  std::optional<std::int64_t> noncurrent_expire_days;
  std::int64_t abort_incomplete_upload_days{};
};

struct S3PublicRead {
  std::string reason;
  Located<std::string> prefix;  ///< only keys under it are public; empty: the whole bucket
  SourceRange requested_at;     ///< the `public_read` key
};

struct S3Config : ComponentConfig {
  bool versioning{};
  bool kms{};  ///< SSE-KMS instead of SSE-S3 (AES256)
  std::string kms_key;  ///< empty: the AWS-managed aws/s3 key
  bool force_destroy{};
  std::optional<S3Lifecycle> lifecycle;
  std::optional<S3PublicRead> public_read;
};

std::unique_ptr<ModuleKind> make_s3_module();

}  // namespace pipectl::modules
