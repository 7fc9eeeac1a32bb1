package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XmodOracleTest {
    @Test
    void ops_listsTheRegistry() {
        assertThat(XmodOracle.get().ops()).contains("oracle.ops");
    }

    @Test
    void call_unknownOpIsAnError() {
        assertThatThrownBy(() -> XmodOracle.get().call("no.such.op"))
                .isInstanceOf(XmodOracle.OracleError.class)
                .hasMessage("oracle: unknown op no.such.op");
    }
}
