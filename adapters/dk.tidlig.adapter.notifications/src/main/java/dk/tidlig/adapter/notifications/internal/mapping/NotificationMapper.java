// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/**
 * Maps the children's case system's export of notifications (underretninger) received about children:
 * every notification that is not annulled is {@link Indicator#CHILD_NOTIFICATION} for the child, on
 * the day it was received, with its KLE number (group 27.24, without handling facet) and the notifier's
 * category as details. An annulled notification (registered in error) retracts the event its id gave
 * before; only its status and id are read. The notification id identifies the record, so a re-delivered
 * export is idempotent and a corrected row replaces the earlier one.
 */
public final class NotificationMapper extends CsvLineMapper {

    /** Detail code system of the notifier category. */
    public static final String NOTIFIER_CODES = Notifier.CODE_SYSTEM;

    public NotificationMapper() {
        super(';', NotificationColumns.REQUIRED);
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String status = row.oneOf(NotificationColumns.STATUS, NotificationColumns.STATUSES);
        String id = row.text(NotificationColumns.ID);
        if (status.equals(NotificationColumns.ANNULLED)) {
            return List.of(new Retraction(id)); // registered in error: removes the notification if it was delivered before
        }
        String cpr = row.cpr(NotificationColumns.CPR);
        LocalDate received = row.date(NotificationColumns.RECEIVED, Row.DANISH_DATE);
        if (received.isBefore(CprNumbers.birthDate(cpr))) {
            throw new RecordException("column " + NotificationColumns.RECEIVED + " lies before the child's birth date (from column "
                    + NotificationColumns.CPR + ")");
        }
        String kle = KleNumbers.number(NotificationColumns.KLE, row.text(NotificationColumns.KLE));
        Notifier notifier = Notifier.ofDanish(row.oneOf(NotificationColumns.NOTIFIER, Notifier.DANISH));
        LocalDate registered = row.optionalDate(NotificationColumns.REGISTERED, Row.DANISH_DATE).orElse(null);
        if (registered != null && registered.isBefore(received)) {
            throw new RecordException("column " + NotificationColumns.REGISTERED + " lies before column " + NotificationColumns.RECEIVED);
        }
        return List.of(new RiskEvent(Indicator.CHILD_NOTIFICATION, cpr, received, null, id,
                List.of(new DetailCode(DetailCode.KLE, kle, KleNumbers.title(kle)),
                        new DetailCode(NOTIFIER_CODES, notifier.name(), notifier.danish())), registered));
    }
}
