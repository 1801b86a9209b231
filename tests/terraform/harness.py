"""Shared pieces of the tests that run real terraform on pipectl's output.

Finds terraform and the offline provider mirror, renders an environment with pipectl into a
fresh directory, and runs terraform there with a CLI configuration that installs providers
only from the mirror (never from the network). A missing tool is a skip (exit code 77, which
ctest reports as skipped) announced by one loud line; it is never silently ignored.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
MIRROR_SEARCH_ROOTS = ["/opt", "/usr/local/share", "/usr/share", os.path.expanduser("~")]
AWS_PROVIDER = "registry.terraform.io/hashicorp/aws"


def skip(reason):
    test = " ".join([os.path.basename(sys.argv[0])] + [os.path.basename(a) for a in sys.argv[2:]])
    print(f"SKIPPED (loudly): {test}: {reason}", flush=True)
    sys.exit(SKIP)


def find_terraform():
    configured = os.environ.get("PIPECTL_TERRAFORM")
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            skip(f"PIPECTL_TERRAFORM={configured} is not an executable file")
        return configured
    path = shutil.which("terraform") or shutil.which("tofu")
    if not path:
        skip("neither terraform nor tofu is on PATH (install one, or set PIPECTL_TERRAFORM)")
    return path


def require_e2e_tools():
    """Skips (loudly) unless boto3, terraform and the provider mirror are all here."""
    try:
        import boto3  # noqa: F401  (the emulator is set up and inspected with it)
    except ImportError:
        skip("boto3 is not installed for " + sys.executable)
    find_terraform()
    find_provider_mirror()


def _mirror_has_aws(root):
    return os.path.isdir(os.path.join(root, AWS_PROVIDER))


def find_provider_mirror():
    """The folder holding registry.terraform.io/hashicorp/aws/<version>/... (or skip)."""
    configured = os.environ.get("PIPECTL_TF_MIRROR")
    if configured:
        if not _mirror_has_aws(configured):
            skip(f"PIPECTL_TF_MIRROR={configured} holds no {AWS_PROVIDER}")
        return configured
    for base in MIRROR_SEARCH_ROOTS:
        for dirpath, dirnames, _ in os.walk(base):
            if dirpath.count(os.sep) - base.count(os.sep) >= 6:
                dirnames[:] = []
                continue
            if "registry.terraform.io" in dirnames and _mirror_has_aws(dirpath):
                return dirpath
    skip("no offline provider mirror with hashicorp/aws found (set PIPECTL_TF_MIRROR)")


def write_cli_config(directory, mirror):
    path = os.path.join(directory, "terraform.rc")
    with open(path, "w", encoding="utf-8") as config:
        config.write(
            "provider_installation {\n"
            "  filesystem_mirror {\n"
            f"    path    = {json.dumps(mirror)}\n"
            '    include = ["registry.terraform.io/hashicorp/*"]\n'
            "  }\n"
            '  direct { exclude = ["registry.terraform.io/hashicorp/*"] }\n'
            "}\n")
    return path


def copy_project(env_dir, destination):
    """Copies the project of ENV_DIR as a user has it, envs/ and lambda_sources/ side by side and
    nothing rendered, into `destination`; returns the copied environment's directory."""
    env_dir = os.path.abspath(env_dir)
    project = os.path.dirname(os.path.dirname(env_dir))
    leftovers = shutil.ignore_patterns("terraform", "terraform-local", ".terraform", "*.tfplan", "*.tfstate*",
                                       "__pycache__", "*.pyc")
    for folder in ("envs", "lambda_sources"):
        source = os.path.join(project, folder)
        if not os.path.isdir(source):
            fail(f"copy project: {source} is not a directory")
        shutil.copytree(source, os.path.join(destination, folder), ignore=leftovers)
    return os.path.join(destination, "envs", os.path.basename(env_dir))


class Workspace:
    """A temporary directory with a rendered environment and terraform configured offline."""

    def __init__(self, pipectl, env_dir, extra_render_args=()):
        self.root = tempfile.mkdtemp(prefix="pipectl-tf-")
        self.output = os.path.join(self.root, "out")
        self.pipectl, self.env_dir, self.render_args = pipectl, env_dir, list(extra_render_args)
        self.terraform = find_terraform()
        mirror = find_provider_mirror()
        self.env = dict(os.environ)
        self.env.update({
            "TF_CLI_CONFIG_FILE": write_cli_config(self.root, mirror),
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            "TF_DATA_DIR": os.path.join(self.root, "tfdata"),
        })
        self.run_step("render", [pipectl, "render", env_dir, "-o", self.output, "--quiet",
                                 *extra_render_args], cwd=None, timeout=120)

    def render_variant(self, name, overrides):
        """Renders, into the same output directory, the environment with `overrides` (YAML)
        merged over its spec, as a file that extends it would be: a change to the spec as a
        user would make it, in a copy of the project so the repository is never touched."""
        copy = os.path.join(self.root, "project")
        if not os.path.isdir(copy):
            copy_project(self.env_dir, copy)
        spec = os.path.join(copy, "envs", os.path.basename(os.path.abspath(self.env_dir)),
                            f"{name}.yaml")
        with open(spec, "w", encoding="utf-8") as file:
            file.write("extends: pipeline.yaml\n" + overrides)
        self.run_step(f"render {name}", [self.pipectl, "render", spec, "-o", self.output,
                                         "--quiet", *self.render_args], cwd=None, timeout=120)

    def run_step(self, name, argv, cwd="output", timeout=300, ok_codes=(0,)):
        """Runs one step; on failure prints the step, the command and its output, then fails."""
        directory = self.output if cwd == "output" else cwd
        try:
            result = subprocess.run(argv, cwd=directory, env=self.env, capture_output=True,
                                    text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as expired:
            fail(f"step '{name}' timed out after {timeout}s: {' '.join(argv)}\n"
                 f"{expired.stdout or ''}{expired.stderr or ''}")
        if result.returncode not in ok_codes:
            fail(f"step '{name}' exited with {result.returncode}: {' '.join(argv)}\n"
                 f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}")
        return result

    def terraform_step(self, name, *args, timeout=300, ok_codes=(0,)):
        return self.run_step(name, [self.terraform, *args, "-no-color"], timeout=timeout,
                             ok_codes=ok_codes)

    def rendered(self):
        """Every rendered *.tf.json file, parsed, by file name."""
        files = {}
        for name in sorted(os.listdir(self.output)):
            if name.endswith(".tf.json"):
                with open(os.path.join(self.output, name), encoding="utf-8") as file:
                    files[name] = json.load(file)
        return files

    def region(self):
        return self.rendered()["terraform.tf.json"]["provider"]["aws"]["region"]

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def fail(message):
    print(f"FAILED: {message}", flush=True)
    sys.exit(1)
