package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
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
        assertThat(DevicePlacement.choose(Map.of(), DeviceMode.AUTO)).isEqualTo(Device.cpu());
    }

    @Test
    void aTaskHoldingAGpuRunsOnThatGpuInAutoMode() {
        assertThat(DevicePlacement.choose(GPU_1, DeviceMode.AUTO)).isEqualTo(Device.gpu(1));
        assertThat(DevicePlacement.choose(GPU_1, DeviceMode.GPU)).isEqualTo(Device.gpu(1));
    }

    @Test
    void cpuModeIgnoresTheTasksGpu() {
        assertThat(DevicePlacement.choose(GPU_1, DeviceMode.CPU)).isEqualTo(Device.cpu());
    }

    @Test
    void gpuModeWithoutAGpuSaysHowToRequestOne() {
        Map<String, ResourceInformation> fpga = Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}));
        assertThatThrownBy(() -> DevicePlacement.choose(fpga, DeviceMode.GPU))
                .isInstanceOf(WinnowException.class)
                .hasMessage("infer.device is gpu but this Spark task holds no GPU (its resources: fpga). Request one with"
                        + " spark.executor.resource.gpu.amount=1 and spark.task.resource.gpu.amount=1 (plus a discovery"
                        + " script), or set infer.device to auto or cpu.")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void intraOpThreadsDefaultToTheTasksCpusUnlessConfigured() {
        assertThat(DevicePlacement.intraOpThreads(0, 1)).isEqualTo(1);
        assertThat(DevicePlacement.intraOpThreads(0, 4)).isEqualTo(4);
        assertThat(DevicePlacement.intraOpThreads(0, 0)).isEqualTo(1);
        assertThat(DevicePlacement.intraOpThreads(2, 1)).isEqualTo(2);
    }
}
