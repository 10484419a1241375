package io.tidewatch.serde;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the message types of a .proto source by their message-index paths, so a reader can tell which type a
 * writer's index names in the writer's schema, even when that schema is a newer version of the file with
 * messages added before the reader's type.
 *
 * <p>This is a tokenizer, not a compiler: it knows comments, strings, blocks, {@code package}, {@code message},
 * and the nested types protoc synthesizes for {@code map<>} fields and {@code group}s (they take message indexes
 * too, in declaration order).
 */
final class ProtoSourceIndex {

    private final Map<String, String> namesByPath = new HashMap<>();

    private ProtoSourceIndex(String source) {
        List<String> tokens = tokenize(source);
        String pkg = "";
        Deque<Scope> scopes = new ArrayDeque<>();
        Scope file = new Scope("", true, new int[0]);
        scopes.push(file);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Scope current = scopes.peek();
            if (token.equals("package") && scopes.size() == 1 && i + 1 < tokens.size()) {
                pkg = tokens.get(i + 1);
            } else if (token.equals("message") && current.message && i + 2 < tokens.size()
                    && tokens.get(i + 2).equals("{")) {
                String name = current.fullName.isEmpty() ? qualify(pkg, tokens.get(i + 1))
                        : current.fullName + "." + tokens.get(i + 1);
                int[] path = Arrays.copyOf(current.path, current.path.length + 1);
                path[current.path.length] = current.nextMessage++;
                namesByPath.put(Arrays.toString(path), name);
                scopes.push(new Scope(name, true, path));
                i += 2;
            } else if ((token.equals("map") && i + 1 < tokens.size() && tokens.get(i + 1).equals("<")
                    || token.equals("group")) && current.message && scopes.size() > 1) {
                current.nextMessage++;
            } else if (token.equals("{")) {
                scopes.push(new Scope(current.fullName, false, current.path));
            } else if (token.equals("}") && scopes.size() > 1) {
                scopes.pop();
            }
        }
    }

    /** Indexes {@code source}, the text of one .proto file. */
    static ProtoSourceIndex of(String source) {
        return new ProtoSourceIndex(source);
    }

    /** The full name of the message at {@code path}, or null when the file has none there. */
    String messageName(int[] path) {
        return namesByPath.get(Arrays.toString(path));
    }

    private static String qualify(String pkg, String name) {
        return pkg.isEmpty() ? name : pkg + "." + name;
    }

    private static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                tokens.add("\"\"");
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'
                        || source.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(source.substring(start, i));
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    private static final class Scope {
        final String fullName;
        final boolean message;
        final int[] path;
        int nextMessage;

        Scope(String fullName, boolean message, int[] path) {
            this.fullName = fullName;
            this.message = message;
            this.path = path;
        }
    }
}
