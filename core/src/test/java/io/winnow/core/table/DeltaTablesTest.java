package io.winnow.core.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.winnow.core.testing.TestSpark;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTablesTest {
    private final SparkSession spark = TestSpark.session();

    @Test
    void theVersionReadFromTheLogMatchesDeltasOwnHistory(@TempDir Path directory) {
        String path = directory.resolve("t").toString();
        assertThat(DeltaTables.version(spark, path)).isEqualTo(-1L);
        for (int i = 0; i < 3; i++) {
            long written = DeltaTables.overwrite(spark.range(10 + i).toDF(), path);
            long history = DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
            assertThat(written).isEqualTo(history).isEqualTo(i);
        }
        DeltaTables.replaceWhere(spark.range(3).toDF(), path, "id < 3");
        assertThat(DeltaTables.version(spark, path)).isEqualTo(3L);
    }

    @Test
    void theRowsACommitWroteAreReadFromItsOperationMetrics(@TempDir Path directory) {
        String path = directory.resolve("t").toString();
        long first = DeltaTables.overwrite(spark.range(17).repartition(3).toDF(), path);
        long second = DeltaTables.overwrite(spark.range(5).toDF(), path);
        assertThat(DeltaTables.committedOutputRows(spark, path, first)).hasValue(17L);
        assertThat(DeltaTables.committedOutputRows(spark, path, second)).hasValue(5L);
        assertThat(DeltaTables.writtenRows(spark, path, second)).isEqualTo(5L);
    }
}
