package cn.carbon.bench.season.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fault injected in the middle of a season ({@code --fault "ACTION@STEP[+SECONDS]"}, several separated by ';'):
 * when the season reaches the step (a phase name such as {@code pre-allocation}, or a trading week such as
 * {@code week 2023-10-16}), {@code bench/bin/fault ACTION} runs in the background after the delay, while the season
 * goes on and retries whatever the fault interrupts.
 */
final class Faults {

    private record Fault(String action, String step, long delayMillis) {
    }

    private final List<Fault> faults = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();
    private final String root;

    Faults(String spec, String root) {
        this.root = root;
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String one : spec.split(";")) {
            int at = one.lastIndexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("a fault is ACTION@STEP[+SECONDS]: " + one);
            }
            String step = one.substring(at + 1).trim();
            long delay = 2_000;
            int plus = step.lastIndexOf('+');
            if (plus > 0) {
                delay = (long) (Double.parseDouble(step.substring(plus + 1)) * 1_000);
                step = step.substring(0, plus).trim();
            }
            faults.add(new Fault(one.substring(0, at).trim(), step, delay));
        }
    }

    synchronized void at(String step) {
        for (Fault f : faults) {
            if (f.step.equalsIgnoreCase(step)) {
                Thread t = new Thread(() -> inject(f), "fault");
                t.setDaemon(true);
                t.start();
                running.add(t);
            }
        }
    }

    private void inject(Fault f) {
        Http.sleep(f.delayMillis);
        System.out.printf("  ⚡ fault %s at %s%n", f.action, f.step);
        try {
            List<String> command = new ArrayList<>(List.of("bash", root + "/bench/bin/fault"));
            command.addAll(List.of(f.action.split("\\s+")));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("  ⚡ " + line);
                }
            }
            System.out.printf("  ⚡ fault %s done (exit %d)%n", f.action, p.waitFor());
        } catch (Exception e) {
            System.out.println("  ⚡ fault " + f.action + " could not run: " + e);
        }
    }

    void await() {
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
