#include "pipectl/kms.h"

#include <regex>

#include "pipectl/aws_arn.h"
#include "pipectl/terraform_expr.h"

namespace pipectl {

bool is_kms_key_arn(const std::string& key) {
  static const std::regex arn(R"(arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)");
  return std::regex_match(key, arn);
}

void check_customer_key(const OptionValues& options, const std::string& option,
                        const std::string& aws_managed, Diagnostics& diagnostics) {
  if (!options.has(option)) return;
  std::string key = options.string(option);
  if (key == aws_managed || is_kms_key_arn(key)) return;
  diagnostics.error(DiagCode::InvalidValue, options.range(option),
                    "\"" + option + "\" must be the ARN of a KMS key, not \"" + key + "\"",
                    "pipectl grants every role that reads or writes this component the use of "
                    "exactly this key, which IAM needs as a key ARN "
                    "(arn:aws:kms:<region>:<account>:key/<id>). Leave the option out to use the "
                    "AWS-managed key " + aws_managed + ".");
}

PolicyStatement key_use_statement(std::string sid, std::vector<std::string> actions,
                                  const std::string& key_arn, std::string_view service,
                                  std::string_view region, PolicyCondition context) {
  return {std::move(sid),
          std::move(actions),
          {key_arn},
          {{"StringEquals", "kms:ViaService", {arn::service_endpoint(service, region)}},
           std::move(context)}};
}

}  // namespace pipectl
