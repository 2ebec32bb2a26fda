/**
 * The validated options of every run, as small records composed into one per command ({@link
 * dev.sparksvm.options.TrainOptions}, {@link dev.sparksvm.options.TuneOptions}, {@link
 * dev.sparksvm.options.BenchOptions}, {@link dev.sparksvm.options.ScaleOptions}, ...), each built
 * from its {@code defaults()} with named withers. Each compact constructor checks its values and
 * throws a {@link dev.sparksvm.options.UsageException} naming the option and the value, which the
 * command line turns into one line and exit code 2. Choices are types: {@link
 * dev.sparksvm.options.LossKind} (which carries its factory and defaults), {@link
 * dev.sparksvm.options.InitialRate}, {@link dev.sparksvm.options.AggregationDepth}, {@link
 * dev.sparksvm.options.BatchSize} and the enums of the records. {@link
 * dev.sparksvm.options.TrainArgs} writes a training run's options as the command line would and
 * reads them back. Also where the data comes from ({@link dev.sparksvm.options.DataLocation}) and
 * the checked inputs of a run ({@link dev.sparksvm.options.Inputs}), both resolved before Spark
 * starts.
 */
package dev.sparksvm.options;
