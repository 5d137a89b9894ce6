package io.firebreak.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's on-disk copy of the incidents' signals: every fingerprint reachable a page at a time, in a stable order. */
class SignalIndexTest {

    private static final BoundedRocksDbMemory.Sizes MEMORY = new BoundedRocksDbMemory.Sizes(16L << 20, 4L << 20);

    @TempDir
    Path dir;
    private ViewDatabase database;
    private SignalIndex index;

    @BeforeEach
    void open() {
        database = ViewDatabase.open(dir.resolve("view"), MEMORY);
        index = new SignalIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void pagesReachEveryFingerprintOfTheIncidentOnceInFingerprintOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            String fingerprint = String.format("%05x", i * 7919 % 100_000);
            expected.add(fingerprint);
            index.put("c.20261203.0001", fingerprint, SignalStatus.FIRING, value(fingerprint));
            // an incident whose id extends the first one's, and one that sorts right after it: neither may leak in
            index.put("c.20261203.00010", fingerprint, SignalStatus.FIRING, value("other"));
            index.put("c.20261203.0002", fingerprint, SignalStatus.FIRING, value("other"));
        }
        // fingerprints that are prefixes of each other, carry the key's separator characters or leave ASCII
        for (String odd : List.of("a", "a0", "a|b", "\u00e9t\u00e9", "\uD83D\uDD25", "")) {
            expected.add(odd);
            index.put("c.20261203.0001", odd, SignalStatus.FIRING, value(odd));
        }
        expected.sort(String::compareTo);

        List<String> read = readAll("c.20261203.0001", Optional.empty(), 100);

        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(index.kept("c.20261203.0001")).isEqualTo(expected.size());
    }

    @Test
    void aStatusFilterSkipsTheOthersAndItsCursorContinuesAfterTheLastMatch() {
        for (int i = 0; i < 300; i++) {
            String fingerprint = String.format("fp%03d", i);
            index.put("inc", fingerprint, i % 3 == 0 ? SignalStatus.RESOLVED : SignalStatus.FIRING, value(fingerprint));
        }

        List<String> resolved = readAll("inc", Optional.of(SignalStatus.RESOLVED), 7);

        assertThat(resolved).hasSize(100).allSatisfy(fp -> assertThat(Integer.parseInt(fp.substring(2)) % 3).isZero());
        SignalIndex.Page first = index.page("inc", Optional.of(SignalStatus.RESOLVED), 2, Optional.empty());
        assertThat(first.entries()).extracting(SignalIndexTest::text).containsExactly("fp000", "fp003");
        assertThat(first.entries()).allSatisfy(e -> assertThat(e.status()).isEqualTo(SignalStatus.RESOLVED));
        assertThat(first.next()).contains("fp003");
    }

    @Test
    void aLaterRecordOfTheSameSignalReplacesItsEntry() {
        index.put("inc", "fp", SignalStatus.FIRING, value("firing"));
        index.put("inc", "fp", SignalStatus.RESOLVED, value("resolved"));

        SignalIndex.Page page = index.page("inc", Optional.empty(), 10, Optional.empty());

        assertThat(page.entries()).extracting(SignalIndexTest::text).containsExactly("resolved");
        assertThat(page.entries().get(0).status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(page.next()).isEmpty();
        assertThat(index.kept("inc")).isEqualTo(1);
    }

    @Test
    void anIncidentKeepsAtMostItsCapOfFingerprintsAndStillUpdatesThoseItKept() {
        for (int i = 0; i < SignalIndex.MAX_PER_INCIDENT; i++) {
            assertThat(index.put("storm", String.format("%06d", i), SignalStatus.FIRING, value("f"))).isTrue();
        }

        assertThat(index.put("storm", "one-too-many", SignalStatus.FIRING, value("f"))).isFalse();
        assertThat(index.put("storm", "000042", SignalStatus.RESOLVED, value("r"))).as("a kept signal changes").isTrue();
        assertThat(index.put("calm", "fp", SignalStatus.FIRING, value("f"))).as("the cap is per incident").isTrue();

        assertThat(index.kept("storm")).isEqualTo(SignalIndex.MAX_PER_INCIDENT);
        assertThat(index.page("storm", Optional.of(SignalStatus.RESOLVED), 10, Optional.empty()).entries())
                .extracting(SignalIndexTest::text).containsExactly("r");
    }

    @Test
    void aForgottenIncidentsSignalsAreGoneAndTheOthersStay() {
        index.put("c.1", "fp", SignalStatus.FIRING, value("gone"));
        index.put("c.10", "fp", SignalStatus.FIRING, value("stays"));
        index.put("c.2", "fp", SignalStatus.FIRING, value("stays"));

        index.forget("c.1");

        assertThat(index.page("c.1", Optional.empty(), 10, Optional.empty()).entries()).isEmpty();
        assertThat(index.kept("c.1")).isZero();
        assertThat(index.page("c.10", Optional.empty(), 10, Optional.empty()).entries()).hasSize(1);
        assertThat(index.page("c.2", Optional.empty(), 10, Optional.empty()).entries()).hasSize(1);
    }

    @Test
    void openingStartsEmptyBecauseTheViewReadsTheTopicAgain() {
        index.put("inc", "fp", SignalStatus.FIRING, value("before"));
        database.close();

        open();

        assertThat(index.page("inc", Optional.empty(), 10, Optional.empty()).entries()).isEmpty();
        assertThat(index.kept("inc")).isZero();
    }

    @Test
    void afterCloseNothingIsReadOrWrittenAndNothingFails() {
        database.close();

        assertThat(index.put("inc", "fp", SignalStatus.FIRING, value("late"))).isFalse();
        assertThat(index.page("inc", Optional.empty(), 10, Optional.empty()).entries()).isEmpty();
        index.forget("inc");
    }

    /** Pages through the incident with this limit, each page continuing after the previous one's cursor. */
    private List<String> readAll(String incident, Optional<SignalStatus> status, int limit) {
        List<String> read = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            SignalIndex.Page page = index.page(incident, status, limit, cursor);
            assertThat(page.entries()).hasSizeLessThanOrEqualTo(limit);
            page.entries().forEach(entry -> read.add(text(entry)));
            cursor = page.next();
        } while (cursor.isPresent());
        return read;
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SignalIndex.Entry entry) {
        return new String(entry.value(), StandardCharsets.UTF_8);
    }
}
