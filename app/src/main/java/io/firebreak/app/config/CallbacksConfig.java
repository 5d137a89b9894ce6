package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code callbacks:} — secrets that verify PagerDuty and Slack callbacks. */
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
    @Min(0)
    @Max(65535)
    @JsonProperty
    public int port = 0;
}
