package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** One Alertmanager-style route in {@code routes:}; the first match wins unless {@code continue: true}. */
public class RouteConfig {

    /** Matchers like {@code severity="CRITICAL"}, {@code service=~"trade-.*"}; all must match. */
    @NotNull
    @JsonProperty
    public List<String> matchers = new ArrayList<>();

    @NotNull
    @JsonProperty
    public List<String> receivers = new ArrayList<>();

    @JsonProperty("continue")
    public boolean continueMatching;
}
