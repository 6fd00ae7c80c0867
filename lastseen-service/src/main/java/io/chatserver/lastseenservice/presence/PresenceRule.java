package io.chatserver.lastseenservice.presence;

import io.chatserver.lastseenservice.privacy.Visibility;

/**
 * Who sees whose presence (docs/protocol.md, "Presence"): the target's setting must show it to the
 * viewer, and, WhatsApp's reciprocity rule, the viewer's own setting must show the viewer's presence
 * to the target: who hides theirs from someone cannot see that person's. Everyone sees their own.
 */
final class PresenceRule {

    private PresenceRule() {
    }

    /**
     * @param target the target's setting
     * @param targetSavedViewer the viewer is among the target's contacts
     * @param viewer the viewer's own setting
     * @param viewerSavedTarget the target is among the viewer's contacts
     */
    static boolean visible(Visibility target, boolean targetSavedViewer, Visibility viewer, boolean viewerSavedTarget) {
        return target.shows(targetSavedViewer) && viewer.shows(viewerSavedTarget);
    }
}
