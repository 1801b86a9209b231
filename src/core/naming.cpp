#include "pipectl/naming.h"

#include <algorithm>
#include <cctype>

#include "pipectl/suggest.h"
#include "pipectl/text.h"

namespace pipectl {

namespace names {
// Limits from each service's API reference (CreateBucket, CreateStream, CreateDeliveryStream,
// CreateFunction, CreateRole, CreateDatabase, CreateCrawler, PutRule, CreateLogGroup).
const NameConstraints kS3Bucket{"S3 bucket name", 3, 63,
                                "lowercase letters, digits, hyphens and dots", "-.", true, true, 0,
                                true};
const NameConstraints kKinesisStream{"Kinesis stream name", 1, 128,
                                     "letters, digits, hyphens, underscores and dots", "-_.", false,
                                     false, 0};
const NameConstraints kFirehoseStream{"Firehose stream name", 1, 64,
                                      "letters, digits, hyphens, underscores and dots", "-_.", false,
                                      false, 0};
const NameConstraints kLambdaFunction{"Lambda function name", 1, 64,
                                      "letters, digits, hyphens and underscores", "-_", false, false,
                                      0};
const NameConstraints kIamRole{"IAM role name", 1, 64,
                               "letters, digits and + = , . @ - _", "+=,.@-_", false, false, 0,
                               true};
// Glue accepts hyphens, but Athena cannot query databases whose names contain them.
const NameConstraints kGlueDatabase{"Glue database name", 1, 255,
                                    "lowercase letters, digits and underscores", "_", true, false,
                                    '_'};
const NameConstraints kGlueCrawler{"Glue crawler name", 1, 255,
                                   "letters, digits, hyphens, underscores and dots", "-_.", false,
                                   false, 0};
const NameConstraints kEventRule{"EventBridge rule name", 1, 64,
                                 "letters, digits, hyphens, underscores and dots", "-_.", false,
                                 false, 0};
const NameConstraints kLogGroup{"CloudWatch log group name", 1, 512,
                                "letters, digits and . - _ / #", ".-_/#", false, false, 0};
}  // namespace names

const std::vector<std::string>& naming_placeholders() {
  static const std::vector<std::string> placeholders = {"project", "env", "name", "region",
                                                        "account"};
  return placeholders;
}

const NamingRule& NamingRules::for_kind(std::string_view kind) const {
  auto it = by_kind.find(kind);
  return it == by_kind.end() ? fallback : it->second;
}

bool is_account_scoped(std::string_view name) {
  return name.find(kAccountToken) != std::string_view::npos;
}

std::string NamingRule::apply(const std::string& component_name) const {
  std::string result;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      result += pattern[i];
      continue;
    }
    auto close = pattern.find('}', i);
    if (close == std::string::npos) {
      result += pattern.substr(i);
      break;
    }
    std::string key = pattern.substr(i + 1, close - i - 1);
    if (key == "project") result += project;
    else if (key == "env") result += environment;
    else if (key == "name") result += component_name;
    else if (key == "region") result += region;
    else if (key == "account") result += kAccountToken;
    i = close;
  }
  return result;
}

