"""A render killed at any moment leaves the output exactly as it was or exactly as the new render
would make it, never a mixture; the next render succeeds and leaves no staging folder behind.

Usage: render_kill_test.py PIPECTL_BINARY [KILLS]

A large environment (many pipelines, so a render takes long enough to be interrupted at many
points) is rendered in two versions, A and B, that differ in every file. Then, KILLS times: start
rendering the other version, SIGKILL pipectl after a random delay within one render's duration,
and compare the output folder byte for byte with A and with B. Every tenth round the render is
left to finish, and must leave no staging folder. The delays are drawn from a seeded generator,
printed, so a failure can be repeated.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PIPELINES = 150
STAGING_MARKER = ".pipectl-staging-"


def spec(version):
    lines = ["project: kill", "environment: test", "region: eu-west-1",
             f"tags: {{version: {version}}}", "components:"]
    for i in range(PIPELINES):
        lines += [
            f"  tick-{i}: {{kind: cloudwatch, schedule: rate(5 minutes), target: fn-{i}}}",
            f"  fn-{i}:",
            "    kind: lambda",
            "    source: fn",
            f"    environment: {{STREAM_NAME: {{ref: stream-{i}.name}}}}",
            f"    writes: [stream-{i}]",
            f"  stream-{i}: {{kind: kinesis}}",
            f"  delivery-{i}: {{kind: firehose, source: stream-{i}, destination: lake-{i}}}",
            f"  lake-{i}: {{kind: s3}}",
        ]
    return "\n".join(lines) + "\n"


def snapshot(directory):
    """Every file below `directory` (relative path → bytes), links and folders included."""
    files = {}
    for root, dirs, names in os.walk(directory):
        for name in dirs + names:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, directory)
            if os.path.islink(path):
                files[relative] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                files[relative] = ("dir",)
            else:
                with open(path, "rb") as file:
                    files[relative] = ("file", file.read())
    return files


def staging_folders(output):
    parent = os.path.dirname(output)
    prefix = "." + os.path.basename(output) + STAGING_MARKER
    return [name for name in os.listdir(parent) if name.startswith(prefix)]


def fail(message):
    print(f"FAILED: {message}", flush=True)
    sys.exit(1)


def main():
    pipectl = os.path.abspath(sys.argv[1])
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    seed = int(os.environ.get("PIPECTL_KILL_SEED", random.randrange(1 << 30)))
    chance = random.Random(seed)
    root = tempfile.mkdtemp(prefix="pipectl-kill-")
    try:
        os.makedirs(os.path.join(root, "lambda_sources", "fn"))
        with open(os.path.join(root, "lambda_sources", "fn", "handler.py"), "w") as file:
            file.write("def lambda_handler(event, context):\n    return event\n")
        specs, expected = {}, {}
        output = os.path.join(root, "out")
        for version in ("a", "b"):
            specs[version] = os.path.join(root, "envs", version, "pipeline.yaml")
            os.makedirs(os.path.dirname(specs[version]))
            with open(specs[version], "w") as file:
                file.write(spec(version))

        def render(version, wait=True):
            argv = [pipectl, "render", specs[version], "-o", output, "--quiet"]
            if wait:
                return subprocess.run(argv, capture_output=True, text=True, timeout=300)
            return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        durations = []
        for version in ("b", "a"):  # a last: the output starts as A
            started = time.monotonic()
            result = render(version)
            durations.append(time.monotonic() - started)
            if result.returncode != 0:
                fail(f"render {version} exited {result.returncode}:\n{result.stderr}")
            expected[version] = snapshot(output)
        if expected["a"] == expected["b"]:
            fail("the two versions render the same output; the test could not tell them apart")
        duration = max(durations)
        print(f"render takes {duration:.2f} s; {kills} kills, seed {seed}", flush=True)

        current, outcomes = "a", {"a": 0, "b": 0}
        for round_ in range(kills):
            target = "b" if current == "a" else "a"
            process = render(target, wait=False)
            time.sleep(chance.uniform(0, duration))
            process.send_signal(signal.SIGKILL)
            process.wait()
            found = snapshot(output)
            if found == expected[target]:
                current = target
            elif found != expected[current]:
                changed = sorted(set(found.items()) ^ set(expected[current].items()), key=str)[:5]
                fail(f"round {round_} (seed {seed}): the output is neither A nor B after a kill; "
                     f"first differences: {[name for name, *_ in changed]}")
            outcomes[current] += 1
            if round_ % 10 == 9:
                result = render(target)
                if result.returncode != 0:
                    fail(f"round {round_}: the render after a kill failed:\n{result.stderr}")
                if snapshot(output) != expected[target]:
                    fail(f"round {round_}: a completed render did not produce version {target}")
                left = staging_folders(output)
                if left:
                    fail(f"round {round_}: staging folders left behind: {left}")
                current = target
        print(f"render_kill: {kills} kills; the output was exactly A {outcomes['a']} times and "
              f"exactly B {outcomes['b']} times, never a mixture; every render after a kill "
              "succeeded and left no staging folder", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
