#pragma once
/// CloudWatch Logs retention: the only values retention_in_days accepts. Every kind that owns a
/// log group offers these and nothing else.

#include <cstdint>
#include <string>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/located.h"

namespace pipectl {

const std::vector<std::int64_t>& log_retention_days();

/// Reports retention 0 (logs kept for ever) at the option that set it (a finding).
void report_unbounded_retention(const Located<std::int64_t>& days, const std::string& component,
                                Diagnostics& diagnostics);

}  // namespace pipectl
