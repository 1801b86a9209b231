#include "s3_module.h"

#include "pipectl/aws_arn.h"
#include "pipectl/kms.h"
#include "pipectl/option_table.h"
#include "pipectl/render_context.h"
#include "pipectl/terraform_document.h"
#include "pipectl/terraform_expr.h"

namespace pipectl::modules {
namespace {

constexpr const char* kBucket = "aws_s3_bucket";

OptionTable<S3Lifecycle> lifecycle_options() {
  return {
      option(&S3Lifecycle::prefix,
             OptionSpec::string("prefix", "Apply the rules only to keys starting with this prefix.")
                 .or_default_note("the whole bucket")),
      option(&S3Lifecycle::expire_days,
             OptionSpec::integer("expire_days",
                                 "Delete objects this many days after they are written.")
                 .at_least(1)
                 .in_unit("days")),
      option(&S3Lifecycle::noncurrent_expire_days,
             OptionSpec::integer("noncurrent_expire_days",
                                 "Delete old versions this many days after they are replaced "
                                 "(needs versioning: true).")
                 .at_least(1)
                 .in_unit("days")),
      option(&S3Lifecycle::abort_incomplete_upload_days,
             OptionSpec::integer("abort_incomplete_upload_days",
                                 "Abort multipart uploads left unfinished this many days.")
                 .at_least(1)
                 .or_default(std::int64_t{7})
                 .in_unit("days")),
  };
}

OptionTable<S3PublicRead> public_read_options() {
  return {
      option(&S3PublicRead::reason,
             OptionSpec::string("reason",
                                "Why the bucket must be readable by anyone; required, and "
                                "repeated in the security finding every run reports.")
                 .is_required()),
      option(&S3PublicRead::prefix,
             OptionSpec::string("prefix", "Make only keys under this prefix public.")
                 .or_default_note("the whole bucket")),
  };
}

/// The bucket's ARN from its name, known at plan time (pipectl/aws_arn.h).
tf::Expression bucket_arn(const Component& component) {
  return arn::global("s3", tf::aws_name(component.physical_name));
}

/// The options of a s3 component.
const OptionTable<S3Config>& s3_options() {
  static const OptionTable<S3Config> table{
      option(&S3Config::versioning,
             OptionSpec::boolean("versioning", "Keep every version of every object.")
                 .or_default(false)),
      option(&S3Config::kms,
             OptionSpec::choice("encryption",
                                "Default encryption: S3-managed keys (aes256) or KMS (kms).")
                 .or_default("aes256"),
             {{"aes256", false}, {"kms", true}}),
      option(&S3Config::kms_key,
             OptionSpec::string("kms_key",
                                "ARN of a customer-managed KMS key for encryption: kms; the roles "
                                "that read or write the bucket are granted exactly this key. "
                                "Defaults to the AWS-managed aws/s3 key, which needs no grants.")
                 .or_default_note("alias/aws/s3")),
      option(&S3Config::lifecycle, "lifecycle", lifecycle_options(),
             "Expiry rules. Without it objects are kept for ever."),
      option(&S3Config::public_read, "public_read", public_read_options(),
             "Lets anyone on the internet read objects (s3:GetObject). Off by default; asking "
             "for it needs a reason and is reported as a finding."),
      option(&S3Config::force_destroy,
             OptionSpec::boolean("force_destroy",
                                 "Let `terraform destroy` delete the bucket even if it holds "
                                 "objects. Meant for test environments.")
                 .or_default(false)),
  };
  return table;
}

class S3Module final : public ModuleKind {
 public:
  const KindDescriptor& descriptor() const override {
    static const KindDescriptor kind{
        .name = "s3",
        .summary =
            "An S3 bucket: private (ownership enforced, public access blocked), encrypted, "
            "TLS-only.",
        .options = s3_options().schema(),
        .attributes =
            {
                {"name", "the bucket name", kBucket, "bucket"},
                {"arn", "the bucket ARN", kBucket, "arn"},
            },
        .name_constraints = &names::kS3Bucket,
        .aws_services = {"s3"},
        .role_service = "",  // its service acts on no other resource
    };
    return kind;
  }

  std::unique_ptr<ComponentConfig> decode(const Component&, const OptionValues& options,
                                          Diagnostics& diagnostics) const override {
    auto config = std::make_unique<S3Config>(s3_options().decode(options));
    if (options.has("kms_key") && !config->kms) {
      diagnostics.error(DiagCode::InvalidCombination, options.key_range("kms_key"),
                        "\"kms_key\" needs encryption: kms",
                        "Add `encryption: kms`, or remove `kms_key` to use S3-managed keys.");
    }
    if (config->kms) check_customer_key(options, "kms_key", "alias/aws/s3", diagnostics);
    if (config->public_read) {
      config->public_read->requested_at = options.key_range("public_read");
      check_prefix(config->public_read->prefix, diagnostics);
    }
    if (config->lifecycle) {
      check_prefix(config->lifecycle->prefix, diagnostics);
      if (config->lifecycle->noncurrent_expire_days && !config->versioning) {
        diagnostics.error(DiagCode::InvalidCombination,
                          options.object("lifecycle").key_range("noncurrent_expire_days"),
                          "\"noncurrent_expire_days\" needs versioning: true",
                          "Only versioned buckets keep noncurrent versions. Add `versioning: "
                          "true` or remove this rule.");
      }
    }
    return config;
  }

