package io.firebreak.ingest.coroot;

/** One entry of an incident's {@code data.reports}: Coroot's audit report, the failed check, its text. */
record CorootReport(String name, String check, String message) {

    /** The contract's rendering: "name / check: message". */
    String render() {
        return name + " / " + check + ": " + message;
    }
}
