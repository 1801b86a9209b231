#pragma once
/// Customer-managed KMS keys: a component encrypted with one must name it by ARN, so the roles
/// that read or write the component can be granted exactly that key.

#include <string>

#include "pipectl/diagnostic.h"
#include "pipectl/option_values.h"

namespace pipectl {

/// Whether `key` is a KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<id>.
bool is_kms_key_arn(const std::string& key);

/// Reports option `option` unless it is absent, the AWS-managed key `aws_managed` (which needs no
/// grant), or a key ARN. Aliases cannot be granted in IAM without a wildcard.
void check_customer_key(const OptionValues& options, const std::string& option,
                        const std::string& aws_managed, Diagnostics& diagnostics);

}  // namespace pipectl
