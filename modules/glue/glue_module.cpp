#include "glue_module.h"


#include "pipectl/aws_arn.h"
#include "pipectl/option_table.h"
#include "pipectl/render_context.h"
#include "pipectl/schedule_expression.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

constexpr const char* kDatabase = "aws_glue_catalog_database";
constexpr const char* kCrawler = "aws_glue_crawler";


OptionTable<GlueSchemaChange> schema_change_options() {
  return {
      option(&GlueSchemaChange::update_behavior,
           OptionSpec::choice("update", "What the crawler does when a table's schema changed.")
               .or_default("update_in_database"),
           {{"update_in_database", "UPDATE_IN_DATABASE"}, {"log", "LOG"}}),
      option(&GlueSchemaChange::delete_behavior,
           OptionSpec::choice("delete", "What the crawler does when data behind a table "
                                        "disappeared.")
               .or_default("deprecate_in_database"),
           {{"deprecate_in_database", "DEPRECATE_IN_DATABASE"},
            {"delete_from_database", "DELETE_FROM_DATABASE"},
            {"log", "LOG"}}),
  };
}

std::string database_name(const Component& component, const ResourceGraph& graph) {
  const auto& config = component.config_as<GlueConfig>();
  return config.database ? config.database->value
                         : graph.rule_name(component, names::kGlueDatabase);
}

tf::Expression glue_arn(const ResourceGraph& graph, const tf::Expression& resource) {
  return arn::regional("glue", graph.settings().region, resource);
}

/// The options of a glue component.
const OptionTable<GlueConfig>& glue_options() {
  static const OptionTable<GlueConfig> table{
      declared<GlueConfig>(OptionSpec::reference("bucket", {"s3"}, "The s3 component to crawl.")
                               .is_required()
                               .grants_scoped_by(Access::Crawl, "prefix")),
      option(&GlueConfig::prefix,
           OptionSpec::string("prefix", "Crawl only this path inside the bucket, e.g. cleaned/.")
               .or_default_note("the whole bucket")),
      option(&GlueConfig::database,
           OptionSpec::string("database",
                              "Pins the catalog database name. By default the naming rule's name "
                              "with underscores for hyphens (Athena cannot query hyphenated "
                              "names).")
               .or_default_note("from the naming rule")),
      option(&GlueConfig::schedule,
           OptionSpec::string("schedule",
                              "When the crawler runs: cron(minutes hours day-of-month month "
                              "day-of-week year) in UTC. Without it the crawler runs on demand.")),
      option(&GlueConfig::combine_compatible_schemas,
           OptionSpec::choice("table_grouping",
                              "combine_compatible_schemas makes one table of folders with "
                              "compatible schemas (Glue's CombineCompatibleSchemas).")
               .or_default("none"),
           {{"none", false}, {"combine_compatible_schemas", true}}),
      option(&GlueConfig::schema_change, "schema_change", schema_change_options(),
           "How the crawler treats changed and removed data."),
      option(&GlueConfig::recrawl_behavior,
           OptionSpec::choice("recrawl",
                              "Crawl everything each time, or only folders added since the last "
                              "run (needs schema_change update and delete: log).")
               .or_default("everything"),
           {{"everything", "CRAWL_EVERYTHING"}, {"new_folders_only", "CRAWL_NEW_FOLDERS_ONLY"}}),
      option(&GlueConfig::table_prefix,
           OptionSpec::string("table_prefix", "Prefix for the names of the tables it creates.")),
      option(&GlueConfig::description,
           OptionSpec::string("description", "Description of the database and the crawler.")),
  };
  return table;
}

