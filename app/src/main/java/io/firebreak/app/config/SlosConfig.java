package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code slos:} — where the SLO definitions are (a file or a folder). */
public class SlosConfig {

    @JsonProperty
    public String path = "";
}
