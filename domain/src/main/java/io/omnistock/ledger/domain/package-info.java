/**
 * Savepoint-bound classes of the inventory, reservation and network context that keep their old
 * package: their fully qualified names are written into the ledger job's savepoints (Flink POJO
 * state and the POJO types of its fields), so they stay here until a state migration moves them to
 * {@code io.omnistock.domain}. StateClassNamesTest in the job module pins the list.
 */
package io.omnistock.ledger.domain;
