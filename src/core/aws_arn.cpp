#include "pipectl/aws_arn.h"

#include "pipectl/terraform_expr.h"

namespace pipectl::arn {

tf::Expression regional(std::string_view service, std::string_view region,
                        const tf::Expression& resource) {
  return "arn:" + tf::partition() + ":" + std::string(service) + ":" + std::string(region) + ":" +
         tf::account_id() + ":" + resource;
}

tf::Expression global(std::string_view service, const tf::Expression& resource) {
  return "arn:" + tf::partition() + ":" + std::string(service) + ":::" + resource;
}

std::string service_endpoint(std::string_view service, std::string_view region) {
  // KMS documents the .amazonaws.com suffix for ViaService names in every partition, China's too.
  return std::string(service) + "." + std::string(region) + ".amazonaws.com";
}

}  // namespace pipectl::arn
