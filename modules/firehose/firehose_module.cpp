#include "firehose_module.h"

#include <map>

#include "firehose_prefix.h"
#include "pipectl/aws_arn.h"
#include "pipectl/log_retention.h"
#include "pipectl/option_table.h"
#include "pipectl/render_context.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

constexpr const char* kStream = "aws_kinesis_firehose_delivery_stream";
constexpr const char* kLogGroup = "aws_cloudwatch_log_group";
constexpr const char* kLogStream = "aws_cloudwatch_log_stream";
// The stream name the Firehose console uses for delivery errors.
constexpr const char* kLogStreamName = "DestinationDelivery";
// The function version Firehose invokes; its role may invoke exactly that one.
constexpr const char* kTransformQualifier = "$LATEST";

/// Firehose's own defaults for a Lambda processor. It does not report parameters equal to them,
/// so render leaves them out (rendering them would show a change on every plan).
constexpr FirehoseTransform kLambdaProcessorDefaults{1, 60, 3};

OptionTable<FirehoseBuffering> buffering_options() {
  return {
      option(&FirehoseBuffering::size_mb,
             OptionSpec::integer("size_mb", "Deliver when this much data has arrived.")
                 .between(1, 128)
                 .or_default(std::int64_t{5})
                 .in_unit("MiB")),
      option(&FirehoseBuffering::interval_seconds,
             OptionSpec::integer("interval_seconds", "Deliver at least this often.")
                 .between(0, 900)
                 .or_default(std::int64_t{300})
                 .in_unit("seconds")),
  };
}

OptionTable<FirehoseTransform> transform_options() {
  return {
      declared<FirehoseTransform>(
          OptionSpec::reference("function", {"lambda"},
                                "The lambda component that transforms each batch of records.")
              .is_required()
              .grants(Access::Invoke, kTransformQualifier)),
      option(&FirehoseTransform::buffer_size_mb,
             OptionSpec::integer("buffer_size_mb", "Batch size handed to the function.")
                 .between(1, 3)
                 .or_default(kLambdaProcessorDefaults.buffer_size_mb)
                 .in_unit("MiB")),
      option(&FirehoseTransform::buffer_interval_seconds,
             OptionSpec::integer("buffer_interval_seconds",
                                 "Longest wait before calling the function.")
                 .between(60, 900)
                 .or_default(kLambdaProcessorDefaults.buffer_interval_seconds)
                 .in_unit("seconds")),
      option(&FirehoseTransform::retries,
             OptionSpec::integer("retries", "Retries of a failed invocation.")
                 .between(0, 300)
                 .or_default(kLambdaProcessorDefaults.retries)),
  };
}

OptionTable<FirehoseLogging> logging_options() {
  return {
      option(&FirehoseLogging::enabled,
             OptionSpec::boolean("enabled", "Log delivery and transformation errors to CloudWatch.")
                 .or_default(true)),
      option(&FirehoseLogging::retention_days,
             OptionSpec::integer("retention_days",
                                 "How long error logs are kept; 0 keeps them for ever (reported "
                                 "as a finding).")
                 .allowed(log_retention_days())
                 .or_default(std::int64_t{30})
                 .in_unit("days")),
  };
}

/// The group of the stream's error logs (the name the Firehose console would give it).
std::string log_group_name(const Component& component) {
  return "/aws/kinesisfirehose/" + component.physical_name;
}

