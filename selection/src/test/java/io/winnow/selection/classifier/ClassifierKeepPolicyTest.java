package io.winnow.selection.classifier;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ClassifierKeepPolicyTest {
    private static final int DOCUMENTS = 20_000;

    @Test
    void theLomaxDrawIsNumpysParetoByInverseTransform() {
        // U = 0.5, alpha = 3: 0.5^(-1/3) - 1 = 2^(1/3) - 1.
        assertThat(ClassifierKeepPolicy.lomax(0.5, 3)).isCloseTo(Math.cbrt(2) - 1, within(1e-12));
        assertThat(ClassifierKeepPolicy.lomax(1.0, 3)).isZero();
        assertThat(ClassifierKeepPolicy.lomax(0.125, 3)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theParetoDecisionComparesTheDrawOfTheDocumentWithOneMinusTheScore() {
        ClassifierKeepPolicy policy = ClassifierKeepPolicy.pareto(3, 42);
        double draw = ClassifierKeepPolicy.lomax(ClassifierKeepPolicy.uniform("doc-7", 42), 3);
        double justAbove = 1 - draw + 1e-9;
        double justBelow = 1 - draw - 1e-9;
        assertThat(policy.keep(justAbove, "doc-7")).isTrue();
        assertThat(policy.keep(justBelow, "doc-7")).isFalse();
    }

    @Test
    void theUniformDrawIsInTheHalfOpenUnitIntervalAndDependsOnTheSeed() {
        for (int i = 0; i < 1000; i++) {
            assertThat(ClassifierKeepPolicy.uniform("doc-" + i, 42)).isGreaterThan(0).isLessThanOrEqualTo(1);
        }
        assertThat(ClassifierKeepPolicy.uniform("doc-1", 42)).isEqualTo(ClassifierKeepPolicy.uniform("doc-1", 42));
        assertThat(ClassifierKeepPolicy.uniform("doc-1", 42)).isNotEqualTo(ClassifierKeepPolicy.uniform("doc-1", 43));
    }

    @Test
    void theParetoPolicyKeepsTheSameDocumentsEveryTime() {
        ClassifierKeepPolicy policy = ClassifierKeepPolicy.pareto(3, 42);
        List<Boolean> first = new ArrayList<>();
        List<Boolean> second = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            first.add(policy.keep(0.3, "doc-" + i));
            second.add(ClassifierKeepPolicy.pareto(3, 42).keep(0.3, "doc-" + i));
        }
        assertThat(first).isEqualTo(second).contains(true, false);
    }

    @Test
    void theParetoPolicyKeepsHighScoresMoreOftenAtTheRateTheLomaxDistributionGives() {
        // P(keep) = P(U^(-1/a) - 1 > 1 - s) = P(U < (2 - s)^(-a)): 1.1^-3 = 0.751 and 1.9^-3 = 0.146.
        ClassifierKeepPolicy policy = ClassifierKeepPolicy.pareto(3, 42);
        double high = keptShare(policy, 0.9);
        double low = keptShare(policy, 0.1);
        System.out.printf("Pareto(3) kept share: score 0.9 -> %.4f, score 0.1 -> %.4f%n", high, low);
        assertThat(high).isGreaterThan(low);
        assertThat(high).isCloseTo(Math.pow(1.1, -3), within(0.015));
        assertThat(low).isCloseTo(Math.pow(1.9, -3), within(0.015));
        assertThat(keptShare(policy, 1.0)).isEqualTo(1.0);
    }

    private static double keptShare(ClassifierKeepPolicy policy, double score) {
        int kept = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            kept += policy.keep(score, "doc-" + i) ? 1 : 0;
        }
        return (double) kept / DOCUMENTS;
    }

    @Test
    void theThresholdPolicyKeepsScoresAtOrAboveTheThresholdAndNeverANullScore() {
        ClassifierKeepPolicy policy = ClassifierKeepPolicy.defaults();
        assertThat(policy.mode()).isEqualTo(ClassifierKeepMode.THRESHOLD);
        assertThat(policy.keep(0.5, "a")).isTrue();
        assertThat(policy.keep(Math.nextDown(0.5), "a")).isFalse();
        assertThat(policy.keep(1.0, "a")).isTrue();
        assertThat(policy.keep(null, "a")).isFalse();
        assertThat(ClassifierKeepPolicy.threshold(0).keep(0.0, null)).isTrue();
        assertThat(ClassifierKeepPolicy.threshold(1).keep(Math.nextDown(1.0), "a")).isFalse();
    }

    @Test
    void aThresholdOutsideTheUnitIntervalOrANonPositiveAlphaIsRejected() {
        assertThatThrownBy(() -> ClassifierKeepPolicy.threshold(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassifierKeepPolicy.pareto(0, 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePolicyIsReadFromItsConfigSection() {
        ClassifierKeepPolicy policy = ClassifierKeepPolicy.fromConfig(YamlConfigLoader.parse("p.yaml",
                "keep:\n  mode: pareto\n  alpha: 9\n  seed: 7\n").section("keep"));
        assertThat(policy).isEqualTo(new ClassifierKeepPolicy(ClassifierKeepMode.PARETO, 0.5, 9, 7));
    }

    @Test
    void theSparkColumnDecidesExactlyAsTheJavaMethod() {
        StructType schema = new StructType().add("doc_id", DataTypes.StringType).add("score", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(RowFactory.create(i == 0 ? null : "doc-" + i, i == 1 ? null : (i % 100) / 99.0));
        }
        Dataset<Row> documents = TestSpark.session().createDataFrame(rows, schema);
        for (ClassifierKeepPolicy policy : List.of(ClassifierKeepPolicy.pareto(3, 42), ClassifierKeepPolicy.threshold(0.5))) {
            List<Row> decided = documents.withColumn("keep", policy.keep(col("score"), col("doc_id"))).collectAsList();
            for (Row row : decided) {
                Double score = row.isNullAt(1) ? null : row.getDouble(1);
                assertThat(row.getBoolean(2)).as("%s %s", policy.mode(), row)
                        .isEqualTo(policy.keep(score, row.getString(0)));
            }
        }
    }
}
