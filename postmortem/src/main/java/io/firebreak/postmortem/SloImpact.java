package io.firebreak.postmortem;

import io.firebreak.events.BurnSnapshot;
import java.util.List;

/**
 * One SLO hit by an incident and how much of its error budget is gone.
 *
 * @param budgetConsumedPercent consumed share of the SLO period's error budget, {@code (1 − budgetRemaining)·100}.
 *                              This is the budget consumed <em>by the end of the incident</em> (the burn snapshot
 *                              the incident carries), not only during it: without a snapshot taken at the start,
 *                              it is the best figure available. Above 100 when the budget is overspent.
 */
public record SloImpact(String slo, String service, double budgetRemaining, double budgetConsumedPercent) {

    public static SloImpact of(BurnSnapshot burn) {
        double consumed = Math.max(0.0, (1.0 - burn.getBudgetRemaining()) * 100.0);
        return new SloImpact(burn.getSlo(), burn.getService(), burn.getBudgetRemaining(), round1(consumed));
    }

    public static List<SloImpact> of(List<BurnSnapshot> burns) {
        return burns.stream().map(SloImpact::of).toList();
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
