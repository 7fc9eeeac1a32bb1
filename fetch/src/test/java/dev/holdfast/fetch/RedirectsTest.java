package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    @Test
    void relativeLocation_resolvesAgainstTheUrlAskedAndKeepsItsUser() throws UpstreamException {
        Redirects r = new Redirects(GoUrl.parse("https://u:pw@proxy.example.com/base/m/@v/list"));
        GoUrl next = r.follow("../other/list?x=1");
        assertThat(next.toString()).isEqualTo("https://u:pw@proxy.example.com/base/m/other/list?x=1");
        assertThat(r.follow("https://cdn.example.com/blob").user()).isNull();
    }

    @Test
    void tenthRedirect_failsInTheGoCommandsWords() throws UpstreamException {
        Redirects r = new Redirects(GoUrl.parse("http://proxy.example.com/a"));
        for (int i = 1; i < Redirects.MAX_REQUESTS; i++) {
            r.follow("/a" + i);
        }
        assertThatThrownBy(() -> r.follow("/a10"))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Get \"/a10\": stopped after 10 redirects")
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse());
    }

    @Test
    void fromHttpsToHttp_isRefusedAndNoPasswordIsShown() throws UpstreamException {
        Redirects r = new Redirects(GoUrl.parse("https://u:pw@proxy.example.com/a"));
        r.follow("https://mirror.example.com/b");
        assertThatThrownBy(() -> r.follow("http://u:pw2@plain.example.com/c"))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Get \"http://u:xxxxx@plain.example.com/c\": redirected from secure URL"
                        + " https://mirror.example.com/b to insecure URL http://u:xxxxx@plain.example.com/c");
    }

    @Test
    void fromHttpToHttps_isFollowed() throws UpstreamException {
        Redirects r = new Redirects(GoUrl.parse("http://proxy.example.com/a"));
        assertThat(r.follow("https://proxy.example.com/a").scheme()).isEqualTo("https");
        assertThat(r.follow("http://proxy.example.com/b").scheme())
                .as("only a request that began on https must stay there")
                .isEqualTo("http");
    }

    @Test
    void unparsableLocation_isNamed() {
        Redirects r = new Redirects(GoUrl.parse("http://proxy.example.com/a"));
        assertThatThrownBy(() -> r.follow("http://[::1"))
                .isInstanceOf(UpstreamException.class)
                .hasMessageStartingWith(
                        "Get \"http://proxy.example.com/a\": failed to parse Location header" + " \"http://[::1\": ");
    }

    @Test
    void redirectStatuses_areTheFiveNetHttpFollows() {
        assertThat(java.util.stream.IntStream.rangeClosed(300, 399).filter(Redirects::isRedirect))
                .containsExactly(301, 302, 303, 307, 308);
    }
}
