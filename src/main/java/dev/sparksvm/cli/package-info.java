/**
 * The command line, on picocli: {@link dev.sparksvm.cli.Main} is the entry point for {@code
 * submit/local.sh} and {@code spark-submit} and the one command table; one class per command, which
 * parses its options, calls one run (of {@code train}, {@code explore}, {@code measure} or {@code
 * evaluate}) and prints. Shared option groups are mixins ({@code Mixins}). Bad input becomes one
 * line on stderr and exit code 2.
 */
package dev.sparksvm.cli;
