#include "pipectl/log_retention.h"

namespace pipectl {

const std::vector<std::int64_t>& log_retention_days() {
  // From the PutRetentionPolicy API reference. "Never expire" is left out on purpose: pipectl
  // keeps retention finite.
  static const std::vector<std::int64_t> days = {1,   3,   5,    7,    14,   30,   60,   90,
                                                 120, 150, 180,  365,  400,  545,  731,  1096,
                                                 1827, 2192, 2557, 2922, 3288, 3653};
  return days;
}

}  // namespace pipectl
