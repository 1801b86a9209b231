#include "kinesis_module.h"

#include <algorithm>

#include "pipectl/aws_arn.h"
#include "pipectl/kms.h"
#include "pipectl/option_table.h"
#include "pipectl/render_context.h"
#include "pipectl/suggest.h"
#include "pipectl/text.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

constexpr const char* kType = "aws_kinesis_stream";
constexpr const char* kAwsManagedKey = "alias/aws/kinesis";

const std::vector<std::string>& shard_metrics() {
  static const std::vector<std::string> metrics = {
      "ALL",           "IncomingBytes",    "IncomingRecords",
      "IteratorAgeMilliseconds",           "OutgoingBytes",
      "OutgoingRecords", "ReadProvisionedThroughputExceeded",
      "WriteProvisionedThroughputExceeded"};
  return metrics;
}

/// The options of a kinesis component.
const OptionTable<KinesisConfig>& kinesis_options() {
  static const OptionTable<KinesisConfig> table{
      option(&KinesisConfig::on_demand,
           OptionSpec::choice("mode", "Capacity mode: a fixed number of shards, or on-demand "
                                      "scaling.")
               .or_default("provisioned"),
           {{"provisioned", false}, {"on_demand", true}}),
      option(&KinesisConfig::shards,
           OptionSpec::integer("shards",
                               "Number of shards in provisioned mode (each takes 1 MB/s or 1000 "
                               "records/s in). Not allowed with mode: on_demand. Your account's "
                               "shard quota also applies.")
               .between(1, 10000)
               .or_default(std::int64_t{1})),
      option(&KinesisConfig::retention_hours,
           OptionSpec::integer("retention_hours", "How long records stay readable, 1 to 365 days.")
               .between(24, 8760)
               .or_default(std::int64_t{24})
               .in_unit("hours")),
      option(&KinesisConfig::encrypted,
           OptionSpec::boolean("encryption",
                               "Server-side encryption with KMS. Turning it off stores records "
                               "unencrypted.")
               .or_default(true)),
      option(&KinesisConfig::kms_key,
           OptionSpec::string("kms_key",
                              "ARN of a customer-managed KMS key for encryption; the roles that "
                              "read or write the stream are granted exactly this key. The default "
                              "is the AWS-managed key, which needs no grants.")
               .or_default(kAwsManagedKey)),
      option(&KinesisConfig::shard_level_metrics,
           OptionSpec::strings("shard_level_metrics",
                               "Enhanced shard-level CloudWatch metrics to enable: " +
                                   quoted_list(shard_metrics(), "or") + " (they cost extra).")),
  };
  return table;
}