class GlueModule final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "glue",
        .summary =
            "A Glue Data Catalog database with a crawler that catalogs an S3 bucket (or a prefix "
            "of it) on a schedule.",
        .options = glue_options().schema(),
        .attributes =
            {
                {"name", "the crawler name", kCrawler, "name"},
                {"arn", "the crawler ARN", kCrawler, "arn"},
                {"database", "the catalog database name", kDatabase, "name"},
            },
        .name_constraints = &names::kGlueCrawler,
        .aws_services = {"glue"},
        .role_service = "glue.amazonaws.com",
    };
    return kind;
  }

  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues& options,
                                          Diagnostics& diagnostics) const override {
    auto config = std::make_unique<GlueConfig>(glue_options().decode(options));
    const Located<std::string>& prefix = config->prefix;
    if (auto problem = s3_prefix_problem(prefix.value)) {
      diagnostics.error(DiagCode::InvalidValue, prefix.at, "Invalid prefix \"" + prefix.value + "\"",
                        "The prefix is invalid: " + *problem + ".");
    }
    const Located<std::string>& schedule = config->schedule;
    if (options.has("schedule")) {
      if (auto problem = schedule_problem(schedule.value, ScheduleSyntax::CronOnly)) {
        diagnostics.error(DiagCode::InvalidSchedule, schedule.at,
                          "Invalid crawler schedule \"" + schedule.value + "\"", *problem);
      }
    }
    const GlueSchemaChange& changes = config->schema_change;
    if (config->recrawl_behavior == "CRAWL_NEW_FOLDERS_ONLY" &&
        (changes.update_behavior != "LOG" || changes.delete_behavior != "LOG")) {
      diagnostics.error(DiagCode::InvalidCombination, options.range("recrawl"),
                        "\"recrawl: new_folders_only\" needs schema_change update and delete "
                        "set to log",
                        "Glue rejects incremental crawls that may change existing tables. Set "
                        "both schema_change options to log, or crawl everything.");
    }
    return config;
  }

  std::vector<AwsName> extra_aws_names(const Component& component,
                                       const ResourceGraph& graph) const override {
    const auto& config = component.config_as<GlueConfig>();
    return {{&names::kGlueDatabase, database_name(component, graph),
             config.database ? std::optional(config.database->at) : std::nullopt}};
  }

  RoleRequirements role(const Component& component, const ResourceGraph& graph) const override {
    const auto& config = component.config_as<GlueConfig>();
    tf::Expression database = tf::aws_name(database_name(component, graph));
    RoleRequirements role;
    role.own_statements.push_back(
        {"CatalogOwnDatabase",
         {"glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:BatchUpdatePartition",
          "glue:CreatePartition", "glue:CreateTable", "glue:GetDatabase", "glue:GetPartition",
          "glue:GetPartitions", "glue:GetTable", "glue:GetTables", "glue:UpdatePartition",
          "glue:UpdateTable"},
         {glue_arn(graph, "catalog"), glue_arn(graph, "database/" + database),
          glue_arn(graph, "table/" + database + "/*")},
         {}});
    if (config.schema_change.delete_behavior == "DELETE_FROM_DATABASE") {
      role.own_statements.push_back(
          {"DeleteOwnTables",
           {"glue:BatchDeletePartition", "glue:BatchDeleteTable", "glue:DeletePartition",
            "glue:DeleteTable"},
           {glue_arn(graph, "catalog"), glue_arn(graph, "database/" + database),
            glue_arn(graph, "table/" + database + "/*")},
           {}});
    }
    // Crawlers log to the shared /aws-glue/crawlers group, which Glue creates on first use.
    role.own_statements.push_back(
        {"WriteCrawlerLogs",
         {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
         {arn::regional("logs", graph.settings().region, "log-group:/aws-glue/crawlers:*")},
         {}});
    return role;
  }

  void render(const Component& component, const RenderContext& context,
              TerraformDocument& document) const override {
    const auto& config = component.config_as<GlueConfig>();
    const std::string file = component.file();
    const std::string id = component.id();

    auto& database = document.resource(file, kDatabase, id);
    database["name"] = tf::aws_name(database_name(component, context.graph));
    if (!config.description.empty()) database["description"] = config.description;
    if (!component.tags.empty()) database["tags"] = component.tags;

    auto& crawler = document.resource(file, kCrawler, id);
    crawler["name"] = tf::aws_name(component.physical_name);
    crawler["database_name"] = tf::ref(kDatabase, id, "name");
    crawler["role"] = context.role_arn(component);
    crawler["s3_target"] = nlohmann::json::array(
        {{{"path", "s3://" + context.target_expression(component, "bucket", "name") + "/" +
                       config.prefix.value}}});
    crawler["schema_change_policy"] = {{"update_behavior", config.schema_change.update_behavior},
                                       {"delete_behavior", config.schema_change.delete_behavior}};
    crawler["recrawl_policy"] = {{"recrawl_behavior", config.recrawl_behavior}};
    if (!config.schedule.value.empty()) crawler["schedule"] = config.schedule.value;
    if (config.combine_compatible_schemas) crawler["configuration"] = grouping_configuration();
    if (!config.table_prefix.empty()) crawler["table_prefix"] = config.table_prefix;
    if (!config.description.empty()) crawler["description"] = config.description;
    if (!component.tags.empty()) crawler["tags"] = component.tags;
    // The crawler validates its role when it is created.
    auto policy = context.role_policy_dependencies(component);
    if (!policy.empty()) crawler["depends_on"] = policy;

    document.output(id + "_name", tf::ref(kCrawler, id, "name"),
                    "Name of the Glue crawler of component " + component.name);
    document.output(id + "_arn", tf::ref(kCrawler, id, "arn"),
                    "ARN of the Glue crawler of component " + component.name);
    document.output(id + "_database", tf::ref(kDatabase, id, "name"),
                    "Name of the Glue catalog database of component " + component.name);
  }

 private:
  /// The crawler's configuration document, as Glue documents it (Version 1.0).
  static std::string grouping_configuration() {
    nlohmann::json configuration = {
        {"Version", 1.0}, {"Grouping", {{"TableGroupingPolicy", "CombineCompatibleSchemas"}}}};
    return configuration.dump();
  }
};

}  // namespace

std::unique_ptr<ModuleKind> make_glue_module() { return std::make_unique<GlueModule>(); }

}  // namespace pipectl::modules
