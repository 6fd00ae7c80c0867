package io.chatserver.messageservice.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL script into statements at top-level semicolons. Comments ({@code --}, {@code //},
 * block comments) are dropped; semicolons inside quoted strings, quoted identifiers and
 * {@code $$...$$} literals do not end a statement.
 */
final class CqlStatements {

    private CqlStatements() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (startsWith(script, i, "--") || startsWith(script, i, "//")) {
                int newline = script.indexOf('\n', i);
                i = newline < 0 ? n : newline;
                current.append(' ');
            } else if (startsWith(script, i, "/*")) {
                i = endOf(script, i, "*/");
                current.append(' ');
            } else if (startsWith(script, i, "$$")) {
                int end = endOf(script, i, "$$");
                current.append(script, i, end);
                i = end;
            } else if (c == '\'' || c == '"') {
                int end = endOfQuoted(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return List.copyOf(statements);
    }

    private static void add(List<String> statements, StringBuilder text) {
        String statement = text.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }

    private static boolean startsWith(String script, int at, String token) {
        return script.startsWith(token, at);
    }

    /** Index just past the {@code terminator} that closes the block opened at {@code start}. */
    private static int endOf(String script, int start, String terminator) {
        int at = script.indexOf(terminator, start + 2);
        if (at < 0) {
            throw new IllegalArgumentException("unterminated " + script.substring(start, start + 2)
                    + " starting at offset " + start);
        }
        return at + terminator.length();
    }

    /** A quote is escaped by doubling it, as in {@code 'it''s'}. */
    private static int endOfQuoted(String script, int start, char quote) {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote starting at offset " + start);
    }
}
