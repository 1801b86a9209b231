"""End to end: apply a rendered environment with real terraform and the real AWS provider against
a local emulator, verify the wiring through the AWS API, re-plan for no changes, destroy.

Usage: e2e_test.py PIPECTL_BINARY ENV_DIR

Steps (each bounded in time; a failure names the step and shows terraform's output):
  render (local endpoint mode) → init (offline mirror) → validate → plan (expects changes)
  → apply → verify the wiring with boto3 → the data path: beers from the deployed producer reach
  both buckets as one JSON record per line (data_path.py) → plan (expects no changes) → change one
  value in the spec (the stream's retention) and plan: exactly that one resource changes, no
  policy is re-read or rewritten → destroy → verify nothing is left.
"""

import json
import os
import sys

import data_path
import harness
from emulator import Emulator, stop_on_signals
import wiring

# The one value the change step edits, and the only resource it may touch.
CHANGED_RETENTION_HOURS = 48
CHANGED_RESOURCE = "aws_kinesis_stream.beer_stream"

PLAN_NO_CHANGES, PLAN_CHANGES = 0, 2


def plan(workspace, name, expected, *extra):
    result = workspace.terraform_step(name, "plan", "-input=false", "-detailed-exitcode",
                                      "-lock-timeout=30s", *extra, timeout=600, ok_codes=(0, 1, 2))
    if result.returncode != expected:
        harness.fail(f"step '{name}': terraform plan exited {result.returncode}, expected "
                     f"{expected}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}")


def outputs(workspace):
    result = workspace.terraform_step("output", "output", "-json", timeout=60)
    return {name: value["value"] for name, value in json.loads(result.stdout).items()}


def plan_one_change(workspace):
    """A one-value change to the spec plans as exactly that change: the stream updated in
    place, and no IAM policy re-read at apply (data sources) or rewritten (role policies)."""
    workspace.render_variant("changed", "components:\n  beer-stream:\n"
                                        f"    retention_hours: {CHANGED_RETENTION_HOURS}\n")
    plan_file = os.path.join(workspace.root, "change.tfplan")
    plan(workspace, "plan a one-value change", PLAN_CHANGES, "-out=" + plan_file)
    shown = workspace.run_step("show the change", [workspace.terraform, "show", "-json", plan_file])
    changes = sorted((change["address"], change["change"]["actions"])
                     for change in json.loads(shown.stdout).get("resource_changes", [])
                     if change["change"]["actions"] != ["no-op"])
    if changes != [(CHANGED_RESOURCE, ["update"])]:
        harness.fail("step 'plan a one-value change': expected only "
                     f"{CHANGED_RESOURCE} updated in place, the plan holds {changes}")
    print(f"e2e: retention_hours {CHANGED_RETENTION_HOURS} plans as exactly one change "
          f"({CHANGED_RESOURCE}), no policy touched", flush=True)


def main():
    pipectl, env_dir = sys.argv[1], sys.argv[2]
    stop_on_signals()
    harness.require_e2e_tools()
    with Emulator() as emulator:
        workspace = harness.Workspace(pipectl, env_dir, ["--aws-endpoint", emulator.url])
        try:
            workspace.terraform_step("init", "init", "-input=false", timeout=180)
            workspace.terraform_step("validate", "validate", timeout=120)
            plan(workspace, "first plan", PLAN_CHANGES)
            workspace.terraform_step("apply", "apply", "-input=false", "-auto-approve",
                                     "-lock-timeout=30s", timeout=900)
            values = outputs(workspace)
            aws = wiring.Aws(emulator.url, workspace.region())
            wiring.verify(aws, values, workspace.rendered())
            data_path.verify(aws, values, os.path.join(workspace.output, "artifacts"),
                             wiring.Checker())
            plan(workspace, "second plan", PLAN_NO_CHANGES)
            plan_one_change(workspace)
            workspace.terraform_step("destroy", "destroy", "-input=false", "-auto-approve",
                                     "-lock-timeout=30s", timeout=900)
            wiring.verify_nothing_left(aws, values)
            print(f"e2e: {env_dir} applied, verified, delivered records, re-planned clean, "
                  "planned one change as one, destroyed")
        finally:
            workspace.close()


if __name__ == "__main__":
    main()
