package io.winnow.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    @Test
    void settingsNamedLikeSecretsAreRedactedAndTheRestKeptInOrder() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
        settings.put("spark.hadoop.fs.s3a.secret.key", "s3cr3t");
        settings.put("spark.hadoop.fs.s3a.access.key", "AKIA");
        settings.put("spark.hadoop.fs.s3a.session.token", "t0k3n");
        settings.put("db.PASSWORD", "pw");
        settings.put("spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net", "az");
        settings.put("spark.hadoop.google.cloud.auth.service.account.json.keyfile.credentials", "gcs");
        assertThat(SecretRedaction.redact(settings)).containsExactly(
                Map.entry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"),
                Map.entry("spark.hadoop.fs.s3a.secret.key", SecretRedaction.REDACTED),
                Map.entry("spark.hadoop.fs.s3a.access.key", SecretRedaction.REDACTED),
                Map.entry("spark.hadoop.fs.s3a.session.token", SecretRedaction.REDACTED),
                Map.entry("db.PASSWORD", SecretRedaction.REDACTED),
                Map.entry("spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net", SecretRedaction.REDACTED),
                Map.entry("spark.hadoop.google.cloud.auth.service.account.json.keyfile.credentials", SecretRedaction.REDACTED));
        assertThat(SecretRedaction.isSecret("spark.sql.shuffle.partitions")).isFalse();
    }
}
