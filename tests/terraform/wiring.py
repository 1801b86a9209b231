"""What the end-to-end test checks through the AWS API after apply: not only that every resource
exists, but that each is wired to the right others and carries exactly the configuration and
permissions docs/spec.md promises for the beer pipeline (envs/base.yaml + prod/test)."""

import json

import boto3
from botocore.config import Config

import harness

# What differs between the shipped environments (envs/prod, envs/test).
ENVIRONMENTS = {
    "prod": {"retention_hours": 168, "log_retention_days": 90, "versioned": {"raw-data", "cleaned-data", "model-artifacts"}},
    "test": {"retention_hours": 24, "log_retention_days": 7, "versioned": {"model-artifacts"}},
}
BUCKETS = ["raw-data", "cleaned-data", "model-artifacts"]


class Aws:
    def __init__(self, url, region):
        config = Config(retries={"max_attempts": 3}, connect_timeout=10, read_timeout=60)
        self.region = region

        def client(service):
            return boto3.client(service, endpoint_url=url, region_name=region,
                                aws_access_key_id="test", aws_secret_access_key="test",
                                config=config)

        for service in ["kinesis", "firehose", "lambda", "events", "glue", "s3", "iam", "logs",
                        "sts"]:
            setattr(self, service, client(service))
        self.account = self.sts.get_caller_identity()["Account"]


class Checker:
    """Collects every mismatch, then fails once with all of them."""

    def __init__(self):
        self.problems = []
        self.count = 0

    def equal(self, what, actual, expected):
        self.count += 1
        if actual != expected:
            self.problems.append(f"{what}: expected {expected!r}, found {actual!r}")

    def done(self, stage):
        if self.problems:
            harness.fail(f"{stage}:\n  " + "\n  ".join(self.problems))
        print(f"{stage}: {self.count} checks passed", flush=True)


def output(values, component, attribute):
    return values[f"{component.replace('-', '_')}_{attribute}"]


def environment_of(values):
    stream = output(values, "beer-stream", "name")
    for name in ENVIRONMENTS:
        if f"-{name}-" in stream:
            return name
    harness.fail(f"cannot tell the environment from stream name {stream}")


def grants(document):
    """A policy as a set of (action, resource) pairs, plus its conditions by action."""
    pairs, conditions = set(), {}
    for statement in document["Statement"]:
        assert statement["Effect"] == "Allow", statement
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        for action in actions:
            for resource in resources:
                pairs.add((action, resource))
            if "Condition" in statement:
                conditions[action] = statement["Condition"]
    return pairs, conditions


def product(actions, resources):
    return {(action, resource) for action in actions for resource in resources}


def verify_stream(aws, values, env, check):
    summary = aws.kinesis.describe_stream_summary(StreamName=output(values, "beer-stream", "name"))
    stream = summary["StreamDescriptionSummary"]
    check.equal("stream ARN", stream["StreamARN"], output(values, "beer-stream", "arn"))
    check.equal("stream mode", stream["StreamModeDetails"]["StreamMode"], "PROVISIONED")
    check.equal("stream shards", stream["OpenShardCount"], 1)
    check.equal("stream retention", stream["RetentionPeriodHours"], ENVIRONMENTS[env]["retention_hours"])
    check.equal("stream encryption", stream.get("EncryptionType"), "KMS")
    check.equal("stream key", stream.get("KeyId"), "alias/aws/kinesis")


