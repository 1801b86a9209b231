#pragma once
/// Terraform values as data. Modules build typed expressions — literal text, references to a typed
/// address and attribute, concatenations, function calls — and never write "${...}" themselves:
/// only serialization (Expression::to_template, called by TerraformDocument::serialize) turns them
/// into the string templates of Terraform's JSON syntax, escaping literal text there. A later pass
/// can therefore rewrite a reference (say, into a remote-state lookup) as a value, not as text.

#include <compare>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pipectl::tf {

class Expression;

/// A resource or data source, as terraform's addrs.Resource: "aws_s3_bucket.raw",
/// "data.aws_partition.current".
struct Address {
  enum class Mode { Managed, Data };
  Mode mode = Mode::Managed;
  std::string type;
  std::string name;

  /// The address as depends_on, moved and import blocks take it.
  std::string str() const;
  friend auto operator<=>(const Address&, const Address&) = default;
};

/// A named value that is not an object: `path.module`, `var.x`, `local.x`.
struct NamedValue {
  std::string root;  ///< "path", "var", "local"
  std::string name;
  friend auto operator<=>(const NamedValue&, const NamedValue&) = default;
};

/// A reference: a subject and the attributes traversed from it (`outputs`, `bucket_arn`).
struct Reference {
  std::variant<Address, NamedValue> subject;
  std::vector<std::string> attributes;

  /// "aws_s3_bucket.raw.arn": the traversal as HCL writes it.
  std::string str() const;
  friend bool operator==(const Reference&, const Reference&) = default;
};

/// A call of one of Terraform's built-in functions.
struct FunctionCall {
  std::string function;
  std::vector<Expression> arguments;
  friend bool operator==(const FunctionCall&, const FunctionCall&);
};

/// A Terraform expression: literal text, a reference, a function call, or a concatenation of
/// those (a string template). Plain text converts implicitly, so "arn:" + tf::partition() reads as
/// the ARN it builds.
class Expression {
 public:
  using Part = std::variant<std::string, Reference, FunctionCall>;

  Expression() = default;
  Expression(std::string literal);  // NOLINT(google-explicit-constructor): text is a literal
  Expression(const char* literal);  // NOLINT(google-explicit-constructor)
  Expression(Reference reference);  // NOLINT(google-explicit-constructor)
  Expression(FunctionCall call);    // NOLINT(google-explicit-constructor)

  /// The parts of the template, adjacent literals merged; empty for "".
  const std::vector<Part>& parts() const { return parts_; }
  /// True when nothing is evaluated: the expression is its literal text.
  bool is_literal() const;
  /// The text of a literal expression (precondition: is_literal()).
  std::string literal_text() const;
  /// Every reference the expression makes, in order, including inside function arguments.
  std::vector<Reference> references() const;

  /// The JSON-syntax string template: literal text with "${" and "%{" escaped, everything else
  /// inside "${...}". Only serialization calls it.
  std::string to_template() const;
  /// The expression in HCL's native syntax (quoted when it is text), as a function argument.
  std::string to_hcl() const;

  friend Expression operator+(Expression left, const Expression& right);
  Expression& operator+=(const Expression& right);
  friend bool operator==(const Expression&, const Expression&) = default;
  /// Ordered by the template it serializes to, so sorted lists of expressions (a policy's
  /// resources) come out in the same order on every machine.
  friend bool operator<(const Expression& left, const Expression& right);

 private:
  void append(Part part);
  std::vector<Part> parts_;
};

/// Expressions travel inside the document's JSON as a one-key object that no spec value can
/// produce (spec maps hold strings only); a literal travels as a plain string. TerraformDocument
/// turns both into templates when it serializes.
void to_json(nlohmann::json& json, const Expression& expression);
void to_json(nlohmann::json& json, const Address& address);
/// True for the encoding of a non-literal expression.
bool is_encoded_expression(const nlohmann::json& json);
/// The expression `json` encodes (a plain string is a literal); throws std::logic_error otherwise.
Expression decode_expression(const nlohmann::json& json);
/// decode_expression(json).to_template(), read straight from the encoding (what serialization
/// does for every expression of a document).
std::string encoded_template(const nlohmann::json& json);

/// A JSON-syntax string template read back into an expression — the inverse of to_template, for
/// checking rendered or hand-written *.tf.json files. Covers literal text, references, function
/// calls and quoted strings; nullopt for anything else (operators, template directives) or a
/// malformed template.
std::optional<Expression> parse_template(std::string_view text);

/// Managed resource `type.name`, and a reference to one of its attributes.
Address resource(std::string_view type, std::string_view name);
Expression ref(std::string_view type, std::string_view name, std::string_view attribute);
/// Data source `data.type.name`, and a reference to one of its attributes.
Address data(std::string_view type, std::string_view name);
Expression data_ref(std::string_view type, std::string_view name, std::string_view attribute);
/// `path.module`: the directory of the configuration, where packaged artifacts are written.
Expression path_module();

/// An AWS name (naming.h) as an expression: literal text, with the {account} token standing for
/// the account id, which Terraform reads at plan time.
Expression aws_name(std::string_view name);

/// The current AWS partition ("aws", "aws-cn", ...) and account id, for ARNs pipectl builds.
Expression partition();
Expression account_id();

/// A Terraform identifier for a component name: lowercase, hyphens become underscores.
std::string identifier(std::string_view component_name);

}  // namespace pipectl::tf
