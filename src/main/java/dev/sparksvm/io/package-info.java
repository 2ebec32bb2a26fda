/**
 * Output files written through the Hadoop FileSystem API, each to a temporary name and then
 * renamed.
 */
package dev.sparksvm.io;
