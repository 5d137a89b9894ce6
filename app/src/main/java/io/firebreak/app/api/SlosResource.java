package io.firebreak.app.api;

import io.firebreak.events.BurnRate;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.slo.SloStatusView;
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

    /** One SLO; burn fields are null until it has seen traffic (no traffic is not "100 % bad"). */
    public record Slo(String name, String service, String description, double objective, long periodSeconds,
                      Double budgetRemaining, Map<String, Double> burnRates, String alert, Long goodEvents, Long totalEvents,
                      Instant at) {
    }

    @GET
    public Map<String, List<Slo>> list() {
        return Map.of("slos", slos.stream().map(this::slo).toList());
    }

    private Slo slo(SloDefinition definition) {
        Optional<BurnRate> burn = status.find(definition.name());
        return new Slo(definition.name(), definition.service(), definition.description(), definition.objective(),
                definition.period().toSeconds(),
                burn.map(BurnRate::getBudgetRemaining).orElse(null),
                burn.<Map<String, Double>>map(b -> new TreeMap<>(b.getRates())).orElse(Map.of()),
                burn.map(BurnRate::getAlert).orElse("none"),
                burn.map(BurnRate::getGoodEvents).orElse(null),
                burn.map(BurnRate::getTotalEvents).orElse(null),
                burn.map(BurnRate::getAt).orElse(null));
    }
}
