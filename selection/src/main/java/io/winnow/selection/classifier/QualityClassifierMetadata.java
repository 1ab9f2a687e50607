package io.winnow.selection.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a saved quality classifier was trained on and how well it did, written as a small JSON file
 * beside the MLlib model so a person (or a run log) can tell models apart without loading them.
 *
 * @param trainingInput the labelled input, or "positive: P, negative: N" in the two-corpus mode
 * @param textField field the text was read from
 * @param labelField field the label was read from (null in the two-corpus mode)
 * @param positiveLabel label value taken as high quality (null in the two-corpus mode)
 * @param rows labelled rows used (training plus held out)
 * @param trainRows rows the model was fitted on
 * @param heldOutRows rows the AUC was measured on
 * @param positives high-quality rows among {@code rows}
 * @param heldOutAuc ROC AUC on the held-out rows; null when it could not be measured
 * @param ngrams largest word n-gram
 * @param features number of hashed features
 * @param weighting feature weighting (config name)
 * @param regParam L2 regularisation strength
 * @param holdoutFraction share of documents held out
 * @param seed split seed
 * @param createdAt ISO-8601 instant the model was written
 */
public record QualityClassifierMetadata(
        String trainingInput,
        String textField,
        String labelField,
        String positiveLabel,
        long rows,
        long trainRows,
        long heldOutRows,
        long positives,
        Double heldOutAuc,
        int ngrams,
        int features,
        String weighting,
        double regParam,
        double holdoutFraction,
        long seed,
        String createdAt) {

    public static final String FILE_NAME = "winnow-quality-classifier.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(String modelPath, Configuration hadoop) {
        Path file = new Path(modelPath, FILE_NAME);
        try (OutputStream out = file.getFileSystem(hadoop).create(file, true)) {
            JSON.writeValue(out, this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The metadata of a saved model, or null when the model directory has none. */
    static QualityClassifierMetadata read(String modelPath, Configuration hadoop) throws IOException {
        Path file = new Path(modelPath, FILE_NAME);
        FileSystem fs = file.getFileSystem(hadoop);
        if (!fs.exists(file)) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return JSON.readValue(in, QualityClassifierMetadata.class);
        }
    }
}
