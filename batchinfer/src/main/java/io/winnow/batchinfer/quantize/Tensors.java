package io.winnow.batchinfer.quantize;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Reading and building ONNX initializers (raw data is little-endian, as the ONNX spec says). */
final class Tensors {
    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    static final int UINT8 = OnnxMl.TensorProto.DataType.UINT8_VALUE;
    static final int INT8 = OnnxMl.TensorProto.DataType.INT8_VALUE;
    static final int FLOAT16 = OnnxMl.TensorProto.DataType.FLOAT16_VALUE;

    private Tensors() {}

    static boolean isExternal(OnnxMl.TensorProto tensor) {
        return tensor.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0;
    }

    static long elementCount(OnnxMl.TensorProto tensor) {
        long count = 1;
        for (long dim : tensor.getDimsList()) {
            count *= dim;
        }
        return count;
    }

    /** True for a float tensor of rank 2 with data inside the file. */
    static boolean isFloatMatrix(OnnxMl.TensorProto tensor) {
        return tensor != null && tensor.getDataType() == FLOAT && tensor.getDimsCount() == 2 && !isExternal(tensor)
                && elementCount(tensor) > 0;
    }

    static float[] floats(OnnxMl.TensorProto tensor) {
        int count = Math.toIntExact(elementCount(tensor));
        float[] values = new float[count];
        if (tensor.hasRawData() && !tensor.getRawData().isEmpty()) {
            tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            List<Float> data = tensor.getFloatDataList();
            for (int i = 0; i < count; i++) {
                values[i] = data.get(i);
            }
        }
        return values;
    }

    static OnnxMl.TensorProto.Builder bytes(int dataType, byte[] values, long... dims) {
        OnnxMl.TensorProto.Builder builder = OnnxMl.TensorProto.newBuilder().setDataType(dataType)
                .setRawData(ByteString.copyFrom(values));
        for (long dim : dims) {
            builder.addDims(dim);
        }
        return builder;
    }

    static OnnxMl.TensorProto.Builder floats(float[] values, long... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return bytes(FLOAT, buffer.array(), dims);
    }

    static OnnxMl.TensorProto.Builder halfs(short[] values, List<Long> dims) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(values);
        OnnxMl.TensorProto.Builder builder = bytes(FLOAT16, buffer.array());
        builder.addAllDims(dims);
        return builder;
    }
}
