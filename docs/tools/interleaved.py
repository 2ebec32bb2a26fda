#!/usr/bin/env python3
"""Interleaved A/B runs of `train` commands through time_to_accuracy.py, and a summary per variant.

These machines are noisy from minute to minute, so variants are compared side by side: each round
runs every case under every variant, in order, and the summary lists each run's figure (not a mean).

Usage: python3 docs/tools/interleaved.py [--rounds N] [--log FILE] [--out DIR]
         --variant LABEL [--env K=V ...] [--variant LABEL [--env K=V ...] ...]
         --case NAME=ARGS [--case NAME=ARGS ...]
  ARGS: time_to_accuracy.py's arguments (shell words), e.g.
    --case 'to38=--target 0.38 -- submit/local.sh train --data ... --val 5000 --eval-every 10
            --stop-at 0.38'
  --out DIR/NAME is added to each command (default DIR: a temporary folder); --env sets an
  environment variable for that variant's runs only (SPARKSVM_GC=g1, JAVA_TOOL_OPTIONS=...).
  --log FILE appends one JSON line per run (round, variant, case, time_to_accuracy's report).
e.g. the collector and compiler-thread comparison of docs/PERFORMANCE.md (Warm-up):
  python3 docs/tools/interleaved.py --rounds 3 \\
    --variant old --env SPARKSVM_GC=g1 --env SPARKSVM_JIT=full \\
      --env 'JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.02' \\
    --variant new \\
    --case "default=-- submit/local.sh train --data $D/data_batch_[1-4].bin --test $D/data_batch_5.bin"
Build first: submit/local.sh rebuilds a stale jar inside the first run's timing.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIGURES = [
    ("cmd->target s", "target_wall_s", "%.2f"),
    ("first step->target s", "target_from_first_step_s", "%.3f"),
    ("start s", "start_s", "%.2f"),
    ("steps s", "steps_s", "%.2f"),
    ("ms steps 1-100", "ms_steps_1_100", "%.2f"),
    ("ms steps 300-800", "ms_steps_300_800", "%.2f"),
    ("exit s", "wall_s", "%.2f"),
    ("test", "test_accuracy", "%s"),
]


def parse(argv):
    opts = {"rounds": 1, "log": None, "out": None, "variants": [], "cases": []}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--rounds", "--log", "--out", "--variant", "--env", "--case") and i + 1 >= len(argv):
            sys.exit("interleaved: %s needs a value" % a)
        if a == "--rounds":
            opts["rounds"] = int(argv[i + 1])
        elif a in ("--log", "--out"):
            opts[a[2:]] = argv[i + 1]
        elif a == "--variant":
            opts["variants"].append((argv[i + 1], {}))
        elif a == "--env":
            if not opts["variants"] or "=" not in argv[i + 1]:
                sys.exit("interleaved: --env K=V belongs after a --variant")
            k, v = argv[i + 1].split("=", 1)
            opts["variants"][-1][1][k] = v
        elif a == "--case":
            if "=" not in argv[i + 1]:
                sys.exit("interleaved: --case NAME=ARGS")
            name, args = argv[i + 1].split("=", 1)
            opts["cases"].append((name, shlex.split(args)))
        else:
            sys.exit("interleaved: unknown option " + a)
        i += 2
    if not opts["variants"] or not opts["cases"]:
        sys.exit("interleaved: give at least one --variant and one --case")
    return opts


def run(case_args, env, out):
    cmd = [sys.executable, os.path.join(HERE, "time_to_accuracy.py")] + case_args
    cmd += ["--out", out, "--overwrite"]
    p = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    reports = [line for line in p.stdout.splitlines() if line.startswith("{")]
    if p.returncode != 0 or not reports:
        tail = (p.stdout + p.stderr).strip().splitlines()[-5:]
        return {"error": "exit %d: %s" % (p.returncode, " | ".join(tail))}
    return json.loads(reports[-1])


def main(argv):
    o = parse(argv)
    out = o["out"] or tempfile.mkdtemp(prefix="interleaved-")
    results = []
    for r in range(1, o["rounds"] + 1):
        for label, env in o["variants"]:
            for name, args in o["cases"]:
                report = run(args, env, os.path.join(out, name + "-" + label))
                row = {"round": r, "variant": label, "case": name, "report": report}
                results.append(row)
                if o["log"]:
                    with open(o["log"], "a") as f:
                        f.write(json.dumps(row) + "\n")
                print("round %d %s %s: %s" % (r, name, label, report.get("error", "ok")),
                      file=sys.stderr)
    for name, _ in o["cases"]:
        print("== " + name)
        for label, _ in o["variants"]:
            reports = [x["report"] for x in results if x["case"] == name and x["variant"] == label]
            parts = []
            for title, key, fmt in FIGURES:
                values = [rep.get(key) for rep in reports]
                if any(v is not None for v in values):
                    parts.append(title + " " + " / ".join(
                        "-" if v is None else fmt % v for v in values))
            shas = sorted({rep.get("weights_sha256", "")[:8] for rep in reports if "error" not in rep})
            if shas:
                parts.append("W " + ",".join(shas))
            errors = [rep["error"] for rep in reports if "error" in rep]
            if errors:
                parts.append("ERRORS: " + " || ".join(errors))
            print("  %-10s %s" % (label, "; ".join(parts)))


if __name__ == "__main__":
    main(sys.argv[1:])
