// Reading Terraform JSON-syntax string templates back into expressions: the inverse of
// Expression::to_template, for checks of rendered (or anyone's) *.tf.json files.

#include <cctype>

#include "pipectl/terraform_expr.h"

namespace pipectl::tf {
namespace {

/// A recursive-descent reader of the template subset pipectl writes: literal text with "$${" and
/// "%%{" escapes, and interpolations of references, function calls and quoted templates.
class TemplateReader {
 public:
  explicit TemplateReader(std::string_view text) : text_(text) {}

  std::optional<Expression> read_template(bool quoted) {
    Expression result;
    std::string literal;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (quoted && c == '"') break;
      if (starts_with("$${") || starts_with("%%{")) {
        literal += c;
        literal += "{";
        pos_ += 3;
      } else if (starts_with("${")) {
        pos_ += 2;
        auto inner = read_expression();
        skip_spaces();
        if (!inner || !consume('}')) return std::nullopt;
        result += Expression(literal) + *inner;
        literal.clear();
      } else if (starts_with("%{")) {
        return std::nullopt;  // template directives: not written by pipectl
      } else if (quoted && c == '\\') {
        if (!read_escape(literal)) return std::nullopt;
      } else {
        literal += c;
        ++pos_;
      }
    }
    return result + Expression(literal);
  }

  bool at_end() const { return pos_ == text_.size(); }
  bool consume(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

 private:
  bool starts_with(std::string_view prefix) const { return text_.substr(pos_, prefix.size()) == prefix; }

  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  std::string identifier() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '-')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  bool read_escape(std::string& literal) {
    if (pos_ + 1 >= text_.size()) return false;
    char escaped = text_[pos_ + 1];
    pos_ += 2;
    switch (escaped) {
      case 'n': literal += '\n'; return true;
      case 't': literal += '\t'; return true;
      case 'r': literal += '\r'; return true;
      case '"': case '\\': literal += escaped; return true;
      default: return false;
    }
  }

  std::optional<Expression> read_expression() {
    skip_spaces();
    if (consume('"')) {
      auto quoted = read_template(true);
      if (!quoted || !consume('"')) return std::nullopt;
      return quoted;
    }
    std::string first = identifier();
    if (first.empty()) return std::nullopt;
    skip_spaces();
    if (consume('(')) return read_call(std::move(first));
    return read_traversal(std::move(first));
  }

  std::optional<Expression> read_call(std::string function) {
    FunctionCall call{std::move(function), {}};
    skip_spaces();
    if (consume(')')) return Expression(std::move(call));
    do {
      auto argument = read_expression();
      if (!argument) return std::nullopt;
      call.arguments.push_back(std::move(*argument));
      skip_spaces();
    } while (consume(','));
    if (!consume(')')) return std::nullopt;
    return Expression(std::move(call));
  }

  std::vector<std::string> attributes() {
    std::vector<std::string> names;
    while (consume('.')) {
      std::string name = identifier();
      if (name.empty()) return {};
      names.push_back(std::move(name));
    }
    return names;
  }

  std::optional<Expression> read_traversal(std::string root) {
    std::vector<std::string> steps = attributes();
    if (root == "path" || root == "var" || root == "local") {
      if (steps.empty()) return std::nullopt;
      NamedValue value{root, steps.front()};
      return Expression(Reference{value, {steps.begin() + 1, steps.end()}});
    }
    bool is_data = root == "data";
    if (is_data) {
      if (steps.empty()) return std::nullopt;
      root = steps.front();
      steps.erase(steps.begin());
    }
    if (steps.empty()) return std::nullopt;  // a bare type is no object
    Address address{is_data ? Address::Mode::Data : Address::Mode::Managed, root, steps.front()};
    return Expression(Reference{address, {steps.begin() + 1, steps.end()}});
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<Expression> parse_template(std::string_view text) {
  TemplateReader reader(text);
  auto expression = reader.read_template(false);
  if (!expression || !reader.at_end()) return std::nullopt;
  return expression;
}

}  // namespace pipectl::tf
