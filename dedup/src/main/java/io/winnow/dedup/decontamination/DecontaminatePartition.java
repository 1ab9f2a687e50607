package io.winnow.dedup.decontamination;

import io.winnow.core.table.RowValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs {@link DocumentDecontaminator} over a partition of documents (in
 * {@link io.winnow.core.table.Tables#DOCUMENT_SCHEMA} column order) and emits
 * {@link ContaminationTables#PROCESSED_SCHEMA} rows: the unchanged document or its pieces, and one
 * contamination record per removal window and task.
 */
final class DecontaminatePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final String PARENT_KEY = "decontaminated_from";
    static final String PIECE_KEY = "decontaminated_piece";

    private final Broadcast<TaskNgrams> taskNgrams;
    private final Broadcast<Set<Long>> commonNgrams;
    private final RemovalRule rule;

    DecontaminatePartition(Broadcast<TaskNgrams> taskNgrams, Broadcast<Set<Long>> commonNgrams, RemovalRule rule) {
        this.taskNgrams = taskNgrams;
        this.commonNgrams = commonNgrams;
        this.rule = rule;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> documents) {
        DocumentDecontaminator decontaminator = new DocumentDecontaminator(taskNgrams.value(), commonNgrams.value(), rule);
        return new FlatteningIterator(documents, decontaminator);
    }

    /** Lazily expands each document to its output rows, so a partition is never held in memory. */
    private static final class FlatteningIterator implements Iterator<Row> {
        private final Iterator<Row> documents;
        private final DocumentDecontaminator decontaminator;
        private Iterator<Row> pending = List.<Row>of().iterator();

        FlatteningIterator(Iterator<Row> documents, DocumentDecontaminator decontaminator) {
            this.documents = documents;
            this.decontaminator = decontaminator;
        }

        @Override
        public boolean hasNext() {
            while (!pending.hasNext() && documents.hasNext()) {
                pending = process(documents.next(), decontaminator).iterator();
            }
            return pending.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return pending.next();
        }
    }

    static List<Row> process(Row document, DocumentDecontaminator decontaminator) {
        String docId = document.getString(0);
        DocumentDecontaminator.Result result = decontaminator.apply(document.getString(2));
        List<Row> rows = new ArrayList<>();
        if (result.outcome() == DocumentOutcome.UNCHANGED) {
            rows.add(documentRow(docId, null, docId, document.getString(2), document.get(4), document));
            return rows;
        }
        List<DocumentDecontaminator.Piece> pieces = result.outcome().dropped() ? List.of() : result.pieces();
        for (int index = 0; index < pieces.size(); index++) {
            Map<String, String> meta = document.isNullAt(4) ? new HashMap<>() : new HashMap<>(document.getJavaMap(4));
            meta.put(PARENT_KEY, docId);
            meta.put(PIECE_KEY, Integer.toString(index));
            rows.add(documentRow(docId, index, docId + "#" + index, pieces.get(index).text(), RowValues.map(meta), document));
        }
        for (DocumentDecontaminator.Contamination record : result.contaminations()) {
            rows.add(RowFactory.create(ContaminationTables.CONTAMINATION, docId, null, null, null, null, null, null, null,
                    null, record.task(), record.ngram(), record.start(), record.end(), record.removedStart(),
                    record.removedEnd(), record.matchedNgrams(), record.action()));
        }
        return rows;
    }

    private static Row documentRow(String parent, Integer piece, String docId, String text, Object meta, Row document) {
        return RowFactory.create(ContaminationTables.DOCUMENT, parent, piece, docId, document.get(1), text,
                document.get(3), meta, document.get(5), document.get(6), null, null, null, null, null, null, null, null);
    }
}
