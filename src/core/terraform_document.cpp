#include "pipectl/terraform_document.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "pipectl/terraform_expr.h"

namespace pipectl {
namespace {

/// Terraform's JSON syntax reads a string as a template only where an expression is expected
/// (https://developer.hashicorp.com/terraform/language/syntax/json): in resource, data, provider
/// and locals bodies and an output's value — but not in meta-arguments that name objects
/// (depends_on, lifecycle, provider), nor in terraform and variable blocks. Literal text is
/// escaped only where it would otherwise be evaluated.
enum class Position { Literal, Template };

/// Writes JSON exactly as nlohmann::json::dump(2) would (sorted keys, two-space indent, the same
/// string escapes), straight from the values modules built: one pass, no copy of the tree.
class CanonicalWriter {
 public:
  explicit CanonicalWriter(std::string& out) : out_(out) {}

  void value(const nlohmann::json& value, Position position, int depth) {
    if (tf::is_encoded_expression(value)) {
      std::string text = tf::encoded_template(value);
      if (position == Position::Literal) {
        throw std::logic_error("an expression where Terraform takes only literal text: " + text);
      }
      return string(text, Position::Literal);  // to_template escaped its literal parts already
    }
    switch (value.type()) {
      case nlohmann::json::value_t::string:
        return string(value.get_ref<const std::string&>(), position);
      case nlohmann::json::value_t::array:
        return array(value, depth, [&](const nlohmann::json& item, int inner) {
          this->value(item, position, inner);
        });
      case nlohmann::json::value_t::object:
        return object(value, depth, position, [&](const std::string&, const nlohmann::json& item,
                                                  int inner) { this->value(item, position, inner); });
      default:
        out_ += value.dump();  // numbers, booleans, null
    }
  }

  /// `[...]`, each item written by `item(value, depth)`.
  template <typename WriteItem>
  void array(const nlohmann::json& items, int depth, WriteItem&& item) {
    if (items.empty()) return void(out_ += "[]");
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      out_ += i == 0 ? "\n" : ",\n";
      indent(depth + 1);
      item(items[i], depth + 1);
    }
    out_ += '\n';
    indent(depth);
    out_ += ']';
  }

  /// `{...}` of members written already (as by `object`, at depth + 1), by key.
  void written_members(const std::map<std::string, std::string>& members, int depth) {
    if (members.empty()) return void(out_ += "{}");
    out_ += '{';
    bool first = true;
    for (const auto& [key, text] : members) {
      out_ += first ? "\n" : ",\n";
      first = false;
      indent(depth + 1);
      string(key, Position::Literal);
      out_ += ": ";
      out_ += text;
    }
    out_ += '\n';
    indent(depth);
    out_ += '}';
  }

  /// `{...}`, each member's value written by `member(key, value, depth)`. In a template position
  /// the keys are templates too (map keys); a block's attribute names never hold "${" or "%{".
  template <typename WriteMember>
  void object(const nlohmann::json& members, int depth, Position keys, WriteMember&& member) {
    if (members.empty()) return void(out_ += "{}");
    out_ += '{';
    bool first = true;
    auto write = [&](const std::string& key, const nlohmann::json& item) {
      out_ += first ? "\n" : ",\n";
      first = false;
      indent(depth + 1);
      string(key, Position::Literal);
      out_ += ": ";
      member(key, item, depth + 1);
    };
    const auto& map = members.get_ref<const nlohmann::json::object_t&>();
    bool escaping = keys == Position::Template &&
                    std::any_of(map.begin(), map.end(), [](const auto& entry) {
                      return opens_template(entry.first);
                    });
    if (!escaping) {
      for (const auto& [key, item] : map) write(key, item);  // already in byte order
    } else {
      // Escaping can reorder keys ("$${" sorts after "${"): sort as the written keys.
      std::vector<std::pair<std::string, const nlohmann::json*>> escaped;
      for (const auto& [key, item] : map) escaped.emplace_back(escape_template(key), &item);
      std::sort(escaped.begin(), escaped.end());
      for (const auto& [key, item] : escaped) write(key, *item);
    }
    out_ += '\n';
    indent(depth);
    out_ += '}';
  }

 private:
  static std::string escape_template(const std::string& text) {
    return tf::Expression(text).to_template();
  }

  static bool opens_template(std::string_view text) {
    return text.find("${") != std::string_view::npos || text.find("%{") != std::string_view::npos;
  }

  void indent(int depth) { out_.append(static_cast<std::size_t>(depth) * 2, ' '); }

  /// A JSON string as nlohmann writes it (ensure_ascii off); in a template position `${` and `%{`
  /// are doubled so Terraform reads them as text.
  void string(std::string_view text, Position position) {
    bool escape_templates = position == Position::Template && opens_template(text);
    auto plain = [&](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\' &&
             !(escape_templates && (c == '$' || c == '%'));
    };
    out_ += '"';
    for (std::size_t i = 0; i < text.size(); ++i) {
      std::size_t run = i;  // most text needs no escape at all: copied in runs
      while (run < text.size() && plain(text[run])) ++run;
      out_.append(text.data() + i, run - i);
      if (run == text.size()) break;
      i = run;
      escape(text, i, escape_templates);
    }
    out_ += '"';
  }

