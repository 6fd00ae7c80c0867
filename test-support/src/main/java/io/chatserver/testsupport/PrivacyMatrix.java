package io.chatserver.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The presence privacy matrix (R13, R38): the target's setting x the viewer's setting x whether each
 * saved the other, 36 cases, with what the rule of docs/protocol.md says the viewer sees. Written
 * out here, apart from lastseen-service's code, so a test of it checks that code against the rule.
 */
public final class PrivacyMatrix {

    public static final List<String> SETTINGS = List.of("EVERYONE", "CONTACTS", "NOBODY");

    private PrivacyMatrix() {
    }

    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String targetSetting : SETTINGS) {
            for (String viewerSetting : SETTINGS) {
                for (boolean targetSavedViewer : new boolean[] {false, true}) {
                    for (boolean viewerSavedTarget : new boolean[] {false, true}) {
                        cases.add(new Case(targetSetting, viewerSetting, targetSavedViewer, viewerSavedTarget));
                    }
                }
            }
        }
        return cases;
    }

    /** One side's setting shows its presence to the other. */
    static boolean shows(String setting, boolean savedTheOther) {
        return switch (setting) {
            case "EVERYONE" -> true;
            case "CONTACTS" -> savedTheOther;
            case "NOBODY" -> false;
            default -> throw new IllegalArgumentException(setting);
        };
    }

    public record Case(String targetSetting, String viewerSetting, boolean targetSavedViewer, boolean viewerSavedTarget) {

        /** The target's setting shows it to the viewer, and the viewer's shows theirs to the target (reciprocity). */
        public boolean visible() {
            return shows(targetSetting, targetSavedViewer) && shows(viewerSetting, viewerSavedTarget);
        }

        @Override
        public String toString() {
            return "target %s%s, viewer %s%s".formatted(targetSetting, targetSavedViewer ? " (saved the viewer)" : "",
                    viewerSetting, viewerSavedTarget ? " (saved the target)" : "");
        }
    }
}
