#include "lambda_module.h"

#include "lambda_checks.h"
#include "lambda_package.h"
#include "lambda_permissions.h"
#include "lambda_python_syntax.h"
#include "lambda_runtime.h"
#include "pipectl/aws_arn.h"
#include "pipectl/log_retention.h"
#include "pipectl/option_table.h"
#include "pipectl/platform/paths.h"
#include "pipectl/platform/pip.h"
#include "pipectl/render_context.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

constexpr const char* kFunction = "aws_lambda_function";
constexpr const char* kLogGroup = "aws_cloudwatch_log_group";

/// The group Lambda writes the function's logs to, which pipectl creates with a retention.
std::string log_group_name(const Component& component) {
  return "/aws/lambda/" + component.physical_name;
}

/// What runs: the code, its runtime and its size.
OptionTable<LambdaConfig> code_options() {
  return {
      option(&LambdaConfig::source,
             OptionSpec::string("source",
                                "Folder under lambda_sources/ holding the function's code, e.g. "
                                "get-random-beer.")
                 .is_required()),
      option(&LambdaConfig::handler,
             OptionSpec::string("handler",
                                "Entry point as module.function; the module is a .py file in the "
                                "source folder.")
                 .or_default("handler.lambda_handler")),
      option(&LambdaConfig::runtime,
             OptionSpec::string("runtime",
                                "Python runtime: python3.11, python3.12 or python3.13. Deprecated "
                                "runtimes (python3.10 and older) are rejected.")
                 .or_default(kDefaultPythonRuntime)),
      option(&LambdaConfig::architecture,
             OptionSpec::one_of("architecture", {"x86_64", "arm64"}, "Instruction set.")
                 .or_default("x86_64")),
      option(&LambdaConfig::memory_mb,
             OptionSpec::integer("memory", "Memory in MB; CPU scales with it.")
                 .between(128, 10240)
                 .or_default(std::int64_t{128})
                 .in_unit("MB")),
      option(&LambdaConfig::timeout_seconds,
             OptionSpec::integer("timeout", "Longest run time of one invocation.")
                 .between(1, 900)
                 .or_default(std::int64_t{30})
                 .in_unit("seconds")),
  };
}

/// How it runs: environment, logs, concurrency.
OptionTable<LambdaConfig> operation_options() {
  return {
      option(&LambdaConfig::environment,
             OptionSpec::value_map("environment",
                                   "Environment variables. A value is a literal, or "
                                   "{ref: component.attribute} for another component's name or "
                                   "ARN.")),
      option(&LambdaConfig::log_retention_days,
             OptionSpec::integer("log_retention_days",
                                 "How long the function's logs are kept; 0 keeps them for ever "
                                 "(reported as a finding).")
                 .allowed(log_retention_days())
                 .or_default(std::int64_t{30})
                 .in_unit("days")),
      option(&LambdaConfig::reserved_concurrency,
             OptionSpec::integer("reserved_concurrency",
                                 "Maximum concurrent executions reserved for the function (0 "
                                 "stops it from running). Always reported (PC3008): AWS keeps "
                                 "100 executions of the account unreserved, so a reservation "
                                 "fails on accounts with a low quota.")
                 .between(0, 1000)
                 .or_default_note("unreserved")),
      option(&LambdaConfig::description,
             OptionSpec::string("description", "Description shown in the Lambda console.")),
  };
}

/// What its role may reach: components of the spec, and resources outside it.
OptionTable<LambdaConfig> access_options() {
  return {
      declared<LambdaConfig>(
          OptionSpec::references("writes", {"kinesis", "s3"},
                                 "Streams and buckets the function writes to.")
              .grants(Access::Write)),
      declared<LambdaConfig>(
          OptionSpec::references("reads", {"s3"}, "Buckets the function reads from.")
              .grants(Access::Read)),
      option(&LambdaConfig::extra_permissions, "extra_permissions", extra_permission_options(),
             "Access the function needs to AWS resources outside the spec, added to its role as "
             "written. Wildcards in actions or resources are reported as findings."),
  };
}

/// The options of a lambda component.
const OptionTable<LambdaConfig>& lambda_options() {
  static const OptionTable<LambdaConfig> table =
      code_options() + operation_options() + access_options();
  return table;
}