  /// The character at `i`, which is not plain.
  void escape(std::string_view text, std::size_t i, bool escape_templates) {
    char c = text[i];
    switch (c) {
      case '"': out_ += "\\\""; return;
      case '\\': out_ += "\\\\"; return;
      case '\b': out_ += "\\b"; return;
      case '\f': out_ += "\\f"; return;
      case '\n': out_ += "\\n"; return;
      case '\r': out_ += "\\r"; return;
      case '\t': out_ += "\\t"; return;
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out_ += escaped;
      return;
    }
    bool doubled = escape_templates && i + 1 < text.size() && text[i + 1] == '{';  // $ or %
    if (doubled) out_ += c;
    out_ += c;
  }

  std::string& out_;
};

/// One body (of a resource, data source, output, provider, ...): each attribute in the position
/// `literal_keys` assigns it.
void write_body(CanonicalWriter& writer, const nlohmann::json& body,
                const std::set<std::string>& literal_keys, Position others, int depth) {
  writer.object(body, depth, Position::Literal,
                [&](const std::string& key, const nlohmann::json& value, int inner) {
                  writer.value(value, literal_keys.count(key) ? Position::Literal : others, inner);
                });
}

/// `block.<label>...` with `depth` labels above each body (resource: type and name; output: name).
void write_labelled(CanonicalWriter& writer, const nlohmann::json& block, int labels,
                    const std::set<std::string>& literal_keys, Position others, int depth) {
  if (labels == 0) {
    if (block.is_array()) {  // a provider given several configurations
      return writer.array(block, depth, [&](const nlohmann::json& body, int inner) {
        write_body(writer, body, literal_keys, others, inner);
      });
    }
    return write_body(writer, block, literal_keys, others, depth);
  }
  writer.object(block, depth, Position::Literal,
                [&](const std::string&, const nlohmann::json& inner_block, int inner) {
                  write_labelled(writer, inner_block, labels - 1, literal_keys, others, inner);
                });
}

const std::set<std::string> kOutputLiterals = {"//", "description", "depends_on", "sensitive"};

/// Where an output's body is written in outputs.tf.json: {"output": {"<name>": body}}.
constexpr int kOutputBodyDepth = 2;

void write_block(CanonicalWriter& writer, const std::string& block_type, const nlohmann::json& block,
                 int depth) {
  static const std::set<std::string> kMetaArguments = {"//", "depends_on", "lifecycle", "provider"};
  static const std::set<std::string> kProviderLiterals = {"//", "alias"};
  if (block_type == "resource" || block_type == "data") {
    return write_labelled(writer, block, 2, kMetaArguments, Position::Template, depth);
  }
  if (block_type == "provider") {
    return write_labelled(writer, block, 1, kProviderLiterals, Position::Template, depth);
  }
  if (block_type == "output") {
    return write_labelled(writer, block, 1, kOutputLiterals, Position::Template, depth);
  }
  if (block_type == "locals") return writer.value(block, Position::Template, depth);
  if (block_type == "terraform" || block_type == "variable" || block_type == "//") {
    return writer.value(block, Position::Literal, depth);
  }
  throw std::logic_error("no serialization rule for the Terraform block type " + block_type);
}

}  // namespace

nlohmann::json& TerraformDocument::file(const std::string& file) {
  if (finished_.count(file)) throw std::logic_error(file + " was added to after it was finished");
  auto& root = files_[file];
  if (root.is_null()) root = nlohmann::json::object();
  return root;
}

nlohmann::json& TerraformDocument::resource(const std::string& file, const std::string& type,
                                            const std::string& name) {
  auto& root = this->file(file);
  if (!resource_addresses_.insert(type + "." + name).second) {
    throw std::logic_error("resource " + type + "." + name + " rendered twice");
  }
  auto& slot = root["resource"][type][name];
  slot = nlohmann::json::object();
  return slot;
}

nlohmann::json& TerraformDocument::data(const std::string& file, const std::string& type,
                                        const std::string& name) {
  auto& slot = this->file(file)["data"][type][name];
  if (slot.is_null()) slot = nlohmann::json::object();
  return slot;
}

void TerraformDocument::output(const std::string& name, const tf::Expression& value,
                               const std::string& description) {
  // Written now: thousands of outputs wait for the last component as text, not as JSON values.
  file(kOutputsFile)["output"] = nlohmann::json::object();
  std::string text;
  CanonicalWriter writer(text);
  write_body(writer, {{"value", value}, {"description", description}}, kOutputLiterals,
             Position::Template, kOutputBodyDepth);
  outputs_[name] = std::move(text);
}

void TerraformDocument::finish(const std::string& file) {
  auto root = files_.find(file);
  if (root == files_.end()) return;
  if (!comment_.empty()) root->second["//"] = comment_;
  std::string text;
  CanonicalWriter writer(text);
  writer.object(root->second, 0, Position::Literal,
                [&](const std::string& block_type, const nlohmann::json& block, int depth) {
                  if (file == kOutputsFile && block_type == "output") {
                    writer.written_members(outputs_, depth);
                  } else {
                    write_block(writer, block_type, block, depth);
                  }
                });
  finished_[file] = std::move(text) + "\n";
  files_.erase(root);
}

std::map<std::string, std::string> TerraformDocument::serialize() {
  while (!files_.empty()) finish(files_.begin()->first);
  return std::move(finished_);
}

std::string to_canonical_json(const nlohmann::json& value) {
  // nlohmann::json keeps object keys in a std::map, so dump() is already key-sorted. Invalid UTF-8
  // cannot reach here: the YAML reader rejects it.
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

}  // namespace pipectl
