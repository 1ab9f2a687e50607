package io.winnow.jobs.cli;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.run.RunContext;
import io.winnow.core.spark.SparkSessions;
import io.winnow.core.table.Warehouse;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.jobs.pipeline.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every stage command shares: config file, warehouse, Spark, run id, force. */
public final class CommonOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Pipeline YAML (see conf/winnow.yaml). Without it, the built-in defaults are used.")
    Path config;

    @Option(names = {"-w", "--warehouse"}, paramLabel = "DIR",
            description = "Where Delta tables go (local path, hdfs://, s3a://). Default: ./warehouse")
    String warehouse;

    @Option(names = "--spark-profile", paramLabel = "NAME",
            description = "Spark settings from conf/spark/NAME.conf: local (default), cluster, gpu; 'none' under spark-submit.")
    String sparkProfile;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[4] or spark://host:7077.")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable.")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id recorded in the run log. Default: a new timestamped id.")
    String runId;

    @Option(names = "--force", description = "Recompute stages even when their outputs are up to date.")
    boolean force;

    /** Loads the config file (or defaults) and applies command-line overrides at dotted keys. */
    PipelineConfig loadConfig(Map<String, Object> overrides) {
        ConfigSection root = config == null
                ? YamlConfigLoader.parse("the built-in defaults", "")
                : YamlConfigLoader.load(config);
        Map<String, Object> all = new LinkedHashMap<>(overrides);
        all.put("warehouse", warehouse);
        all.put("spark.profile", sparkProfile);
        all.put("spark.master", master);
        if (config == null) {
            // The built-in defaults name bundled files; find them from WINNOW_HOME when run elsewhere.
            all.putIfAbsent("ingest.input", bundledPath(io.winnow.core.ingest.IngestConfig.DEFAULT_INPUT));
            all.putIfAbsent("quality-classifier.input",
                    bundledPath(io.winnow.selection.classifier.QualityClassifierConfig.DEFAULT_INPUT));
            all.putIfAbsent("decontaminate.tasks",
                    bundledPath(io.winnow.dedup.decontamination.DecontaminationConfig.DEFAULT_TASKS));
        }
        return PipelineConfig.fromConfig(root.withOverrides(all));
    }

    RunContext runContext(PipelineConfig pipeline) {
        return new RunContext(runId != null ? runId : RunContext.newRunId(), new Warehouse(pipeline.warehouse()), force);
    }

    SparkSession openSpark(PipelineConfig pipeline) {
        SparkSettings settings = pipeline.spark();
        SparkSessions builder = SparkSessions.builder().appName("winnow").profileDirectory(confDirectory().resolve("spark"));
        if (!SparkSettings.NO_PROFILE.equals(settings.profile())) {
            builder.profile(settings.profile());
        }
        if (settings.master() != null) {
            builder.master(settings.master());
        }
        builder.config(settings.conf());
        builder.config(sparkConf);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** conf/ under the current directory, else under WINNOW_HOME (set by bin/winnow). */
    static Path confDirectory() {
        Path local = Path.of("conf");
        if (Files.isDirectory(local.resolve("spark"))) {
            return local;
        }
        String home = System.getenv("WINNOW_HOME");
        return home != null ? Path.of(home, "conf") : local;
    }

    /** A bundled file (demo corpus, training data, eval sets), found from the current directory or from WINNOW_HOME. */
    static String bundledPath(String relative) {
        Path local = Path.of(relative);
        String home = System.getenv("WINNOW_HOME");
        if (!Files.exists(local) && home != null) {
            return Path.of(home).resolve(relative).toString();
        }
        return local.toString();
    }
}
