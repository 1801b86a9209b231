#pragma once
/// ARNs of the objects pipectl creates, built from their names rather than read from resource
/// attributes. A policy that reads a resource's `arn` attribute depends on that resource, and
/// Terraform re-reads such a policy document at apply time whenever the resource has any change,
/// so every plan would show the policy as "known after apply". Names, the region and the account
/// (aws_caller_identity, read during plan) are known when Terraform plans, so these ARNs are too.

#include <string>
#include <string_view>

#include "pipectl/terraform_expr.h"

namespace pipectl::arn {

/// arn:<partition>:<service>:<region>:<account>:<resource>. `resource` names the object (with
/// tf::aws_name for names that hold the {account} token).
tf::Expression regional(std::string_view service, std::string_view region,
                        const tf::Expression& resource);

/// arn:<partition>:<service>:::<resource>, for services whose ARNs name no region or account
/// (S3 buckets).
tf::Expression global(std::string_view service, const tf::Expression& resource);

/// A service in a region as `kms:ViaService` names it: "kinesis.eu-west-1.amazonaws.com".
std::string service_endpoint(std::string_view service, std::string_view region);

}  // namespace pipectl::arn
