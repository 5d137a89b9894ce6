package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
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
}