class LambdaModule final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "lambda",
        .summary =
            "A Python Lambda function packaged by pipectl from a folder under lambda_sources/ (or "
            "the "
            "folder the top-level `lambda_sources` names), with its own "
            "log group and a role scoped to what it reads and writes.",
        .options = lambda_options().schema(),
        .attributes =
            {
                {"name", "the function name", kFunction, "function_name"},
                {"arn", "the function ARN", kFunction, "arn"},
            },
        .name_constraints = &names::kLambdaFunction,
        .aws_services = {"lambda", "logs"},
        .role_service = "lambda.amazonaws.com",
    };
    return kind;
  }

  std::unique_ptr<ComponentConfig> decode(const Component& component, const OptionValues& options,
                                          Diagnostics& diagnostics) const override {
    auto config = std::make_unique<LambdaConfig>(lambda_options().decode(options));
    const Located<std::string>& runtime = config->runtime;
    if (auto problem = runtime_problem(runtime.value)) {
      diagnostics.add(make_diagnostic(DiagCode::UnsupportedRuntime, runtime.at,
                                      "Unsupported Lambda runtime \"" + runtime.value + "\"")
                          .with_detail(*problem)
                          .with_suggestion(kDefaultPythonRuntime));
    }
    check_environment(*config, diagnostics);
    if (config->reserved_concurrency) {
      diagnostics.add(
          make_diagnostic(DiagCode::ReservedConcurrency, config->reserved_concurrency->at,
                          "Reserving " + std::to_string(config->reserved_concurrency->value) +
                              " concurrent executions for \"" + component.name +
                              "\" fails on accounts with a low concurrency quota")
              .with_detail("AWS accepts a reservation only while at least 100 concurrent "
                           "executions of the account stay unreserved, and new accounts have a "
                           "reduced quota, so `terraform apply` fails there "
                           "(PutFunctionConcurrency). Remove reserved_concurrency unless this "
                           "account's quota is known to allow it; see docs/diagnostics.md, "
                           "PC3008."));
    }
    config->extra_statements = extra_permission_statements(config->extra_permissions, diagnostics);
    return config;
  }

  void check(const Component& component, const CheckContext& context,
             Diagnostics& diagnostics) const override {
    check_source_and_handler(component, context.graph.settings(), diagnostics);
    check_environment_grants(component, context.graph, diagnostics);
  }

  void check_code(const std::vector<const Component*>& functions, const ResourceGraph& graph,
                  const PipOptions& tools, SourceFiles& sources,
                  Diagnostics& diagnostics) const override {
    check_function_sources(functions, graph, tools, sources, diagnostics);
  }

  Artifacts package(const std::vector<const Component*>& functions, const ResourceGraph& graph,
                    const PipOptions& tools, Diagnostics& diagnostics) const override {
    return package_functions(functions, graph, tools, diagnostics);
  }

  RoleRequirements role(const Component& component, const ResourceGraph& graph) const override {
    const auto& config = component.config_as<LambdaConfig>();
    RoleRequirements role;
    role.own_statements.push_back(
        {"WriteOwnLogs",
         {"logs:CreateLogStream", "logs:PutLogEvents"},
         {arn::regional("logs", graph.settings().region,
                        "log-group:" + tf::aws_name(log_group_name(component)) + ":*")},
         {}});
    role.own_statements.insert(role.own_statements.end(), config.extra_statements.begin(),
                               config.extra_statements.end());
    return role;
  }

  std::vector<PolicyStatement> grant(const Component& self, const AccessRequest& request,
                                     const ResourceGraph& graph) const override {
    if (request.access != Access::Invoke) return {};
    // IAM matches a qualified ARN (function:name:$LATEST) apart from the unqualified one, so the
    // grant names exactly the version the caller invokes.
    tf::Expression arn = arn::regional("lambda", graph.settings().region,
                                    "function:" + tf::aws_name(self.physical_name));
    if (!request.scope.empty()) arn += ":" + request.scope;
    return {{statement_id({"invoke", self.name}),
             {"lambda:GetFunctionConfiguration", "lambda:InvokeFunction"},
             {arn},
             {}}};
  }

  void report_findings(const Component& component, Diagnostics& diagnostics) const override {
    const auto& config = component.config_as<LambdaConfig>();
    report_unbounded_retention(config.log_retention_days, component.name, diagnostics);
  }

  void render(const Component& component, const RenderContext& context,
              TerraformDocument& document) const override {
    const auto& config = component.config_as<LambdaConfig>();
    const std::string file = component.file();
    const std::string id = component.id();

    auto& log_group = document.resource(file, kLogGroup, id);
    log_group["name"] = tf::aws_name(log_group_name(component));
    log_group["retention_in_days"] = config.log_retention_days.value;
    if (!component.tags.empty()) log_group["tags"] = component.tags;

    auto& function = document.resource(file, kFunction, id);
    function["function_name"] = tf::aws_name(component.physical_name);
    function["role"] = context.role_arn(component);
    function["handler"] = config.handler.value;
    function["runtime"] = config.runtime.value;
    function["memory_size"] = config.memory_mb;
    function["timeout"] = config.timeout_seconds;
    function["architectures"] = {config.architecture};
    const Artifact& artifact = *context.artifacts.at(component.name);
    function["filename"] = tf::path_module() + "/" + artifact.path;
    function["source_code_hash"] = artifact.sha256_base64;
    if (!config.environment.empty()) {
      nlohmann::json variables = nlohmann::json::object();
      for (const MapValue& value : config.environment) {
        // A {ref: ...} value is a connection of its own ("environment.KEY").
        variables[value.key] =
            value.reference ? context.target_expression(component, value.reference->option,
                                                        value.reference->attribute)
                            : tf::Expression(value.literal);
      }
      function["environment"] = {{"variables", variables}};
    }
    if (config.reserved_concurrency) {
      function["reserved_concurrent_executions"] = config.reserved_concurrency->value;
    }
    if (!config.description.empty()) function["description"] = config.description;
    if (!component.tags.empty()) function["tags"] = component.tags;
    // The log group must exist before Lambda would create one without retention, and the
    // role's permissions before the function first runs.
    std::vector<tf::Address> dependencies = {tf::resource(kLogGroup, id)};
    for (tf::Address& policy : context.role_policy_dependencies(component)) {
      dependencies.push_back(std::move(policy));
    }
    function["depends_on"] = dependencies;

    document.output(id + "_name", tf::ref(kFunction, id, "function_name"),
                    "Name of the Lambda function of component " + component.name);
    document.output(id + "_arn", tf::ref(kFunction, id, "arn"),
                    "ARN of the Lambda function of component " + component.name);
  }
};

}  // namespace

std::unique_ptr<ModuleKind> make_lambda_module() { return std::make_unique<LambdaModule>(); }

}  // namespace pipectl::modules
