package io.chatserver.groupservice.change;

import io.chatserver.groupservice.store.Change;
import io.chatserver.groupservice.store.GroupState;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * One change to a group, decided from its state under the row lock: checks the caller's rights
 * (throwing a {@code ChatException} changes nothing), writes through {@code GroupStore}, and says
 * what it did. An empty list means nothing changed (a repeated request), and no version is used.
 */
@FunctionalInterface
public interface GroupEdit {

    List<Change> apply(JdbcClient jdbc, GroupState locked, long now);
}
