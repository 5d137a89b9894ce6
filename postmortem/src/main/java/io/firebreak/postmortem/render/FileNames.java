package io.firebreak.postmortem.render;

/** File names derived from an incident id, shared by the exporter and the links inside the Markdown. */
public final class FileNames {

    private FileNames() {
    }

    /** Incident ids are {@code <cluster>.<date>.<seq>}; anything else that could leave the directory is replaced. */
    public static String base(String incidentId) {
        String safe = incidentId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
    }
}
