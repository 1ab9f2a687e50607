package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the selection table before its source is joined in (see {@link SelectTables#SELECTION_SCHEMA}).
 *
 * @param itemId the pool item
 * @param task the task it was ranked for ({@link SelectTables#ALL_TASKS} for baselines)
 * @param score the method's score (null for the random baselines)
 * @param rank position on the task's ranked list (baselines: in the method's order), from 1
 * @param selectionOrder position in the selection, from 1; null when not selected
 * @param method the method
 */
record SelectionRow(String itemId, String task, Double score, int rank, Integer selectionOrder, SelectionMethod method) {
    SelectionRow {
        requireNonNull(itemId, "itemId is null");
        requireNonNull(task, "task is null");
        requireNonNull(method, "method is null");
    }

    boolean selected() {
        return selectionOrder != null;
    }

    /** item_id, task, score, rank, selected, selection_order, method (the schema's columns but source and run_id). */
    Row toRow() {
        return RowFactory.create(itemId, task, score, rank, selected(), selectionOrder, method.tableName());
    }
}
