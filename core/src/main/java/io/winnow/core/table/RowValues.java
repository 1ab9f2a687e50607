package io.winnow.core.table;

import java.util.Map;

/** Converts Java values to what Spark's Row encoders accept. */
public final class RowValues {
    private RowValues() {}

    /** Row encoders accept only Scala maps for MAP columns. */
    public static <K, V> scala.collection.Map<K, V> map(Map<K, V> map) {
        return map == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(map);
    }
}
