package io.winnow.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @Test
    void aCommaSeparatedListOfADirectoryAndAGlobListsEveryFileOnceWithFullPaths(@TempDir Path root) throws Exception {
        Path crawl = Files.createDirectories(root.resolve("crawl/part"));
        Files.writeString(crawl.resolve("a.jsonl"), "{}\n");
        Files.writeString(crawl.resolve("_SUCCESS"), "");
        Path extra = Files.createDirectories(root.resolve("extra"));
        Files.writeString(extra.resolve("b.jsonl"), "{}\n");
        Files.writeString(extra.resolve("c.jsonl"), "{}\n");
        Files.writeString(extra.resolve("notes.txt"), "text\n");

        var files = InputFiles.list(new Configuration(), root.resolve("crawl") + ", " + extra + "/*.jsonl", InputFormat.AUTO);
        assertThat(files).extracting(InputFile::relativePath).containsExactly(
                crawl.resolve("a.jsonl").toString(), extra.resolve("b.jsonl").toString(), extra.resolve("c.jsonl").toString());
        assertThat(IngestJob.defaultSource(extra + "/*.jsonl")).isEqualTo("extra");
    }

    @Test
    void aSingleEntryKeepsPathsRelativeToItSoDocumentIdsStayStable(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/a.jsonl"), "{}\n");
        assertThat(InputFiles.list(new Configuration(), root.toString(), InputFormat.AUTO))
                .extracting(InputFile::relativePath).containsExactly("sub/a.jsonl");
    }

    @Test
    void aMissingEntryOrAGlobThatMatchesNothingNamesItself(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("a.jsonl"), "{}\n");
        String missing = root.resolve("gone.jsonl").toString();
        assertThatThrownBy(() -> InputFiles.list(new Configuration(), root.resolve("a.jsonl") + "," + missing, InputFormat.AUTO))
                .isInstanceOfSatisfying(WinnowException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND))
                .hasMessage("Input path '" + missing + "' does not exist. Ingest stopped before reading anything (a glob must"
                        + " match at least one file). Fix or remove that entry of ingest.input (or --input): files, directories"
                        + " or globs of .jsonl, .jsonl.gz, .parquet or .txt files, comma separated.");
        assertThatThrownBy(() -> InputFiles.list(new Configuration(), root + "/*.parquet", InputFormat.AUTO))
                .hasMessageStartingWith("Input path '" + root + "/*.parquet' does not exist.");
    }
}
