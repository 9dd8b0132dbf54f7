package cn.carbon.bench.season;

import cn.carbon.bench.season.data.DataSet;
import cn.carbon.bench.season.data.DataSetFiles;
import cn.carbon.bench.season.data.Generator;
import cn.carbon.bench.season.data.Rulebook;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The entry point of {@code ./carbon season | bench | faults | replay-dlq}:
 * <pre>
 *   generate   [--seed 1] [--scale 1] [--run 00] [--out DIR]      the data set as CSV files, and its summary
 *   season     [--seed 1] [--scale 1] [--run XX] [--threads 12]   the 2021-2022 cycle through the gateway, checked
 *   load       --target bare|allocation --rate 500 --seconds 30  fixed-rate reads with p50/p99 (for ./carbon bench)
 *   events     --rate 200 --seconds 30 | --backlog 60            event latency commit → applied (./carbon bench)
 *   poison     TOPIC                                              one unreadable message onto a topic (faults)
 *   replay-dlq TOPIC [--to TOPIC] [--key K] [--dry-run]           DLQ messages back onto their topic
 *   duplicate  TOPIC --count N                                    the last N messages delivered once more
 *   checks                                                         the cross-database invariants alone
 * </pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: generate | season | load | events | poison | replay-dlq | checks (see Main)");
            System.exit(2);
        }
        Args a = new Args(args, 1);
        int rc = switch (args[0]) {
            case "generate" -> generate(a);
            case "season" -> cn.carbon.bench.season.run.Season.main(a);
            case "load" -> cn.carbon.bench.season.bench.FixedRateLoad.main(a);
            case "events" -> cn.carbon.bench.season.bench.EventLatency.main(a);
            case "poison" -> cn.carbon.bench.season.faults.Dlq.poison(a);
            case "replay-dlq" -> cn.carbon.bench.season.faults.Dlq.replay(a);
            case "duplicate" -> cn.carbon.bench.season.faults.Dlq.duplicate(a);
            case "checks" -> cn.carbon.bench.season.faults.StoreChecks.main(a);
            case "users" -> users(a);
            case "uscc" -> {
                String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
                java.util.Random r = new java.util.Random();
                StringBuilder body = new StringBuilder("W");
                for (int i = 0; i < 7; i++) {
                    body.append(alphabet.charAt(r.nextInt(10)));
                }
                System.out.println(cn.carbon.bench.season.data.Uscc.of(a.get("province", "320000").substring(0, 2) + "0100",
                        body.toString()));
                yield 0;
            }
            default -> {
                System.err.println("unknown command " + args[0] + " " + Arrays.toString(args));
                yield 2;
            }
        };
        System.exit(rc);
    }

    public static Rulebook rulebook(Args a) throws java.io.IOException {
        return Rulebook.read(Path.of(a.get("rulebook", root(a) + "/contracts/src/main/resources/carbon/rulebooks/CN-ETS-2021-2022-power.json")));
    }

    public static String root(Args a) {
        return a.get("root", System.getProperty("carbon.root", "."));
    }

    /** {@code users --prefix bench.reader --count 12 --role province --attribute province_code --value 320000} */
    private static int users(Args a) {
        var http = new cn.carbon.bench.season.run.Http(a.get("gateway", "http://127.0.0.1:8080"), java.time.Duration.ofSeconds(60));
        var identity = new cn.carbon.bench.season.run.Identity(http, a.get("keycloak", "http://127.0.0.1:8180"));
        identity.ensureClient(java.time.Duration.ofHours(a.integer("token-hours", 4)));
        java.util.List<cn.carbon.bench.season.run.Identity.User> users = new java.util.ArrayList<>();
        for (int i = 1; i <= a.integer("count", 12); i++) {
            users.add(new cn.carbon.bench.season.run.Identity.User(a.get("prefix", "bench.reader") + "." + i,
                    a.get("role", "province"), a.get("attribute", "province_code"), a.get("value", "320000"), "Bench", "Reader " + i));
        }
        System.out.println(identity.importUsers(users) + " users imported (client " + cn.carbon.bench.season.run.Identity.CLIENT + ")");
        return 0;
    }

    private static int generate(Args a) throws Exception {
        DataSet ds = Generator.generate(rulebook(a), a.integer("seed", 1), a.number("scale", 1), a.get("run", "00"));
        String out = a.get("out", null);
        if (out != null) {
            DataSetFiles.write(ds, Path.of(out));
            System.out.println("written to " + out);
        }
        System.out.print(DataSetFiles.summary(ds));
        return 0;
    }
}
