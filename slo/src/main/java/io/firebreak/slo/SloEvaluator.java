package io.firebreak.slo;

import io.firebreak.events.BurnRate;
import io.firebreak.events.Signal;
import io.firebreak.slo.burn.AlertDecision;
import io.firebreak.slo.burn.AlertKind;
import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.burn.BurnMath;
import io.firebreak.slo.burn.ErrorBudget;
import io.firebreak.slo.burn.WindowCounts;
import io.firebreak.slo.config.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of one SLO: its BurnRate, its next state and a Signal for each alert kind whose state changed
 * (never one per evaluation: only entering and leaving an alert produces a Signal). No Kafka types here.
 */
final class SloEvaluator {

    static final String UNKNOWN_CLUSTER = "unknown";

    private final AlertPolicy policy;

    SloEvaluator(AlertPolicy policy) {
        this.policy = policy;
    }

    record Result(BurnRate burn, SloState next, List<Signal> signals) {
    }

    Result evaluate(SloDefinition slo, Map<Duration, WindowCounts> windows, WindowCounts period, SloState state, long now) {
        ErrorBudget budget = new ErrorBudget(slo.objective());
        String cluster = slo.cluster().orElse(state.cluster() == null ? UNKNOWN_CLUSTER : state.cluster());
        double remaining = budget.remaining(period);
        Map<Duration, WindowCounts> reported = new LinkedHashMap<>();
        BurnMath.STANDARD_WINDOWS.forEach(window -> reported.put(window, windows.getOrDefault(window, WindowCounts.EMPTY)));
        Map<String, Double> rates = BurnMath.burnRates(budget, reported);

        AlertDecision page = BurnMath.decide(AlertKind.PAGE, state.page() != null, policy, budget, windows);
        AlertDecision ticket = BurnMath.decide(AlertKind.TICKET, state.ticket() != null, policy, budget, windows);
        BurnSignals signals = new BurnSignals(slo, policy, cluster, budget, remaining, windows, now);
        List<Signal> out = new ArrayList<>();
        SloState.ActiveAlert nextPage = transition(page, state.page(), signals, out, now);
        SloState.ActiveAlert nextTicket = transition(ticket, state.ticket(), signals, out, now);

        String alert = nextPage != null ? AlertKind.PAGE.label() : nextTicket != null ? AlertKind.TICKET.label() : "none";
        BurnRate burn = BurnRate.newBuilder()
                .setSlo(slo.name())
                .setService(slo.service())
                .setCluster(cluster)
                .setObjective(slo.objective())
                .setPeriodSeconds(slo.period().toSeconds())
                .setBudgetRemaining(remaining)
                .setRates(rates)
                .setGoodEvents(state.good())
                .setTotalEvents(state.total())
                .setAlert(alert)
                .setAt(Instant.ofEpochMilli(now))
                .build();
        return new Result(burn, state.withAlerts(nextPage, nextTicket), List.copyOf(out));
    }

    private static SloState.ActiveAlert transition(AlertDecision decision, SloState.ActiveAlert before, BurnSignals signals,
                                                   List<Signal> out, long now) {
        if (decision.active() && before == null) {
            SloState.ActiveAlert fired = new SloState.ActiveAlert(now, decision.firing().orElseThrow().tier().name());
            out.add(signals.firing(decision.kind(), decision.firing().orElseThrow(), fired.since()));
            return fired;
        }
        if (!decision.active() && before != null) {
            out.add(signals.resolved(decision.kind(), before));
            return null;
        }
        return before;
    }
}
