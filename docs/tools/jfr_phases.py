#!/usr/bin/env python3
"""Where the CPU samples of a Flight Recorder file go, by phase of a training step.

Usage: python3 docs/tools/jfr_phases.py RECORDING.jfr

Reads jdk.ExecutionSample events with `jfr print --json` (the JDK's own tool) and puts each sample
in the first phase whose pattern matches a frame of its stack, innermost frames first. Samples of
threads that are not part of a step (data loading before the first step, the JIT, Spark's UI and
listener bus) are counted under their own names. See docs/PERFORMANCE.md.
"""
import collections
import json
import subprocess
import sys

# First match wins, checked from the innermost frame outwards for each phase in this order.
PHASES = [
    ("closure cleaning", ["ClosureCleaner"]),
    ("kernel: BLAS GEMMs", ["dev.ludovic.netlib.blas"]),
    ("kernel: batch build, loss", ["dev.sparksvm.core.", "dev.sparksvm.data."]),
    ("broadcast of W", ["TorrentBroadcast", "BroadcastManager"]),
    ("task/result serialization", ["JavaSerializer", "ObjectOutputStream", "ObjectInputStream",
                                   "KryoSerializer", "DoubleBytes", "PackedWeights"]),
    ("block manager", ["storage.BlockManager", "storage.memory"]),
    ("scheduler", ["scheduler.DAGScheduler", "scheduler.TaskSchedulerImpl", "TaskSetManager",
                   "scheduler.local", "EventLoop", "netty", "rpc."]),
    ("driver: merge and update", ["dev.sparksvm.optim.", "dev.sparksvm.spark.", "dev.sparksvm.run."]),
    ("Spark UI, listeners, status", ["ui.", "status.", "LiveListenerBus", "AsyncEventQueue",
                                     "JobProgressListener"]),
]


def main(path):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events",
                          "jdk.ExecutionSample", path], capture_output=True, text=True, check=True)
    events = json.loads(out.stdout)["recording"]["events"]
    counts = collections.Counter()
    for e in events:
        v = e["values"]
        frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
        names = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
                 for f in frames]
        phase = next((p for p, pats in PHASES if any(any(s in n for s in pats) for n in names)),
                     "other (" + (names[0].rsplit(".", 2)[0] if names else "?") + ")")
        counts[phase] += 1
    total = sum(counts.values())
    print(f"{total} samples in {path}")
    others = 0
    for phase, c in counts.most_common():
        if phase.startswith("other") and c < total * 0.01:
            others += c
            continue
        print(f"{100 * c / total:5.1f}%  {phase}")
    if others:
        print(f"{100 * others / total:5.1f}%  other (each < 1%)")


if __name__ == "__main__":
    main(sys.argv[1])
