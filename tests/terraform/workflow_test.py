"""End to end through pipectl's own workflow: `pipectl plan`, `apply --plan`, `output`, `tf` and `destroy`
with real terraform, the real AWS provider and a real S3 remote backend with S3 native locking
(use_lockfile), all against a local emulator (moto).

Usage: workflow_test.py PIPECTL_BINARY ENV_DIR

Unlike e2e_test.py this does not use local endpoint mode (--aws-endpoint), which leaves the backend
out: the environment is rendered exactly as it ships (a partial S3 backend whose bucket is given at
init), and terraform reaches moto through the environment and a backend configuration file:

- the backend: `--backend-config backend.hcl` (bucket, endpoints, path-style addressing, test
  credentials, skipped AWS-only checks), passed as a path relative to pipectl's working directory;
- the provider: AWS_ENDPOINT_URL, which provider 5.100 honours for every service (its AWS SDK reads
  it), so the rendered provider block stays as it ships. The provider needs no path-style setting
  for S3 (it has no environment variable for one): the SDK's S3 endpoint rules address a bucket by
  path when the endpoint's host is an IP address. That holds for 127.0.0.1, which the emulator
  uses; with `localhost` bucket creation would fail (virtual-hosted `<bucket>.localhost`).

Steps (each bounded in time; a failure names the step and shows the command and its output):
  copy the project → start moto → create a versioned state bucket → plan (init runs; exit 2)
  → the lock was taken and released; terraform's backend record is S3 with the spec's key
  → plan again (no init; exit 2) → apply the saved plan → state is in the bucket, the buckets are in
  moto → pipectl output prints the stream's name → plan (exit 0: nothing to change) → pipectl tf
  state list → pipectl destroy → the remote state is empty, the buckets are gone. Every plan, apply
  and destroy must have written (and removed) the lock. pipectl's output is a pipe here, so
  terraform must get -no-color (no escape codes), and pipectl's automation mode must keep
  terraform's own "terraform apply" hint out of the plan's output.
"""

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import harness
from emulator import Emulator, stop_on_signals

PLAN_NO_CHANGES, PLAN_CHANGES = 0, 2
REGION = "eu-west-1"
STATE_BUCKET = "pipectl-e2e-state"
# Only ever loopback; nothing here may reach a real AWS account.
ISOLATED_VARIABLES = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
                      "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                      "TF_DATA_DIR", "TF_WORKSPACE", "PIPECTL_TERRAFORM", "TF_IN_AUTOMATION",
                      "NO_COLOR")


