#include "pipectl/option_table.h"

#include <algorithm>
#include <stdexcept>

namespace pipectl::option_table_detail {

void require_type(const OptionSpec& spec, const std::vector<OptionType>& fits,
                  const char* member_type) {
  if (std::find(fits.begin(), fits.end(), spec.type) != fits.end()) return;
  throw std::logic_error("option \"" + spec.name + "\" takes " + describe_option_type(spec.type) +
                         " but is bound to a member of type " + member_type);
}

void require_undeclared_choices(const OptionSpec& spec) {
  if (spec.type == OptionType::Enum && spec.choices.empty()) return;
  throw std::logic_error("option \"" + spec.name +
                         "\" has meanings for its choices, so it must be an OptionSpec::choice "
                         "that lists none itself");
}

}  // namespace pipectl::option_table_detail
