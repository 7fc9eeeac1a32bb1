package dev.holdfast.modedit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modload.Pruning;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The propagation rules of cmd/go's dqTracker (modload/edit.go), case by case. */
class DisqualificationTrackerTest {

    private static final ModuleVersion ROOT = new ModuleVersion("example.com/root", "v1.0.0");
    private static final ModuleVersion UNPRUNED_ROOT = new ModuleVersion("example.com/old", "v1.0.0");
    private static final ModuleVersion DEP = new ModuleVersion("example.com/dep", "v1.0.0");
    private static final ModuleVersion BAD = new ModuleVersion("example.com/m", "v1.2.0");

    private static DisqualificationTracker tracker() {
        return new DisqualificationTracker(Map.of(ROOT, Pruning.PRUNED, UNPRUNED_ROOT, Pruning.UNPRUNED));
    }

    private static DisqualificationTracker.Reason because(ModuleVersion dep) {
        return new DisqualificationTracker.Reason(dep, null);
    }

    @Test
    void disqualify_rootWhenPruned_spreadsToEveryRequirerInBothContexts() {
        DisqualificationTracker t = tracker();
        assertThat(t.require(DEP, ROOT)).isTrue();

        t.disqualify(ROOT, Pruning.PRUNED, because(BAD));

        assertThat(t.check(DEP, Pruning.PRUNED)).isEqualTo(because(ROOT));
        assertThat(t.check(DEP, Pruning.UNPRUNED)).isEqualTo(because(ROOT));
    }

    @Test
    void disqualify_nonRootWhenUnpruned_spreadsOnlyToUnprunedContext() {
        DisqualificationTracker t = tracker();
        assertThat(t.require(ROOT, DEP)).isTrue();

        t.disqualify(DEP, Pruning.UNPRUNED, because(BAD));

        // A pruned root does not load DEP's requirements: only unpruned parts of the graph see BAD.
        assertThat(t.check(ROOT, Pruning.UNPRUNED)).isEqualTo(because(DEP));
        assertThat(t.check(ROOT, Pruning.PRUNED).disqualified()).isFalse();
    }

    @Test
    void disqualify_unprunedRootWhenUnpruned_isDisqualifiedWhenPrunedToo() {
        DisqualificationTracker t = tracker();

        t.disqualify(UNPRUNED_ROOT, Pruning.UNPRUNED, because(BAD));

        assertThat(t.check(UNPRUNED_ROOT, Pruning.PRUNED)).isEqualTo(because(BAD));
    }

    @Test
    void require_alreadyDisqualifiedRoot_disqualifiesAtOnceAndStops() {
        DisqualificationTracker t = tracker();
        t.disqualify(ROOT, Pruning.PRUNED, because(BAD));

        assertThat(t.require(DEP, ROOT)).isFalse();
        assertThat(t.check(DEP, Pruning.PRUNED)).isEqualTo(because(ROOT));
    }

    @Test
    void disqualify_keepsTheFirstReason() {
        DisqualificationTracker t = tracker();
        t.disqualify(DEP, Pruning.PRUNED, because(BAD));
        t.disqualify(DEP, Pruning.PRUNED, because(ROOT));

        assertThat(t.check(DEP, Pruning.PRUNED)).isEqualTo(because(BAD));
    }

    @Test
    void path_followsReasonsToTheOffendingVersionOrLoadError() {
        DisqualificationTracker t = tracker();
        t.require(ROOT, DEP);
        t.disqualify(DEP, Pruning.PRUNED, because(BAD));
        t.disqualify(BAD, Pruning.PRUNED, because(BAD)); // BAD is itself above the request

        assertThat(t.path(ROOT, Pruning.UNPRUNED).path()).containsExactly(ROOT, DEP, BAD);
        assertThat(t.path(ROOT, Pruning.PRUNED).isEmpty()).isTrue(); // DEP is no root: pruned, it is harmless
        IOException failure = new IOException("example.com/old@v1.0.0: not found");
        t.disqualify(UNPRUNED_ROOT, Pruning.PRUNED, new DisqualificationTracker.Reason(null, failure));
        DisqualificationTracker.ProblemPath p = t.path(UNPRUNED_ROOT, Pruning.PRUNED);
        assertThat(p.path()).containsExactly(UNPRUNED_ROOT);
        assertThat(p.err()).isSameAs(failure);
        assertThat(t.path(new ModuleVersion("example.com/fine", "v1.0.0"), Pruning.PRUNED)
                        .isEmpty())
                .isTrue();
    }
}
