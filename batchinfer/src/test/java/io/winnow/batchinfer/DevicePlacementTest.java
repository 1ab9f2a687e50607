package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class DevicePlacementTest {
    private static final Map<String, ResourceInformation> GPU_1 =
            Map.of("gpu", new ResourceInformation("gpu", new String[] {"1"}));

    @Test
    void aTaskWithoutResourcesRunsOnTheCpu() {
        assertThat(DevicePlacement.choose(Map.of(), DeviceMode.AUTO)).isEqualTo(-1);
    }

    @Test
    void aTaskHoldingAGpuRunsOnThatGpuInAutoMode() {
        assertThat(DevicePlacement.choose(GPU_1, DeviceMode.AUTO)).isEqualTo(1);
        assertThat(DevicePlacement.choose(GPU_1, DeviceMode.GPU)).isEqualTo(1);
    }

    @Test
    void cpuModeIgnoresTheTasksGpu() {
        assertThat(DevicePlacement.choose(GPU_1, DeviceMode.CPU)).isEqualTo(-1);
    }

    @Test
    void gpuModeWithoutAGpuSaysHowToRequestOne() {
        Map<String, ResourceInformation> fpga = Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}));
        assertThatThrownBy(() -> DevicePlacement.choose(fpga, DeviceMode.GPU))
                .isInstanceOf(WinnowException.class)
                .hasMessage("device is gpu but this Spark task holds no GPU (its resources: fpga). Request one with"
                        + " spark.executor.resource.gpu.amount=1 and spark.task.resource.gpu.amount=1 (plus a discovery"
                        + " script), or set the device to auto or cpu.")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void aGpuTheRuntimeCannotUseFallsBackToTheCpuAndSaysSoUnlessTheGpuIsRequired() {
        // This build ships ONNX Runtime's CPU library, so the CUDA provider cannot start: the path a GPU executor
        // without onnxruntime_gpu takes.
        EncoderOptions onGpu = EncoderOptions.defaults(1).withDevice(DeviceMode.AUTO, 0);
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2-int8"), onGpu)) {
            assertThat(encoder.encode(java.util.List.of("a sentence"))[0]).hasSize(384);
            assertThat(encoder.stats().gpuFallbacks()).isEqualTo(1);
            assertThat(encoder.stats().gpuBatches()).isZero();
        }
        assertThatThrownBy(() -> TextEncoder.open(ModelSpec.of("all-minilm-l6-v2-int8"),
                onGpu.withDevice(DeviceMode.GPU, 0)))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("device is gpu and the task holds GPU 0, but ONNX Runtime's CUDA provider cannot"
                        + " start: ")
                .hasMessageContaining("onnxruntime_gpu");
    }

    @Test
    void intraOpThreadsDefaultToTheTasksCpusUnlessConfigured() {
        assertThat(DevicePlacement.intraOpThreads(0, 1)).isEqualTo(1);
        assertThat(DevicePlacement.intraOpThreads(0, 4)).isEqualTo(4);
        assertThat(DevicePlacement.intraOpThreads(0, 0)).isEqualTo(1);
        assertThat(DevicePlacement.intraOpThreads(2, 1)).isEqualTo(2);
    }
}
