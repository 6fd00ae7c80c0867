package io.chatserver.messageservice.fanout;

import io.chatserver.messageservice.MessagingProperties;
import io.chatserver.messageservice.conversation.Allocation;
import io.chatserver.messageservice.conversation.GroupConversation;
import io.chatserver.messageservice.history.GroupVersionSeqs;
import io.chatserver.messageservice.history.HistoryStore;
import io.chatserver.protocol.internal.v1.GroupFanout;
import io.chatserver.protocol.v1.ServerFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * What every group message goes through once it has its seq, a member's or a system message: kept
 * once in the group's history (with the lowest seq of its group version, which bounds what a member
 * may read back), then handed to Kafka for the fan-out to {@code recipients}. Safe to repeat with the
 * same allocation (a retried send, a change relayed twice): the same rows, the same inbox entries.
 */
@Component
public final class GroupPosts {

    private final MessagingProperties properties;
    private final HistoryStore history;
    private final GroupVersionSeqs versions;
    private final FanoutPublisher publisher;

    GroupPosts(MessagingProperties properties, HistoryStore history, GroupVersionSeqs versions,
            FanoutPublisher publisher) {
        this.properties = properties;
        this.history = history;
        this.versions = versions;
        this.publisher = publisher;
    }

    public Mono<Void> post(GroupConversation group, Allocation allocation, ServerFrame frame, List<String> recipients,
            long groupVersion) {
        // In relay mode a group's history lives as long as an inbox entry: the replies' check and the receipts read it.
        int ttl = properties.retention() == MessagingProperties.Retention.HISTORY ? 0 : properties.inboxTtlSeconds();
        GroupFanout record = GroupFanout.newBuilder()
                .setFrame(frame)
                .addAllMemberUserIds(recipients)
                .setGroupVersion(groupVersion)
                .setWriteMicros(allocation.micros())
                .build();
        return Mono.when(history.write(group, allocation, frame, ttl), versions.record(group, groupVersion, allocation, ttl))
                .then(publisher.publish(group.groupId(), record));
    }
}
