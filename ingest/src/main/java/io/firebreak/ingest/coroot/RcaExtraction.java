package io.firebreak.ingest.coroot;

import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.ServiceEdge;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coroot states its root cause in prose ({@code rca_summary}, {@code rca_remediations}, report messages). This pulls
 * out the services it names, deterministically and conservatively:
 * <ul>
 *   <li>a dependency edge {@code app → X} for "calling X", "latency to X", "connections to X", "timeouts from X", ...;</li>
 *   <li>root-cause candidates: services named that way or in {@code `backticks`} (remediations name what to roll back
 *       or resize), ranked higher when the RCA summary names them, then the affected app itself, with the sentences as
 *       evidence.</li>
 * </ul>
 * Anything looking like a version ({@code v2.14.3}) or a filler word is not a service.
 */
final class RcaExtraction {

    private static final String NAME = "`?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])`?";
    private static final Pattern DEPENDENCY = Pattern.compile("(?i)\\b(?:calling|calls? to|requests? to|connections? to|"
            + "latency to|timeouts? (?:to|from|calling)|errors? (?:from|calling)|(?:slow )?responses? from|replies from|"
            + "depends on|dependency|upstream)\\s+" + NAME);
    /** "high CPU delay in risk-service containers": a report about another service's workload names that service. */
    private static final Pattern WORKLOAD = Pattern.compile("(?i)\\b(?:in|of)\\s+" + NAME + "\\s+(?:containers?|pods?|instances?|replicas?)\\b");
    private static final Pattern BACKTICKED = Pattern.compile("`([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])`");
    private static final Pattern VERSION = Pattern.compile("(?i)v?\\d+(\\.\\d+)*([.-].*)?");
    private static final Set<String> NOT_SERVICES = Set.of("the", "a", "an", "its", "their", "this", "that", "it", "other",
            "external", "all", "some", "several", "multiple", "many", "upstream", "downstream", "and", "or");
    static final double NAMED_BY_SUMMARY = 0.9;
    static final double NAMED_ELSEWHERE = 0.6;
    static final double AFFECTED_APP = 0.3;

    private RcaExtraction() {
    }

    /** The dependency edges the texts name, from the affected app to each service it is said to call. */
    static List<ServiceEdge> dependencies(String app, List<String> texts) {
        Set<String> targets = new LinkedHashSet<>();
        for (String text : texts) {
            targets.addAll(names(DEPENDENCY, text));
        }
        targets.remove(app);
        return targets.stream().map(to -> new ServiceEdge(app, to)).toList();
    }

    static List<RootCauseCandidate> candidates(String app, Optional<String> summary, List<String> otherTexts) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Set<String>> evidence = new LinkedHashMap<>();
        summary.ifPresent(text -> named(text).forEach(service -> note(scores, evidence, service, NAMED_BY_SUMMARY, "coroot rca: " + text)));
        for (String text : otherTexts) {
            named(text).forEach(service -> note(scores, evidence, service, NAMED_ELSEWHERE, text));
        }
        if (!scores.containsKey(app)) {
            // The app's own reports (CPU, memory, SLO) name no other service: they are the evidence against the app itself.
            List<String> own = otherTexts.stream().filter(text -> named(text).isEmpty()).toList();
            (own.isEmpty() ? List.of("affected application") : own).forEach(text -> note(scores, evidence, app, AFFECTED_APP, text));
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(entry -> new RootCauseCandidate(entry.getKey(), entry.getValue(), List.copyOf(evidence.get(entry.getKey()))))
                .toList();
    }

    private static void note(Map<String, Double> scores, Map<String, Set<String>> evidence, String service, double score, String text) {
        scores.merge(service, score, Math::max);
        evidence.computeIfAbsent(service, key -> new LinkedHashSet<>()).add(text);
    }

    private static Set<String> named(String text) {
        Set<String> names = new LinkedHashSet<>(names(DEPENDENCY, text));
        names.addAll(names(BACKTICKED, text));
        names.addAll(names(WORKLOAD, text));
        return names;
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!VERSION.matcher(name).matches() && !NOT_SERVICES.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
