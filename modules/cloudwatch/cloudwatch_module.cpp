#include "cloudwatch_module.h"

#include "pipectl/option_table.h"
#include "pipectl/render_context.h"
#include "pipectl/schedule_expression.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

constexpr const char* kRule = "aws_cloudwatch_event_rule";

/// The options of a cloudwatch component.
const OptionTable<CloudwatchConfig>& cloudwatch_options() {
  static const OptionTable<CloudwatchConfig> table{
      option(&CloudwatchConfig::schedule,
           OptionSpec::string("schedule",
                              "When to run: rate(5 minutes), rate(1 hour), or "
                              "cron(minutes hours day-of-month month day-of-week year) in UTC.")
               .is_required()),
      declared<CloudwatchConfig>(
          OptionSpec::reference("target", {"lambda"}, "The lambda component to invoke.")
              .is_required()
              .outside_exports()),
      option(&CloudwatchConfig::enabled,
           OptionSpec::boolean("enabled", "Whether the schedule runs.").or_default(true)),
      option(&CloudwatchConfig::description,
           OptionSpec::string("description", "Description of the rule.")),
  };
  return table;
}

class CloudwatchModule final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "cloudwatch",
        .summary =
            "A schedule (EventBridge rule) that invokes a Lambda function, with the target and "
            "the invoke permission wired for you.",
        .options = cloudwatch_options().schema(),
        .attributes =
            {
                {"name", "the rule name", kRule, "name"},
                {"arn", "the rule ARN", kRule, "arn"},
            },
        .name_constraints = &names::kEventRule,
        .aws_services = {"events", "lambda"},
        .role_service = "",  // EventBridge invokes through the function's resource policy
    };
    return kind;
  }

  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues& options,
                                          Diagnostics& diagnostics) const override {
    auto config = std::make_unique<CloudwatchConfig>(cloudwatch_options().decode(options));
    if (options.has("schedule")) {
      const Located<std::string>& schedule = config->schedule;
      if (auto problem = schedule_problem(schedule.value, ScheduleSyntax::RateOrCron)) {
        diagnostics.error(DiagCode::InvalidSchedule, schedule.at,
                          "Invalid schedule \"" + schedule.value + "\"",
                          *problem);
      }
    }
    return config;
  }

  void render(const Component& component, const RenderContext& context,
              TerraformDocument& document) const override {
    const auto& config = component.config_as<CloudwatchConfig>();
    const std::string file = component.file();
    const std::string id = component.id();

    auto& rule = document.resource(file, kRule, id);
    rule["name"] = tf::aws_name(component.physical_name);
    rule["schedule_expression"] = config.schedule.value;
    rule["state"] = config.enabled ? "ENABLED" : "DISABLED";
    if (!config.description.empty()) rule["description"] = config.description;
    if (!component.tags.empty()) rule["tags"] = component.tags;

    document.resource(file, "aws_cloudwatch_event_target", id) = {
        {"rule", tf::ref(kRule, id, "name")},
        {"target_id", context.graph.target(component, "target").name},
        {"arn", context.target_expression(component, "target", "arn")}};

    // EventBridge invokes Lambda through the function's resource policy, limited to this rule.
    document.resource(file, "aws_lambda_permission", id) = {
        {"statement_id", "pipectl-" + component.name},
        {"action", "lambda:InvokeFunction"},
        {"function_name", context.target_expression(component, "target", "name")},
        {"principal", "events.amazonaws.com"},
        {"source_arn", tf::ref(kRule, id, "arn")}};

    document.output(id + "_name", tf::ref(kRule, id, "name"),
                    "Name of the schedule rule of component " + component.name);
    document.output(id + "_arn", tf::ref(kRule, id, "arn"),
                    "ARN of the schedule rule of component " + component.name);
  }
};

}  // namespace

std::unique_ptr<ModuleKind> make_cloudwatch_module() {
  return std::make_unique<CloudwatchModule>();
}

}  // namespace pipectl::modules
