#pragma once
/// Customer-managed KMS keys: a component encrypted with one must name it by ARN, so the roles
/// that read or write the component can be granted exactly that key.

#include <string>
#include <string_view>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/iam.h"
#include "pipectl/option_values.h"

namespace pipectl {

/// Whether `key` is a KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<id>.
bool is_kms_key_arn(const std::string& key);

/// Reports option `option` unless it is absent, the AWS-managed key `aws_managed` (which needs no
/// grant), or a key ARN. Aliases cannot be granted in IAM without a wildcard.
void check_customer_key(const OptionValues& options, const std::string& option,
                        const std::string& aws_managed, Diagnostics& diagnostics);

/// A grant of `actions` on a customer-managed key that holds only through one service for one
/// resource, as AWS documents for Kinesis and S3: `kms:ViaService` names the service's endpoint in
/// the region, and `context` is the encryption-context condition that names the stream or bucket
/// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
PolicyStatement key_use_statement(std::string sid, std::vector<std::string> actions,
                                  const std::string& key_arn, std::string_view service,
                                  std::string_view region, PolicyCondition context);

}  // namespace pipectl