  /// Exactly the calls each kind of access makes (docs/iam.md cites the pages): SDK reads list and
  /// get, SDK writes put (multipart uploads included) and abort, Firehose's documented destination
  /// policy adds reading back and listing uploads, and a crawler also asks for the region.
  std::vector<PolicyStatement> grant(const Component& self, const AccessRequest& request,
                                     const ResourceGraph& graph) const override {
    tf::Expression bucket = bucket_arn(self);
    tf::Expression objects = bucket + "/" + request.scope + "*";
    std::vector<PolicyCondition> listing;
    if (!request.scope.empty()) {
      listing.push_back({"StringLike", "s3:prefix", {request.scope + "*"}});
    }
    PolicyStatement read{statement_id({"read", self.name, "objects"}), {"s3:GetObject"}, {objects}, {}};
    PolicyStatement list{statement_id({"list", self.name}), {"s3:ListBucket"}, {bucket}, listing};
    std::vector<PolicyStatement> statements;
    switch (request.access) {
      case Access::Read:
        statements = {read, list};
        break;
      case Access::Write:
        statements = {{statement_id({"write", self.name, "objects"}),
                       {"s3:AbortMultipartUpload", "s3:PutObject"},
                       {objects},
                       {}}};
        break;
      case Access::Deliver:
        statements = {{statement_id({"deliver", self.name, "objects"}),
                       {"s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"},
                       {objects},
                       {}},
                      {statement_id({"deliver", self.name, "bucket"}),
                       {"s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"},
                       {bucket},
                       {}}};
        break;
      case Access::Crawl:
        // GetBucketLocation requests carry no s3:prefix, so it never shares the listing condition.
        statements = {read, list,
                      {statement_id({"locate", self.name}), {"s3:GetBucketLocation"}, {bucket}, {}}};
        break;
      case Access::Invoke:
        return {};
    }
    const auto& config = self.config_as<S3Config>();
    if (config.kms && !config.kms_key.empty() && config.kms_key != "alias/aws/s3") {
      // Multipart uploads decrypt the parts already written, so writers need both. With a bucket
      // key the encryption context is the bucket's ARN, without one the object's.
      std::vector<std::string> actions = {"kms:Decrypt"};
      bool writes = request.access == Access::Write || request.access == Access::Deliver;
      if (writes) actions.push_back("kms:GenerateDataKey");
      statements.push_back(key_use_statement(
          statement_id({"use", self.name, "key"}), actions, config.kms_key, "s3",
          graph.settings().region,
          {"StringLike", "kms:EncryptionContext:aws:s3:arn", {bucket, bucket + "/*"}}));
    }
    return statements;
  }

  /// Public exposure is rendered only on request, and reported every time.
  void report_findings(const Component& component, Diagnostics& diagnostics) const override {
    const auto& public_read = component.config_as<S3Config>().public_read;
    if (!public_read) return;
    std::string what = public_read->prefix.value.empty()
                           ? "every object"
                           : "objects under \"" + public_read->prefix.value + "\"";
    diagnostics.add(
        make_diagnostic(DiagCode::PublicBucket, public_read->requested_at,
                        "Bucket \"" + component.name + "\" lets anyone on the internet read " + what)
            .with_detail("The reason given is \"" + public_read->reason +
                         "\". Remove public_read unless the objects are meant to be public."));
  }

  void render(const Component& component, const RenderContext&,
              TerraformDocument& document) const override {
    const auto& config = component.config_as<S3Config>();
    const std::string file = component.file();
    const std::string id = component.id();
    const tf::Expression bucket_id = tf::ref(kBucket, id, "id");

    auto& bucket = document.resource(file, kBucket, id);
    bucket["bucket"] = tf::aws_name(component.physical_name);
    bucket["force_destroy"] = config.force_destroy;
    if (!component.tags.empty()) bucket["tags"] = component.tags;

    document.resource(file, "aws_s3_bucket_ownership_controls", id) = {
        {"bucket", bucket_id}, {"rule", {{"object_ownership", "BucketOwnerEnforced"}}}};
    // ACLs stay blocked even for a public bucket: public_read works through the bucket policy.
    bool public_policy = config.public_read.has_value();
    document.resource(file, "aws_s3_bucket_public_access_block", id) = {
        {"bucket", bucket_id},
        {"block_public_acls", true},
        {"block_public_policy", !public_policy},
        {"ignore_public_acls", true},
        {"restrict_public_buckets", !public_policy}};
    render_encryption(config, id, bucket_id, file, document);
    if (config.versioning) {
      document.resource(file, "aws_s3_bucket_versioning", id) = {
          {"bucket", bucket_id}, {"versioning_configuration", {{"status", "Enabled"}}}};
    }
    if (config.lifecycle) render_lifecycle(*config.lifecycle, config, id, bucket_id, file, document);
    render_bucket_policy(component, config, file, document);

    document.output(id + "_name", tf::ref(kBucket, id, "bucket"),
                    "Name of the S3 bucket of component " + component.name);
    document.output(id + "_arn", tf::ref(kBucket, id, "arn"),
                    "ARN of the S3 bucket of component " + component.name);
  }

