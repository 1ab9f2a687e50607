package io.winnow.notebooks.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellEvaluatorTest {
    private static JShellEvaluator evaluator;

    @BeforeAll
    static void openShell() {
        evaluator = JShellEvaluator.open(System.getProperty("java.class.path"));
    }

    @AfterAll
    static void closeShell() {
        evaluator.close();
    }

    @Test
    void aCellWithSeveralStatementsHasTheValueOfItsLastExpression() {
        assertThat(evaluator.evaluate("int base = 20;\nint more = 22;\nbase + more")).contains("42");
    }

    @Test
    void aCellEndingWithAStatementHasNoValue() {
        assertThat(evaluator.evaluate("int unused = 1;\nSystem.out.flush();")).isEmpty();
    }

    @Test
    void definitionsOfOneCellAreVisibleInTheNext() {
        evaluator.evaluate("String greet(String name) {\n    return \"hello \" + name;\n}");
        assertThat(evaluator.evaluate("greet(\"winnow\")")).contains("\"hello winnow\"");
    }

    @Test
    void cellsRunInThisJvmWithTheKernelClasspath() {
        assertThat(evaluator.evaluate("io.winnow.notebooks.Charts.WIDTH")).contains("640");
        System.setProperty("winnow.kernel.test", "seen");
        assertThat(evaluator.evaluate("System.getProperty(\"winnow.kernel.test\")")).contains("\"seen\"");
    }

    @Test
    void aCellThatDoesNotCompileFailsWithTheCompilerMessage() {
        assertThatThrownBy(() -> evaluator.evaluate("int broken = \"text\";"))
                .isInstanceOf(JShellEvaluator.CellFailedException.class)
                .hasMessageContaining("This cell does not compile")
                .hasMessageContaining("incompatible types");
    }

    @Test
    void anExceptionThrownByACellFailsItWithTheExceptionTypeAndMessage() {
        assertThatThrownBy(() -> evaluator.evaluate("int ok = 1;\nthrow new IllegalStateException(\"counts do not add up\");"))
                .isInstanceOf(JShellEvaluator.CellFailedException.class)
                .hasMessageContaining("java.lang.IllegalStateException: counts do not add up");
    }

    @Test
    void aCellUsingSomethingUndefinedFails() {
        assertThatThrownBy(() -> evaluator.evaluate("void report() { undefinedHelper(); }"))
                .isInstanceOf(JShellEvaluator.CellFailedException.class)
                .hasMessageContaining("undefinedHelper");
    }
}
