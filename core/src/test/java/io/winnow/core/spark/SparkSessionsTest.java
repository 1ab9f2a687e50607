package io.winnow.core.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.SecretRedaction;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSessionsTest {
    private static final Path PROFILES = TestSpark.projectRoot().resolve("conf/spark");

    @Test
    void theShippedProfilesParseAndTheLocalOneStaysOnLoopback() {
        assertThat(SparkProfile.available(PROFILES)).containsExactly("cluster", "gpu", "local", "s3");
        SparkProfile local = SparkProfile.load(PROFILES, "local");
        assertThat(local.settings()).containsEntry("spark.master", "local[*]")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1");
        assertThat(SparkProfile.load(PROFILES, "gpu").settings()).containsEntry("spark.plugins", "com.nvidia.spark.SQLPlugin");
    }

    @Test
    void laterSourcesWinAndDeltaIsAlwaysConfigured() {
        var settings = SparkSessions.builder().profileDirectory(PROFILES).profile("local")
                .config("spark.sql.shuffle.partitions", "3").master("local[2]").effectiveSettings();
        assertThat(settings).containsEntry("spark.master", "local[2]")
                .containsEntry("spark.sql.shuffle.partitions", "3")
                .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .containsEntry("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }

    @Test
    void severalProfilesSeparatedByCommasAreLoadedInOrder() {
        var settings = SparkSessions.builder().profileDirectory(PROFILES).profile("local, s3").effectiveSettings();
        assertThat(settings).containsEntry("spark.master", "local[*]")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
                .containsEntry("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");
        assertThat(SparkProfile.load(PROFILES, "s3").settings().keySet())
                .as("credentials come from the environment, never from the file").noneMatch(SecretRedaction::isSecret);
    }

    @Test
    void anUnknownProfileListsTheAvailableOnes() {
        assertThatThrownBy(() -> SparkProfile.load(PROFILES, "gpu-large"))
                .isInstanceOfSatisfying(WinnowException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SPARK_PROFILE_INVALID))
                .hasMessage("Spark profile 'gpu-large' not found in '" + PROFILES + "' (available: cluster, gpu, local, s3)."
                        + " Pick one of those with --spark-profile or add " + PROFILES + "/gpu-large.conf.");
    }

    @Test
    void aLineThatIsNotASparkSettingNamesTheFileAndLine(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("bad.conf"), "# comment\nspark.ui.enabled false\nexecutor.memory 4g\n");
        assertThatThrownBy(() -> SparkProfile.load(directory, "bad"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Line 3 of Spark profile '" + directory.resolve("bad.conf") + "' is not 'key value': 'executor.memory 4g'."
                        + " Write one Spark setting per line, e.g. 'spark.sql.shuffle.partitions 8'.");
    }
}
