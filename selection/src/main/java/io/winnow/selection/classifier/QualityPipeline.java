package io.winnow.selection.classifier;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;

/**
 * The MLlib pipeline of the quality classifier: lower-cased word tokens, word n-grams up to the
 * configured size, hashed into a fixed number of features, then logistic regression. Every column
 * it reads or writes has a reserved name, so scoring can add and later drop them without clashing
 * with the columns of the documents being scored.
 */
final class QualityPipeline {
    static final String TEXT = "_quality_text";
    static final String LABEL = "_quality_label";
    static final String TOKENS = "_quality_tokens";
    static final String TERMS = "_quality_terms";
    static final String TERM_COUNTS = "_quality_term_counts";
    static final String FEATURES = "_quality_features";
    static final String RAW_PREDICTION = "_quality_raw_prediction";
    static final String PROBABILITY = "_quality_probability";
    static final String PREDICTION = "_quality_prediction";
    static final int MAX_ITERATIONS = 100;

    private QualityPipeline() {}

    static Pipeline build(QualityClassifierConfig config) {
        List<PipelineStage> stages = new ArrayList<>();
        // (?U) makes \w match letters of every script, not only ASCII ones.
        stages.add(new RegexTokenizer().setInputCol(TEXT).setOutputCol(TOKENS)
                .setPattern("(?U)\\w+").setGaps(false).setToLowercase(true).setMinTokenLength(1));
        StringBuilder terms = new StringBuilder("`" + TOKENS + "`");
        for (int n = 2; n <= config.ngrams(); n++) {
            String column = ngramColumn(n);
            stages.add(new NGram().setN(n).setInputCol(TOKENS).setOutputCol(column));
            terms.append(", `").append(column).append('`');
        }
        stages.add(new SQLTransformer().setStatement(
                "SELECT *, concat(" + terms + ") AS `" + TERMS + "` FROM __THIS__"));
        boolean idf = config.weighting().inverseDocumentFrequency();
        stages.add(new HashingTF().setInputCol(TERMS).setOutputCol(idf ? TERM_COUNTS : FEATURES)
                .setNumFeatures(config.features()).setBinary(config.weighting().binary()));
        if (idf) {
            stages.add(new IDF().setInputCol(TERM_COUNTS).setOutputCol(FEATURES));
        }
        // No standardisation: it would scale rare n-grams up to the weight of common ones.
        stages.add(new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL)
                .setRawPredictionCol(RAW_PREDICTION).setProbabilityCol(PROBABILITY).setPredictionCol(PREDICTION)
                .setRegParam(config.regParam()).setElasticNetParam(0.0).setStandardization(false)
                .setMaxIter(MAX_ITERATIONS));
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    static String ngramColumn(int n) {
        return "_quality_ngrams_" + n;
    }
}
