/**
 * The command line: {@link dev.sparksvm.cli.Main} is the entry point for {@code submit/local.sh} and
 * {@code spark-submit}; one class per command; bad input becomes one line on stderr and exit code 2.
 */
package dev.sparksvm.cli;
