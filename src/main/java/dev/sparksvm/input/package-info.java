/**
 * Finding and checking input files before Spark starts, without Spark: a path (directory, file or
 * glob on any Hadoop file system) becomes checked {@link dev.sparksvm.input.ImageFiles} (format,
 * class names, whole records, IDX headers), and a partition's {@link
 * dev.sparksvm.input.RecordRange} is read straight from the files into one block ({@link
 * dev.sparksvm.input.RangeReader}, {@link dev.sparksvm.input.RecordWindow}). Errors name the file,
 * the record and its byte offset.
 */
package dev.sparksvm.input;
