/**
 * The validated options of every run, as records: each compact constructor checks its values and
 * throws a {@link dev.sparksvm.options.UsageException} naming the option and the value, which the
 * command line turns into one line and exit code 2. Also where the data comes from ({@link
 * dev.sparksvm.options.DataLocation}) and the checked inputs of a run ({@link
 * dev.sparksvm.options.Inputs}), both resolved before Spark starts.
 */
package dev.sparksvm.options;
