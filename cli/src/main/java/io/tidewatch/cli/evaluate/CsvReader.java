package io.tidewatch.cli.evaluate;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of one CSV file (RFC 4180 fields: commas, double quotes, doubled quotes inside quotes;
 * fields trimmed; blank lines skipped). Quoted fields may not span lines: these are data files, not documents.
 */
final class CsvReader implements Closeable {

    private final Path file;
    private final BufferedReader in;
    private final List<String> fields = new ArrayList<>();
    private long lineNumber;

    CsvReader(Path file) throws IOException {
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data file '" + file + "': not found or not a regular file");
        }
        this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** The next record's fields, or null at the end of the file. The array is new on each call. */
    String[] next() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        return split(line);
    }

    /** Where the last record came from, for error messages. */
    String position() {
        return file + ":" + lineNumber;
    }

    private String[] split(String line) {
        fields.clear();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException(position() + ": unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                int comma = line.indexOf(',', i);
                fields.add(sb.toString());
                if (comma < 0) {
                    break;
                }
                i = comma + 1;
            } else {
                int comma = line.indexOf(',', i);
                if (comma < 0) {
                    fields.add(line.substring(i).trim());
                    break;
                }
                fields.add(line.substring(i, comma).trim());
                i = comma + 1;
            }
        }
        return fields.toArray(new String[0]);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
