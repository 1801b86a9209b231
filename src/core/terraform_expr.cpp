#include "pipectl/terraform_expr.h"

#include <algorithm>
#include <stdexcept>

#include "pipectl/naming.h"
#include "pipectl/text.h"

namespace pipectl::tf {
namespace {

/// The key of the object an expression travels in inside the document's JSON. The NUL byte keeps
/// it apart from every key a spec can write.
const std::string kEncodingKey("\0pipectl.expression", 19);

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;  // clang before 17 does not deduce aggregates

/// Literal text inside a template: "$${" is a literal "${", "%%{" a literal "%{".
std::string escape_template(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool opens_template = (c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{';
    if (opens_template) result += c;
    result += c;
  }
  return result;
}

/// Literal text inside an HCL quoted string: JSON's escapes are a subset of HCL's.
std::string escape_quoted(std::string_view text) {
  std::string json = nlohmann::json(escape_template(text)).dump();
  return json.substr(1, json.size() - 2);
}

std::string call_hcl(const FunctionCall& call) {
  std::string text = call.function + "(";
  for (std::size_t i = 0; i < call.arguments.size(); ++i) {
    if (i > 0) text += ", ";
    text += call.arguments[i].to_hcl();
  }
  return text + ")";
}

/// A non-literal part as it appears between "${" and "}".
std::string part_hcl(const Expression::Part& part) {
  return std::visit(Overloaded{[](const std::string& text) { return "\"" + escape_quoted(text) + "\""; },
                               [](const Reference& reference) { return reference.str(); },
                               [](const FunctionCall& call) { return call_hcl(call); }},
                    part);
}

// Each part of an encoded expression is one JSON value, cheap to make and to read back: literal
// text is a string tagged "'", a reference a string tagged "@" with its fields separated by
// kField (names and attributes are identifiers, which never hold it), a function call an object.
constexpr char kLiteralTag = '\'';
constexpr char kReferenceTag = '@';
constexpr char kField = '\x1f';

std::string encode_reference(const Reference& reference) {
  std::string text(1, kReferenceTag);
  std::visit(Overloaded{[&](const Address& address) {
                          text += address.mode == Address::Mode::Data ? "data" : "managed";
                          text += kField + address.type + kField + address.name;
                        },
                        [&](const NamedValue& value) {
                          text += "named";
                          text += kField + value.root + kField + value.name;
                        }},
             reference.subject);
  for (const std::string& attribute : reference.attributes) text += kField + attribute;
  return text;
}

nlohmann::json encode_part(const Expression::Part& part) {
  return std::visit(
      Overloaded{[](const std::string& text) { return nlohmann::json(kLiteralTag + text); },
                 [](const Reference& reference) { return nlohmann::json(encode_reference(reference)); },
                 [](const FunctionCall& call) {
                   return nlohmann::json{{"call", call.function}, {"arguments", call.arguments}};
                 }},
      part);
}

Reference decode_reference(std::string_view encoded) {
  std::vector<std::string> fields = split(encoded.substr(1), kField);
  if (fields.size() < 3) throw std::logic_error("not an encoded reference");
  Reference reference;
  if (fields[0] == "named") {
    reference.subject = NamedValue{fields[1], fields[2]};
  } else {
    Address::Mode mode = fields[0] == "data" ? Address::Mode::Data : Address::Mode::Managed;
    reference.subject = Address{mode, fields[1], fields[2]};
  }
  reference.attributes.assign(fields.begin() + 3, fields.end());
  return reference;
}

Expression decode_part(const nlohmann::json& json) {
  if (json.is_string()) {
    const std::string& text = json.get_ref<const std::string&>();
    if (!text.empty() && text.front() == kReferenceTag) return decode_reference(text);
    if (!text.empty() && text.front() == kLiteralTag) return Expression(text.substr(1));
    throw std::logic_error("not an encoded expression part: " + text);
  }
  FunctionCall call{json.at("call"), {}};
  for (const auto& argument : json.at("arguments")) call.arguments.push_back(decode_expression(argument));
  return call;
}

/// What to_template gives for an encoded part, read straight from its encoding.
void append_template(const nlohmann::json& part, std::string& out) {
  if (!part.is_string()) {
    out += "${" + part_hcl(decode_part(part).parts().front()) + "}";
    return;
  }
  std::string_view text = part.get_ref<const std::string&>();
  if (text.empty()) return;
  if (text.front() != kReferenceTag) {
    out += escape_template(text.substr(1));
    return;
  }
  // @mode|type|name|attr...: data.type.name.attr, type.name.attr, root.name.attr
  out += "${";
  std::size_t start = 1;
  for (int field = 0; start <= text.size(); ++field) {
    std::size_t end = std::min(text.find(kField, start), text.size());
    std::string_view value = text.substr(start, end - start);
    if (field == 0) {
      if (value == "data") out += "data.";
    } else {
      if (field > 1) out += '.';
      out += value;
    }
    start = end + 1;
  }
  out += '}';
}

}  // namespace

std::string Address::str() const {
  return (mode == Mode::Data ? "data." : "") + type + "." + name;
}

std::string Reference::str() const {
  std::string text = std::visit(
      Overloaded{[](const Address& address) { return address.str(); },
                 [](const NamedValue& value) { return value.root + "." + value.name; }},
      subject);
  for (const std::string& attribute : attributes) text += "." + attribute;
  return text;
}

bool operator==(const FunctionCall& left, const FunctionCall& right) {
  return left.function == right.function && left.arguments == right.arguments;
}

Expression::Expression(std::string literal) { append(std::move(literal)); }
Expression::Expression(const char* literal) : Expression(std::string(literal)) {}
Expression::Expression(Reference reference) { append(std::move(reference)); }
Expression::Expression(FunctionCall call) { append(std::move(call)); }

void Expression::append(Part part) {
  if (auto* text = std::get_if<std::string>(&part)) {
    if (text->empty()) return;
    if (!parts_.empty()) {
      if (auto* last = std::get_if<std::string>(&parts_.back())) {
        *last += *text;
        return;
      }
    }
  }
  parts_.push_back(std::move(part));
}

bool Expression::is_literal() const {
  return parts_.empty() || (parts_.size() == 1 && std::holds_alternative<std::string>(parts_[0]));
}

std::string Expression::literal_text() const {
  if (!is_literal()) throw std::logic_error("literal_text() of " + to_template());
  return parts_.empty() ? "" : std::get<std::string>(parts_[0]);
}

std::vector<Reference> Expression::references() const {
  std::vector<Reference> found;
  for (const Part& part : parts_) {
    if (const auto* reference = std::get_if<Reference>(&part)) found.push_back(*reference);
    if (const auto* call = std::get_if<FunctionCall>(&part)) {
      for (const Expression& argument : call->arguments) {
        for (Reference& inner : argument.references()) found.push_back(std::move(inner));
      }
    }
  }
  return found;
}

std::string Expression::to_template() const {
  std::string text;
  for (const Part& part : parts_) {
    if (const auto* literal = std::get_if<std::string>(&part)) {
      text += escape_template(*literal);
    } else {
      text += "${" + part_hcl(part) + "}";
    }
  }
  return text;
}

std::string Expression::to_hcl() const {
  if (parts_.size() == 1) return part_hcl(parts_[0]);
  return "\"" + to_template() + "\"";  // a quoted template; "" for the empty string
}

Expression operator+(Expression left, const Expression& right) {
  left += right;
  return left;
}

Expression& Expression::operator+=(const Expression& right) {
  for (const Part& part : right.parts_) append(part);
  return *this;
}

bool operator<(const Expression& left, const Expression& right) {
  return left.to_template() < right.to_template();
}

void to_json(nlohmann::json& json, const Expression& expression) {
  if (expression.is_literal()) {
    json = expression.literal_text();
    return;
  }
  nlohmann::json parts = nlohmann::json::array();
  for (const Expression::Part& part : expression.parts()) parts.push_back(encode_part(part));
  json = {{kEncodingKey, parts}};
}

void to_json(nlohmann::json& json, const Address& address) { json = address.str(); }

bool is_encoded_expression(const nlohmann::json& json) {
  return json.is_object() && json.size() == 1 && json.begin().key() == kEncodingKey;
}

std::string encoded_template(const nlohmann::json& json) {
  if (json.is_string()) return escape_template(json.get_ref<const std::string&>());
  if (!is_encoded_expression(json)) throw std::logic_error("not an expression: " + json.dump());
  std::string text;
  for (const auto& part : json.find(kEncodingKey).value()) append_template(part, text);
  return text;
}

Expression decode_expression(const nlohmann::json& json) {
  if (json.is_string()) return Expression(json.get<std::string>());
  if (!is_encoded_expression(json)) throw std::logic_error("not an expression: " + json.dump());
  Expression expression;
  for (const auto& part : json.at(kEncodingKey)) expression += decode_part(part);
  return expression;
}

Address resource(std::string_view type, std::string_view name) {
  return {Address::Mode::Managed, std::string(type), std::string(name)};
}

Expression ref(std::string_view type, std::string_view name, std::string_view attribute) {
  return Reference{resource(type, name), {std::string(attribute)}};
}

Address data(std::string_view type, std::string_view name) {
  return {Address::Mode::Data, std::string(type), std::string(name)};
}

Expression data_ref(std::string_view type, std::string_view name, std::string_view attribute) {
  return Reference{data(type, name), {std::string(attribute)}};
}

Expression path_module() { return Reference{NamedValue{"path", "module"}, {}}; }

Expression aws_name(std::string_view name) {
  Expression result;
  for (auto at = name.find(kAccountToken); at != std::string_view::npos;
       at = name.find(kAccountToken)) {
    result += std::string(name.substr(0, at));
    result += account_id();
    name.remove_prefix(at + kAccountToken.size());
  }
  return result + std::string(name);
}

Expression partition() { return data_ref("aws_partition", "current", "partition"); }

Expression account_id() { return data_ref("aws_caller_identity", "current", "account_id"); }

std::string identifier(std::string_view component_name) {
  std::string result(component_name);
  for (char& c : result) {
    if (c == '-') c = '_';
  }
  return result;
}

}  // namespace pipectl::tf
