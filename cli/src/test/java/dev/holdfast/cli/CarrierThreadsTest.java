package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link CarrierThreads}; the property is put back as it was after each test. */
class CarrierThreadsTest {
    private String before;

    @BeforeEach
    void save() {
        before = System.getProperty(CarrierThreads.PARALLELISM);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(CarrierThreads.PARALLELISM);
        } else {
            System.setProperty(CarrierThreads.PARALLELISM, before);
        }
    }

    @Test
    void unset_becomesTwiceTheCpus() {
        System.clearProperty(CarrierThreads.PARALLELISM);

        CarrierThreads.widenForServing();

        assertThat(System.getProperty(CarrierThreads.PARALLELISM))
                .isEqualTo(String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void givenByTheUser_isLeftAsItIs() {
        System.setProperty(CarrierThreads.PARALLELISM, "3");

        CarrierThreads.widenForServing();

        assertThat(System.getProperty(CarrierThreads.PARALLELISM)).isEqualTo("3");
    }
}
