#!/usr/bin/env python3
"""Steps to accuracy: the data for choosing train's batch, steps, learning rate and update.

Usage: python3 docs/tools/steps_to_accuracy.py --data DIR --csv FILE --runs DIR [options]
  e.g. python3 docs/tools/steps_to_accuracy.py --data /tmp/d14 --csv steps.csv --runs /tmp/sta \
         --losses svm,softmax --batches 256,512,1024 --updates sgd,momentum

For every (loss, batch, update) it runs `train --lr auto`, reads the rate the sweep chose from
metrics.json, then `train` at --factors times that rate (or, with --lrs, at those rates only); each run holds out --val images, measures
validation accuracy every --eval-every steps, stops at the loss's target (--stop-at) or at --iters.
One CSV row per run, appended as each run ends (a config already in the CSV is not run again, so an
interrupted grid goes on where it stopped):
  loss, batch, lr, update, mu   the config (lr: the rate used; auto's is the sweep's choice)
  steps_to_0.38                 the first evaluated step with validation accuracy >= 0.38
  steps_to_target               the same for the loss's target (svm 0.39, softmax 0.40)
  best_val, final_val           the best validation accuracy seen, and the last
  lr_choice, target, steps_run, steps_per_epoch   how the rate was chosen, and what ran
  seed                          --seed: the initial W, the validation split and every batch
Empty steps_to_* means never within --iters. Timings are not recorded: step counts only. The first
crossing of a target near a run's plateau is noisy (5,000 validation images have a standard error
of about 0.7 points): run the grid under several --seed values and compare medians.

--confirm LOSS:BATCH:LR:UPDATE:STEPS[:MU] (repeatable) instead trains each given config for exactly
STEPS steps (the trajectory the grid validated, the same --val held out) and tests it on --test; it
prints one line per config and appends them to --csv with best_val/final_val the validation accuracy
and a test_accuracy column.

Every run goes through --launcher (default submit/local.sh) under `nice -n 19`, one at a time.
Python 3 standard library only.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

TARGETS = {"svm": 0.39, "softmax": 0.40}
COLUMNS = ["loss", "batch", "lr", "update", "mu", "steps_to_0.38", "steps_to_target", "best_val",
           "final_val", "lr_choice", "target", "steps_run", "steps_per_epoch", "test_accuracy",
           "seed"]
DEFAULT_SEED = 42  # train's


def parse(argv):
    p = argparse.ArgumentParser(description="Steps to a validation accuracy, per training config.")
    p.add_argument("--data", required=True, help="training data (train's --data)")
    p.add_argument("--csv", required=True, help="CSV to append rows to")
    p.add_argument("--runs", required=True, help="folder for each run's --out")
    p.add_argument("--losses", default="svm,softmax")
    p.add_argument("--batches", default="256,512,1024")
    p.add_argument("--updates", default="sgd,momentum", help="sgd, momentum and/or nesterov")
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--factors", default="0.5,2,4", help="fixed rates: these times auto's rate")
    p.add_argument("--lrs", help="fixed rates instead of auto and --factors, e.g. 3e-7,6e-7")
    p.add_argument("--iters", type=int, default=1500, help="the cap on steps")
    p.add_argument("--val", type=int, default=5000)
    p.add_argument("--eval-every", type=int, default=10)
    p.add_argument("--launcher", default="submit/local.sh")
    p.add_argument("--test", help="test data for --confirm")
    p.add_argument("--confirm", action="append", default=[],
                   help="LOSS:BATCH:LR:UPDATE:STEPS[:MU], trained STEPS steps and tested")
    return p.parse_args(argv)


def train(args, out, loss, batch, lr, update, mu, iters, stop_at=None, test=None):
    """Runs one train; returns (metrics, history rows)."""
    cmd = ["nice", "-n", "19", args.launcher, "train", "--data", args.data,
           "--val", str(args.val), "--eval-every", str(args.eval_every), "--print-every", "100000",
           "--checkpoint-every", "0", "--loss", loss, "--batch", str(batch), "--lr", str(lr),
           "--iters", str(iters), "--update", update, "--seed", str(args.seed), "--out", out,
           "--overwrite"]
    if update != "sgd":
        cmd += ["--momentum", str(mu)]
    if stop_at is not None:
        cmd += ["--stop-at", str(stop_at)]
    if test is not None:
        cmd += ["--test", test]
    with open(out + ".log", "w") as log:
        code = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT)
    if code != 0:
        with open(out + ".log") as log:
            tail = log.read().splitlines()[-5:]
        print("  exit %d: %s" % (code, " | ".join(tail)), flush=True)
        return None, None
    with open(os.path.join(out, "metrics.json")) as f:
        metrics = json.load(f)
    with open(os.path.join(out, "history.csv")) as f:
        history = list(csv.DictReader(f))
    return metrics, history


def first_step(history, accuracy):
    for row in history:
        if row["val_accuracy"] and float(row["val_accuracy"]) >= accuracy:
            return int(row["iteration"])
    return ""


def row(loss, batch, update, mu, choice, target, metrics, history, seed):
    vals = [float(r["val_accuracy"]) for r in history if r["val_accuracy"]]
    steps = int(metrics["iterations"])
    per_epoch = -(-int(metrics["train_images"]) // batch)
    return {"loss": loss, "batch": batch, "lr": metrics["learning_rate"], "update": update,
            "mu": mu if update != "sgd" else "", "steps_to_0.38": first_step(history, 0.38),
            "steps_to_target": first_step(history, target),
            "best_val": max(vals) if vals else "", "final_val": vals[-1] if vals else "",
            "lr_choice": choice, "target": target, "steps_run": steps,
            "steps_per_epoch": per_epoch, "test_accuracy": metrics.get("test_accuracy") or "",
            "seed": seed}


def append(path, r):
    new = not os.path.exists(path)
    if not new:
        with open(path) as f:
            rows = list(csv.DictReader(f))
            header = rows[0].keys() if rows else COLUMNS
        if list(header) != COLUMNS:  # written by an earlier version: rewrite with every column
            with open(path, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=COLUMNS)
                w.writeheader()
                for old in rows:
                    w.writerow({k: old.get(k) or (DEFAULT_SEED if k == "seed" else "")
                                for k in COLUMNS})
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        if new:
            w.writeheader()
        w.writerow(r)


def done(path):
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {(r["loss"], r["batch"], r["update"], r["lr_choice"],
                 r.get("seed") or str(DEFAULT_SEED)) for r in csv.DictReader(f)}


def grid(args):
    os.makedirs(args.runs, exist_ok=True)
    have = done(args.csv)
    factors = [float(x) for x in args.factors.split(",") if x]
    for loss in args.losses.split(","):
        target = TARGETS[loss]
        for batch in [int(b) for b in args.batches.split(",")]:
            for update in args.updates.split(","):
                mu = args.momentum if update != "sgd" else ""
                name = "%s-b%d-%s-s%d" % (loss, batch, update, args.seed)
                if args.seed == DEFAULT_SEED:
                    name = "%s-b%d-%s" % (loss, batch, update)
                auto_rate = None
                choices = ["auto"] + ["x%g" % f for f in factors]
                if args.lrs:
                    choices = ["lr %s" % x for x in args.lrs.split(",")]
                for choice in choices:
                    key = (loss, str(batch), update, choice, str(args.seed))
                    out = os.path.join(args.runs, name + "-" + choice)
                    if key in have and choice != "auto":
                        print("have", key, flush=True)
                        continue
                    if choice.startswith("lr "):
                        out = os.path.join(args.runs, name + "-lr" + choice[3:])
                        if key in have:
                            print("have", key, flush=True)
                            continue
                        lr = choice[3:]
                    elif choice == "auto":
                        if key in have:  # its rate, from its output
                            with open(os.path.join(out, "metrics.json")) as f:
                                auto_rate = json.load(f)["learning_rate"]
                            print("have", key, "lr", auto_rate, flush=True)
                            continue
                        lr = "auto"
                    else:
                        if auto_rate is None:
                            print("skip", key, ": auto did not finish", flush=True)
                            continue
                        lr = "%.4g" % (auto_rate * float(choice[1:]))
                    print("run", key, "lr", lr, flush=True)
                    metrics, history = train(args, out, loss, batch, lr, update, mu or 0.9,
                                             args.iters, stop_at=target)
                    if metrics is None:
                        append(args.csv, {"loss": loss, "batch": batch, "lr": lr, "update": update,
                                          "mu": mu, "lr_choice": choice, "target": target,
                                          "steps_run": "failed", "seed": args.seed})
                        continue
                    if choice == "auto":
                        auto_rate = metrics["learning_rate"]
                    r = row(loss, batch, update, mu, choice, target, metrics, history, args.seed)
                    append(args.csv, r)
                    print("  ", {k: r[k] for k in COLUMNS[2:9]}, flush=True)


def confirm(args):
    if not args.test:
        sys.exit("steps_to_accuracy: --confirm needs --test")
    os.makedirs(args.runs, exist_ok=True)
    for spec in args.confirm:
        parts = spec.split(":")
        loss, batch, lr, update, steps = parts[0], int(parts[1]), parts[2], parts[3], int(parts[4])
        mu = float(parts[5]) if len(parts) > 5 else 0.9
        out = os.path.join(args.runs, "confirm-%s-b%d-%s-%s-%d-s%d" % (
            loss, batch, update, lr, steps, args.seed))
        metrics, history = train(args, out, loss, batch, lr, update, mu, steps, test=args.test)
        if metrics is None:
            continue
        r = row(loss, batch, update, mu if update != "sgd" else "", "confirm " + lr,
                TARGETS[loss], metrics, history, args.seed)
        append(args.csv, r)
        print("%s batch %d lr %s %s%s, %d steps: validation %.4f, test %.4f" % (
            loss, batch, lr, update, "" if update == "sgd" else " %g" % mu, steps,
            r["final_val"], metrics["test_accuracy"]), flush=True)


def main(argv):
    args = parse(argv)
    if args.confirm:
        confirm(args)
    else:
        grid(args)


if __name__ == "__main__":
    main(sys.argv[1:])
