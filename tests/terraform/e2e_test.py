"""End to end: apply a rendered environment with real terraform and the real AWS provider against
a local emulator, verify the wiring through the AWS API, re-plan for no changes, destroy.

Usage: e2e_test.py PIPECTL_BINARY ENV_DIR

Steps (each bounded in time; a failure names the step and shows terraform's output):
  render (local endpoint mode) → init (offline mirror) → validate → plan (expects changes)
  → apply → verify with boto3 → plan (expects no changes) → destroy → verify nothing is left.
"""

import json
import sys

import harness
from emulator import Emulator, stop_on_signals
import wiring

PLAN_NO_CHANGES, PLAN_CHANGES = 0, 2


def plan(workspace, name, expected):
    result = workspace.terraform_step(name, "plan", "-input=false", "-detailed-exitcode",
                                      "-lock-timeout=30s", timeout=600, ok_codes=(0, 1, 2))
    if result.returncode != expected:
        harness.fail(f"step '{name}': terraform plan exited {result.returncode}, expected "
                     f"{expected}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}")


def outputs(workspace):
    result = workspace.terraform_step("output", "output", "-json", timeout=60)
    return {name: value["value"] for name, value in json.loads(result.stdout).items()}


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
            plan(workspace, "second plan", PLAN_NO_CHANGES)
            workspace.terraform_step("destroy", "destroy", "-input=false", "-auto-approve",
                                     "-lock-timeout=30s", timeout=900)
            wiring.verify_nothing_left(aws, values)
            print(f"e2e: {env_dir} applied, verified, re-planned clean and destroyed")
        finally:
            workspace.close()


if __name__ == "__main__":
    main()
