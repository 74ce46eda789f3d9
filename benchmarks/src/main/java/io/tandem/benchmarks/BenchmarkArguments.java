package io.tandem.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's command line: its own options ({@code --name=value}) and the arguments meant for the application it
 * starts (those starting {@code --tandem.} or {@code --spring.}).
 */
record BenchmarkArguments(Map<String, String> options, List<String> application) {

    static BenchmarkArguments parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> application = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--tandem.") || arg.startsWith("--spring.") || arg.startsWith("--axon.")) {
                application.add(arg);
                continue;
            }
            String[] option = arg.replaceFirst("^--", "").split("=", 2);
            options.put(option[0], option.length > 1 ? option[1] : "true");
        }
        return new BenchmarkArguments(Map.copyOf(options), List.copyOf(application));
    }

    String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    int option(String name, int defaultValue) {
        String value = options.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }
}
