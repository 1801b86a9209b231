"""terraform init (from the offline mirror) and terraform validate on a rendered environment.

Usage: validate_test.py PIPECTL_BINARY ENV_DIR
Passes when validate reports the configuration valid with no errors and no warnings.
"""

import json
import sys

import harness


def main():
    pipectl, env_dir = sys.argv[1], sys.argv[2]
    workspace = harness.Workspace(pipectl, env_dir)
    try:
        workspace.terraform_step("init", "init", "-backend=false", "-input=false")
        result = workspace.terraform_step("validate", "validate", "-json", ok_codes=(0, 1))
        report = json.loads(result.stdout)
        problems = [f"{d['severity']}: {d['summary']}: {d.get('detail', '')}"
                    for d in report.get("diagnostics", [])]
        if not report.get("valid") or problems:
            harness.fail(f"terraform validate on {env_dir}:\n" + "\n".join(problems))
        print(f"terraform validate: {env_dir} is valid ({report.get('warning_count', 0)} warnings)")
    finally:
        workspace.close()


if __name__ == "__main__":
    main()
