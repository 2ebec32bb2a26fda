#!/usr/bin/env python3
"""The yardstick of issue 18: CS231n's mini-batch loop in one numpy process, train's default options.

Usage: python3 docs/tools/numpy_loop.py DIR [--loss svm|softmax] [--target ACC] [--eval-every N]
                                       [--val N] [--batch N] [--iters N] [--lr X]
  DIR holds data_batch_1..5.bin (CIFAR-10 binary); trains on data_batch_1-4 less the last 1,000
  images (held out for validation), tests on data_batch_5, float64 throughout, as `train --data
  "DIR/data_batch_[1-4].bin" --test DIR/data_batch_5.bin`: batch 1024, 300 steps, W ~ 1e-5 randn,
  the learning rate (SVM 6e-7, softmax 3e-6) times 0.95 each epoch, L2 reg (SVM 0, softmax 30) as
  reg * sum(W^2). Prints the seconds of each phase and the accuracies; load included. Run with
  OPENBLAS_NUM_THREADS unset to let numpy's BLAS use every core, as a user would.
"""
import sys
import time

T0 = time.monotonic()
import numpy as np  # noqa: E402  (timed: importing numpy is part of a user's run)


def load(path):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
    return raw[:, 1:].astype(np.float64), raw[:, 0].astype(np.int64)


def svm(W, X, y, reg):
    s = X @ W
    n = X.shape[0]
    correct = s[np.arange(n), y][:, None]
    margins = np.maximum(0, s - correct + 1.0)
    margins[np.arange(n), y] = 0
    loss = margins.sum() / n + reg * np.sum(W * W)
    m = (margins > 0).astype(np.float64)
    m[np.arange(n), y] = -m.sum(axis=1)
    return loss, X.T @ m / n + 2 * reg * W


def softmax(W, X, y, reg):
    s = X @ W
    s -= s.max(axis=1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(axis=1, keepdims=True)
    n = X.shape[0]
    loss = -np.log(p[np.arange(n), y]).sum() / n + reg * np.sum(W * W)
    p[np.arange(n), y] -= 1
    return loss, X.T @ p / n + 2 * reg * W


def main(argv):
    d = argv[0]
    opts = dict(zip(argv[1::2], argv[2::2]))
    kind = opts.get("--loss", "svm")
    target = float(opts["--target"]) if "--target" in opts else None
    every = int(opts.get("--eval-every", "100"))
    lr, reg = (6e-7, 0.0) if kind == "svm" else (3e-6, 30.0)
    lr = float(opts.get("--lr", lr))
    val = int(opts.get("--val", "1000"))
    batch = int(opts.get("--batch", "1024"))
    iters = int(opts.get("--iters", "300"))
    f = svm if kind == "svm" else softmax
    parts = [load("%s/data_batch_%d.bin" % (d, i)) for i in range(1, 5)]
    X = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    Xte, yte = load(d + "/data_batch_5.bin")
    Xtr, ytr, Xval, yval = X[:-val], y[:-val], X[-val:], y[-val:]
    mean = Xtr.mean(axis=0)
    bias = lambda a: np.hstack([a - mean, np.ones((a.shape[0], 1))])  # noqa: E731
    Xtr, Xval, Xte = bias(Xtr), bias(Xval), bias(Xte)
    t_load = time.monotonic()
    rng = np.random.default_rng(0)
    W = 1e-5 * rng.standard_normal((Xtr.shape[1], 10))
    per_epoch = max(1, Xtr.shape[0] // batch)
    reached = None
    t_first = time.monotonic()
    # The validations' own time is left out of the time to the target, as train's history.csv
    # leaves it out of its seconds (which time_to_accuracy.py reads): both count training alone.
    t_eval = 0.0
    for t in range(iters):
        idx = rng.choice(Xtr.shape[0], batch, replace=False)
        _, grad = f(W, Xtr[idx], ytr[idx], reg)
        W -= lr * (0.95 ** (t // per_epoch)) * grad
        if (t + 1) % every == 0:
            e0 = time.monotonic()
            acc = np.mean(np.argmax(Xval @ W, axis=1) == yval)
            t_eval += time.monotonic() - e0
            if target is not None and reached is None and acc >= target:
                reached = (t + 1, time.monotonic() - t_first - t_eval)
    t_steps = time.monotonic()
    train_acc = np.mean(np.argmax(Xtr @ W, axis=1) == ytr)
    val_acc = np.mean(np.argmax(Xval @ W, axis=1) == yval)
    test_acc = np.mean(np.argmax(Xte @ W, axis=1) == yte)
    end = time.monotonic()
    print("load %.2f s, steps %.2f s (%.1f ms/step), final passes %.2f s, wall %.2f s" % (
        t_load - T0, t_steps - t_first, 1000 * (t_steps - t_first) / iters, end - t_steps, end - T0))
    print("train %.4f  validation %.4f  test %.4f" % (train_acc, val_acc, test_acc))
    if target is not None:
        print("first validation >= %.2f: %s" % (target, reached))


if __name__ == "__main__":
    main(sys.argv[1:])