void check_naming_rule(const NamingRule& rule, Diagnostics& diagnostics) {
  std::vector<std::string> used;
  for (std::size_t i = 0; i < rule.pattern.size(); ++i) {
    if (rule.pattern[i] == '}') {
      diagnostics.error(DiagCode::InvalidNamingRule, rule.range,
                        "Unmatched \"}\" in naming rule \"" + rule.pattern + "\"",
                        "Placeholders are written {project}, {env}, {name}, {region} or {account}.");
      return;
    }
    if (rule.pattern[i] != '{') continue;
    auto close = rule.pattern.find('}', i);
    if (close == std::string::npos) {
      diagnostics.error(DiagCode::InvalidNamingRule, rule.range,
                        "Unclosed placeholder in naming rule \"" + rule.pattern + "\"",
                        "Close it with \"}\"; placeholders are {project}, {env}, {name}, {region} "
                        "or {account}.");
      return;
    }
    std::string key = rule.pattern.substr(i + 1, close - i - 1);
    const auto& known = naming_placeholders();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      auto diagnostic = make_diagnostic(DiagCode::InvalidNamingRule, rule.range,
                                        "Unknown placeholder {" + key + "} in naming rule");
      diagnostic.detail = "The naming rule may use " + quoted_list(known) + " in braces.";
      if (auto guess = nearest(key, known)) diagnostic.suggestion = "{" + *guess + "}";
      diagnostics.add(std::move(diagnostic));
    }
    used.push_back(key);
    i = close;
  }
  if (std::find(used.begin(), used.end(), "name") == used.end()) {
    diagnostics.error(DiagCode::InvalidNamingRule, rule.range,
                      "Naming rule \"" + rule.pattern + "\" lacks {name}",
                      "Without {name} every component would get the same AWS name. Use e.g. "
                      "\"{project}-{env}-{name}\".");
  }
  if (std::find(used.begin(), used.end(), "env") == used.end()) {
    diagnostics.add(
        make_diagnostic(DiagCode::NamingRuleWithoutEnv, rule.range,
                        "Naming rule \"" + rule.pattern + "\" lacks {env}")
            .with_detail("Environments deployed to one AWS account would then collide on bucket, "
                         "role, stream and function names. Add {env} unless this environment "
                         "has an account of its own."));
  }
}

std::string adapt_name(std::string name, const NameConstraints& constraints) {
  if (constraints.hyphen_replacement != 0) {
    std::replace(name.begin(), name.end(), '-', constraints.hyphen_replacement);
  }
  if (constraints.lowercase_only) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return name;
}

namespace {

bool allowed_char(char c, const NameConstraints& constraints) {
  auto u = static_cast<unsigned char>(c);
  if (std::isdigit(u)) return true;
  if (std::isalpha(u) && u < 128) return !constraints.lowercase_only || std::islower(u);
  return constraints.extra_chars.find(c) != std::string::npos;
}

std::optional<std::string> bucket_problem(const std::string& name) {
  auto alnum = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || std::islower(static_cast<unsigned char>(c));
  };
  if (!alnum(name.front()) || !alnum(name.back())) {
    return "must begin and end with a lowercase letter or a digit";
  }
  if (name.find("..") != std::string::npos) return "must not contain two adjacent dots";
  auto digit_or_dot = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
  auto groups = split(name, '.');
  bool ip_address = consists_of(name, digit_or_dot) && groups.size() == 4 &&
                    std::none_of(groups.begin(), groups.end(), [](const std::string& g) { return g.empty(); });
  if (ip_address) {
    return "must not look like an IP address";
  }
  for (const char* prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
    if (name.rfind(prefix, 0) == 0) return std::string("must not begin with \"") + prefix + "\"";
  }
  for (std::string suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return "must not end with \"" + suffix + "\"";
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> s3_prefix_problem(const std::string& prefix) {
  if (prefix.find_first_of("*?") != std::string::npos) {
    return "it contains a wildcard (* or ?); prefixes are literal, and a wildcard would widen the "
           "IAM grant scoped to it";
  }
  if (!prefix.empty() && prefix.front() == '/') {
    return "it starts with \"/\"; S3 keys have no leading slash (write cleaned/, not /cleaned/)";
  }
  return std::nullopt;
}

std::optional<std::string> name_problem(const std::string& written,
                                        const NameConstraints& constraints) {
  // The account id is twelve digits: as long as the token is, and valid wherever digits are.
  std::string name = written;
  for (auto at = name.find(kAccountToken); at != std::string::npos;
       at = name.find(kAccountToken, at)) {
    name.replace(at, kAccountToken.size(), "000000000000");
  }
  if (name.size() < constraints.min_length || name.size() > constraints.max_length) {
    std::string counted = name.size() == written.size() ? "" : " with the 12-digit account id";
    return "is " + std::to_string(name.size()) + " characters long" + counted + "; " +
           constraints.what +
           "s must have " + std::to_string(constraints.min_length) + "–" +
           std::to_string(constraints.max_length) + " characters";
  }
  for (char c : name) {
    if (!allowed_char(c, constraints)) {
      return std::string("contains \"") + c + "\"; " + constraints.what + "s may contain only " +
             constraints.allowed;
    }
  }
  if (constraints.bucket_rules) {
    if (auto problem = bucket_problem(name)) return *problem;
  }
  return std::nullopt;
}

}  // namespace pipectl
