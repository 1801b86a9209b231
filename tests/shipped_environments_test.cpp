// The shipped environments (envs/prod, envs/test) as a whole: golden output, determinism and
// conformance to the real AWS provider schemas of both supported lines.

#include <gtest/gtest.h>

#include <cstdlib>

#include "pipectl/passes/compile.h"
#include "support/provider_schema.h"
#include "support/test_support.h"

namespace pipectl {
namespace {

namespace fs = std::filesystem;
using testing::describe;
using testing::source_root;

const Compilation& compiled(const std::string& env) {
  static std::map<std::string, Compilation> cache;
  auto it = cache.find(env);
  if (it == cache.end()) {
    it = cache.emplace(env, compile_environment(source_root() / "envs" / env)).first;
  }
  return it->second;
}

std::map<std::string, std::string> terraform_files(const Compilation& compilation) {
  std::map<std::string, std::string> files;
  for (const auto& [name, bytes] : compilation.output.files) {
    if (name.size() > 8 && name.substr(name.size() - 8) == ".tf.json") files[name] = bytes;
  }
  return files;
}

std::map<std::string, nlohmann::json> parsed(const Compilation& compilation) {
  std::map<std::string, nlohmann::json> result;
  for (const auto& [name, bytes] : terraform_files(compilation)) {
    result[name] = nlohmann::json::parse(bytes);
  }
  return result;
}

fs::path schema_dir() { return source_root() / "tests/data/aws-provider-schema"; }

class ShippedEnvironment : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedEnvironment, CompilesWithoutDiagnostics) {
  const Compilation& compilation = compiled(GetParam());
  EXPECT_TRUE(compilation.diagnostics.empty()) << describe(compilation.diagnostics);
}

TEST_P(ShippedEnvironment, MatchesGoldenFiles) {
  std::string differences = testing::compare_with_golden(
      terraform_files(compiled(GetParam())), source_root() / "tests/golden" / GetParam());
  EXPECT_TRUE(differences.empty()) << differences;
}

TEST_P(ShippedEnvironment, ConformsToAwsProvider6Schema) {
  testing::ProviderSchema schema(
      {schema_dir() / "aws-6.47.0-subset.json", schema_dir() / "supplement-6.x.json"});
  for (const std::string& problem : schema.check(parsed(compiled(GetParam())))) {
    ADD_FAILURE() << problem;
  }
}

TEST_P(ShippedEnvironment, ConformsToAwsProvider5Schema) {
  testing::ProviderSchema schema(
      {schema_dir() / "aws-5.100.0-subset.json", schema_dir() / "supplement-5.100.0.json"});
  for (const std::string& problem : schema.check(parsed(compiled(GetParam())))) {
    ADD_FAILURE() << problem;
  }
}

TEST_P(ShippedEnvironment, ConformsToAFullSchemaGivenInTheEnvironment) {
  const char* path = std::getenv("PIPECTL_PROVIDER_SCHEMA");
  if (path == nullptr) GTEST_SKIP() << "PIPECTL_PROVIDER_SCHEMA is not set";
  testing::ProviderSchema schema({path});
  for (const std::string& problem : schema.check(parsed(compiled(GetParam())))) {
    ADD_FAILURE() << problem;
  }
}

TEST_P(ShippedEnvironment, RendersTheSameBytesEveryTime) {
  Compilation again = compile_environment(source_root() / "envs" / GetParam());
  EXPECT_EQ(again.output.files, compiled(GetParam()).output.files);
}

TEST_P(ShippedEnvironment, NeverEmitsTheFaultsOfTheOldLayout) {
  for (const auto& [name, bytes] : terraform_files(compiled(GetParam()))) {
    EXPECT_EQ(bytes.find("\"acl\""), std::string::npos) << name;
    EXPECT_EQ(bytes.find("public-read"), std::string::npos) << name;
    EXPECT_EQ(bytes.find("\"destination\": \"s3\""), std::string::npos) << name;
    EXPECT_EQ(bytes.find("\"buffer_size\""), std::string::npos) << name;
    EXPECT_EQ(bytes.find("python3.7"), std::string::npos) << name;
    EXPECT_EQ(bytes.find("null_resource"), std::string::npos) << name;
    // A reservation fails to create on accounts with a low concurrency quota (PC3008).
    EXPECT_EQ(bytes.find("reserved_concurrent_executions"), std::string::npos) << name;
  }
}

TEST_P(ShippedEnvironment, OnlyBucketNamesCarryTheAccountId) {
  // Bucket names are global across AWS accounts; every other name is unique within one.
  for (const auto& component : compiled(GetParam()).graph->components()) {
    bool bucket = component->kind->name() == "s3";
    EXPECT_EQ(is_account_scoped(component->physical_name), bucket) << component->physical_name;
    if (bucket) {
      EXPECT_EQ(component->physical_name,
                "beer-pipeline-" + std::string(GetParam()) + "-" + component->name + "-{account}");
    }
  }
}

TEST_P(ShippedEnvironment, AllowStatementsNameExactActionsAndResources) {
  int statements = 0;
  for (const auto& [name, root] : parsed(compiled(GetParam()))) {
    if (!root.contains("data") || !root["data"].contains("aws_iam_policy_document")) continue;
    for (const auto& [id, document] : root["data"]["aws_iam_policy_document"].items()) {
      for (const auto& statement : document["statement"]) {
        ++statements;
        // A Deny may be broad (the TLS-only bucket guard); an Allow never is.
        if (statement["effect"] == "Deny") continue;
        for (const auto& action : statement["actions"].get<std::vector<std::string>>()) {
          EXPECT_EQ(action.find('*'), std::string::npos) << id << ": " << action;
        }
        for (const auto& resource : statement.value("resources", std::vector<std::string>{})) {
          EXPECT_NE(resource, "*") << id;
        }
      }
    }
  }
  EXPECT_GT(statements, 10);
}

INSTANTIATE_TEST_SUITE_P(Envs, ShippedEnvironment, ::testing::Values("prod", "test"));

/// Runs Python `code` as Lambda runs a function: the packaged zip of `component` extracted into
/// a folder (Lambda's /var/task), first on sys.path.
std::string run_packaged(const std::string& component, const std::string& code) {
  testing::TempDir dir;
  auto zip = dir.path() / (component + ".zip");
  testing::write_file(zip, compiled("prod").output.files.at("artifacts/" + component + ".zip"));
  std::string extract_and_import =
      "import sys, zipfile\n"
      "zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])\n"
      "sys.path.insert(0, sys.argv[2])\n";
  return testing::run_command("python3 -c " + testing::shell_quote(extract_and_import + code) +
                              " " + testing::shell_quote(zip.string()) + " " +
                              testing::shell_quote((dir.path() / "task").string()))
      .output;
}

TEST(ShippedFunctions, CleanDataRunsFromItsZipOnAFirehoseBatch) {
  std::string output = run_packaged("clean-data", R"(
import base64, json, handler
beer = {"id": 7, "name": "Punk IPA", "abv": 5.6, "tagline": "dropped", "ph": 4.4}
event = {"records": [{"recordId": "1", "data": base64.b64encode(json.dumps([beer]).encode()).decode()},
                     {"recordId": "2", "data": "not base64!"}]}
out = handler.lambda_handler(event, None)["records"]
print(out[0]["result"], base64.b64decode(out[0]["data"]).decode(), end="")
print(out[1]["result"])
)");
  // The bad record's warning is logged (as JSON, on stderr) before the printed result.
  EXPECT_NE(output.find("\"message\": \"record failed\""), std::string::npos) << output;
  EXPECT_NE(output.find("Ok {\"id\":7,\"name\":\"Punk IPA\",\"abv\":5.6,\"ibu\":null,"
                        "\"target_fg\":null,\"target_og\":null,\"ebc\":null,\"srm\":null,"
                        "\"ph\":4.4}\nProcessingFailed\n"),
            std::string::npos)
      << output;
}

TEST(ShippedFunctions, GetRandomBeerPutsABeerOfItsBundledCatalogueWithoutNetwork) {
  std::string output = run_packaged("get-random-beer", R"(
import json, logging, os, handler
logging.basicConfig()  # Lambda's runtime prints the function's log lines; so does this test
os.environ["STREAM_NAME"] = "beer-pipeline-prod-beer-stream"
os.environ.pop("BEER_API_URL", None)
class Kinesis:
    def put_record(self, **kwargs):
        self.call = kwargs
        return {"ShardId": "shardId-000000000000", "SequenceNumber": "1"}
def no_network(request, timeout):
    raise AssertionError("the catalogue needs no network")
kinesis = Kinesis()
summary = handler.lambda_handler({}, None, kinesis=kinesis, opener=no_network,
                                 choice=lambda beers: beers[len(beers) - 1])
data = kinesis.call["Data"]
beer = json.loads(data)
print(len(handler.load_catalogue(handler.CATALOGUE_PATH)), summary["beer_id"] == beer["id"],
      data.endswith(b"\n"), data.count(b"\n"), kinesis.call["PartitionKey"] == str(beer["id"]))
)");
  // All 325 beers are in the package; the record is one JSON line keyed by the beer's id.
  EXPECT_NE(output.find("325 True True 1 True\n"), std::string::npos) << output;
  EXPECT_NE(output.find("\"source\": \"catalogue\""), std::string::npos) << output;
}

TEST(ShippedFunctions, GetRandomBeerRunsFromItsZipWithAFakeApiAndStream) {
  std::string output = run_packaged("get-random-beer", R"(
import io, json, os, handler
os.environ["STREAM_NAME"] = "beer-pipeline-prod-beer-stream"
os.environ["BEER_API_URL"] = "https://beer.example/random"
class Response(io.BytesIO):
    def __enter__(self): return self
    def __exit__(self, *exc): return False
class Kinesis:
    def put_record(self, **kwargs):
        self.call = kwargs
        return {"ShardId": "shardId-000000000000", "SequenceNumber": "1"}
kinesis = Kinesis()
opener = lambda request, timeout: Response(json.dumps([{"id": 42, "name": "Trashy Blonde"}]).encode())
print(handler.lambda_handler({}, None, kinesis=kinesis, opener=opener, sleep=lambda s: None))
print(kinesis.call["StreamName"], kinesis.call["PartitionKey"])
)");
  EXPECT_NE(output.find("{'beer_id': 42, 'shard_id': 'shardId-000000000000', 'sequence_number': '1'}\n"
                        "beer-pipeline-prod-beer-stream 42\n"),
            std::string::npos)
      << output;
}

TEST(ShippedEnvironments, ProdAndTestNeverShareAnAwsName) {
  std::set<std::string> prod_names;
  for (const auto& component : compiled("prod").graph->components()) {
    prod_names.insert(component->physical_name);
  }
  for (const auto& component : compiled("test").graph->components()) {
    EXPECT_FALSE(prod_names.count(component->physical_name)) << component->physical_name;
  }
}

TEST(ProviderSchemaCheck, FindsWhatTerraformWouldReject) {
  testing::ProviderSchema schema(
      {schema_dir() / "aws-6.47.0-subset.json", schema_dir() / "supplement-6.x.json"});
  auto bad = nlohmann::json::parse(R"({
    "resource": {
      "aws_s3_bucket": {"b": {"bucket": "x", "acl": "public-read", "colour": "red"}},
      "aws_kinesis_firehose_delivery_stream": {"f": {"name": "f", "destination": "s3",
        "extended_s3_configuration": [{"role_arn": "r"}, {"role_arn": "r", "bucket_arn": "b"}]}},
      "aws_lambda_function": {"l": {"function_name": "l", "role": "${aws_iam_role.missing.arn}",
        "memory_size": "big"}}
    },
    "data": {"aws_region": {"r": {}}},
    "output": {"o": {"value": "${data.aws_region.r.name}"}, "p": {"value": "${unclosed"}}
  })");
  auto problems = schema.check({{"bad.tf.json", bad}});
  auto has = [&](const std::string& needle) {
    for (const auto& problem : problems) {
      if (problem.find(needle) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("aws_s3_bucket.b.acl: attribute is deprecated"));
  EXPECT_TRUE(has("unknown argument or block \"colour\""));
  EXPECT_TRUE(has("extended_s3_configuration: more than 1 blocks"));
  EXPECT_TRUE(has("required attribute \"bucket_arn\" is missing"));
  EXPECT_TRUE(has("reference to undeclared aws_iam_role.missing"));
  EXPECT_TRUE(has("memory_size: value \"big\" does not match type"));
  EXPECT_TRUE(has("reference to deprecated attribute data.aws_region.r.name"));
  EXPECT_TRUE(has("would not read as pipectl means it: ${unclosed"));
}

}  // namespace
}  // namespace pipectl
