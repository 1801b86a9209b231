#include "pipectl/aws_arn.h"

#include "pipectl/terraform_expr.h"

namespace pipectl::arn {

std::string regional(std::string_view service, std::string_view region, std::string_view resource) {
  return "arn:" + tf::partition() + ":" + std::string(service) + ":" + std::string(region) + ":" +
         tf::account_id() + ":" + std::string(resource);
}

std::string global(std::string_view service, std::string_view resource) {
  return "arn:" + tf::partition() + ":" + std::string(service) + ":::" + std::string(resource);
}

std::string service_endpoint(std::string_view service, std::string_view region) {
  // KMS documents the .amazonaws.com suffix for ViaService names in every partition, China's too.
  return std::string(service) + "." + std::string(region) + ".amazonaws.com";
}

}  // namespace pipectl::arn
