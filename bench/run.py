#!/usr/bin/env python3
"""Whole-process benchmark: pipectl against its floor and its peer, side by side in one run.

    bench/run.py [--sizes 1,10,100,1000,5000] [--no-peer] [--write-docs]

For each size N (copies of the reference pipeline, bench/make_spec.py) it times, as whole
processes started and waited for like a user's shell does:

  floor      build/bench/pipectl_floor: yaml-cpp parses the spec and writes the same files with
             the same sizes as pipectl's render (the least a compiler on yaml-cpp can do)
  render     pipectl render into an empty output directory
  rerender   pipectl render again, nothing changed
  check      pipectl render --check (writes nothing, compares the output)
  validate   pipectl validate
  cdktf      CDK for Terraform synthesising the same pipelines (bench/peers/cdktf)

The commands of one size run interleaved, round after round, so a change in the machine's load
reaches all of them alike; each figure is the median of the rounds. Before every timed run the
page cache's pending writes are flushed (sync), so no run pays for the previous one's writeback.
Peak memory is the process's maximum resident set (wait4's ru_maxrss). The peer is installed
here, and only here (npm ci in bench/peers/cdktf), never by the build or CI.

--write-docs replaces the results section of docs/performance.md with this run's tables.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEER = REPO / "bench" / "peers" / "cdktf"
DOCS = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"
COMMANDS = ["floor", "render", "rerender", "check", "validate", "cdktf"]


def default_rounds(size):
    return 7 if size <= 10 else 5 if size <= 100 else 3


def peer_rounds(size, rounds):
    """cdktf takes about four minutes a run at N=5000: one run there, every round elsewhere."""
    return 1 if size >= 5000 else rounds


class Measurement:
    def __init__(self):
        self.wall, self.cpu, self.rss = [], [], []

    def add(self, wall, cpu, rss):
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.rss.append(rss)

    def median(self, series):
        return statistics.median(getattr(self, series))


def run_timed(argv, env, expect=(0,)):
    """Runs argv as a child process; returns (wall seconds, user+system seconds, peak RSS bytes).

    The peak comes from GNU time, itself a small process: a child forked from this Python would
    report Python's own resident set as its peak (ru_maxrss survives exec)."""
    peak_file = Path(env["PIPECTL_BENCH_PEAK"])
    start = time.perf_counter()
    child = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", str(peak_file), *argv], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in expect:
        sys.exit(f"{' '.join(map(str, argv))} exited {code}:\n{stderr.decode()}")
    peak_kib = int(peak_file.read_text().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, peak_kib * 1024


def sync():
    os.sync()


def listing_of(directory):
    lines = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        lines.append(f"{path.stat().st_size} {path.relative_to(directory).as_posix()}")
    return "\n".join(lines) + "\n"


class Size:
    """One N: its project, its commands, its measurements."""

    def __init__(self, size, work, tools, with_peer):
        self.size = size
        self.root = work / f"n{size}"
        shutil.rmtree(self.root, ignore_errors=True)
        subprocess.run([sys.executable, str(REPO / "bench/make_spec.py"), str(size), str(self.root)],
                       check=True)
        self.env_dir = self.root / "envs/bench"
        self.spec = self.env_dir / "pipeline.yaml"
        self.tools = tools
        self.env = dict(os.environ, PIPECTL_CACHE_DIR=str(work / "cache"), NO_COLOR="1",
                        PIPECTL_BENCH_PEAK=str(work / "peak"))
        self.commands = [c for c in COMMANDS if with_peer or c != "cdktf"]
        self.results = {c: Measurement() for c in self.commands}
        self.output = self.root / "out-render"
        self.files = 0
        self.bytes = 0

    def prepare(self):
        """An untimed render: warms the Python syntax cache and gives the floor its listing."""
        warm = self.root / "out-warm"
        subprocess.run([self.tools["pipectl"], "render", "-q", str(self.env_dir), "-o", str(warm)],
                       env=self.env, check=True)
        listing = listing_of(warm)
        (self.root / "listing").write_text(listing)
        self.files = listing.count("\n")
        self.bytes = sum(int(line.split(" ", 1)[0]) for line in listing.splitlines())
        shutil.rmtree(warm)

    def argv(self, command):
        pipectl, out = self.tools["pipectl"], str(self.output)
        return {
            "floor": [self.tools["floor"], str(self.spec), str(self.root / "listing"),
                      str(self.root / "out-floor")],
            "render": [pipectl, "render", "-q", str(self.env_dir), "-o", out],
            "rerender": [pipectl, "render", "-q", str(self.env_dir), "-o", out],
            "check": [pipectl, "render", "--check", "-q", str(self.env_dir), "-o", out],
            "validate": [pipectl, "validate", "-q", str(self.env_dir)],
            # At N=5000 cdktf needs more than node's default 4 GB heap, as its users would.
            "cdktf": ["node", "--max-old-space-size=20000", str(PEER / "synth.js"), str(self.size), str(self.root / "out-cdktf"),
                      str(self.root / "lambda_sources")],
        }[command]

    def fresh(self, command):
        """Removes what the command wrote last time, where it must start from nothing."""
        target = {"floor": "out-floor", "render": "out-render", "cdktf": "out-cdktf"}.get(command)
        if target:
            shutil.rmtree(self.root / target, ignore_errors=True)

    def round(self, number, rounds):
        for command in self.commands:
            if command == "cdktf" and number >= peer_rounds(self.size, rounds):
                continue
            self.fresh(command)
            sync()
            self.results[command].add(*run_timed(self.argv(command), self.env))

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def seconds(value):
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value):
    return f"{value / 1e6:.0f} MB"


