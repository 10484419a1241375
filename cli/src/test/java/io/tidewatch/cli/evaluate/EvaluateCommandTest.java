package io.tidewatch.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewatch.cli.Tidewatch;
import io.tidewatch.learners.catalog.LearnerCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Tidewatch.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("evaluate"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(new String[0]));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path tabular(String name) {
        String root = System.getProperty("tidewatch.shared.data");
        assumeTrue(root != null, "tidewatch.shared.data not set");
        Path p = Path.of(root, "tabular", name);
        assumeTrue(Files.isRegularFile(p), "shared data absent: " + p);
        return p;
    }

    private static Map<String, Object> json(Run r) {
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, "--json prints one line: " + r.out());
        return FlatJson.parse(lines[0]);
    }

    @Test
    void elecFiguresArePinnedAndJsonParses() {
        String elec = tabular("elec.csv").toString();
        Map<String, Object> nb = json(run("--data", elec, "--target", "class", "--learner", "naive-bayes",
                "--json", "--warmup", "1000"));
        assertEquals("naive-bayes", nb.get("learner"));
        assertEquals(45312L, nb.get("instances"));
        assertEquals(33372 / 45312.0, (Double) nb.get("accuracy"), 1e-12);
        assertEquals(73.63, 100 * (Double) nb.get("accuracy"), 0.5, "MOA's NaiveBayes on elec");
        assertEquals(0.428, (Double) nb.get("kappa"), 0.005);
        assertTrue((Double) nb.get("instances_per_s") > 0);
        double auc = (Double) nb.get("auc");
        assertTrue(auc > 0.5 && auc < 1, "auc " + auc);

        Map<String, Object> lr = json(run("--data", elec, "--target", "class", "--learner", "logistic-regression",
                "--json", "--warmup", "0"));
        assertEquals(36886 / 45312.0, (Double) lr.get("accuracy"), 1e-12);

        Map<String, Object> nc = json(run("--data", elec, "--target", "class", "--learner", "no-change",
                "--json", "--warmup", "0"));
        assertEquals(85.33, 100 * (Double) nc.get("accuracy"), 0.005);
        assertEquals(0.700, (Double) nc.get("kappa"), 0.0005);
    }

    @Test
    void nslKddTrainThenTestBinarizedOnNormal() {
        String train = tabular("KDDTrain+_20Percent.txt").toString();
        String test = tabular("KDDTest+.txt").toString();
        String[] common = {"--data", train, "--data", test, "--no-header", "--target", "41", "--negative", "normal",
            "--ignore", "42", "--json", "--warmup", "0"};
        Map<String, Object> nb = json(run(concat(common, "--learner", "naive-bayes")));
        assertEquals(47736L, nb.get("instances"));
        // 38 numeric columns + one-hot protocol (3), service (67 <= 100 levels), flag (11).
        assertEquals(38L + 3 + 67 + 11, nb.get("features"));
        assertEquals(0.6685729847494554, (Double) nb.get("accuracy"), 1e-12);
        Map<String, Object> lr = json(run(concat(common, "--learner", "logistic-regression")));
        assertEquals(0.954520697167756, (Double) lr.get("accuracy"), 1e-12);
    }

    @Test
    void textOutputNamesTheFigures() {
        Run r = run("--data", tabular("elec.csv").toString(), "--target", "class", "--learner", "no-change",
                "--warmup", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("accuracy           0.8533"), r.out());
        assertTrue(r.out().contains("instances_per_s"), r.out());
    }

    @Test
    void categoricalColumnsAreOneHotOrHashed() throws IOException {
        Path f = tmp.resolve("small.csv");
        Files.writeString(f, "proto,bytes,label\ntcp,10,yes\nudp,20,no\n\"tcp\",30,yes\nicmp,?,no\n");
        Map<String, Object> oneHot = json(run("--data", f.toString(), "--target", "label", "--learner", "no-change",
                "--json"));
        assertEquals(4L, oneHot.get("features"), "3 protocols one-hot + bytes");
        assertEquals(4L, oneHot.get("instances"));
        Map<String, Object> hashed = json(run("--data", f.toString(), "--target", "label", "--learner", "no-change",
                "--max-one-hot", "2", "--hash-buckets", "8", "--json"));
        assertEquals(9L, hashed.get("features"), "8 hash buckets + bytes");
        // labels no, yes in order: yes, no, yes, no -> no-change is always wrong after a uniform first guess.
        assertEquals(0.0, (Double) hashed.get("accuracy"), 0);
    }

    @Test
    void badInputGetsOneLineNamingTheValueAndExitOne() throws IOException {
        Path f = tmp.resolve("a.csv");
        Files.writeString(f, "x,y\n1,0\n2,1\n3\n");
        String file = f.toString();
        assertError(run("--data", tmp.resolve("missing.csv").toString(), "--target", "y", "--learner", "naive-bayes"),
                "missing.csv");
        assertError(run("--data", file, "--target", "nope", "--learner", "naive-bayes"), "'nope'");
        assertError(run("--data", file, "--target", "y", "--learner", "naive-bayes"), "a.csv:4: ragged row");
        assertError(run("--data", file, "--target", "y", "--learner", "bogus"), "'bogus'");
        assertError(run("--data", file, "--target", "y", "--learner", "logistic-regression", "--param", "alpha=x"),
                "alpha='x'");
        assertError(run("--data", file, "--target", "y", "--learner", "logistic-regression", "--param", "nokey"),
                "'nokey'");
        Files.writeString(f, "x,y\n1,a\n2,b\n3,c\n");
        assertError(run("--data", file, "--target", "y", "--learner", "naive-bayes", "--positive", "z"), "'z'");
        assertError(run("--data", file, "--no-header", "--target", "7", "--learner", "naive-bayes"), "'7'");
    }

    @Test
    void anomalyModeNeedsADetectorAndA01Target() throws IOException {
        Path f = tmp.resolve("a.csv");
        Files.writeString(f, "x,y\n1,a\n2,b\n3,c\n");
        assertError(run("--data", f.toString(), "--target", "y", "--learner", "naive-bayes", "--anomaly"),
                "'naive-bayes'");
        Iterator<String> detectors = LearnerCatalog.detectorNames().iterator();
        assumeTrue(detectors.hasNext(), "no anomaly detector in the catalog yet");
        String detector = detectors.next();
        assertError(run("--data", f.toString(), "--target", "y", "--learner", detector, "--anomaly"), "0/1");
        Map<String, Object> r = json(run("--data", tabular("elec.csv").toString(), "--target", "class",
                "--learner", detector, "--anomaly", "--json", "--warmup", "0"));
        double auc = (Double) r.get("auc");
        assertTrue(auc >= 0 && auc <= 1, "auc " + auc);
        assertTrue(r.containsKey("average_precision"));
    }

    @Test
    void usageErrorsExitTwo() {
        Run r = run("--target", "y", "--learner", "naive-bayes");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--data"), r.err());
    }

    private static void assertError(Run r, String mentions) {
        assertEquals(1, r.exit(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("tidewatch evaluate: ") && err.contains(mentions), err);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Reads one flat JSON object (strings, numbers, null) - enough to check --json without a JSON library. */
    static final class FlatJson {
        static Map<String, Object> parse(String s) {
            Map<String, Object> map = new LinkedHashMap<>();
            int[] i = {0};
            expect(s, i, '{');
            while (s.charAt(i[0]) != '}') {
                String key = string(s, i);
                expect(s, i, ':');
                Object value;
                if (s.charAt(i[0]) == '"') {
                    value = string(s, i);
                } else {
                    int start = i[0];
                    while (",}".indexOf(s.charAt(i[0])) < 0) {
                        i[0]++;
                    }
                    String tok = s.substring(start, i[0]);
                    value = tok.equals("null") ? null
                            : tok.matches("-?\\d+") ? (Object) Long.parseLong(tok) : (Object) Double.parseDouble(tok);
                }
                map.put(key, value);
                if (s.charAt(i[0]) == ',') {
                    i[0]++;
                }
            }
            assertEquals(s.length() - 1, i[0], "trailing text after the object");
            return map;
        }

        private static void expect(String s, int[] i, char c) {
            assertEquals(c, s.charAt(i[0]), "at " + i[0] + " of " + s);
            i[0]++;
        }

        private static String string(String s, int[] i) {
            expect(s, i, '"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(i[0]) != '"') {
                char c = s.charAt(i[0]++);
                sb.append(c == '\\' ? s.charAt(i[0]++) : c);
            }
            i[0]++;
            return sb.toString();
        }
    }
}