 private:
  static void check_prefix(const Located<std::string>& prefix, Diagnostics& diagnostics) {
    if (auto problem = s3_prefix_problem(prefix.value)) {
      diagnostics.error(DiagCode::InvalidValue, prefix.at, "Invalid prefix \"" + prefix.value + "\"",
                        "The prefix is invalid: " + *problem + ".");
    }
  }

  static void render_encryption(const S3Config& config, const std::string& id,
                                const tf::Expression& bucket_id, const std::string& file,
                                TerraformDocument& document) {
    nlohmann::json by_default = {{"sse_algorithm", config.kms ? "aws:kms" : "AES256"}};
    if (config.kms && !config.kms_key.empty()) {
      by_default["kms_master_key_id"] = config.kms_key;
    }
    nlohmann::json rule = {{"apply_server_side_encryption_by_default", by_default}};
    // S3 Bucket Keys cut KMS request costs; they mean nothing for SSE-S3.
    rule["bucket_key_enabled"] = config.kms;
    document.resource(file, "aws_s3_bucket_server_side_encryption_configuration", id) = {
        {"bucket", bucket_id}, {"rule", nlohmann::json::array({rule})}};
  }

  static void render_lifecycle(const S3Lifecycle& lifecycle, const S3Config& config,
                               const std::string& id, const tf::Expression& bucket_id,
                               const std::string& file, TerraformDocument& document) {
    nlohmann::json rule = {
        {"id", "pipectl-lifecycle"},
        {"status", "Enabled"},
        {"filter", {{"prefix", lifecycle.prefix.value}}},
        {"abort_incomplete_multipart_upload",
         {{"days_after_initiation", lifecycle.abort_incomplete_upload_days}}}};
    if (lifecycle.expire_days) rule["expiration"] = {{"days", *lifecycle.expire_days}};
    if (lifecycle.noncurrent_expire_days) {
      rule["noncurrent_version_expiration"] = {{"noncurrent_days", *lifecycle.noncurrent_expire_days}};
    }
    auto& resource = document.resource(file, "aws_s3_bucket_lifecycle_configuration", id);
    resource = {{"bucket", bucket_id}, {"rule", nlohmann::json::array({rule})}};
    // Lifecycle rules on a versioned bucket must follow its versioning configuration.
    if (config.versioning) {
      resource["depends_on"] = {tf::resource("aws_s3_bucket_versioning", id)};
    }
  }

  /// Denies every request that does not use TLS (a Deny on s3:* is the standard form of this
  /// guard: it can only take access away), and allows anonymous reads only if asked for.
  static void render_bucket_policy(const Component& component, const S3Config& config,
                                   const std::string& file, TerraformDocument& document) {
    const std::string id = component.id();
    const std::string document_id = id + "_bucket_policy";
    tf::Expression arn = bucket_arn(component);
    nlohmann::json anyone = {{{"type", "*"}, {"identifiers", {"*"}}}};
    nlohmann::json statements = nlohmann::json::array(
        {{{"sid", "DenyInsecureTransport"},
          {"effect", "Deny"},
          {"actions", {"s3:*"}},
          {"resources", {arn, arn + "/*"}},
          {"principals", anyone},
          {"condition",
           {{{"test", "Bool"}, {"variable", "aws:SecureTransport"}, {"values", {"false"}}}}}}});
    if (config.public_read) {
      statements.push_back({{"sid", "PublicRead"},
                            {"effect", "Allow"},
                            {"actions", {"s3:GetObject"}},
                            {"resources", {arn + "/" + config.public_read->prefix.value + "*"}},
                            {"principals", anyone}});
    }
    document.data(file, "aws_iam_policy_document", document_id)["statement"] = statements;
    auto& policy = document.resource(file, "aws_s3_bucket_policy", id);
    policy["bucket"] = tf::ref(kBucket, id, "id");
    policy["policy"] = tf::data_ref("aws_iam_policy_document", document_id, "json");
    // Apply the public access block first so the bucket is never briefly open.
    policy["depends_on"] = {tf::resource("aws_s3_bucket_public_access_block", id)};
  }
};

}  // namespace

std::unique_ptr<ModuleKind> make_s3_module() { return std::make_unique<S3Module>(); }

}  // namespace pipectl::modules
