package io.firebreak.app.api;

import io.firebreak.events.BurnRate;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.slo.BudgetHistory;
import io.firebreak.slo.SloStatusView;
import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.burn.AlertTier;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.config.SloDefinition;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code GET /v1/slos}: every configured SLO with its objective, error budget remaining and burn rates. */
@RequiresScope(Scope.READ)
@Path("/v1/slos")
@Produces(MediaType.APPLICATION_JSON)
public final class SlosResource {

    private final List<SloDefinition> slos;
    private final SloStatusView status;

    public SlosResource(List<SloDefinition> slos, SloStatusView status) {
        this.slos = slos;
        this.status = status;
    }

    /**
     * One SLO; burn fields are null until it has seen traffic (no traffic is not "100 % bad"). {@code tiers} is the
     * multiwindow table with each tier's state by the latest burn rates; {@code budgetHistory} the budget remaining over
     * the period as far as firebreak still holds it (the dashboard's budget chart).
     */
    public record Slo(String name, String service, String description, double objective, long periodSeconds,
                      Double budgetRemaining, Map<String, Double> burnRates, String alert, Long goodEvents, Long totalEvents,
                      Instant at, List<Tier> tiers, List<BudgetHistory.Point> budgetHistory) {
    }

    /** One row of the multiwindow table: exceeded when both windows burn faster than {@code burnRate}. */
    public record Tier(String name, String alert, String longWindow, String shortWindow, double burnRate, boolean exceeded) {

        static Tier of(AlertTier tier, Map<String, Double> rates) {
            String longWindow = Durations.label(tier.longWindow());
            String shortWindow = Durations.label(tier.shortWindow());
            boolean exceeded = rates.getOrDefault(longWindow, 0.0) > tier.burnRate() && rates.getOrDefault(shortWindow, 0.0) > tier.burnRate();
            return new Tier(tier.name(), tier.kind().label(), longWindow, shortWindow, tier.burnRate(), exceeded);
        }
    }

    @GET
    public Map<String, List<Slo>> list() {
        return Map.of("slos", slos.stream().map(this::slo).toList());
    }

    private Slo slo(SloDefinition definition) {
        Optional<BurnRate> burn = status.find(definition.name());
        Map<String, Double> rates = burn.<Map<String, Double>>map(b -> new TreeMap<>(b.getRates())).orElse(Map.of());
        return new Slo(definition.name(), definition.service(), definition.description(), definition.objective(),
                definition.period().toSeconds(),
                burn.map(BurnRate::getBudgetRemaining).orElse(null),
                rates,
                burn.map(BurnRate::getAlert).orElse("none"),
                burn.map(BurnRate::getGoodEvents).orElse(null),
                burn.map(BurnRate::getTotalEvents).orElse(null),
                burn.map(BurnRate::getAt).orElse(null),
                AlertPolicy.defaults().tiers().stream().map(tier -> Tier.of(tier, rates)).toList(),
                status.budgetHistory(definition.name()));
    }
}