/// The options of a firehose component.
const OptionTable<FirehoseConfig>& firehose_options() {
  static const OptionTable<FirehoseConfig> table{
      declared<FirehoseConfig>(
          OptionSpec::reference("source", {"kinesis"}, "The kinesis component to read from.")
              .is_required()
              .grants(Access::Read)),
      declared<FirehoseConfig>(
          OptionSpec::reference("destination", {"s3"}, "The s3 component to deliver to.")
              .is_required()
              .grants(Access::Deliver)),
      option(&FirehoseConfig::buffering, "buffering", buffering_options(),
             "When Firehose writes a batch to S3: whichever limit is hit first."),
      option(&FirehoseConfig::prefix,
             OptionSpec::string("prefix", "S3 key prefix. May use !{timestamp:...} and "
                                          "!{firehose:random-string}.")
                 .or_default_note("Firehose's YYYY/MM/dd/HH/")),
      option(&FirehoseConfig::error_output_prefix,
             OptionSpec::string("error_output_prefix",
                                "S3 key prefix for records that failed; required when `prefix` "
                                "uses !{...} expressions. May use !{firehose:error-output-type}.")),
      option(&FirehoseConfig::compression,
             OptionSpec::choice("compression", "Compression of the delivered objects.")
                 .or_default("none"),
             {{"none", "UNCOMPRESSED"},
              {"gzip", "GZIP"},
              {"zip", "ZIP"},
              {"snappy", "Snappy"},
              {"hadoop_snappy", "HADOOP_SNAPPY"}}),
      option(&FirehoseConfig::transform, "transform", transform_options(),
             "Transform records with a Lambda function before delivery."),
      option(&FirehoseConfig::append_newline,
             OptionSpec::choice("record_delimiter",
                                "newline: Firehose ends every record with a newline before it "
                                "concatenates them into objects (its AppendDelimiterToRecord "
                                "processor), so producers that do not end records with one still "
                                "give one record per line. Leave it at none when the producer (or "
                                "the transform) already does, or lines come out blank in between.")
                 .or_default("none"),
             {{"none", false}, {"newline", true}}),
      option(&FirehoseConfig::logging, "logging", logging_options(),
             "CloudWatch error logging (on by default)."),
  };
  return table;
}

