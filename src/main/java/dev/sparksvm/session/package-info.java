/**
 * What every command that starts Spark shares: its {@link dev.sparksvm.session.Session} (inputs
 * resolved and checked, the event log and {@code --out} checked and claimed, all before Spark
 * starts; then the application with its job group; one close for all of it), the {@link
 * dev.sparksvm.session.Workspace} of the runs that train on a cached training set (the cached
 * images, the objective, the accuracies, {@code metrics.json}), and the {@link
 * dev.sparksvm.session.Provenance} every saved model carries. The runs above use no Spark API
 * beyond holding the context a session gives them.
 */
package dev.sparksvm.session;
