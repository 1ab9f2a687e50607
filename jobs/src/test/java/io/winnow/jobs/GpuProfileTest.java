package io.winnow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.spark.SparkProfile;
import io.winnow.core.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/spark/gpu.conf and its GPU discovery script; no GPU needed (GPU runs are unverified). */
class GpuProfileTest {
    private static final Path SPARK_CONF = TestSpark.projectRoot().resolve("conf/spark");
    private static final Path DISCOVERY_SCRIPT = SPARK_CONF.resolve("getGpusResources.sh");

    @Test
    void theGpuProfileTurnsOnSparkRapidsAndAsksForGpusFoundByTheShippedScript() {
        Map<String, String> settings = SparkProfile.load(SPARK_CONF, "gpu").settings();

        assertThat(settings).containsEntry("spark.plugins", "com.nvidia.spark.SQLPlugin")
                .containsEntry("spark.rapids.sql.enabled", "true")
                .containsEntry("spark.executor.resource.gpu.amount", "1")
                .containsKey("spark.task.resource.gpu.amount");
        assertThat(Double.parseDouble(settings.get("spark.task.resource.gpu.amount"))).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(settings.get("spark.executor.resource.gpu.discoveryScript")).endsWith("/" + DISCOVERY_SCRIPT.getFileName());
    }

    @Test
    void theDiscoveryScriptPrintsNoAddressesWhenNvidiaSmiIsAbsent(@TempDir Path emptyPath) throws Exception {
        assertThat(Files.isExecutable(DISCOVERY_SCRIPT)).isTrue();

        JsonNode printed = discover(emptyPath);

        assertThat(printed.get("name").asText()).isEqualTo("gpu");
        assertThat(printed.get("addresses").isArray()).isTrue();
        assertThat(printed.get("addresses")).isEmpty();
    }

    @Test
    void theDiscoveryScriptListsTheIndexesNvidiaSmiReports(@TempDir Path bin) throws Exception {
        // nvidia-smi --query-gpu=index --format=csv,noheader prints one index per line.
        Path nvidiaSmi = bin.resolve("nvidia-smi");
        Files.writeString(nvidiaSmi, "#!/bin/sh\nprintf '0\\n1\\n'\n");
        assertThat(nvidiaSmi.toFile().setExecutable(true)).isTrue();

        JsonNode printed = discover(bin);

        assertThat(printed.get("addresses")).extracting(JsonNode::asText).containsExactly("0", "1");
    }

    private static JsonNode discover(Path pathDirectory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", DISCOVERY_SCRIPT.toString()));
        builder.environment().put("PATH", pathDirectory.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return new ObjectMapper().readTree(output);
    }
}
