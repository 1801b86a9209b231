#pragma once
/// CloudWatch Logs retention: the only values retention_in_days accepts. Every kind that owns a
/// log group offers these and nothing else.

#include <cstdint>
#include <vector>

namespace pipectl {

const std::vector<std::int64_t>& log_retention_days();

}  // namespace pipectl
