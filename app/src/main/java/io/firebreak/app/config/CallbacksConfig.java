package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.PortRange;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code callbacks:} — secrets that verify PagerDuty and Slack callbacks, and the port that may serve them alone. */
public class CallbacksConfig {

    @NotNull
    @JsonProperty
    public List<String> pagerdutySecrets = new ArrayList<>();

    @JsonProperty
    public String slackSigningSecret = "";

    /**
     * The port of the application connector that serves the signed callbacks and nothing else, so that only they face
     * the internet: other routes answer 404 there, and the callbacks answer 404 on the other connectors. 0 (default):
     * the callbacks share the application port.
     */
    @PortRange(min = 0)
    @JsonProperty
    public int port = 0;
}
