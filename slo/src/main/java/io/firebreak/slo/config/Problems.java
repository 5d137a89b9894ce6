package io.firebreak.slo.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the mistakes of one file, so a user fixes all of them in one go instead of one per start-up. */
final class Problems {

    private final String file;
    private final List<SloConfigException.Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(int line, String message) {
        list.add(new SloConfigException.Problem(file, line, message));
    }

    int count() {
        return list.size();
    }

    String file() {
        return file;
    }

    List<SloConfigException.Problem> all() {
        return List.copyOf(list);
    }
}
