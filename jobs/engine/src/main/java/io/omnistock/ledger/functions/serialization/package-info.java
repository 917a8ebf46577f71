/**
 * Hand-written serializers for the engine job's state and the records between its tasks.
 *
 * <p>The package keeps its name from when the engine job was called the ledger job: a savepoint
 * records each serializer snapshot's class name ({@code ...Serializer$Snapshot}) and restores by
 * it, so moving these classes would make earlier savepoints unreadable. {@code StateClassNamesTest}
 * pins the names.
 */
package io.omnistock.ledger.functions.serialization;
