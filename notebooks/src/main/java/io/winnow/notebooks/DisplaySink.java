package io.winnow.notebooks;

import java.util.Map;

/** Where {@link Show} sends rich output: a Jupyter kernel's display channel, or standard output outside one. */
@FunctionalInterface
public interface DisplaySink {
    /** Shows one output with one or more representations, keyed by MIME type (text/plain, text/html, image/png). */
    void display(Map<String, String> representations);
}
