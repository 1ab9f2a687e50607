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

    public static List<InputFile> list(Configuration hadoopConf, String input, InputFormat format) {
        Path root = new Path(input);
        List<InputFile> files = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoopConf);
            FileStatus rootStatus;
            try {
                rootStatus = fs.getFileStatus(root);
            } catch (FileNotFoundException e) {
                throw WinnowErrors.inputNotFound(input);
            }
            Path qualifiedRoot = rootStatus.getPath();
            if (rootStatus.isFile()) {
                files.add(toInputFile(rootStatus, qualifiedRoot.getName(), format));
            } else {
                String rootText = Path.getPathWithoutSchemeAndAuthority(qualifiedRoot).toString();
                RemoteIterator<LocatedFileStatus> iterator = fs.listFiles(qualifiedRoot, true);
                while (iterator.hasNext()) {
                    LocatedFileStatus status = iterator.next();
                    String full = Path.getPathWithoutSchemeAndAuthority(status.getPath()).toString();
                    String relative = full.substring(rootText.length()).replaceFirst("^/", "");
                    if (isHidden(relative)) {
                        continue;
                    }
                    files.add(toInputFile(status, relative, format));
                }
            }
        } catch (IOException e) {
            throw WinnowErrors.unreadableInput(input, e);
        }
        if (files.isEmpty()) {
            throw WinnowErrors.noInputFiles(input);
        }
        files.sort(Comparator.comparing(InputFile::relativePath));
        return List.copyOf(files);
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
