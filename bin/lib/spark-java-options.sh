# Sourced by bin/winnow and bin/winnow-submit: Spark's own module flags for Java 17
# (org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions(); the parent pom's
# spark.jvm.options holds the same list for tests). Executors get them from Spark itself.
# --add-modules jdk.incubator.vector: fuzzy dedup's vectorised MinHash kernel (scalar without it);
# bin/winnow-submit passes it to executors too. The JVM prints one "incubator modules" warning for it.
SPARK_JVM_OPTS=(
  --add-modules=jdk.incubator.vector
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)
