/** The trained model and its file format. */
package dev.sparksvm.model;
