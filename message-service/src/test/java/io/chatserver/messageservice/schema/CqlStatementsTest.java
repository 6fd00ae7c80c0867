package io.chatserver.messageservice.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CqlStatementsTest {

    @Test
    void splitsAtSemicolonsAndDropsEmptyTail() {
        assertThat(CqlStatements.split("CREATE TABLE a (x int PRIMARY KEY);\n  INSERT INTO a (x) VALUES (1) ;\n\n"))
                .containsExactly("CREATE TABLE a (x int PRIMARY KEY)", "INSERT INTO a (x) VALUES (1)");
    }

    @Test
    void keepsALastStatementWithoutSemicolon() {
        assertThat(CqlStatements.split("SELECT 1 FROM t")).containsExactly("SELECT 1 FROM t");
    }

    @Test
    void dropsAllThreeCommentStylesIncludingSemicolonsInThem() {
        String script = """
                -- a comment; not a statement
                // another; one
                /* block; comment
                   over lines */
                CREATE TABLE t (x int PRIMARY KEY); -- trailing; note
                """;
        assertThat(CqlStatements.split(script)).containsExactly("CREATE TABLE t (x int PRIMARY KEY)");
    }

    @Test
    void semicolonsInsideLiteralsAndQuotedNamesDoNotSplit() {
        String script = "INSERT INTO t (\"we;ird\", s) VALUES (1, 'it''s; fine');"
                + "CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return 1; $$;";
        assertThat(CqlStatements.split(script)).containsExactly(
                "INSERT INTO t (\"we;ird\", s) VALUES (1, 'it''s; fine')",
                "CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return 1; $$");
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertThat(CqlStatements.split("INSERT INTO t (s) VALUES ('a -- b /* c */');"))
                .containsExactly("INSERT INTO t (s) VALUES ('a -- b /* c */')");
    }

    @Test
    void onlyCommentsMeansNoStatements() {
        assertThat(CqlStatements.split("-- nothing here\n/* nor here */\n;;")).isEmpty();
    }

    @Test
    void unterminatedQuoteOrBlockIsAnError() {
        assertThatThrownBy(() -> CqlStatements.split("INSERT INTO t (s) VALUES ('open);"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated '");
        assertThatThrownBy(() -> CqlStatements.split("SELECT 1 /* never closed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated /*");
    }
}
