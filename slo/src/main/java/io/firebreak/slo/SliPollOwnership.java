package io.firebreak.slo;

/**
 * Which Prometheus-sourced SLOs this instance polls. Several streams instances run the poller; each SLO must be polled by
 * exactly one of them, or every sample is counted twice and the burn rate doubles with the replica count.
 */
@FunctionalInterface
public interface SliPollOwnership {

    boolean owns(String slo);

    /** One instance, or a test: every SLO is this instance's. */
    static SliPollOwnership everySlo() {
        return slo -> true;
    }
}
