package io.winnow.jobs.cli;

import io.winnow.core.config.SecretRedaction;
import io.winnow.jobs.pipeline.PipelineConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "show-config", mixinStandardHelpOptions = true, description = "Validate the config and print the effective settings (defaults + file + options).")
public final class ShowConfigCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelineConfig config = common.loadConfig(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        out.println("warehouse:   " + config.warehouse());
        out.println("spark:       " + config.spark());
        if (!common.sparkConf.isEmpty()) {
            out.println("--conf:      " + SecretRedaction.redact(common.sparkConf));
        }
        out.println("stages:      " + config.stages().stream().map(s -> s.configName()).toList());
        out.println("ingest:      " + config.ingest());
        out.println("exact-dedup: " + config.exactDedup());
        out.println("fuzzy-dedup: " + config.fuzzyDedup());
        out.println("The config is valid.");
        out.flush();
        return 0;
    }
}