class KinesisModule final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "kinesis",
        .summary =
            "A Kinesis data stream, provisioned or on-demand, encrypted with KMS by default.",
        .options = kinesis_options().schema(),
        .attributes =
            {
                {"name", "the stream name", kType, "name"},
                {"arn", "the stream ARN", kType, "arn"},
            },
        .name_constraints = &names::kKinesisStream,
        .aws_services = {"kinesis"},
        .role_service = "",  // its service acts on no other resource
    };
    return kind;
  }

  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues& options,
                                          Diagnostics& diagnostics) const override {
    auto config = std::make_unique<KinesisConfig>(kinesis_options().decode(options));
    if (config->on_demand && options.has("shards")) {
      diagnostics.error(DiagCode::InvalidCombination, options.key_range("shards"),
                        "\"shards\" cannot be set with mode: on_demand",
                        "On-demand streams scale their shards themselves. Remove `shards`, or "
                        "use mode: provisioned.");
    }
    if (!config->encrypted.value && options.has("kms_key")) {
      diagnostics.error(DiagCode::InvalidCombination, options.key_range("kms_key"),
                        "\"kms_key\" is set but encryption is off",
                        "Remove `kms_key`, or remove `encryption: false`.");
    }
    check_metrics(options, *config, diagnostics);
    if (config->encrypted.value) check_customer_key(options, "kms_key", kAwsManagedKey, diagnostics);
    return config;
  }

  /// Producers call PutRecord(s); Firehose reads a source stream with DescribeStream,
  /// GetShardIterator, GetRecords and ListShards. A customer key is usable only through Kinesis
  /// for this stream (docs/iam.md cites the pages).
  std::vector<PolicyStatement> grant(const Component& self, const AccessRequest& request,
                                     const ResourceGraph& graph) const override {
    const auto& config = self.config_as<KinesisConfig>();
    const std::string& region = graph.settings().region;
    tf::Expression arn = arn::regional("kinesis", region, "stream/" + tf::aws_name(self.physical_name));
    std::vector<PolicyStatement> statements;
    switch (request.access) {
      case Access::Write:
        statements.push_back({statement_id({"write", self.name}),
                              {"kinesis:PutRecord", "kinesis:PutRecords"},
                              {arn},
                              {}});
        break;
      case Access::Read:
        statements.push_back({statement_id({"read", self.name}),
                              {"kinesis:DescribeStream", "kinesis:GetRecords",
                               "kinesis:GetShardIterator", "kinesis:ListShards"},
                              {arn},
                              {}});
        break;
      case Access::Invoke:
      case Access::Deliver:
      case Access::Crawl:
        return {};
    }
    // The AWS-managed key's policy already lets the account use it through Kinesis.
    if (config.encrypted.value && config.kms_key != kAwsManagedKey) {
      statements.push_back(key_use_statement(
          statement_id({"use", self.name, "key"}),
          {request.access == Access::Write ? "kms:GenerateDataKey" : "kms:Decrypt"}, config.kms_key,
          "kinesis", region, {"StringEquals", "kms:EncryptionContext:aws:kinesis:arn", {arn}}));
    }
    return statements;
  }

  void report_findings(const Component& component, Diagnostics& diagnostics) const override {
    const auto& config = component.config_as<KinesisConfig>();
    if (config.encrypted.value) return;
    diagnostics.add(make_diagnostic(DiagCode::EncryptionDisabled, config.encrypted.at,
                                    "Stream \"" + component.name + "\" stores records unencrypted")
                        .with_detail("Kinesis encrypts with the AWS-managed key at no extra "
                                     "charge; remove `encryption: false`."));
  }

  void render(const Component& component, const RenderContext&,
              TerraformDocument& document) const override {
    const auto& config = component.config_as<KinesisConfig>();
    auto& stream = document.resource(component.file(), kType, component.id());
    stream["name"] = tf::aws_name(component.physical_name);
    stream["retention_period"] = config.retention_hours;
    stream["stream_mode_details"] = {{"stream_mode", config.on_demand ? "ON_DEMAND" : "PROVISIONED"}};
    if (!config.on_demand) stream["shard_count"] = config.shards;
    stream["encryption_type"] = config.encrypted.value ? "KMS" : "NONE";
    if (config.encrypted.value) stream["kms_key_id"] = config.kms_key;
    if (!config.shard_level_metrics.empty()) {
      auto metrics = config.shard_level_metrics;
      std::sort(metrics.begin(), metrics.end());
      stream["shard_level_metrics"] = metrics;
    }
    if (!component.tags.empty()) stream["tags"] = component.tags;

    document.output(component.id() + "_name", tf::ref(kType, component.id(), "name"),
                    "Name of the Kinesis stream of component " + component.name);
    document.output(component.id() + "_arn", tf::ref(kType, component.id(), "arn"),
                    "ARN of the Kinesis stream of component " + component.name);
  }

 private:
  static void check_metrics(const OptionValues& options, const KinesisConfig& config,
                            Diagnostics& diagnostics) {
    const auto& known = shard_metrics();
    for (std::size_t i = 0; i < config.shard_level_metrics.size(); ++i) {
      const std::string& metric = config.shard_level_metrics[i];
      if (std::find(known.begin(), known.end(), metric) != known.end()) continue;
      auto diagnostic = make_diagnostic(DiagCode::InvalidValue,
                                        options.item_range("shard_level_metrics", i),
                                        "Unknown shard-level metric \"" + metric + "\"");
      diagnostic.detail = "Kinesis offers " + quoted_list(known) + ".";
      if (auto guess = nearest(metric, known)) diagnostic.suggestion = *guess;
      diagnostics.add(std::move(diagnostic));
    }
  }
};

}  // namespace

std::unique_ptr<ModuleKind> make_kinesis_module() { return std::make_unique<KinesisModule>(); }

}  // namespace pipectl::modules