class Workflow:
    def __init__(self, pipectl, env_dir, emulator):
        self.pipectl = os.path.abspath(pipectl)
        self.emulator = emulator
        self.root = tempfile.mkdtemp(prefix="pipectl-workflow-")
        self.env_name = os.path.basename(os.path.normpath(env_dir))
        self.env_dir = harness.copy_project(env_dir, self.root)
        self.output = os.path.join(self.env_dir, "terraform")
        self.plan_file = os.path.join(self.output, "pipectl.tfplan")
        self.terraform = harness.find_terraform()
        self.env = self._environment(harness.find_provider_mirror())
        self._write_backend_config()

    def _environment(self, mirror):
        env = {name: value for name, value in os.environ.items()
               if name not in ISOLATED_VARIABLES and not name.startswith("AWS_ENDPOINT_URL_")
               and not name.startswith("TF_CLI_ARGS") and not name.startswith("TF_VAR_")}
        env.update({
            "TF_CLI_CONFIG_FILE": harness.write_cli_config(self.root, mirror),
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ENDPOINT_URL": self.emulator.url,
            # No shared AWS files and no instance metadata: nothing outside this test is consulted.
            "AWS_CONFIG_FILE": os.path.join(self.root, "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.root, "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
        })
        return env

    def _write_backend_config(self):
        url = json.dumps(self.emulator.url)
        with open(os.path.join(self.root, "backend.hcl"), "w", encoding="utf-8") as config:
            config.write(
                f'bucket                      = "{STATE_BUCKET}"\n'
                f"endpoints                   = {{ s3 = {url}, sts = {url} }}\n"
                "use_path_style              = true\n"
                'access_key                  = "test"\n'
                'secret_key                  = "test"\n'
                "skip_credentials_validation = true\n"
                "skip_requesting_account_id  = true\n"
                "skip_metadata_api_check     = true\n"
                "skip_region_validation      = true\n")

    def pipectl_step(self, name, *args, timeout, expected):
        """Runs pipectl from the temporary project root; fails the test unless it exits `expected`.
        On a timeout or an interrupt pipectl gets SIGTERM, which it forwards to terraform, so
        terraform stops cleanly (releasing the state lock) instead of running on orphaned."""
        argv = [self.pipectl, *args]
        process = subprocess.Popen(argv, cwd=self.root, env=self.env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            stdout, stderr = _stop(process)
            self.fail(name, f"timed out after {timeout}s: {' '.join(argv)}", stdout, stderr)
        except BaseException:
            _stop(process)
            raise
        if process.returncode != expected:
            self.fail(name, f"exited {process.returncode}, expected {expected}: {' '.join(argv)}",
                      stdout, stderr)
        return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)

    def fail(self, step, message, stdout="", stderr=""):
        harness.fail(f"step '{step}' {message}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
                     f"\n--- moto (last lines) ---\n{self.emulator.output()[-1500:]}")

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def _descendants(pid):
    """The ids of every live descendant of `pid` (terraform and its provider plugins)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _stop(process, grace=30):
    """SIGTERM to pipectl (forwarded to terraform); after `grace` seconds, SIGKILL to it and to
    every process it started. Returns what it printed."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.communicate(timeout=grace)
    except subprocess.TimeoutExpired:
        for pid in [*_descendants(process.pid), process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return process.communicate()


def check(workflow, step, condition, message, result=None):
    if not condition:
        workflow.fail(step, message, result.stdout if result else "", result.stderr if result else "")


def s3_client(url):
    import boto3
    from botocore.config import Config
    return boto3.client("s3", endpoint_url=url, region_name=REGION, aws_access_key_id="test",
                        aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 3}, connect_timeout=10,
                                      read_timeout=60, s3={"addressing_style": "path"}))


def rendered_backend(workflow):
    with open(os.path.join(workflow.output, "terraform.tf.json"), encoding="utf-8") as file:
        return json.load(file)["terraform"]["backend"]["s3"]


def lock_objects(s3):
    """(current lock objects, every version of a lock object ever written) in the state bucket."""
    current = [o["Key"] for o in s3.list_objects_v2(Bucket=STATE_BUCKET).get("Contents", [])
               if o["Key"].endswith(".tflock")]
    versions = s3.list_object_versions(Bucket=STATE_BUCKET)
    written = [v["Key"] for v in versions.get("Versions", []) if v["Key"].endswith(".tflock")]
    return current, written


class Lock:
    """Every operation on the state must take the native lock (one more version of <key>.tflock
    in the versioned bucket) and release it (no current lock object)."""

    def __init__(self, workflow, s3, key):
        self.workflow, self.s3, self.name, self.taken = workflow, s3, key + ".tflock", 0

    def check(self, step):
        current, written = lock_objects(self.s3)
        count = written.count(self.name)
        if current:
            self.workflow.fail(step, f"left lock object(s) in the state bucket: {current}")
        if count <= self.taken:
            self.workflow.fail(step, f"did not take the lock: {self.name} has {count} version(s), "
                                     f"as before ({written})")
        self.taken = count
        return f"lock taken and released ({self.name}: {count} version(s), none current)"


def pipeline_buckets(state):
    return sorted(instance["attributes"]["bucket"] for resource in state.get("resources", [])
                  if resource.get("type") == "aws_s3_bucket" and resource.get("mode") == "managed"
                  for instance in resource.get("instances", []))


def remote_state(s3, key):
    return json.loads(s3.get_object(Bucket=STATE_BUCKET, Key=key)["Body"].read())


def main():
    pipectl, env_dir = sys.argv[1], sys.argv[2]
    stop_on_signals()
    harness.require_e2e_tools()
    with Emulator() as emulator:
        workflow = Workflow(pipectl, env_dir, emulator)
        try:
            run(workflow, emulator)
        finally:
            workflow.close()