def cell(measurement):
    return (f"{seconds(measurement.median('wall'))} ({seconds(measurement.median('cpu'))} CPU), "
            f"{megabytes(measurement.median('rss'))}")


def ratio(a, b):
    return a / b if b else float("inf")


def results_table(sizes):
    commands = sizes[0].commands
    header = "| N | files, bytes | " + " | ".join(commands) + " |"
    lines = [header, "|" + "---:|" * (len(commands) + 2)]
    for s in sizes:
        cells = [cell(s.results[c]) for c in commands]
        lines.append(f"| {s.size} | {s.files}, {s.bytes / 1e6:.1f} MB | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "**not met**"


def targets_table(sizes):
    lines = ["| N | render / floor (time) | render / floor (memory) | validate / floor | "
             "check / floor | cdktf / render |", "|---:|---:|---:|---:|---:|---:|"]
    checks = []
    for s in sizes:
        r, f = s.results["render"], s.results["floor"]
        time_ratio = ratio(r.median("wall"), f.median("wall"))
        memory_ratio = ratio(r.median("rss"), f.median("rss"))
        validate_ratio = ratio(s.results["validate"].median("wall"), f.median("wall"))
        check_ratio = ratio(s.results["check"].median("wall"), f.median("wall"))
        row = [f"{time_ratio:.2f}×", f"{memory_ratio:.2f}×", f"{validate_ratio:.2f}×",
               f"{check_ratio:.2f}×"]
        checks += [(f"render within 2× of the floor's time at N={s.size}", time_ratio <= 2),
                   (f"render within 2× of the floor's memory at N={s.size}", memory_ratio <= 2),
                   (f"validate within 1.5× of the floor at N={s.size}", validate_ratio <= 1.5),
                   (f"render --check within 1.5× of the floor at N={s.size}", check_ratio <= 1.5)]
        if "cdktf" in s.results:
            speedup = ratio(s.results["cdktf"].median("wall"), r.median("wall"))
            row.append(f"{speedup:.1f}×")
            wanted = 10 if s.size == 1 else 5
            if s.size in (1, 100, 1000, 5000):
                checks.append((f"at least {wanted}× faster than cdktf at N={s.size}",
                               speedup >= wanted))
        else:
            row.append("—")
        lines.append(f"| {s.size} | " + " | ".join(row) + " |")
    by_size = {s.size: s for s in sizes}
    if 1000 in by_size and 5000 in by_size:
        small, large = by_size[1000].results["render"], by_size[5000].results["render"]
        for series, name in (("wall", "time"), ("rss", "memory")):
            growth = ratio(large.median(series), small.median(series))
            checks.append((f"linear: render's {name} at N=5000 is {growth:.2f}× N=1000 (≤ 5.5×)",
                           growth <= 5.5))
    lines.append("")
    lines += [f"- {verdict(ok)}: {what}" for what, ok in checks]
    return "\n".join(lines)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Linux {platform.release()}"


def version(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def rounds_text(size, arguments):
    rounds = arguments.rounds or default_rounds(size.size)
    peer = peer_rounds(size.size, rounds)
    extra = f" (cdktf {peer})" if "cdktf" in size.results and peer != rounds else ""
    return f"{rounds}{extra} at N={size.size}"


def report(sizes, arguments, passes):
    today = datetime.date.today().isoformat()
    revision = version(["git", "-C", str(REPO), "describe", "--always", "--dirty"])
    return "\n".join([
        f"Run on {today}, {machine()}; pipectl {revision} (Release build), "
        f"{version(['node', '--version']) if not arguments.no_peer else 'no peer'} "
        f"for cdktf. Command: `bench/run.py --sizes {arguments.sizes}"
        f"{' --no-peer' if arguments.no_peer else ''}`. "
        f"Medians of {', '.join(rounds_text(s, arguments) for s in sizes)} interleaved rounds; "
        "each cell is wall time (user + system CPU), peak memory.",
        "",
        results_table(sizes),
        "",
        "Against the targets (medians of the same run):",
        "",
        targets_table(sizes),
        "",
        "Per pass, in process (`build/bench/pipectl_bench`, Google Benchmark, wall time per "
        "iteration, same machine, right after the run above):",
        "",
        passes,
    ])


def pass_figures(build, env):
    """Per-pass times in process (Google Benchmark's bench/compile_bench.cpp), if it was built."""
    binary = build / "bench" / "pipectl_bench"
    if not os.access(binary, os.X_OK):
        return "(build/bench/pipectl_bench was not built: apt-get install libbenchmark-dev)"
    result = subprocess.run([str(binary), "--benchmark_format=json",
                             "--benchmark_filter=^BM_[A-Za-z]+/[0-9]+$"],
                            env=env, capture_output=True, text=True, check=True)
    rows = {}
    for run in json.loads(result.stdout)["benchmarks"]:
        if run.get("run_type") == "aggregate" or "/" not in run["name"]:
            continue  # the fitted complexity and its error
        name, size = run["name"].split("/")
        rows.setdefault(int(size), {})[name[3:]] = run["real_time"] / 1000  # ms -> s
    names = ["LoadSpec", "Compile", "WriteOutput"]
    lines = ["| N | load spec (parse, merge) | compile (every pass to Terraform in memory, "
             "load included) | write output (staging, one sync, swap) |", "|---:|---:|---:|---:|"]
    for size in sorted(rows):
        lines.append(f"| {size} | " + " | ".join(seconds(rows[size].get(n, float('nan')))
                                                  for n in names) + " |")
    return "\n".join(lines)


def write_docs(text):
    page = DOCS.read_text()
    if BEGIN not in page or END not in page:
        sys.exit(f"{DOCS} has no {BEGIN} ... {END} section to replace")
    head, rest = page.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOCS.write_text(head + BEGIN + "\n" + text + "\n" + END + tail)


def ensure_peer():
    if (PEER / "node_modules" / "cdktf").is_dir():
        return
    if shutil.which("npm") is None:
        sys.exit("the cdktf peer needs Node.js and npm (or run with --no-peer)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(PEER)], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100,1000,5000")
    parser.add_argument("--rounds", type=int, default=0, help="rounds for every size (default: 7, 5 or 3 by size)")
    parser.add_argument("--no-peer", action="store_true", help="leave out cdktf")
    parser.add_argument("--build", default=str(REPO / "build"), help="the Release build directory")
    parser.add_argument("--work", default="/tmp/pipectl-bench", help="scratch directory (on the disk to measure)")
    parser.add_argument("--no-passes", action="store_true", help="leave out the per-pass benchmark")
    parser.add_argument("--write-docs", action="store_true", help="put the tables into docs/performance.md")
    arguments = parser.parse_args()
    build = Path(arguments.build)
    tools = {"pipectl": str(build / "pipectl"), "floor": str(build / "bench" / "pipectl_floor")}
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("/usr/bin/time (Debian package time) measures peak memory: apt-get install time")
    for name, path in tools.items():
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} is missing: build first (cmake --build {build} -j2)")
    if not arguments.no_peer:
        ensure_peer()
    work = Path(arguments.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = []
    for size in (int(n) for n in arguments.sizes.split(",")):
        s = Size(size, work, tools, not arguments.no_peer)
        s.prepare()
        rounds = arguments.rounds or default_rounds(size)
        for number in range(rounds):
            print(f"N={size}: round {number + 1} of {rounds}", file=sys.stderr, flush=True)
            s.round(number, rounds)
        s.cleanup()
        sizes.append(s)
        print(results_table(sizes), file=sys.stderr, flush=True)
    passes = "(left out: --no-passes)" if arguments.no_passes else pass_figures(
        build, sizes[0].env if sizes else dict(os.environ))
    text = report(sizes, arguments, passes)
    print(text)
    if arguments.write_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