def verify_firehoses(aws, values, check):
    for name, bucket, transformed in [("raw-delivery", "raw-data", False),
                                      ("clean-delivery", "cleaned-data", True)]:
        description = aws.firehose.describe_delivery_stream(
            DeliveryStreamName=output(values, name, "name"))["DeliveryStreamDescription"]
        check.equal(f"{name} source stream",
                    description["Source"]["KinesisStreamSourceDescription"]["KinesisStreamARN"],
                    output(values, "beer-stream", "arn"))
        destination = description["Destinations"][0]["ExtendedS3DestinationDescription"]
        check.equal(f"{name} bucket", destination["BucketARN"], output(values, bucket, "arn"))
        check.equal(f"{name} buffering", destination["BufferingHints"],
                    {"SizeInMBs": 5, "IntervalInSeconds": 300})
        check.equal(f"{name} role", destination["RoleARN"],
                    aws.iam.get_role(RoleName=role_name(values, name))["Role"]["Arn"])
        processors = destination.get("ProcessingConfiguration", {}).get("Processors", [])
        if transformed:
            parameters = {p["ParameterName"]: p["ParameterValue"]
                          for p in processors[0]["Parameters"]} if processors else {}
            check.equal(f"{name} processor function", parameters.get("LambdaArn"),
                        output(values, "clean-data", "arn") + ":$LATEST")
        else:
            check.equal(f"{name} processors", processors, [])


def verify_functions(aws, values, env, check):
    configuration = aws.__dict__["lambda"].get_function_configuration(
        FunctionName=output(values, "get-random-beer", "name"))
    check.equal("get-random-beer STREAM_NAME", configuration["Environment"]["Variables"].get("STREAM_NAME"),
                output(values, "beer-stream", "name"))
    check.equal("get-random-beer handler", configuration["Handler"], "handler.lambda_handler")
    check.equal("get-random-beer runtime", configuration["Runtime"], "python3.13")
    for name in ["get-random-beer", "clean-data"]:
        function_name = output(values, name, "name")
        groups = aws.logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{function_name}")["logGroups"]
        check.equal(f"{name} log group retention", [g.get("retentionInDays") for g in groups],
                    [ENVIRONMENTS[env]["log_retention_days"]])


def verify_schedule(aws, values, check):
    rule_name = output(values, "beer-schedule", "name")
    rule = aws.events.describe_rule(Name=rule_name)
    check.equal("schedule expression", rule["ScheduleExpression"], "rate(5 minutes)")
    check.equal("schedule state", rule["State"], "ENABLED")
    targets = aws.events.list_targets_by_rule(Rule=rule_name)["Targets"]
    check.equal("schedule targets", [t["Arn"] for t in targets], [output(values, "get-random-beer", "arn")])
    policy = json.loads(aws.__dict__["lambda"].get_policy(
        FunctionName=output(values, "get-random-beer", "name"))["Policy"])
    statements = policy["Statement"]
    check.equal("invoke permission count", len(statements), 1)
    if statements:
        statement = statements[0]
        check.equal("invoke principal", statement["Principal"], {"Service": "events.amazonaws.com"})
        check.equal("invoke action", statement["Action"], "lambda:InvokeFunction")
        check.equal("invoke source ARN", statement["Condition"]["ArnLike"]["AWS:SourceArn"],
                    output(values, "beer-schedule", "arn"))


def verify_crawler(aws, values, check):
    crawler = aws.glue.get_crawler(Name=output(values, "beer-catalog", "name"))["Crawler"]
    check.equal("crawler database", crawler["DatabaseName"], output(values, "beer-catalog", "database"))
    check.equal("crawler target", [t["Path"] for t in crawler["Targets"]["S3Targets"]],
                [f"s3://{output(values, 'cleaned-data', 'name')}/cleaned/"])
    check.equal("crawler schedule", crawler["Schedule"]["ScheduleExpression"], "cron(0 0 1 * ? *)")
    check.equal("crawler grouping", json.loads(crawler["Configuration"])["Grouping"],
                {"TableGroupingPolicy": "CombineCompatibleSchemas"})
    check.equal("crawler role", crawler["Role"],
                aws.iam.get_role(RoleName=role_name(values, "beer-catalog"))["Role"]["Arn"])
    aws.glue.get_database(Name=output(values, "beer-catalog", "database"))


