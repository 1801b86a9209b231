#include "pipectl/iam.h"

#include <algorithm>
#include <cctype>

namespace pipectl {

std::string access_name(Access access) {
  switch (access) {
    case Access::Read:
      return "read";
    case Access::Write:
      return "write";
    case Access::Invoke:
      return "invoke";
    case Access::Deliver:
      return "deliver";
    case Access::Crawl:
      return "crawl";
  }
  return "read";
}

std::string statement_id(const std::vector<std::string>& words) {
  std::string sid;
  for (const std::string& word : words) {
    bool start = true;
    for (char c : word) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        start = true;
        continue;
      }
      sid += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      start = false;
    }
  }
  return sid;
}

void normalize_statements(std::vector<PolicyStatement>& statements) {
  auto sort_unique = [](auto& items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
  };
  for (PolicyStatement& statement : statements) {
    sort_unique(statement.actions);
    sort_unique(statement.resources);
  }
  std::stable_sort(statements.begin(), statements.end(),
                   [](const PolicyStatement& a, const PolicyStatement& b) { return a.sid < b.sid; });
  // The same grant reached twice (e.g. a bucket listed twice) is one statement.
  statements.erase(std::unique(statements.begin(), statements.end(),
                               [](const PolicyStatement& a, const PolicyStatement& b) {
                                 return a.sid == b.sid && a.actions == b.actions &&
                                        a.resources == b.resources &&
                                        a.conditions == b.conditions &&
                                        a.declared_at == b.declared_at;
                               }),
                   statements.end());
}

}  // namespace pipectl
