package io.winnow.core.ingest;

import io.winnow.core.error.WinnowErrors;
import io.winnow.core.text.Murmur3;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Lists the files of an ingest input on the driver, through Hadoop so HDFS and S3 work too. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * The files of {@code input}: one file or directory, a glob ({@code dir/*.jsonl}), or several of those
     * separated by commas. Every entry must exist (a glob must match something): a missing one stops the run
     * with an error naming it, rather than silently ingesting less.
     */
    public static List<InputFile> list(Configuration hadoopConf, String input, InputFormat format) {
        List<String> entries = entries(input);
        List<InputFile> files = new ArrayList<>();
        for (String entry : entries) {
            files.addAll(listEntry(hadoopConf, entry, format, entries.size() > 1));
        }
        if (files.isEmpty()) {
            throw WinnowErrors.noInputFiles(input);
        }
        files.sort(Comparator.comparing(InputFile::relativePath));
        return List.copyOf(files);
    }

    /** The comma-separated entries of an input setting, blanks ignored. */
    static List<String> entries(String input) {
        List<String> entries = new ArrayList<>();
        for (String entry : input.split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return entries;
    }

    static boolean isGlob(String entry) {
        return entry.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * With one entry, paths are relative to it (as before lists existed, so document ids stay stable);
     * with several, they are full paths so that equal file names under different entries stay distinct.
     */
    private static List<InputFile> listEntry(Configuration hadoopConf, String entry, InputFormat format, boolean fullPaths) {
        Path root = new Path(entry);
        List<InputFile> files = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoopConf);
            List<FileStatus> roots = new ArrayList<>();
            if (isGlob(entry)) {
                FileStatus[] matched = fs.globStatus(root);
                if (matched == null || matched.length == 0) {
                    throw WinnowErrors.inputNotFound(entry);
                }
                roots.addAll(List.of(matched));
            } else {
                try {
                    roots.add(fs.getFileStatus(root));
                } catch (FileNotFoundException e) {
                    throw WinnowErrors.inputNotFound(entry);
                }
            }
            for (FileStatus rootStatus : roots) {
                Path qualifiedRoot = rootStatus.getPath();
                String rootText = Path.getPathWithoutSchemeAndAuthority(qualifiedRoot).toString();
                if (rootStatus.isFile()) {
                    String relative = fullPaths || roots.size() > 1 ? rootText : qualifiedRoot.getName();
                    files.add(toInputFile(rootStatus, relative, format));
                    continue;
                }
                RemoteIterator<LocatedFileStatus> iterator = fs.listFiles(qualifiedRoot, true);
                while (iterator.hasNext()) {
                    LocatedFileStatus status = iterator.next();
                    String full = Path.getPathWithoutSchemeAndAuthority(status.getPath()).toString();
                    String relative = full.substring(rootText.length()).replaceFirst("^/", "");
                    if (isHidden(relative)) {
                        continue;
                    }
                    files.add(toInputFile(status, fullPaths || roots.size() > 1 ? full : relative, format));
                }
            }
        } catch (IOException e) {
            throw WinnowErrors.unreadableInput(entry, e);
        }
        return files;
    }

    /** A fingerprint of the listing (names, sizes, modification times): same files, same fingerprint. */
    public static String fingerprint(List<InputFile> files) {
        StringBuilder text = new StringBuilder();
        for (InputFile file : files) {
            text.append(file.path()).append('\t').append(file.length()).append('\t').append(file.modificationTime()).append('\n');
        }
        return "files:" + files.size() + ":" + Murmur3.hex128(text.toString());
    }

    private static InputFile toInputFile(FileStatus status, String relative, InputFormat configured) {
        InputFormat format = configured;
        if (configured == InputFormat.AUTO) {
            format = InputFormat.fromFileName(status.getPath().getName());
            if (format == null) {
                throw WinnowErrors.unknownFileFormat(status.getPath().toString(), InputFormat.KNOWN_ENDINGS);
            }
        }
        return new InputFile(status.getPath().toString(), relative, format, status.getLen(), status.getModificationTime());
    }

    private static boolean isHidden(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
