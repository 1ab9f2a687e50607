package io.winnow.selection.rds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one instruction record, whatever pool it comes from, as chat turns. Recognised shapes (first match wins):
 * <ul>
 *   <li>Tulu / OpenAI {@code messages: [{role, content}]};
 *   <li>Alpaca, Code Alpaca, GPTeacher: {@code instruction}, optional {@code input}, {@code output} or
 *       {@code response} (user = instruction, then a blank line and the input when present);
 *   <li>Self-Instruct seed / user-oriented: {@code instruction} with {@code instances: [{input, output}]} (first
 *       instance);
 *   <li>T0 / P3 (self-instruct's sample): {@code prompt}, {@code completion};
 *   <li>GSM8K: {@code question}, {@code answer};
 *   <li>HumanEval: {@code prompt}, {@code canonical_solution}.
 * </ul>
 */
public final class InstructionRecords {
    /** Why a record could not be read; the quarantine's reason codes. */
    public static final String UNRECOGNISED = "unrecognised_record";
    public static final String EMPTY_PROMPT = "empty_prompt";
    public static final String EMPTY_RESPONSE = "empty_response";

    /** A record's turns, or the reason it has none. */
    public record Parsed(List<ChatTurn> turns, String reason) {
        public Parsed {
            turns = List.copyOf(turns);
        }

        public boolean ok() {
            return reason == null;
        }

        /** The first user turn (the prompt). */
        public String prompt() {
            return turns.stream().filter(t -> t.role().equals(ChatTurn.USER)).map(ChatTurn::content).findFirst().orElse("");
        }

        /** The last assistant turn (the response). */
        public String response() {
            String last = "";
            for (ChatTurn turn : turns) {
                if (turn.role().equals(ChatTurn.ASSISTANT)) {
                    last = turn.content();
                }
            }
            return last;
        }
    }

    private InstructionRecords() {}

    public static Parsed parse(JsonNode record) {
        if (record == null || !record.isObject()) {
            return failed(UNRECOGNISED);
        }
        JsonNode messages = record.get("messages");
        if (messages != null && messages.isArray()) {
            List<ChatTurn> turns = new ArrayList<>();
            for (JsonNode message : messages) {
                String role = text(message, "role").orElse("");
                String content = text(message, "content").orElse(null);
                if (content == null || !(role.equals(ChatTurn.SYSTEM) || role.equals(ChatTurn.USER)
                        || role.equals(ChatTurn.ASSISTANT))) {
                    return failed(UNRECOGNISED);
                }
                turns.add(new ChatTurn(role, content));
            }
            return checked(turns);
        }
        Optional<String> instruction = text(record, "instruction");
        if (instruction.isPresent()) {
            JsonNode instances = record.get("instances");
            if (instances != null && instances.isArray() && !instances.isEmpty()) {
                JsonNode first = instances.get(0);
                return pair(withInput(instruction.get(), text(first, "input").orElse("")), text(first, "output").orElse(""));
            }
            String response = text(record, "response").filter(r -> !r.isBlank())
                    .orElseGet(() -> text(record, "output").orElse(""));
            return pair(withInput(instruction.get(), text(record, "input").orElse("")), response);
        }
        if (text(record, "prompt").isPresent() && text(record, "completion").isPresent()) {
            return pair(text(record, "prompt").get(), text(record, "completion").get());
        }
        if (text(record, "question").isPresent() && text(record, "answer").isPresent()) {
            return pair(text(record, "question").get(), text(record, "answer").get());
        }
        if (text(record, "prompt").isPresent() && text(record, "canonical_solution").isPresent()) {
            return pair(text(record, "prompt").get(), text(record, "canonical_solution").get());
        }
        return failed(UNRECOGNISED);
    }

    private static String withInput(String instruction, String input) {
        return input.isBlank() ? instruction : instruction + "\n\n" + input;
    }

    private static Parsed pair(String prompt, String response) {
        return checked(List.of(ChatTurn.user(prompt), ChatTurn.assistant(response)));
    }

    private static Parsed checked(List<ChatTurn> turns) {
        boolean prompt = turns.stream().anyMatch(t -> t.role().equals(ChatTurn.USER) && !t.content().isBlank());
        boolean response = turns.stream().anyMatch(t -> t.role().equals(ChatTurn.ASSISTANT) && !t.content().isBlank());
        if (!prompt) {
            return failed(EMPTY_PROMPT);
        }
        if (!response) {
            return failed(EMPTY_RESPONSE);
        }
        return new Parsed(turns, null);
    }

    private static Parsed failed(String reason) {
        return new Parsed(List.of(), reason);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
