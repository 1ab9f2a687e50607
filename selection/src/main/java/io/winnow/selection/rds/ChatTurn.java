package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One message of an instruction record.
 *
 * @param role system, user or assistant
 * @param content the message text
 */
public record ChatTurn(String role, String content) implements Serializable {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public ChatTurn {
        requireNonNull(role, "role is null");
        requireNonNull(content, "content is null");
        if (!role.equals(SYSTEM) && !role.equals(USER) && !role.equals(ASSISTANT)) {
            throw new IllegalArgumentException("role must be system, user or assistant, got " + role);
        }
    }

    public static ChatTurn user(String content) {
        return new ChatTurn(USER, content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn(ASSISTANT, content);
    }
}
