#!/usr/bin/env node
// Peer benchmark: CDK for Terraform (cdktf 0.21, prebuilt @cdktf/provider-aws bindings)
// synthesising N copies of pipectl's reference pipeline into one TerraformStack.
//
//   node bench/peers/cdktf/synth.js N OUTDIR [SOURCES_DIR]
//
// SOURCES_DIR is the folder holding the two Lambda source folders (get-random-beer, clean-data),
// e.g. the lambda_sources/ that bench/make_spec.py writes. Without the argument it is taken from
// $PIPECTL_LAMBDA_SOURCES, else the repository's own lambda_sources/.
// The Terraform JSON lands in OUTDIR/stacks/beer-bench/cdk.tf.json, the Lambda archives in
// OUTDIR/stacks/beer-bench/assets/. See README.md beside this file.
'use strict';

const started = process.hrtime.bigint();
const fs = require('fs');
const path = require('path');
const { App, TerraformStack, TerraformOutput, TerraformAsset, AssetType, S3Backend } = require('cdktf');
const { Construct } = require('constructs');

// Deep imports, one module per resource type, as a cdktf TypeScript program written as
// `import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket"` compiles to.
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { DataAwsCallerIdentity } = require('@cdktf/provider-aws/lib/data-aws-caller-identity');
const { DataAwsPartition } = require('@cdktf/provider-aws/lib/data-aws-partition');
const { CloudwatchEventRule } = require('@cdktf/provider-aws/lib/cloudwatch-event-rule');
const { CloudwatchEventTarget } = require('@cdktf/provider-aws/lib/cloudwatch-event-target');
const { CloudwatchLogGroup } = require('@cdktf/provider-aws/lib/cloudwatch-log-group');
const { CloudwatchLogStream } = require('@cdktf/provider-aws/lib/cloudwatch-log-stream');
const { IamRole } = require('@cdktf/provider-aws/lib/iam-role');
const { IamRolePolicy } = require('@cdktf/provider-aws/lib/iam-role-policy');
const { LambdaFunction } = require('@cdktf/provider-aws/lib/lambda-function');
const { LambdaPermission } = require('@cdktf/provider-aws/lib/lambda-permission');
const { KinesisStream } = require('@cdktf/provider-aws/lib/kinesis-stream');
const { KinesisFirehoseDeliveryStream } = require('@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const { S3BucketPublicAccessBlock } = require('@cdktf/provider-aws/lib/s3-bucket-public-access-block');
const { S3BucketOwnershipControls } = require('@cdktf/provider-aws/lib/s3-bucket-ownership-controls');
const { S3BucketServerSideEncryptionConfigurationA } = require('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration');
const { S3BucketVersioningA } = require('@cdktf/provider-aws/lib/s3-bucket-versioning');
const { S3BucketLifecycleConfiguration } = require('@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration');
const { S3BucketPolicy } = require('@cdktf/provider-aws/lib/s3-bucket-policy');
const { GlueCatalogDatabase } = require('@cdktf/provider-aws/lib/glue-catalog-database');
const { GlueCrawler } = require('@cdktf/provider-aws/lib/glue-crawler');

const PROJECT = 'beer';
const ENV = 'bench';
const REGION = 'eu-west-1';
const PREFIX = `${PROJECT}-${ENV}`;
const LAMBDA_SOURCES = ['get-random-beer', 'clean-data'];

const snake = (s) => s.replace(/-/g, '_');

// An IAM policy document as the JSON string that the policy attributes take.
const policy = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const assumeRole = (service, condition) => policy([{
  Sid: 'AssumeRole',
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: { Service: service },
  ...(condition ? { Condition: condition } : {}),
}]);

const allow = (sid, actions, resources, condition) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: actions,
  Resource: resources,
  ...(condition ? { Condition: condition } : {}),
});

