package io.winnow.selection.quality;

import io.winnow.core.table.RowValues;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Runs the filter chain over a partition of document rows (in DOCUMENT_SCHEMA column order). */
final class DocumentAssessor implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final QualityFilterChain chain;

    DocumentAssessor(QualityRules rules) {
        this.chain = new QualityFilterChain(rules);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> documents) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return documents.hasNext();
            }

            @Override
            public Row next() {
                Row document = documents.next();
                String text = document.getString(2);
                QualityAssessment assessment = chain.assess(text);
                return RowFactory.create(
                        document.get(0), document.get(1), assessment.text(), document.get(3), document.get(4),
                        document.get(5), document.get(6),
                        scala.jdk.javaapi.CollectionConverters.asScala(assessment.reasons()).toSeq(),
                        RowValues.map(assessment.metrics()),
                        !assessment.text().equals(text));
            }
        };
    }
}