def run(workflow, emulator):
    env_dir, backend = workflow.env_dir, "backend.hcl"  # relative: pipectl resolves it against its cwd
    common = ["--backend-config", backend, "--terraform", workflow.terraform]
    started = time.monotonic()

    def passed(step, what):
        print(f"ok [{time.monotonic() - started:5.1f}s] {step}: {what}", flush=True)

    passed("setup", f"project copied to {workflow.root}; moto answers on {emulator.url}")
    s3 = s3_client(emulator.url)
    s3.create_bucket(Bucket=STATE_BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    # Versioned (as state buckets should be), so the lock object's history shows it was written.
    s3.put_bucket_versioning(Bucket=STATE_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    passed("state bucket", f"{STATE_BUCKET} created in {REGION}, versioned")

    # 1. First plan: init runs (with the backend file), the plan shows the whole pipeline to create.
    step = "first plan"
    result = workflow.pipectl_step(step, "plan", env_dir, *common, timeout=300, expected=PLAN_CHANGES)
    key = rendered_backend(workflow).get("key")
    check(workflow, step, key == f"beer-pipeline/{workflow.env_name}/terraform.tfstate",
          f"rendered backend key is {key!r}", result)
    check(workflow, step, "pipectl: running terraform init" in result.stderr,
          "stderr does not say that terraform init ran", result)
    state_notes = [line for line in result.stderr.splitlines() if "pipectl: state: S3 bucket" in line]
    check(workflow, step, state_notes and key in state_notes[0],
          f"stderr has no 'pipectl: state: S3 bucket ... {key}' note", result)
    check(workflow, step, os.path.isfile(workflow.plan_file), f"no plan file {workflow.plan_file}",
          result)
    check(workflow, step, "\x1b[" not in result.stdout + result.stderr,
          "terraform coloured its output although pipectl's output is not a terminal", result)
    check(workflow, step, "terraform apply" not in result.stdout
          and f"pipectl apply {env_dir} {' '.join(common)} --plan" in result.stderr,
          "the next step printed is not (only) pipectl's own, with the options that reach the "
          "same state", result)
    lock = Lock(workflow, s3, key)
    passed(step, f"init ran, exit {PLAN_CHANGES} (changes), plan saved, no colour, only pipectl's "
                 f"next step; {lock.check(step)}")

    # 2. terraform's own record of the backend: S3, the given bucket, the spec's key, native locking.
    step = "backend record"
    with open(os.path.join(workflow.output, ".terraform", "terraform.tfstate"), encoding="utf-8") as file:
        record = json.load(file).get("backend", {})
    config = record.get("config", {})
    check(workflow, step, record.get("type") == "s3" and config.get("bucket") == STATE_BUCKET
          and config.get("key") == key and config.get("use_lockfile") is True
          and config.get("region") == REGION and config.get("encrypt") is True,
          f".terraform/terraform.tfstate records {json.dumps(record)[:2000]}")
    passed(step, f".terraform/terraform.tfstate: backend s3, bucket {STATE_BUCKET}, key {key}, "
                 "use_lockfile, encrypt")

    # 3. Second plan: nothing init acts on changed, so no init; still changes to make.
    step = "second plan"
    result = workflow.pipectl_step(step, "plan", env_dir, *common, timeout=300, expected=PLAN_CHANGES)
    check(workflow, step, "running terraform init" not in result.stderr,
          "terraform init ran again although nothing it acts on changed", result)
    printed = [line.split("apply exactly this plan with: ", 1)[1] for line in result.stderr.splitlines()
               if "apply exactly this plan with: " in line]
    check(workflow, step, len(printed) == 1, "no next step printed", result)
    next_step = shlex.split(printed[0])
    passed(step, f"no init, exit {PLAN_CHANGES} (changes); {lock.check(step)}")

    # 4. Apply exactly the saved plan, by the command plan printed: the state lands in the bucket
    #    under the spec's key, and the resources in moto (reached through AWS_ENDPOINT_URL alone).
    step = "apply saved plan"
    check(workflow, step, next_step[:2] == ["pipectl", "apply"] and
          os.path.samefile(os.path.join(workflow.root, next_step[-1]), workflow.plan_file),
          f"the printed next step is {next_step}")
    result = workflow.pipectl_step(step, *next_step[1:], timeout=600, expected=0)
    check(workflow, step, "running terraform init" not in result.stderr,
          "terraform init ran again before apply", result)
    state = remote_state(s3, key)
    resources = state.get("resources", [])
    check(workflow, step, len(resources) > 0, f"remote state {key} holds no resources", result)
    check(workflow, step, not os.path.exists(os.path.join(workflow.output, "terraform.tfstate")),
          "a local terraform.tfstate appeared in the output directory", result)
    buckets = pipeline_buckets(state)
    in_moto = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    check(workflow, step, buckets and set(buckets) <= in_moto,
          f"buckets in state {buckets}, in moto {sorted(in_moto)}", result)
    passed(step, f"exit 0, s3://{STATE_BUCKET}/{key} holds {len(resources)} resources, no local "
                 f"state, {len(buckets)} pipeline buckets exist in moto; {lock.check(step)}")

    # 5. The outputs of the applied pipeline, as terraform prints them.
    step = "output"
    streams = [instance["attributes"]["name"] for resource in resources
               if resource.get("type") == "aws_kinesis_stream" and resource.get("mode") == "managed"
               for instance in resource.get("instances", [])]
    check(workflow, step, len(streams) == 1, f"state holds streams {streams}")
    raw = workflow.pipectl_step(step, "output", env_dir, "beer_stream_name", "--raw", *common,
                                timeout=120, expected=0)
    check(workflow, step, raw.stdout == streams[0],
          f"pipectl output beer_stream_name --raw printed {raw.stdout!r}, not {streams[0]!r}", raw)
    listed = workflow.pipectl_step(step, "output", env_dir, "--json", *common, timeout=120, expected=0)
    outputs = json.loads(listed.stdout)
    check(workflow, step, outputs.get("beer_stream_name", {}).get("value") == streams[0]
          and outputs.get("beer_stream_arn", {}).get("value", "").endswith(":stream/" + streams[0]),
          f"pipectl output --json printed {listed.stdout[:1500]}", listed)
    passed(step, f"beer_stream_name = {streams[0]} (--raw), {len(outputs)} outputs (--json)")

    # 6. Plan after apply: the real provider against the applied pipeline shows nothing to change.
    step = "plan after apply"
    workflow.pipectl_step(step, "plan", env_dir, *common, timeout=300, expected=PLAN_NO_CHANGES)
    passed(step, f"exit {PLAN_NO_CHANGES} (no changes); {lock.check(step)}")

    # 7. Any terraform command through pipectl tf (which takes no --backend-config).
    step = "tf state list"
    result = workflow.pipectl_step(step, "tf", env_dir, "--terraform", workflow.terraform, "--",
                                   "state", "list", timeout=120, expected=0)
    check(workflow, step, "aws_kinesis_stream.beer_stream" in result.stdout.split(),
          "terraform state list does not list the stream", result)
    passed(step, f"{len(result.stdout.split())} addresses in the remote state")

    # 8. pipectl destroy: init already happened, so only terraform destroy runs.
    step = "destroy"
    result = workflow.pipectl_step(step, "destroy", env_dir, "--auto-approve", *common, timeout=600,
                                   expected=0)
    check(workflow, step, "running terraform init" not in result.stderr,
          "pipectl destroy ran terraform init again", result)
    left = remote_state(s3, key).get("resources", [])
    check(workflow, step, not left,
          f"remote state still holds {[r.get('type') + '.' + r.get('name') for r in left]}", result)
    in_moto = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    check(workflow, step, in_moto == {STATE_BUCKET}, f"buckets left in moto: {sorted(in_moto)}",
          result)
    passed(step, f"exit 0, remote state empty, only the state bucket is left; {lock.check(step)}")
    print(f"workflow: pipectl plan/apply/output/tf/destroy on envs/{workflow.env_name} with S3 state and native "
          f"locking passed in {time.monotonic() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
