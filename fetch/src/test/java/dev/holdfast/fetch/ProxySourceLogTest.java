package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every attempt is visible at DEBUG: URL, status, bytes and duration, failures included. */
class ProxySourceLogTest {
    final TestServer server = ProxySourceTest.newServer();
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(ProxySource.class);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        server.close();
    }

    @Test
    void attempts_areLoggedAtDebug() throws IOException {
        server.on("/example.com/m/@v/v1.0.0.mod", TestServer.ok("module example.com/m\n"));
        ProxySource source = ProxySourceTest.source(server.url(""), ProxySourceTest.FAST);
        source.mod(new ModuleVersion("example.com/m", "v1.0.0"));
        assertThatThrownBy(() -> source.mod(new ModuleVersion("example.com/m", "v2.0.0")))
                .isInstanceOf(ModuleNotFoundException.class);

        assertThat(appender.list).hasSize(2).allSatisfy(e -> assertThat(e.getLevel())
                .isEqualTo(Level.DEBUG));
        assertThat(appender.list.get(0).getFormattedMessage())
                .matches("GET " + server.url("/example.com/m/@v/v1.0.0.mod") + " 200 21 bytes \\d+ ms");
        assertThat(appender.list.get(1).getFormattedMessage())
                .startsWith("GET " + server.url("/example.com/m/@v/v2.0.0.mod") + " 404 0 bytes ")
                .contains(" failed: reading ");
    }
}
