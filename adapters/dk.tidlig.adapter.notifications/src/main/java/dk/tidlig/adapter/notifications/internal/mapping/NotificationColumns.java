// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.util.List;

/** The columns of the children's case system's export of notifications, as the system names them. */
final class NotificationColumns {
    static final String CPR = "CPR-nummer";
    static final String CHILD_NAME = "Barnets navn";
    static final String RECEIVED = "Modtaget";
    static final String KLE = "KLE-nummer";
    static final String NOTIFIER = "Underretter";
    static final String STATUS = "Status";
    static final String ID = "Underretnings-id";
    /** Optional: the day the notification was registered in the case system. */
    static final String REGISTERED = "Registreret";

    /** In the order the export writes them. */
    static final List<String> ALL = List.of(CPR, CHILD_NAME, RECEIVED, KLE, NOTIFIER, STATUS, ID, REGISTERED);
    /** Those the adapter reads; the child's name is in the export but never read (data minimisation). */
    static final List<String> REQUIRED = List.of(CPR, RECEIVED, KLE, NOTIFIER, STATUS, ID);

    /** Values of Status. */
    static final String RECEIVED_STATUS = "Modtaget";
    static final String IN_PROGRESS = "Under behandling";
    static final String PROCESSED = "Behandlet";
    static final String ANNULLED = "Annulleret";
    static final List<String> STATUSES = List.of(RECEIVED_STATUS, IN_PROGRESS, PROCESSED, ANNULLED);

    private NotificationColumns() {
    }
}
