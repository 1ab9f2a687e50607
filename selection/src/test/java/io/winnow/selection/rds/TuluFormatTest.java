package io.winnow.selection.rds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuluFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPoolItemIsEveryTurnInTuluFormatStrippedAtTheEnds() {
        String text = TuluFormat.poolText(List.of(new ChatTurn("system", " Be brief. "), ChatTurn.user("  Hi\n"),
                ChatTurn.assistant("Hello! "), ChatTurn.user("Bye"), ChatTurn.assistant("Bye.\n")));

        assertThat(text).isEqualTo("<|system|>\nBe brief.\n<|user|>\nHi\n<|assistant|>\nHello!\n<|user|>\nBye\n<|assistant|>\nBye.");
    }

    @Test
    void aQueryIsThePromptUnstrippedThenTheAssistantTagTheAnswerPrefixAndTheLabel() {
        assertThat(TuluFormat.queryText("What is 2+2? ", "Answer:", "4"))
                .isEqualTo("<|user|>\nWhat is 2+2? \n<|assistant|>\nAnswer: 4");
        assertThat(TuluFormat.queryText("def f():", "", "    return 1"))
                .isEqualTo("<|user|>\ndef f():\n<|assistant|>\n    return 1");
    }

    @Test
    void alpacaGpteacherSelfInstructT0Gsm8kAndMessagesRecordsBecomeTurns() throws Exception {
        assertThat(parse("{\"instruction\":\"Add\",\"input\":\"1 and 2\",\"output\":\"3\"}").turns())
                .containsExactly(ChatTurn.user("Add\n\n1 and 2"), ChatTurn.assistant("3"));
        assertThat(parse("{\"instruction\":\"Add\",\"input\":\"\",\"response\":\"3\"}").turns())
                .containsExactly(ChatTurn.user("Add"), ChatTurn.assistant("3"));
        assertThat(parse("{\"instruction\":\"Add\",\"instances\":[{\"input\":\"1, 2\",\"output\":\"3\"}]}").turns())
                .containsExactly(ChatTurn.user("Add\n\n1, 2"), ChatTurn.assistant("3"));
        assertThat(parse("{\"template\":\"t\",\"prompt\":\"Q?\",\"completion\":\"A\"}").turns())
                .containsExactly(ChatTurn.user("Q?"), ChatTurn.assistant("A"));
        assertThat(parse("{\"question\":\"Q?\",\"answer\":\"#### 4\"}").turns())
                .containsExactly(ChatTurn.user("Q?"), ChatTurn.assistant("#### 4"));
        assertThat(parse("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}]}").turns())
                .containsExactly(ChatTurn.user("a"), ChatTurn.assistant("b"));
    }

    @Test
    void recordsOfNoKnownShapeOrWithoutAnAnswerGetAReason() throws Exception {
        assertThat(parse("{\"text\":\"web page\"}").reason()).isEqualTo(InstructionRecords.UNRECOGNISED);
        assertThat(parse("{\"instruction\":\"Add\",\"output\":\"  \"}").reason()).isEqualTo(InstructionRecords.EMPTY_RESPONSE);
        assertThat(parse("{\"instruction\":\" \",\"output\":\"3\"}").reason()).isEqualTo(InstructionRecords.EMPTY_PROMPT);
    }

    private static InstructionRecords.Parsed parse(String json) throws Exception {
        return InstructionRecords.parse(JSON.readTree(json));
    }
}
