package io.winnow.core.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {
    private final SparkSession spark = TestSpark.session();

    @Test
    void aStageWithNothingToQuarantineWritesNoCommitAndCountsZero(@TempDir Path directory) {
        String quarantine = directory.resolve("quarantine").toString();
        assertThat(Quarantine.replaceStageRowsCounted(rows(), quarantine, "infer")).isZero();
        assertThat(DeltaTables.exists(spark, quarantine)).isFalse();

        assertThat(Quarantine.replaceStageRowsCounted(rows("other", "other"), quarantine, "other")).isEqualTo(2);
        long version = DeltaTables.version(spark, quarantine);
        assertThat(Quarantine.replaceStageRowsCounted(rows(), quarantine, "infer")).isZero();
        assertThat(DeltaTables.version(spark, quarantine)).isEqualTo(version);
    }

    @Test
    void aRerunWithoutBadRowsClearsTheStagesEarlierRowsAndKeepsOtherStages(@TempDir Path directory) {
        String quarantine = directory.resolve("quarantine").toString();
        assertThat(Quarantine.replaceStageRowsCounted(rows("other"), quarantine, "other")).isEqualTo(1);
        assertThat(Quarantine.replaceStageRowsCounted(rows("infer", "infer", "infer"), quarantine, "infer")).isEqualTo(3);

        assertThat(Quarantine.replaceStageRowsCounted(rows(), quarantine, "infer")).isZero();

        Dataset<Row> table = DeltaTables.read(spark, quarantine, "test");
        assertThat(Quarantine.countStageRows(table, "infer")).isZero();
        assertThat(Quarantine.countStageRows(table, "other")).isEqualTo(1);
    }

    private Dataset<Row> rows(String... stages) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            rows.add(RowFactory.create(stages[i], "run", "f.jsonl", (long) i + 1, null, "missing_doc_id", "doc_id is null",
                    "{}"));
        }
        return spark.createDataFrame(rows, Tables.QUARANTINE_SCHEMA);
    }
}
