package io.winnow.batchinfer.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded {@link ZooModel} per model file and runtime options per JVM (per Spark executor), shared by
 * all the tasks of that JVM; each task makes its own predictor (predictors are not thread-safe, the
 * underlying ONNX Runtime session is). Models stay loaded until the JVM exits.
 */
public final class ModelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final Map<Key, ZooModel<NDList, NDList>> MODELS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::closeAll, "winnow-model-cache-close"));
    }

    /**
     * What a loaded model depends on.
     *
     * @param deviceType DJL device type, {@code cpu} or {@code gpu}
     * @param deviceId the GPU ordinal, -1 for the CPU
     */
    public record Key(String onnxFile, String engine, String deviceType, int deviceId, int intraOpThreads,
            int interOpThreads) {
        public Key {
            requireNonNull(onnxFile, "onnxFile is null");
            requireNonNull(engine, "engine is null");
            requireNonNull(deviceType, "deviceType is null");
            if (intraOpThreads < 1 || interOpThreads < 1) {
                throw new IllegalArgumentException("thread counts must be >= 1, got " + intraOpThreads + "/" + interOpThreads);
            }
        }

        public static Key of(String onnxFile, String engine, Device device, int intraOpThreads, int interOpThreads) {
            return new Key(onnxFile, engine, device.getDeviceType(), device.getDeviceId(), intraOpThreads, interOpThreads);
        }

        public Device device() {
            return Device.of(deviceType, deviceId);
        }
    }

    private ModelCache() {}

    public static ZooModel<NDList, NDList> get(Key key) {
        return MODELS.computeIfAbsent(key, ModelCache::load);
    }

    /** How many models this JVM holds (tests check the cache is used). */
    public static int size() {
        return MODELS.size();
    }

    public static void closeAll() {
        List<Key> keys = new ArrayList<>(MODELS.keySet());
        for (Key key : keys) {
            ZooModel<NDList, NDList> model = MODELS.remove(key);
            if (model != null) {
                model.close();
            }
        }
    }

    private static ZooModel<NDList, NDList> load(Key key) {
        long started = System.nanoTime();
        try {
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(Path.of(key.onnxFile()))
                    .optEngine(key.engine())
                    .optDevice(key.device())
                    .optOption("intraOpNumThreads", Integer.toString(key.intraOpThreads()))
                    .optOption("interOpNumThreads", Integer.toString(key.interOpThreads()))
                    .optTranslator(new NoopTranslator())
                    .build();
            ZooModel<NDList, NDList> model = criteria.loadModel();
            LOG.info("Loaded {} on {} with {} intra-op / {} inter-op threads in {} ms", key.onnxFile(), key.device(),
                    key.intraOpThreads(), key.interOpThreads(), (System.nanoTime() - started) / 1_000_000);
            return model;
        } catch (Exception e) {
            throw InferErrors.modelLoadFailed(key.onnxFile(), e);
        }
    }
}
