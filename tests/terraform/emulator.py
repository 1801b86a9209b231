"""A local AWS emulator (moto) for the end-to-end tests: a fresh server per test on a free
loopback port, ready before use and always stopped — on success, failure, Ctrl-C, SIGTERM, and
even if the test process is killed (the server gets SIGTERM when its parent dies)."""

import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import harness

PR_SET_PDEATHSIG = 1


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass
    os.setsid()


def _free_loopback_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_command(port):
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        harness.skip(f"moto's server is not installed for {sys.executable}: "
                     "pip install 'moto[server]'")
    launcher = os.path.join(os.path.dirname(os.path.abspath(__file__)), "moto_launcher.py")
    return [sys.executable, launcher, "-H", "127.0.0.1", "-p", str(port)]


class Emulator:
    def __init__(self, ready_timeout=60):
        self.port = _free_loopback_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="moto-", suffix=".log", delete=False)
        self.process = subprocess.Popen(_server_command(self.port), stdout=self.log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        preexec_fn=_die_with_parent)
        self._wait_until_ready(ready_timeout)

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                harness.fail(f"moto exited with {self.process.returncode} before it was ready:\n"
                             f"{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/moto-api/", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        harness.fail(f"moto did not answer on {self.url} within {timeout}s:\n{self.output()}")

    def output(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            return log.read()[-4000:]

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.log.close()
        try:
            os.unlink(self.log.name)
        except FileNotFoundError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def stop_on_signals():
    """Turns SIGTERM and SIGINT into exceptions so cleanup in `finally` blocks runs."""
    def raise_interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGINT, raise_interrupt)
