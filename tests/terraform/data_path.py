"""The data path of the beer pipeline, through the applied environment on the emulator: the
deployed get-random-beer code puts beers on the stream, and what reaches each bucket must be
newline-delimited JSON, one record per line (Firehose concatenates records without delimiters).

The emulator cannot run every hop, so the test runs those hops itself, with the deployed code:
- moto cannot run Lambda code: the functions are imported from their rendered zips, extracted as
  Lambda extracts them, and called with boto3 clients pointed at the emulator;
- moto's Firehose neither reads its Kinesis source nor runs processors: the test reads the stream
  as Firehose does (GetShardIterator, GetRecords), runs the clean-data transformation on the batch
  as Firehose would, and hands each delivery stream its records with PutRecordBatch. moto then
  concatenates the batch into one S3 object, as Firehose does.

The emulator speaks only plain HTTP, so each bucket's TLS-only policy (a Deny when
aws:SecureTransport is false) rightly refuses the test's reads: the policy is lifted while the
test reads and cleans up, then put back exactly as it was (the next plan proves it unchanged).
Everything written is deleted again (every version), so `terraform destroy` can remove the
buckets of an environment without force_destroy.
"""

import contextlib

import base64
import gzip
import importlib.util
import json
import os
import sys
import tempfile
import zipfile

import harness

BEERS = 3
CLEANED_FIELDS = ["id", "name", "abv", "ibu", "target_fg", "target_og", "ebc", "srm", "ph"]


def output(values, component, attribute):
    return values[f"{component.replace('-', '_')}_{attribute}"]


def load_function(artifacts, component, scratch):
    """The handler module of a packaged function, imported from its extracted zip."""
    task = os.path.join(scratch, component)
    with zipfile.ZipFile(os.path.join(artifacts, f"{component}.zip")) as package:
        package.extractall(task)
    name = f"deployed_{component.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, os.path.join(task, "handler.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def produce(aws, values, producer):
    """Runs the deployed get-random-beer as the schedule would, with its bundled catalogue."""
    os.environ["STREAM_NAME"] = output(values, "beer-stream", "name")
    os.environ.pop("BEER_API_URL", None)
    for _ in range(BEERS):
        producer.lambda_handler({"source": "aws.events"}, None, kinesis=aws.kinesis,
                                opener=_no_network)


def _no_network(request, timeout):
    harness.fail(f"data path: get-random-beer opened {request.full_url}; its catalogue needs no network")


def read_stream(aws, values):
    """Every record on the stream, read as Firehose reads its source."""
    stream = output(values, "beer-stream", "name")
    records = []
    for shard in aws.kinesis.list_shards(StreamName=stream)["Shards"]:
        iterator = aws.kinesis.get_shard_iterator(StreamName=stream, ShardId=shard["ShardId"],
                                                  ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        batch = aws.kinesis.get_records(ShardIterator=iterator, Limit=1000)
        records.extend(record["Data"] for record in batch["Records"])
    return records


def transform(cleaner, records):
    """The clean-data transformation on one Firehose batch; the data of its Ok records."""
    event = {"records": [{"recordId": str(index), "data": base64.b64encode(data).decode("ascii")}
                         for index, data in enumerate(records)]}
    results = cleaner.lambda_handler(event, None)["records"]
    failed = [result for result in results if result["result"] != "Ok"]
    if failed:
        harness.fail(f"data path: clean-data failed records: {failed}")
    return [base64.b64decode(result["data"]) for result in results]


def deliver(aws, values, component, records):
    name = output(values, component, "name")
    aws.firehose.put_record_batch(DeliveryStreamName=name,
                                  Records=[{"Data": data} for data in records])


def objects_of(aws, bucket):
    listed = aws.s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return [item["Key"] for item in listed]


def lines_of(aws, bucket, key):
    body = aws.s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    if body[:2] == b"\x1f\x8b":  # GZIP compression, as real Firehose applies it
        body = gzip.decompress(body)
    return body.decode("utf-8")


def check_ndjson(check, what, text, count, fields=None):
    """One JSON object per line, every line ended by a newline, `count` lines in all."""
    check.equal(f"{what} ends with a newline", text.endswith("\n"), True)
    lines = text.split("\n")[:-1]
    check.equal(f"{what} records", len(lines), count)
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except ValueError as error:
            check.equal(f"{what} line {number} is JSON ({error})", line, "one JSON object")
            continue
        check.equal(f"{what} line {number} is an object with id and name",
                    isinstance(record, dict) and "id" in record and "name" in record, True)
        if fields is not None and isinstance(record, dict):
            check.equal(f"{what} line {number} fields", list(record), fields)


def empty_bucket(aws, bucket):
    """Deletes every object version and delete marker, so destroy can remove the bucket."""
    listing = aws.s3.list_object_versions(Bucket=bucket)
    doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]}
              for v in listing.get("Versions", []) + listing.get("DeleteMarkers", [])]
    for key in objects_of(aws, bucket):
        doomed.append({"Key": key})
    if doomed:
        aws.s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed, "Quiet": True})


@contextlib.contextmanager
def plain_http_reads(aws, buckets):
    """Lifts the buckets' TLS-only policies for the duration, and puts them back as they were."""
    policies = {bucket: aws.s3.get_bucket_policy(Bucket=bucket)["Policy"] for bucket in buckets}
    for bucket in buckets:
        aws.s3.delete_bucket_policy(Bucket=bucket)
    try:
        yield
    finally:
        for bucket, policy in policies.items():
            aws.s3.put_bucket_policy(Bucket=bucket, Policy=policy)


def verify(aws, values, artifacts, checker):
    buckets = {component: output(values, component, "name") for component in ("raw-data", "cleaned-data")}
    with tempfile.TemporaryDirectory(prefix="pipectl-data-path-") as scratch, \
            plain_http_reads(aws, buckets.values()):
        producer = load_function(artifacts, "get-random-beer", scratch)
        cleaner = load_function(artifacts, "clean-data", scratch)
        try:
            produce(aws, values, producer)
            records = read_stream(aws, values)
            checker.equal("records on the stream", len(records), BEERS)
            for number, data in enumerate(records, 1):
                # The producer contract: one compact JSON object and one newline per record.
                checker.equal(f"stream record {number} is one line",
                              (data.endswith(b"\n"), data.count(b"\n")), (True, 1))
            deliver(aws, values, "raw-delivery", records)
            deliver(aws, values, "clean-delivery", transform(cleaner, records))
            for component, fields in (("raw-data", None), ("cleaned-data", CLEANED_FIELDS)):
                keys = objects_of(aws, buckets[component])
                checker.equal(f"{component} objects", len(keys), 1)
                if keys:
                    check_ndjson(checker, f"{component}/{keys[0]}",
                                 lines_of(aws, buckets[component], keys[0]), BEERS, fields)
        finally:
            for bucket in buckets.values():
                empty_bucket(aws, bucket)
    checker.done("the data path (stream → Firehose → S3) delivers one JSON record per line")
