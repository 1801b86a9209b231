#pragma once
/// Names of real AWS objects. Every name comes from a naming rule (default
/// "{project}-{env}-{name}", optionally one rule per kind) unless a component pins it, and is
/// checked against the rules of the AWS service that owns it.
///
/// `{account}` stays in a name as a token until rendering: the account id is known only to
/// Terraform (aws_caller_identity, read at plan time), so tf::aws_name() turns the token into that
/// expression, and checks treat it as the twelve digits it will be.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipectl/diagnostic.h"
#include "pipectl/source.h"

namespace pipectl {

/// What an AWS service accepts as the name of one type of object.
struct NameConstraints {
  std::string what;  ///< "S3 bucket name"
  std::size_t min_length = 1;
  std::size_t max_length = 64;
  std::string allowed;  ///< human description of the allowed characters
  std::string extra_chars;  ///< accepted besides ASCII letters and digits
  bool lowercase_only = false;
  bool bucket_rules = false;  ///< S3's extra rules: start/end alphanumeric, no "..", no IP form
  /// Character that replaces '-' when adapting a rule-made name (Glue databases use '_').
  char hyphen_replacement = 0;
  /// Unique across every account and region (S3 buckets) or within an account (IAM roles), not
  /// just within one account's region.
  bool global = false;
};

namespace names {
extern const NameConstraints kS3Bucket;
extern const NameConstraints kKinesisStream;
extern const NameConstraints kFirehoseStream;
extern const NameConstraints kLambdaFunction;
extern const NameConstraints kIamRole;
extern const NameConstraints kGlueDatabase;
extern const NameConstraints kGlueCrawler;
extern const NameConstraints kEventRule;
extern const NameConstraints kLogGroup;
}  // namespace names

/// The token for the AWS account id in a name; see the file comment.
inline constexpr std::string_view kAccountToken = "{account}";

/// The default naming rule.
inline constexpr const char* kDefaultNamingRule = "{project}-{env}-{name}";

/// What the naming rule's placeholders stand for in one environment.
struct NamingRule {
  std::string pattern = kDefaultNamingRule;
  SourceRange range;
  std::string project;
  std::string environment;
  std::string region;

  /// The pattern with its placeholders filled in for `component_name`; {account} stays a token.
  std::string apply(const std::string& component_name) const;
};

/// The rules of one environment: one for every kind, or a default and rules for some kinds.
struct NamingRules {
  NamingRule fallback;
  std::map<std::string, NamingRule, std::less<>> by_kind;

  const NamingRule& for_kind(std::string_view kind) const;
};

/// The placeholders a naming rule may use.
const std::vector<std::string>& naming_placeholders();

/// Whether a name holds the {account} token, i.e. differs in every AWS account.
bool is_account_scoped(std::string_view name);

/// Reports unknown or unclosed placeholders, a rule without {name} (error) and a rule without
/// {env} (warning: prod and test would share names).
void check_naming_rule(const NamingRule& rule, Diagnostics& diagnostics);

/// Adapts a rule-made name to a service's conventions (e.g. '-' to '_' for Glue databases).
std::string adapt_name(std::string name, const NameConstraints& constraints);

/// Why `prefix` cannot be an S3 key prefix that IAM grants are scoped to (wildcards would widen
/// the grant; a leading "/" names keys no one writes), or nothing if it can.
std::optional<std::string> s3_prefix_problem(const std::string& prefix);

/// Why `name` is not acceptable to the service, or nothing if it is. An {account} token counts as
/// the twelve digits of an account id.
std::optional<std::string> name_problem(const std::string& name, const NameConstraints& constraints);

}  // namespace pipectl
