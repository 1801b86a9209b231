#include "glue_module.h"

#include <algorithm>
#include <cctype>

#include "pipectl/aws_arn.h"
#include "pipectl/render_context.h"
#include "pipectl/schedule_expression.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"
#include "pipectl/text.h"

namespace pipectl::modules {
namespace {

constexpr const char* kDatabase = "aws_glue_catalog_database";
constexpr const char* kCrawler = "aws_glue_crawler";


OptionSchema schema_change_options() {
  return {
      OptionSpec::one_of("update", {"update_in_database", "log"},
                         "What the crawler does when a table's schema changed.")
          .or_default("update_in_database"),
      OptionSpec::one_of("delete", {"deprecate_in_database", "delete_from_database", "log"},
                         "What the crawler does when data behind a table disappeared.")
          .or_default("deprecate_in_database"),
  };
}

std::string database_name(const Component& component, const ResourceGraph& graph) {
  const auto& config = component.config_as<GlueConfig>();
  return config.database ? *config.database
                         : graph.rule_name(component, names::kGlueDatabase);
}

tf::Expression glue_arn(const ResourceGraph& graph, const tf::Expression& resource) {
  return arn::regional("glue", graph.settings().region, resource);
}

/// The options of a glue component.
OptionSchema glue_options() {
  return {
      OptionSpec::reference("bucket", {"s3"}, "The s3 component to crawl.")
          .is_required()
          .grants_scoped_by(Access::Crawl, "prefix"),
      OptionSpec::string("prefix", "Crawl only this path inside the bucket, e.g. cleaned/.")
          .or_default_note("the whole bucket"),
      OptionSpec::string("database",
                         "Pins the catalog database name. By default the naming rule's name "
                         "with underscores for hyphens (Athena cannot query hyphenated names).")
          .or_default_note("from the naming rule"),
      OptionSpec::string("schedule",
                         "When the crawler runs: cron(minutes hours day-of-month month "
                         "day-of-week year) in UTC. Without it the crawler runs on demand."),
      OptionSpec::one_of("table_grouping", {"none", "combine_compatible_schemas"},
                         "combine_compatible_schemas makes one table of folders with "
                         "compatible schemas (Glue's CombineCompatibleSchemas).")
          .or_default("none"),
      OptionSpec::object("schema_change", schema_change_options(),
                         "How the crawler treats changed and removed data."),
      OptionSpec::one_of("recrawl", {"everything", "new_folders_only"},
                         "Crawl everything each time, or only folders added since the last "
                         "run (needs schema_change update and delete: log).")
          .or_default("everything"),
      OptionSpec::string("table_prefix", "Prefix for the names of the tables it creates."),
      OptionSpec::string("description", "Description of the database and the crawler."),
  };
}

class GlueModule final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "glue",
        .summary =
            "A Glue Data Catalog database with a crawler that catalogs an S3 bucket (or a prefix "
            "of it) on a schedule.",
        .options = glue_options(),
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
    auto config = std::make_unique<GlueConfig>();
    config->prefix = options.string("prefix");
    config->database = options.optional_string("database");
    config->schedule = options.string("schedule");
    config->combine_compatible_schemas =
        options.string("table_grouping") == "combine_compatible_schemas";
    const OptionValues& changes = options.object("schema_change");
    config->update_behavior = ascii_upper(changes.string("update"));
    config->delete_behavior = ascii_upper(changes.string("delete"));
    config->recrawl_behavior =
        options.string("recrawl") == "new_folders_only" ? "CRAWL_NEW_FOLDERS_ONLY" : "CRAWL_EVERYTHING";
    config->table_prefix = options.string("table_prefix");
    config->description = options.string("description");
    if (auto problem = s3_prefix_problem(config->prefix)) {
      diagnostics.error(DiagCode::InvalidValue, options.range("prefix"),
                        "Invalid prefix \"" + config->prefix + "\"", "The prefix is invalid: " + *problem + ".");
    }
    if (options.has("schedule")) {
      if (auto problem = schedule_problem(config->schedule, ScheduleSyntax::CronOnly)) {
        diagnostics.error(DiagCode::InvalidSchedule, options.range("schedule"),
                          "Invalid crawler schedule \"" + config->schedule + "\"", *problem);
      }
    }
    if (config->recrawl_behavior == "CRAWL_NEW_FOLDERS_ONLY" &&
        (config->update_behavior != "LOG" || config->delete_behavior != "LOG")) {
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
             config.database ? std::optional(component.options.range("database")) : std::nullopt}};
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
    if (config.delete_behavior == "DELETE_FROM_DATABASE") {
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
                       config.prefix}}});
    crawler["schema_change_policy"] = {{"update_behavior", config.update_behavior},
                                       {"delete_behavior", config.delete_behavior}};
    crawler["recrawl_policy"] = {{"recrawl_behavior", config.recrawl_behavior}};
    if (!config.schedule.empty()) crawler["schedule"] = config.schedule;
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
