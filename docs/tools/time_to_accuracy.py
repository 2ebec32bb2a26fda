#!/usr/bin/env python3
"""Time to accuracy as a user sees it: one `train` command, from the command to its exit.

Usage: python3 docs/tools/time_to_accuracy.py [--target ACC] [--label NAME] -- COMMAND...
  e.g. python3 docs/tools/time_to_accuracy.py --target 0.38 -- \
         submit/local.sh train --data $D --eval-every 10 --out /tmp/tta

Runs COMMAND (a `train` with --out), stamps every line it prints with the seconds since the command
started, and puts them together with OUT/history.csv and OUT/metrics.json:
  start    command to the SparkContext (JVM start, Spark start-up: the load's start)
  load     reading and caching the data (metrics.json's load_seconds)
  setup    the load's end to the first step (BLAS check, initial W, step size)
  steps    every step, and the median ms per step of steps 1-100, 100-300, 300-800 and 800-
  final    the last step to the exit (accuracy passes, model, charts, metrics, JVM exit)
  target   wall time from the command to the first validation accuracy >= --target
Needs the jar built (submit/local.sh builds it first when stale: build before timing).
"""
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time


def main(argv):
    target, label = None, None
    while argv and argv[0] != "--":
        if argv[0] == "--target":
            target = float(argv[1])
            argv = argv[2:]
        elif argv[0] == "--label":
            label = argv[1]
            argv = argv[2:]
        else:
            sys.exit("time_to_accuracy: unknown option " + argv[0])
    command = argv[1:]
    out = command[command.index("--out") + 1] if "--out" in command else None
    if not out:
        sys.exit("time_to_accuracy: the command needs --out DIR")
    t0 = time.monotonic()
    stamped = []
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        stamped.append((time.monotonic() - t0, line.rstrip("\n")))
    code = proc.wait()
    wall = time.monotonic() - t0
    if code != 0:
        for _, line in stamped[-20:]:
            print(line)
        sys.exit("time_to_accuracy: the command exited with %d" % code)
    with open(os.path.join(out, "metrics.json")) as f:
        metrics = json.load(f)
    with open(os.path.join(out, "history.csv")) as f:
        history = list(csv.DictReader(f))

    def first(pattern):
        for t, line in stamped:
            if re.search(pattern, line):
                return t
        return None

    loaded = first(r"cached \d+ training images")
    steps_done = first(r"ms per iteration by phase")
    load = metrics.get("load_seconds", 0.0)
    step_seconds = float(history[-1]["seconds"])
    train_start = steps_done - step_seconds
    per_step = []
    previous = 0.0
    for row in history:
        s = float(row["seconds"])
        per_step.append(1000 * (s - previous))
        previous = s

    def window(a, b):
        part = per_step[a:b]
        return statistics.median(part) if part else None

    report = {
        "label": label or " ".join(command),
        "blas": metrics.get("blas"),
        "start_s": loaded - load,
        "load_s": load,
        "setup_s": train_start - loaded,
        "steps": len(history),
        "steps_s": step_seconds,
        "ms_steps_1_100": window(0, 100),
        "ms_steps_100_300": window(100, 300),
        "ms_steps_300_800": window(300, 800),
        "ms_steps_800_on": window(800, len(per_step)),
        "final_s": wall - steps_done,
        "wall_s": wall,
        "val_accuracy": metrics.get("val_accuracy"),
        "test_accuracy": metrics.get("test_accuracy"),
        "weights_sha256": metrics.get("weights_sha256"),
    }
    if target is not None:
        reached = [r for r in history if r["val_accuracy"] and float(r["val_accuracy"]) >= target]
        report["target"] = target
        report["target_step"] = int(reached[0]["iteration"]) if reached else None
        report["target_wall_s"] = (
            train_start + float(reached[0]["seconds"]) if reached else None)
        report["target_from_first_step_s"] = float(reached[0]["seconds"]) if reached else None
    for k, v in report.items():
        print("%-26s %s" % (k, "%.3f" % v if isinstance(v, float) else v))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
