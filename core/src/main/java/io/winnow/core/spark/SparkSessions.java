package io.winnow.core.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every Winnow entry point uses. Precedence, lowest first: built-in
 * defaults (Delta on, local master), the profile file, explicit settings, and finally whatever
 * spark-submit already put in the SparkConf (so a cluster's master and resources always win).
 */
public final class SparkSessions {
    /** Settings Winnow needs whatever the profile: Delta's SQL extension and catalog. */
    public static final Map<String, String> REQUIRED = Map.of(
            "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");

    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private String appName = "winnow";
    private String master;
    private String profile;
    private Path profileDirectory = Path.of("conf", "spark");
    private final Map<String, String> settings = new LinkedHashMap<>();

    private SparkSessions() {}

    public static SparkSessions builder() {
        return new SparkSessions();
    }

    public SparkSessions appName(String name) {
        this.appName = name;
        return this;
    }

    /** e.g. {@code local[*]}; ignored when spark-submit already set a master. */
    public SparkSessions master(String value) {
        this.master = value;
        return this;
    }

    /**
     * Profile name, read from {@code <profileDirectory>/<name>.conf}; several names separated by commas
     * (e.g. {@code local,s3}) are loaded in order, later files overriding earlier ones.
     */
    public SparkSessions profile(String name) {
        this.profile = name;
        return this;
    }

    public SparkSessions profileDirectory(Path directory) {
        this.profileDirectory = directory;
        return this;
    }

    public SparkSessions config(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public SparkSessions config(Map<String, String> values) {
        settings.putAll(values);
        return this;
    }

    /** The effective settings, before spark-submit's own. Visible for tests and the run report. */
    public Map<String, String> effectiveSettings() {
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put("spark.master", "local[*]");
        merged.put("spark.ui.enabled", "false");
        merged.put("spark.sql.shuffle.partitions", "8");
        merged.put("spark.databricks.delta.snapshotPartitions", "2");
        merged.put("spark.sql.session.timeZone", "UTC");
        merged.put("spark.sql.debug.maxToStringFields", "200");
        if (profile != null) {
            for (String name : profile.split(",")) {
                merged.putAll(loadProfile(name.strip()).settings());
            }
        }
        merged.putAll(settings);
        if (master != null) {
            merged.put("spark.master", master);
        }
        merged.putAll(REQUIRED);
        return merged;
    }

    public SparkSession getOrCreate() {
        SparkConf submitted = new SparkConf(true);
        SparkConf conf = new SparkConf(false);
        effectiveSettings().forEach(conf::set);
        for (scala.Tuple2<String, String> entry : submitted.getAll()) {
            conf.set(entry._1(), entry._2());
        }
        // Keep any extensions spark-submit configured and add Delta's; set Delta's catalog only if none is set.
        String extensions = conf.get("spark.sql.extensions", "");
        String delta = REQUIRED.get("spark.sql.extensions");
        if (!extensions.contains(delta)) {
            conf.set("spark.sql.extensions", extensions.isEmpty() ? delta : extensions + "," + delta);
        }
        conf.setIfMissing("spark.sql.catalog.spark_catalog", REQUIRED.get("spark.sql.catalog.spark_catalog"));
        SparkSession session = SparkSession.builder().appName(appName).config(conf).getOrCreate();
        applyHadoopSettings(session, conf);
        return session;
    }

    /**
     * {@code spark.hadoop.*} settings reach the Hadoop configuration only when the SparkContext starts;
     * a session that already exists in this JVM (a notebook, a test, a second command) gets them here,
     * so that e.g. an s3a endpoint and credentials given to a later command still apply.
     */
    private static void applyHadoopSettings(SparkSession session, SparkConf conf) {
        org.apache.hadoop.conf.Configuration hadoop = session.sparkContext().hadoopConfiguration();
        for (scala.Tuple2<String, String> entry : conf.getAllWithPrefix(HADOOP_PREFIX)) {
            if (!entry._2().equals(hadoop.getRaw(entry._1()))) {
                hadoop.set(entry._1(), entry._2(), "Winnow Spark settings");
            }
        }
    }

    private SparkProfile loadProfile(String profile) {
        Path directory = profileDirectory;
        if (!Files.isDirectory(directory)) {
            String home = System.getenv("WINNOW_HOME");
            if (home != null) {
                directory = Path.of(home).resolve(profileDirectory);
            }
        }
        return SparkProfile.load(directory, profile);
    }
}
