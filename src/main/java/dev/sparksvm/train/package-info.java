/**
 * Training runs: {@link dev.sparksvm.train.TrainingRun} ({@code train}: gradient descent with
 * progress, validation, early stopping, checkpoints and signals) and {@link
 * dev.sparksvm.train.TuneRun} ({@code tune}: K models in one job per step), with the checkpoint
 * file and its fingerprint, and the metrics they write.
 */
package dev.sparksvm.train;
