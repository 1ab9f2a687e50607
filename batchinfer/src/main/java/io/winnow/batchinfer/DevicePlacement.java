package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import io.winnow.batchinfer.internal.InferErrors;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.resource.ResourceInformation;

/**
 * Where a Spark task runs its model, decided from the task's resources alone (pure, so it is unit tested without a
 * GPU). A task given a GPU ({@code spark.task.resource.gpu.amount}) sees it in
 * {@code TaskContext.get().resources().get("gpu")}; its first address becomes the CUDA device of the task's ONNX
 * Runtime session. If ONNX Runtime then cannot start its CUDA provider, {@code auto} runs on the CPU and counts a
 * {@code gpu_fallbacks} in the stage's counts (and logs a warning); {@code gpu} fails.
 *
 * <p><b>Unverified:</b> GPU runs need ONNX Runtime's GPU native library ({@code onnxruntime_gpu}) on the executors
 * instead of the CPU one this build ships, and a CUDA machine; neither exists where this was written, so the choice
 * and the fallback are tested, not inference on a GPU.
 */
public final class DevicePlacement {
    public static final String GPU_RESOURCE = "gpu";

    private DevicePlacement() {}

    /** The CUDA ordinal for a task with these resources, or -1 for the CPU. */
    public static int choose(Map<String, ResourceInformation> resources, DeviceMode mode) {
        requireNonNull(resources, "resources is null");
        requireNonNull(mode, "mode is null");
        ResourceInformation gpu = resources.get(GPU_RESOURCE);
        String[] addresses = gpu == null ? new String[0] : gpu.addresses();
        return switch (mode) {
            case CPU -> -1;
            case AUTO -> addresses.length == 0 ? -1 : Integer.parseInt(addresses[0].trim());
            case GPU -> {
                if (addresses.length == 0) {
                    throw InferErrors.gpuRequestedButAbsent(List.copyOf(new TreeSet<>(resources.keySet())));
                }
                yield Integer.parseInt(addresses[0].trim());
            }
        };
    }

    /**
     * ONNX Runtime intra-op threads for one task: the configured count, or with 0 ("auto") the task's CPUs
     * ({@code spark.task.cpus}), so that concurrent tasks x threads = executor cores.
     */
    public static int intraOpThreads(int configured, int taskCpus) {
        if (configured < 0) {
            throw new IllegalArgumentException("configured must be >= 0, got " + configured);
        }
        return configured > 0 ? configured : Math.max(1, taskCpus);
    }
}
