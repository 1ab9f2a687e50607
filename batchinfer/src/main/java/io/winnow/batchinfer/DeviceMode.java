package io.winnow.batchinfer;

import io.winnow.core.config.ConfigEnum;
import java.util.Locale;

/** Where inference runs: see {@link DevicePlacement#choose}. */
public enum DeviceMode implements ConfigEnum {
    /** A GPU when the Spark task was given one ({@code spark.task.resource.gpu.amount}), else the CPU. */
    AUTO,
    /** Always the CPU, even in a task that holds a GPU. */
    CPU,
    /** The task's GPU; a task without one fails with a message saying how to request one. */
    GPU;

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
