#pragma once
/// IAM as data: statements, the access one component needs to another, and the role a component
/// runs as. derive_iam turns the graph's connections into roles; render_terraform writes them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipectl/source.h"
#include "pipectl/terraform_expr.h"

namespace pipectl {

struct PolicyCondition {
  std::string test;      ///< "StringEquals", "StringLike", ...
  std::string variable;  ///< "aws:SourceAccount", "s3:prefix", ...
  std::vector<tf::Expression> values;

  friend bool operator==(const PolicyCondition&, const PolicyCondition&) = default;
};

/// One Allow statement.
struct PolicyStatement {
  std::string sid;
  std::vector<std::string> actions;
  std::vector<tf::Expression> resources;
  std::vector<PolicyCondition> conditions;
  /// Where a user wrote the statement (extra_permissions); empty for statements pipectl derived.
  std::optional<SourceRange> declared_at = std::nullopt;
};

/// The kinds of access one component can need to another (CDK's grantRead/grantWrite/grantInvoke),
/// each the exact set of calls its user makes, as AWS documents them (docs/iam.md cites the pages).
enum class Access {
  Read,     ///< SDK reads: a function reading a bucket, Firehose reading its source stream
  Write,    ///< SDK writes: a function putting records or objects
  Invoke,   ///< calling a function (Firehose's transformation)
  Deliver,  ///< Firehose delivering into a bucket (its documented S3 destination policy)
  Crawl,    ///< a Glue crawler reading a bucket, which also asks for the bucket's region
};

std::string access_name(Access access);

/// "I need `access` to component `target`" — declared by the option the reference was written in
/// (OptionSpec::grants), made by derive_iam from the graph's connections, and granted by the
/// target's kind, which alone knows its own actions and ARNs.
struct AccessRequest {
  std::string target;
  Access access = Access::Read;
  /// Narrows the grant where the target supports it: an S3 key prefix, or the qualifier of the
  /// function version that is invoked ("$LATEST").
  std::string scope;
  std::string reason;  ///< the option that made the connection ("source", "writes")
};

/// The role a component's AWS service (its kind's role_service) assumes, before the grants of its
/// targets are added.
struct RoleRequirements {
  /// Conditions on assuming the role (confused-deputy protection where the service supports it).
  std::vector<PolicyCondition> trust_conditions;
  std::vector<PolicyStatement> own_statements;  ///< access to the component's own resources
};

/// A finished role: name, trust and the complete, sorted list of statements.
struct DerivedRole {
  std::string component;
  std::string role_name;
  std::string service_principal;
  std::vector<PolicyCondition> trust_conditions;
  std::vector<PolicyStatement> statements;
};

/// Roles by component name (what derive_iam produces).
using DerivedRoles = std::map<std::string, DerivedRole>;

/// "WriteBeerStream"-style statement ids from words ("write", "beer-stream").
std::string statement_id(const std::vector<std::string>& words);

/// Sorts and de-duplicates the actions and resources of each statement, orders statements by sid
/// and drops exact repeats, so the rendered policy never depends on the order grants were
/// collected in.
void normalize_statements(std::vector<PolicyStatement>& statements);

}  // namespace pipectl
