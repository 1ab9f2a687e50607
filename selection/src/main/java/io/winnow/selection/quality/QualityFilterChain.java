package io.winnow.selection.quality;

import java.io.Serializable;
import java.util.List;

/**
 * The FineWeb recipe's order: Gopher repetition and Gopher quality on the original text, then C4
 * (which removes lines), then FineWeb on what C4 kept. Unlike datatrove, which stops at the first
 * failing rule, every rule is evaluated so a document carries all its reasons and all its metrics.
 */
public final class QualityFilterChain implements Serializable {
    private static final long serialVersionUID = 1L;

    private final QualityRules rules;
    private transient List<DocumentFilter> filters;

    public QualityFilterChain(QualityRules rules) {
        this.rules = rules;
    }

    public QualityAssessment assess(String text) {
        QualityAssessment assessment = new QualityAssessment(text);
        assessment.measure("chars", text.length());
        for (DocumentFilter filter : filters()) {
            filter.assess(assessment);
        }
        return assessment;
    }

    private List<DocumentFilter> filters() {
        if (filters == null) {
            filters = List.of(
                    new GopherRepetitionFilter(rules.gopherRepetition()),
                    new GopherQualityFilter(rules.gopherQuality()),
                    new C4QualityFilter(rules.c4()),
                    new FineWebQualityFilter(rules.fineWeb()));
        }
        return filters;
    }
}
