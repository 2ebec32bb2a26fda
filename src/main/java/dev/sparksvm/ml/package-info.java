/**
 * sparksvm as a spark.ml library: {@link dev.sparksvm.ml.LinearClassifier}, an estimator of
 * multiclass linear SVM and softmax classifiers for any DataFrame with a vector column and class
 * indices, and {@link dev.sparksvm.ml.LinearClassificationModel}, the model it fits; both work in
 * {@code Pipeline}, {@code CrossValidator} and {@code TrainValidationSplit} and are saved and
 * loaded in spark.ml's layout. A thin face over the command line's training run: the rows are
 * cached by {@code spark.FrameLoader} as compact blocks, and the descent is {@code
 * optim.StackedDescent} over {@code spark.SparkObjective}, as {@code train} and {@code tune} run
 * it. Nothing here trains by itself.
 */
package dev.sparksvm.ml;
