package io.chatserver.messageservice.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned CQL script, {@code V<version>__<description>.cql}. The checksum covers the file as
 * written (placeholders unresolved, line endings normalised), so the same file gives the same
 * checksum on every environment and every checkout.
 *
 * @param version    positive, unique, applied in ascending order
 * @param description from the file name, underscores as spaces
 * @param checksum   SHA-256 of the normalised text, hex
 * @param statements the statements, placeholders such as {@code ${keyspace}} still unresolved
 */
record CqlMigration(int version, String description, String checksum, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.cql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)}");
    private static final Pattern IDEMPOTENT = Pattern.compile(
            "(?is)CREATE\\s+(KEYSPACE|TABLE|TYPE|INDEX|CUSTOM\\s+INDEX)\\s+IF\\s+NOT\\s+EXISTS\\s.*");

    CqlMigration {
        statements = List.copyOf(statements);
    }

    static CqlMigration parse(String fileName, String content) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new SchemaMigrationException("CQL migration file name " + fileName
                    + " does not match V<version>__<description>.cql (e.g. V2__inbox.cql)");
        }
        List<String> statements;
        try {
            statements = CqlStatements.split(content);
        } catch (IllegalArgumentException e) {
            throw new SchemaMigrationException("CQL migration " + fileName + ": " + e.getMessage(), e);
        }
        if (statements.isEmpty()) {
            throw new SchemaMigrationException("CQL migration " + fileName + " has no statements");
        }
        return new CqlMigration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '),
                checksumOf(content), statements);
    }

    static String checksumOf(String content) {
        String normalised = content.replace("\r\n", "\n").replace('\r', '\n');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** True when every statement is a {@code CREATE ... IF NOT EXISTS}, so running it twice is harmless. */
    boolean idempotent() {
        return statements.stream().allMatch(statement -> IDEMPOTENT.matcher(statement).matches());
    }

    /** The statements with {@code ${name}} replaced; an unknown name is an error, never left in the CQL. */
    List<String> resolve(Map<String, String> values) {
        return statements.stream().map(statement -> resolve(statement, values)).toList();
    }

    private String resolve(String statement, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(statement);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new SchemaMigrationException("CQL migration V" + version + " uses unknown placeholder "
                        + placeholder.group() + "; known: " + values.keySet());
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(resolved).toString();
    }

    @Override
    public String toString() {
        return "V" + version + " (" + description + ")";
    }
}