class FirehoseModule final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "firehose",
        .summary =
            "A Firehose stream delivering a Kinesis stream to S3 (extended_s3), with optional "
            "Lambda transformation and error logging.",
        .options = firehose_options().schema(),
        .attributes =
            {
                {"name", "the Firehose stream name", kStream, "name"},
                {"arn", "the Firehose stream ARN", kStream, "arn"},
            },
        .name_constraints = &names::kFirehoseStream,
        .aws_services = {"firehose", "logs"},
        .role_service = "firehose.amazonaws.com",
    };
    return kind;
  }

  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues& options,
                                          Diagnostics& diagnostics) const override {
    auto config = std::make_unique<FirehoseConfig>(firehose_options().decode(options));
    check_prefixes(options, *config, diagnostics);
    return config;
  }

  RoleRequirements role(const Component& component, const ResourceGraph& graph) const override {
    const auto& config = component.config_as<FirehoseConfig>();
    RoleRequirements role;
    // Firehose passes the account id as the external id when it assumes a delivery role; the
    // condition stops another account's stream from using this role (confused deputy).
    role.trust_conditions.push_back({"StringEquals", "sts:ExternalId", {tf::account_id()}});
    if (config.logging.enabled) {
      role.own_statements.push_back(
          {"WriteOwnErrorLogs",
           {"logs:PutLogEvents"},
           {arn::regional("logs", graph.settings().region,
                          "log-group:" + tf::aws_name(log_group_name(component)) +
                              ":log-stream:" + kLogStreamName)},
           {}});
    }
    return role;
  }

  void report_findings(const Component& component, Diagnostics& diagnostics) const override {
    const auto& config = component.config_as<FirehoseConfig>();
    if (!config.logging.enabled) return;
    report_unbounded_retention(config.logging.retention_days, component.name, diagnostics);
  }

  void render(const Component& component, const RenderContext& context,
              TerraformDocument& document) const override {
    const auto& config = component.config_as<FirehoseConfig>();
    const std::string file = component.file();
    const std::string id = component.id();
    const tf::Expression role_arn = context.role_arn(component);

    nlohmann::json destination = {
        {"bucket_arn", context.target_expression(component, "destination", "arn")},
        {"role_arn", role_arn},
        {"buffering_size", config.buffering.size_mb},
        {"buffering_interval", config.buffering.interval_seconds},
        {"compression_format", config.compression}};
    if (!config.prefix.empty()) destination["prefix"] = config.prefix;
    if (!config.error_output_prefix.empty()) {
      destination["error_output_prefix"] = config.error_output_prefix;
    }
    if (config.transform || config.append_newline) {
      destination["processing_configuration"] = processing(component, config, context);
    }
    if (config.logging.enabled) {
      render_logging(component, config, document);
      destination["cloudwatch_logging_options"] = {
          {"enabled", true},
          {"log_group_name", tf::ref(kLogGroup, id, "name")},
          {"log_stream_name", tf::ref(kLogStream, id, "name")}};
    }

    auto& stream = document.resource(file, kStream, id);
    stream["name"] = tf::aws_name(component.physical_name);
    stream["destination"] = "extended_s3";
    stream["kinesis_source_configuration"] = {
        {"kinesis_stream_arn", context.target_expression(component, "source", "arn")}, {"role_arn", role_arn}};
    stream["extended_s3_configuration"] = destination;
    if (!component.tags.empty()) stream["tags"] = component.tags;
    // Firehose checks its role's permissions when the stream is created.
    auto policy = context.role_policy_dependencies(component);
    if (!policy.empty()) stream["depends_on"] = policy;

    document.output(id + "_name", tf::ref(kStream, id, "name"),
                    "Name of the Firehose stream of component " + component.name);
    document.output(id + "_arn", tf::ref(kStream, id, "arn"),
                    "ARN of the Firehose stream of component " + component.name);
  }

 private:
  /// The transformation first, then the delimiter, so transformed records end with it too.
  static nlohmann::json processing(const Component& component, const FirehoseConfig& config,
                                   const RenderContext& context) {
    nlohmann::json processors = nlohmann::json::array();
    if (config.transform) {
      processors.push_back(lambda_processor(component, *config.transform, context));
    }
    // The processor takes no parameters: the delimiter is a newline.
    if (config.append_newline) processors.push_back({{"type", "AppendDelimiterToRecord"}});
    return {{"enabled", true}, {"processors", processors}};
  }

  static nlohmann::json lambda_processor(const Component& component,
                                         const FirehoseTransform& transform,
                                         const RenderContext& context) {
    // A set in the provider schema: listed in name order so the output is stable.
    const FirehoseTransform& defaults = kLambdaProcessorDefaults;
    std::map<std::string, tf::Expression> parameters = {
        {"LambdaArn", context.target_expression(component, "transform.function", "arn") + ":" +
                          kTransformQualifier}};
    if (transform.buffer_interval_seconds != defaults.buffer_interval_seconds) {
      parameters["BufferIntervalInSeconds"] = std::to_string(transform.buffer_interval_seconds);
    }
    if (transform.buffer_size_mb != defaults.buffer_size_mb) {
      parameters["BufferSizeInMBs"] = std::to_string(transform.buffer_size_mb);
    }
    if (transform.retries != defaults.retries) {
      parameters["NumberOfRetries"] = std::to_string(transform.retries);
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [name, value] : parameters) {
      list.push_back({{"parameter_name", name}, {"parameter_value", value}});
    }
    return {{"type", "Lambda"}, {"parameters", list}};
  }

  static void render_logging(const Component& component, const FirehoseConfig& config,
                             TerraformDocument& document) {
    const std::string id = component.id();
    auto& group = document.resource(component.file(), kLogGroup, id);
    group["name"] = tf::aws_name(log_group_name(component));
    group["retention_in_days"] = config.logging.retention_days.value;
    if (!component.tags.empty()) group["tags"] = component.tags;
    document.resource(component.file(), kLogStream, id) = {
        {"name", kLogStreamName}, {"log_group_name", tf::ref(kLogGroup, id, "name")}};
  }
};

}  // namespace

std::unique_ptr<ModuleKind> make_firehose_module() { return std::make_unique<FirehoseModule>(); }

}  // namespace pipectl::modules
