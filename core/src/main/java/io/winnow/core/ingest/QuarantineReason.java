package io.winnow.core.ingest;

/** Why ingest set a record aside. The code is what lands in {@code quarantine.reason}. */
public enum QuarantineReason {
    INVALID_UTF8("invalid_utf8"),
    MALFORMED_JSON("malformed_json"),
    NOT_A_JSON_OBJECT("not_a_json_object"),
    MISSING_TEXT("missing_text"),
    TEXT_NOT_STRING("text_not_string"),
    EMPTY_TEXT("empty_text"),
    TEXT_TOO_LARGE("text_too_large"),
    MISSING_ID("missing_id"),
    ID_NOT_SCALAR("id_not_scalar"),
    DUPLICATE_DOC_ID("duplicate_doc_id"),
    /** The file ended early (truncated or corrupt compression); the rest of it could not be read. */
    UNREADABLE_REST_OF_FILE("unreadable_rest_of_file");

    private final String code;

    QuarantineReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
