package io.winnow.jobs.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything logged through log4j (Spark, Hadoop, Delta, Winnow) at INFO and above while it is open. */
public final class LogCapture implements AutoCloseable {
    private static final String NAME = "winnow-test-capture";

    private final StringWriter text = new StringWriter();
    private final LoggerContext context;
    private final WriterAppender appender;
    private final Level previousLevel;

    public LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%p %c: %m%n").build(), null, text,
                NAME, false, true);
        appender.start();
        LoggerConfig root = configuration.getRootLogger();
        previousLevel = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(NAME);
        root.setLevel(previousLevel);
        context.updateLoggers();
        appender.stop();
    }
}
