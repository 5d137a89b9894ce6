package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** One node of the service graph in {@code services:}. */
public class ServiceConfig {

    @NotBlank
    @JsonProperty
    public String name;

    @NotNull
    @JsonProperty
    public List<String> dependsOn = new ArrayList<>();
}