def verify_buckets(aws, values, env, check):
    prefix = output(values, "beer-stream", "name")[: -len("beer-stream")]
    for name in BUCKETS:
        bucket = output(values, name, "name")
        # Bucket names are global across accounts, so the shipped naming rule adds the account id.
        check.equal(f"{name} bucket name", bucket, f"{prefix}{name}-{aws.account}")
        block = aws.s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        check.equal(f"{name} public access block", block,
                    {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                     "RestrictPublicBuckets": True})
        rules = aws.s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
        check.equal(f"{name} ownership", rules, [{"ObjectOwnership": "BucketOwnerEnforced"}])
        encryption = aws.s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]
        check.equal(f"{name} encryption",
                    encryption["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "AES256")
        versioning = aws.s3.get_bucket_versioning(Bucket=bucket).get("Status")
        check.equal(f"{name} versioning", versioning,
                    "Enabled" if name in ENVIRONMENTS[env]["versioned"] else None)
        policy = json.loads(aws.s3.get_bucket_policy(Bucket=bucket)["Policy"])
        deny = policy["Statement"][0]
        check.equal(f"{name} TLS-only policy", (deny["Effect"], deny["Condition"]),
                    ("Deny", {"Bool": {"aws:SecureTransport": "false"}}))


def role_name(values, component):
    # Role names follow the naming rule: the component's name plus "-role" (docs/spec.md).
    prefix = output(values, "beer-stream", "name")[: -len("beer-stream")]
    return f"{prefix}{component}-role"


def expected_grants(aws, values):
    """Per role: its service principal and the (action, resource) pairs docs/spec.md lists."""
    partition, region, account = "aws", aws.region, aws.account
    stream = output(values, "beer-stream", "arn")

    def log_group(name):
        return f"arn:{partition}:logs:{region}:{account}:log-group:{name}"

    def bucket(component):
        return output(values, component, "arn")

    def firehose(component, bucket_component):
        return (product(["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator",
                         "kinesis:ListShards"], [stream])
                | product(["s3:AbortMultipartUpload", "s3:PutObject", "s3:GetObject"],
                          [bucket(bucket_component) + "/*"])
                | product(["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
                          [bucket(bucket_component)])
                | {("logs:PutLogEvents", log_group(f"/aws/kinesisfirehose/{output(values, component, 'name')}")
                    + ":log-stream:DestinationDelivery")})

    database = output(values, "beer-catalog", "database")
    glue_resources = [f"arn:{partition}:glue:{region}:{account}:catalog",
                      f"arn:{partition}:glue:{region}:{account}:database/{database}",
                      f"arn:{partition}:glue:{region}:{account}:table/{database}/*"]
    function = output(values, "clean-data", "arn")
    return {
        "get-random-beer": ("lambda.amazonaws.com",
                            product(["kinesis:PutRecord", "kinesis:PutRecords"], [stream])
                            | product(["logs:CreateLogStream", "logs:PutLogEvents"],
                                      [log_group("/aws/lambda/" + output(values, "get-random-beer", "name")) + ":*"])),
        "clean-data": ("lambda.amazonaws.com",
                       product(["logs:CreateLogStream", "logs:PutLogEvents"],
                               [log_group("/aws/lambda/" + output(values, "clean-data", "name")) + ":*"])),
        "raw-delivery": ("firehose.amazonaws.com", firehose("raw-delivery", "raw-data")),
        "clean-delivery": ("firehose.amazonaws.com",
                           firehose("clean-delivery", "cleaned-data")
                           | product(["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"],
                                     [function + ":$LATEST"])),
        "beer-catalog": ("glue.amazonaws.com",
                         product(["s3:GetObject"], [bucket("cleaned-data") + "/cleaned/*"])
                         | product(["s3:GetBucketLocation", "s3:ListBucket"], [bucket("cleaned-data")])
                         | product(["glue:BatchCreatePartition", "glue:BatchGetPartition",
                                    "glue:BatchUpdatePartition", "glue:CreatePartition",
                                    "glue:CreateTable", "glue:GetDatabase", "glue:GetPartition",
                                    "glue:GetPartitions", "glue:GetTable", "glue:GetTables",
                                    "glue:UpdatePartition", "glue:UpdateTable"], glue_resources)
                         | product(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                                   [log_group("/aws-glue/crawlers") + ":*"])),
    }


def verify_roles(aws, values, check):
    for component, (principal, expected) in expected_grants(aws, values).items():
        name = role_name(values, component)
        role = aws.iam.get_role(RoleName=name)["Role"]
        trust = role["AssumeRolePolicyDocument"]
        if isinstance(trust, str):
            trust = json.loads(trust)
        # Firehose roles may be assumed only for this account (docs/iam.md, trust policies).
        condition = ({"StringEquals": {"sts:ExternalId": aws.account}}
                     if principal == "firehose.amazonaws.com" else None)
        check.equal(f"{name} trust",
                    [(s["Effect"], s["Principal"], s["Action"], s.get("Condition")) for s in trust["Statement"]],
                    [("Allow", {"Service": principal}, "sts:AssumeRole", condition)])
        policies = aws.iam.list_role_policies(RoleName=name)["PolicyNames"]
        check.equal(f"{name} inline policies", policies, [f"{name}-policy"])
        if not policies:
            continue
        document = aws.iam.get_role_policy(RoleName=name, PolicyName=policies[0])["PolicyDocument"]
        if isinstance(document, str):
            document = json.loads(document)
        pairs, conditions = grants(document)
        missing, extra = expected - pairs, pairs - expected
        check.equal(f"{name} permissions (missing, extra)", (sorted(missing), sorted(extra)), ([], []))
        if component == "beer-catalog":
            check.equal(f"{name} ListBucket condition", conditions.get("s3:ListBucket"),
                        {"StringLike": {"s3:prefix": "cleaned/*"}})


def verify(aws, values, rendered):
    env = environment_of(values)
    check = Checker()
    verify_stream(aws, values, env, check)
    verify_firehoses(aws, values, check)
    verify_functions(aws, values, env, check)
    verify_schedule(aws, values, check)
    verify_crawler(aws, values, check)
    verify_buckets(aws, values, env, check)
    verify_roles(aws, values, check)
    check.done("verify the wiring")


def verify_nothing_left(aws, values):
    """After destroy, the emulator holds nothing this environment created."""
    prefix = output(values, "beer-stream", "name")[: -len("beer-stream")]
    check = Checker()
    check.equal("streams left", [s for s in aws.kinesis.list_streams()["StreamNames"] if s.startswith(prefix)], [])
    check.equal("firehoses left", [s for s in aws.firehose.list_delivery_streams()["DeliveryStreamNames"]
                                   if s.startswith(prefix)], [])
    check.equal("functions left", [f["FunctionName"] for f in aws.__dict__["lambda"].list_functions()["Functions"]
                                   if f["FunctionName"].startswith(prefix)], [])
    check.equal("buckets left", [b["Name"] for b in aws.s3.list_buckets()["Buckets"] if b["Name"].startswith(prefix)], [])
    check.equal("roles left", [r["RoleName"] for r in aws.iam.list_roles()["Roles"] if r["RoleName"].startswith(prefix)], [])
    check.equal("rules left", [r["Name"] for r in aws.events.list_rules(NamePrefix=prefix)["Rules"]], [])
    check.equal("crawlers left", [c["Name"] for c in aws.glue.get_crawlers()["Crawlers"] if c["Name"].startswith(prefix)], [])
    check.equal("databases left", [d["Name"] for d in aws.glue.get_databases()["DatabaseList"]
                                   if d["Name"].startswith(prefix.replace("-", "_"))], [])
    groups = [g["logGroupName"] for g in aws.logs.describe_log_groups()["logGroups"] if prefix in g["logGroupName"]]
    check.equal("log groups left", groups, [])
    check.done("verify nothing is left after destroy")