// One copy of the reference pipeline: the 10 components of bench/make_spec.py, 47 resources.
class BeerPipeline extends Construct {
  constructor(scope, id, { copy, account, partition, assets }) {
    super(scope, id);
    this.copy = copy;
    this.account = account;
    this.partition = partition;
    const n = (component) => `${component}-${copy}`;

    const rawData = this.bucket(n('raw-data'), 30);
    const cleanedData = this.bucket(n('cleaned-data'), 30);
    this.bucket(n('model-artifacts'), 90);

    const stream = this.resource(KinesisStream, n('beer-stream'), 'stream', {
      name: `${PREFIX}-${n('beer-stream')}`,
      shardCount: 1,
      retentionPeriod: 168,
      encryptionType: 'KMS',
      kmsKeyId: 'alias/aws/kinesis',
      streamModeDetails: { streamMode: 'PROVISIONED' },
    });
    this.output(n('beer-stream'), 'arn', stream.arn, 'ARN of the Kinesis stream');
    this.output(n('beer-stream'), 'name', stream.name, 'Name of the Kinesis stream');

    const getRandomBeer = this.lambda(n('get-random-beer'), {
      asset: assets['get-random-beer'],
      timeout: 30,
      description: 'Puts a random beer from the bundled catalogue on the beer stream',
      environment: { STREAM_NAME: stream.name },
      statements: [allow(`Write${pascal(n('beer-stream'))}`, ['kinesis:PutRecord', 'kinesis:PutRecords'],
        [this.arn('kinesis', `stream/${PREFIX}-${n('beer-stream')}`)])],
    });
    const cleanData = this.lambda(n('clean-data'), {
      asset: assets['clean-data'],
      timeout: 60,
      description: 'Keeps the analytic fields of each beer record (Firehose transformation)',
      statements: [],
    });

    // cloudwatch schedule -> get-random-beer
    const schedule = n('beer-schedule');
    const rule = this.resource(CloudwatchEventRule, schedule, 'rule', {
      name: `${PREFIX}-${schedule}`,
      description: 'Fetches one random beer every five minutes',
      scheduleExpression: 'rate(5 minutes)',
      state: 'ENABLED',
    });
    this.resource(CloudwatchEventTarget, schedule, 'target', {
      rule: rule.name,
      arn: getRandomBeer.arn,
      targetId: n('get-random-beer'),
    });
    this.resource(LambdaPermission, schedule, 'permission', {
      statementId: `pipectl-${schedule}`,
      action: 'lambda:InvokeFunction',
      functionName: getRandomBeer.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
    this.output(schedule, 'arn', rule.arn, 'ARN of the schedule rule');
    this.output(schedule, 'name', rule.name, 'Name of the schedule rule');

    // beer stream -> two firehoses -> buckets; clean-data transforms the second
    this.firehose(n('raw-delivery'), { stream, streamName: n('beer-stream'), bucket: rawData,
      bucketName: n('raw-data'), prefix: 'raw/', compression: 'GZIP' });
    this.firehose(n('clean-delivery'), { stream, streamName: n('beer-stream'), bucket: cleanedData,
      bucketName: n('cleaned-data'), prefix: 'cleaned/', compression: 'UNCOMPRESSED',
      transform: { fn: cleanData, name: n('clean-data') } });

    this.glue(n('beer-catalog'), { bucket: cleanedData, bucketName: n('cleaned-data'), prefix: 'cleaned/' });
  }

  // A resource whose Terraform address is <type>.<component in snake case>, as pipectl names it.
  resource(Type, component, part, config) {
    const r = new Type(this, `${component}-${part}`, config);
    r.overrideLogicalId(snake(component));
    return r;
  }

  output(component, what, value, description) {
    const o = new TerraformOutput(this, `${component}-out-${what}`, {
      value,
      description: `${description} of component ${component}`,
    });
    o.overrideLogicalId(`${snake(component)}_${what}`);
  }

  arn(service, resource) {
    return `arn:${this.partition}:${service}:${REGION}:${this.account}:${resource}`;
  }

  bucketArn(bucketName, suffix = '') {
    return `arn:${this.partition}:s3:::${PREFIX}-${bucketName}-${this.account}${suffix}`;
  }

  role(component, kind, service, statements, condition) {
    const role = this.resource(IamRole, component, 'role', {
      name: `${PREFIX}-${component}-role`,
      description: `Role of ${kind} component ${component} in ${PROJECT}/${ENV}, managed by pipectl`,
      assumeRolePolicy: assumeRole(service, condition),
    });
    const rolePolicy = this.resource(IamRolePolicy, component, 'role-policy', {
      name: `${PREFIX}-${component}-role-policy`,
      role: role.id,
      policy: policy(statements),
    });
    return { role, rolePolicy };
  }

  bucket(component, noncurrentDays) {
    const bucket = this.resource(S3Bucket, component, 'bucket', {
      bucket: `${PREFIX}-${component}-${this.account}`,
      forceDestroy: false,
    });
    const publicAccessBlock = this.resource(S3BucketPublicAccessBlock, component, 'public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.resource(S3BucketOwnershipControls, component, 'ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.resource(S3BucketServerSideEncryptionConfigurationA, component, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: false }],
    });
    const versioning = this.resource(S3BucketVersioningA, component, 'versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    this.resource(S3BucketLifecycleConfiguration, component, 'lifecycle', {
      bucket: bucket.id,
      rule: [{
        id: 'pipectl-lifecycle',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        noncurrentVersionExpiration: [{ noncurrentDays }],
      }],
      dependsOn: [versioning],
    });
    this.resource(S3BucketPolicy, component, 'policy', {
      bucket: bucket.id,
      policy: policy([{
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucketArn(component), this.bucketArn(component, '/*')],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }]),
      dependsOn: [publicAccessBlock],
    });
    this.output(component, 'arn', bucket.arn, 'ARN of the S3 bucket');
    this.output(component, 'name', bucket.bucket, 'Name of the S3 bucket');
    return bucket;
  }

  lambda(component, { asset, timeout, description, environment, statements }) {
    const functionName = `${PREFIX}-${component}`;
    const logGroup = this.resource(CloudwatchLogGroup, component, 'log-group', {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: 90,
    });
    const { role, rolePolicy } = this.role(component, 'lambda', 'lambda.amazonaws.com', [
      ...statements,
      allow('WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'],
        [this.arn('logs', `log-group:/aws/lambda/${functionName}:*`)]),
    ]);
    const fn = this.resource(LambdaFunction, component, 'function', {
      functionName,
      description,
      role: role.arn,
      handler: 'handler.lambda_handler',
      runtime: 'python3.13',
      architectures: ['x86_64'],
      memorySize: 128,
      timeout,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      ...(environment ? { environment: { variables: environment } } : {}),
      dependsOn: [logGroup, rolePolicy],
    });
    this.output(component, 'arn', fn.arn, 'ARN of the Lambda function');
    this.output(component, 'name', fn.functionName, 'Name of the Lambda function');
    return fn;
  }

  firehose(component, { stream, streamName, bucket, bucketName, prefix, compression, transform }) {
    const name = `${PREFIX}-${component}`;
    const logGroup = this.resource(CloudwatchLogGroup, component, 'log-group', {
      name: `/aws/kinesisfirehose/${name}`,
      retentionInDays: 30,
    });
    const logStream = this.resource(CloudwatchLogStream, component, 'log-stream', {
      name: 'DestinationDelivery',
      logGroupName: logGroup.name,
    });
    const bucketId = pascal(bucketName);
    const statements = [
      allow(`Deliver${bucketId}Bucket`,
        ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], [this.bucketArn(bucketName)]),
      allow(`Deliver${bucketId}Objects`,
        ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], [this.bucketArn(bucketName, '/*')]),
    ];
    if (transform) {
      statements.push(allow(`Invoke${pascal(transform.name)}`,
        ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
        [this.arn('lambda', `function:${PREFIX}-${transform.name}:$LATEST`)]));
    }
    statements.push(
      allow(`Read${pascal(streamName)}`,
        ['kinesis:DescribeStream', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
        [this.arn('kinesis', `stream/${PREFIX}-${streamName}`)]),
      allow('WriteOwnErrorLogs', ['logs:PutLogEvents'],
        [this.arn('logs', `log-group:/aws/kinesisfirehose/${name}:log-stream:DestinationDelivery`)]));
    const { role, rolePolicy } = this.role(component, 'firehose', 'firehose.amazonaws.com', statements,
      { StringEquals: { 'sts:ExternalId': this.account } });
    const delivery = this.resource(KinesisFirehoseDeliveryStream, component, 'delivery-stream', {
      name,
      destination: 'extended_s3',
      kinesisSourceConfiguration: { kinesisStreamArn: stream.arn, roleArn: role.arn },
      extendedS3Configuration: {
        bucketArn: bucket.arn,
        roleArn: role.arn,
        prefix,
        errorOutputPrefix: 'errors/',
        bufferingSize: 5,
        bufferingInterval: 300,
        compressionFormat: compression,
        cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: logStream.name },
        ...(transform ? {
          processingConfiguration: {
            enabled: true,
            processors: [{
              type: 'Lambda',
              parameters: [{ parameterName: 'LambdaArn', parameterValue: `${transform.fn.arn}:$LATEST` }],
            }],
          },
        } : {}),
      },
      dependsOn: [rolePolicy],
    });
    this.output(component, 'arn', delivery.arn, 'ARN of the Firehose stream');
    this.output(component, 'name', delivery.name, 'Name of the Firehose stream');
  }

  glue(component, { bucket, bucketName, prefix }) {
    const description = 'Catalog of the cleaned beer records';
    const databaseName = snake(`${PREFIX}-${component}`);
    const database = this.resource(GlueCatalogDatabase, component, 'database', {
      name: databaseName,
      description,
    });
    const bucketId = pascal(bucketName);
    const { role, rolePolicy } = this.role(component, 'glue', 'glue.amazonaws.com', [
      allow('CatalogOwnDatabase', [
        'glue:BatchCreatePartition', 'glue:BatchGetPartition', 'glue:BatchUpdatePartition',
        'glue:CreatePartition', 'glue:CreateTable', 'glue:GetDatabase', 'glue:GetPartition',
        'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables', 'glue:UpdatePartition', 'glue:UpdateTable',
      ], [this.arn('glue', 'catalog'), this.arn('glue', `database/${databaseName}`),
        this.arn('glue', `table/${databaseName}/*`)]),
      allow(`List${bucketId}`, ['s3:ListBucket'], [this.bucketArn(bucketName)],
        { StringLike: { 's3:prefix': `${prefix}*` } }),
      allow(`Locate${bucketId}`, ['s3:GetBucketLocation'], [this.bucketArn(bucketName)]),
      allow(`Read${bucketId}Objects`, ['s3:GetObject'], [this.bucketArn(bucketName, `/${prefix}*`)]),
      allow('WriteCrawlerLogs', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        [this.arn('logs', 'log-group:/aws-glue/crawlers:*')]),
    ]);
    const crawler = this.resource(GlueCrawler, component, 'crawler', {
      name: `${PREFIX}-${component}`,
      description,
      databaseName: database.name,
      role: role.arn,
      schedule: 'cron(0 0 1 * ? *)',
      configuration: '{"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"},"Version":1.0}',
      recrawlPolicy: { recrawlBehavior: 'CRAWL_EVERYTHING' },
      s3Target: [{ path: `s3://${bucket.bucket}/${prefix}` }],
      schemaChangePolicy: { deleteBehavior: 'DEPRECATE_IN_DATABASE', updateBehavior: 'UPDATE_IN_DATABASE' },
      dependsOn: [rolePolicy],
    });
    this.output(component, 'arn', crawler.arn, 'ARN of the Glue crawler');
    this.output(component, 'database', database.name, 'Name of the Glue catalog database');
    this.output(component, 'name', crawler.name, 'Name of the Glue crawler');
  }
}

