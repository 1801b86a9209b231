#!/usr/bin/env python3
"""Writes a project with N copies of the reference pipeline (envs/prod) in one spec.

    bench/make_spec.py N DIR

DIR gets envs/bench/pipeline.yaml and lambda_sources/ (the repository's two function folders,
which every copy shares, as copies of one pipeline would). Each copy has the same components,
options and connections as envs/prod (envs/base.yaml with prod's overrides), its names ending in
-<i>. The spec is self-contained (no `extends`), so every tool reads the same single file.
"""
import pathlib
import shutil
import sys

HEADER = """\
project: beer
environment: bench
region: eu-west-1
naming:
  default: "{{project}}-{{env}}-{{name}}"
  s3: "{{project}}-{{env}}-{{name}}-{{account}}"
tags:
  project: beer-pipeline
  managed-by: pipectl
  environment: bench
backend:
  s3: {{}}
components:
"""

COPY = """\
  beer-schedule-{i}:
    kind: cloudwatch
    schedule: rate(5 minutes)
    target: get-random-beer-{i}
    description: Fetches one random beer every five minutes
  get-random-beer-{i}:
    kind: lambda
    source: get-random-beer
    handler: handler.lambda_handler
    timeout: 30
    log_retention_days: 90
    description: Puts a random beer from the bundled catalogue on the beer stream
    environment:
      STREAM_NAME: {{ref: beer-stream-{i}.name}}
    writes: [beer-stream-{i}]
  beer-stream-{i}:
    kind: kinesis
    mode: provisioned
    shards: 1
    retention_hours: 168
  raw-delivery-{i}:
    kind: firehose
    source: beer-stream-{i}
    destination: raw-data-{i}
    prefix: raw/
    error_output_prefix: errors/
    compression: gzip
    buffering:
      size_mb: 5
      interval_seconds: 300
  clean-delivery-{i}:
    kind: firehose
    source: beer-stream-{i}
    destination: cleaned-data-{i}
    prefix: cleaned/
    error_output_prefix: errors/
    buffering:
      size_mb: 5
      interval_seconds: 300
    transform:
      function: clean-data-{i}
      buffer_size_mb: 1
      buffer_interval_seconds: 60
  clean-data-{i}:
    kind: lambda
    source: clean-data
    handler: handler.lambda_handler
    timeout: 60
    log_retention_days: 90
    description: Keeps the analytic fields of each beer record (Firehose transformation)
  raw-data-{i}:
    kind: s3
    versioning: true
    lifecycle:
      noncurrent_expire_days: 30
  cleaned-data-{i}:
    kind: s3
    versioning: true
    lifecycle:
      noncurrent_expire_days: 30
  model-artifacts-{i}:
    kind: s3
    versioning: true
    lifecycle:
      noncurrent_expire_days: 90
  beer-catalog-{i}:
    kind: glue
    bucket: cleaned-data-{i}
    prefix: cleaned/
    schedule: cron(0 0 1 * ? *)
    table_grouping: combine_compatible_schemas
    description: Catalog of the cleaned beer records
"""


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: make_spec.py N DIR  (N >= 1 copies of the reference pipeline)")
    copies, root = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    repo = pathlib.Path(__file__).resolve().parent.parent
    env = root / "envs" / "bench"
    env.mkdir(parents=True, exist_ok=True)
    text = HEADER.format() + "".join(COPY.format(i=i) for i in range(1, copies + 1))
    (env / "pipeline.yaml").write_text(text)
    sources = root / "lambda_sources"
    shutil.rmtree(sources, ignore_errors=True)
    shutil.copytree(repo / "lambda_sources", sources,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


if __name__ == "__main__":
    main()
