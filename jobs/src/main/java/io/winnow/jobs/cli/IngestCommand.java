package io.winnow.jobs.cli;

import io.winnow.jobs.pipeline.PipelineStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Read JSONL (plain or .gz), Parquet or text files into the documents Delta table.",
            "Bad records (malformed JSON, invalid UTF-8, missing/non-string/empty/oversize text) go to",
            "the quarantine table with file, line, reason and the raw record."
        })
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", description = "File or directory to read (ingest.input).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE", description = "Documents table name or path (ingest.output).")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "auto, jsonl, parquet or text (ingest.format).")
    String format;

    @Option(names = "--text-field", paramLabel = "FIELD", description = "Field with the text (ingest.text-field).")
    String textField;

    @Option(names = "--id-field", paramLabel = "FIELD", description = "Field with a document id (ingest.id-field).")
    String idField;

    @Option(names = "--source", paramLabel = "NAME", description = "Value of the source column (ingest.source).")
    String source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("ingest.input", input);
        overrides.put("ingest.output", output);
        overrides.put("ingest.format", format);
        overrides.put("ingest.text-field", textField);
        overrides.put("ingest.id-field", idField);
        overrides.put("ingest.source", source);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.INGEST,
                c -> List.of(c.ingest().output(), c.ingest().quarantine()));
    }
}
