#pragma once
/// Terraform expressions in JSON syntax. Every string value in a *.tf.json file is a template, so
/// references are written "${type.name.attribute}" and literal text must escape "${" and "%{".
/// Only this file builds such strings.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pipectl::tf {

/// "${type.name.attribute}" — a reference to a managed resource's attribute.
std::string ref(std::string_view type, std::string_view name, std::string_view attribute);
/// "${data.type.name.attribute}" — a reference to a data source's attribute.
std::string data_ref(std::string_view type, std::string_view name, std::string_view attribute);
/// "type.name" — an address, as depends_on lists take it.
std::string address(std::string_view type, std::string_view name);
/// `text` as a literal template: "${" and "%{" are escaped so Terraform never evaluates them.
std::string literal(std::string_view text);

/// An AWS name (naming.h) as a template: literal text, with the {account} token standing for the
/// account id, which Terraform reads at plan time.
std::string aws_name(std::string_view name);

/// A map of literal strings (tags): keys and values escaped like literal().
nlohmann::json literal_map(const std::map<std::string, std::string>& map);

/// The current AWS partition ("aws", "aws-cn", ...) and account id, for ARNs pipectl builds.
std::string partition();
std::string account_id();

/// A Terraform identifier for a component name: lowercase, hyphens become underscores.
std::string identifier(std::string_view component_name);

}  // namespace pipectl::tf
