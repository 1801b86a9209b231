#include "pipectl/log_retention.h"

namespace pipectl {

const std::vector<std::int64_t>& log_retention_days() {
  // From the PutRetentionPolicy API reference; 0 is Terraform's "never expire", which
  // report_unbounded_retention reports as a finding.
  static const std::vector<std::int64_t> days = {0, 1,   3,   5,    7,    14,   30,   60,   90,
                                                 120, 150, 180,  365,  400,  545,  731,  1096,
                                                 1827, 2192, 2557, 2922, 3288, 3653};
  return days;
}

void report_unbounded_retention(const Located<std::int64_t>& days, const std::string& component,
                                Diagnostics& diagnostics) {
  if (days.value != 0) return;
  diagnostics.add(make_diagnostic(DiagCode::UnboundedLogRetention, days.at,
                                  "Logs of \"" + component + "\" are kept for ever")
                      .with_detail("Unbounded retention keeps personal data and costs growing; "
                                   "choose a finite number of days (e.g. 30 or 365)."));
}

}  // namespace pipectl
