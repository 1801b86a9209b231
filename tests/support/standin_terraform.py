#!/usr/bin/env python3
"""A stand-in for terraform, for testing how pipectl *runs* terraform. It is not a terraform.

Each call appends one JSON line to $STANDIN_LOG: the argument vector, the working directory and
the environment variables that matter to terraform (TF_*, CI). Then it acts as $STANDIN_SCRIPT
(JSON, keyed by subcommand, "*" for any) says:
  {"plan": {"stdout": "...", "stderr": "...", "exit": 2, "wait_for_signal": true}}
"exit" defaults to 0. With "wait_for_signal", it writes $STANDIN_LOG.ready and waits (at most
20 s) for SIGINT/SIGTERM/SIGHUP; every signal received is logged, and it exits with
"exit_on_signal" (default 130) a moment after the first, so a duplicate would be seen too.
A successful `init` creates .terraform/ and .terraform.lock.hcl (in $TF_DATA_DIR if set), as
terraform's does.
"""

import json
import os
import signal
import sys
import time


def log(entry):
    with open(os.environ["STANDIN_LOG"], "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


def main():
    argv = sys.argv[1:]
    environment = {k: v for k, v in os.environ.items()
                   if k.startswith("TF_") or k in ("CI", "CHECKPOINT_DISABLE")}
    log({"argv": argv, "cwd": os.getcwd(), "env": environment,
         "program": os.environ.get("STANDIN_NAME", os.path.basename(sys.argv[0]))})
    script = json.loads(os.environ.get("STANDIN_SCRIPT", "{}"))
    command = argv[0] if argv else ""
    behaviour = script.get(command, script.get("*", {}))
    sys.stdout.write(behaviour.get("stdout", ""))
    sys.stderr.write(behaviour.get("stderr", ""))
    sys.stdout.flush()
    sys.stderr.flush()

    if behaviour.get("wait_for_signal"):
        received = []

        def on_signal(number, _frame):
            received.append(signal.Signals(number).name)
            log({"signal": signal.Signals(number).name})

        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, on_signal)
        open(os.environ["STANDIN_LOG"] + ".ready", "w").close()
        deadline = time.time() + 20
        while not received and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a second delivery of the same signal would arrive meanwhile
        sys.exit(behaviour.get("exit_on_signal", 130) if received else 99)

    code = behaviour.get("exit", 0)
    if command == "init" and code == 0:
        data_dir = os.environ.get("TF_DATA_DIR", ".terraform")
        os.makedirs(data_dir, exist_ok=True)
        with open(".terraform.lock.hcl", "w", encoding="utf-8") as lock:
            lock.write("# stand-in lock file\n")
    sys.exit(code)


if __name__ == "__main__":
    main()