// "cleaned-data-1" -> "CleanedData1", as pipectl spells statement ids.
function pascal(s) {
  return s.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

class BenchStack extends TerraformStack {
  constructor(scope, id, { copies, sourcesDir }) {
    super(scope, id);

    new S3Backend(this, {
      key: `${PROJECT}/${ENV}/terraform.tfstate`,
      region: REGION,
      encrypt: true,
    });
    // Partial backend configuration like pipectl's (the bucket is given at `terraform init`);
    // use_lockfile is not in cdktf 0.21's S3BackendConfig, and needs Terraform >= 1.10.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('terraform.required_version', '>= 1.10.0');

    new AwsProvider(this, 'aws', {
      region: REGION,
      defaultTags: [{ tags: { project: 'beer-pipeline', 'managed-by': 'pipectl', environment: ENV } }],
    });
    const caller = new DataAwsCallerIdentity(this, 'caller-identity');
    caller.overrideLogicalId('current');
    const partition = new DataAwsPartition(this, 'partition');
    partition.overrideLogicalId('current');

    // One archive per Lambda source folder, shared by every copy.
    const assets = {};
    for (const source of LAMBDA_SOURCES) {
      assets[source] = new TerraformAsset(this, source, {
        path: path.resolve(sourcesDir, source),
        type: AssetType.ARCHIVE,
      });
    }

    for (let copy = 1; copy <= copies; copy++) {
      new BeerPipeline(this, `pipeline-${copy}`, {
        copy, account: caller.accountId, partition: partition.partition, assets,
      });
    }
  }
}

function main() {
  const [count, outdir, sourcesArg] = process.argv.slice(2);
  if (!/^[1-9][0-9]*$/.test(count || '') || !outdir) {
    console.error('usage: node synth.js N OUTDIR [SOURCES_DIR]  (N >= 1 copies of the reference pipeline)');
    process.exit(2);
  }
  const sourcesDir = path.resolve(sourcesArg || process.env.PIPECTL_LAMBDA_SOURCES ||
    path.join(__dirname, '..', '..', '..', 'lambda_sources'));
  for (const source of LAMBDA_SOURCES) {
    if (!fs.statSync(path.join(sourcesDir, source), { throwIfNoEntry: false })?.isDirectory()) {
      console.error(`synth.js: no Lambda source folder ${path.join(sourcesDir, source)}`);
      process.exit(2);
    }
  }
  // PEER_TIMINGS=1 prints where the time went (module loading, building the tree, synth) to stderr.
  const timings = process.env.PEER_TIMINGS === '1';
  const lap = (what, since) => {
    const now = process.hrtime.bigint();
    if (timings) console.error(`synth.js: ${what} ${(Number(now - since) / 1e6).toFixed(0)} ms`);
    return now;
  };
  let t = lap('node start to modules loaded', started);
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir: path.resolve(outdir) });
  new BenchStack(app, `${PROJECT}-${ENV}`, { copies: Number(count), sourcesDir });
  t = lap('construct tree', t);
  app.synth();
  lap('app.synth()', t);
}

main();
