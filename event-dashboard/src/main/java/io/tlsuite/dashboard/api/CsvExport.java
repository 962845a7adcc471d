package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.domain.DashboardEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Events as CSV (RFC 4180): one row per event, the data as a JSON column. */
final class CsvExport {

    static final String HEADER =
            "sequence,time,topic,type,subject,handshake_id,session_id,serial,version,"
                    + "cipher_suite,alert,result,data";

    private CsvExport() {}

    static void write(List<DashboardEvent> events, Writer w) throws IOException {
        w.write(HEADER);
        w.write("\r\n");
        for (DashboardEvent e : events) {
            w.write(Long.toString(e.sequence()));
            for (String v :
                    new String[] {
                        e.time().toString(),
                        e.topic(),
                        e.type(),
                        e.subject(),
                        e.handshakeId(),
                        e.sessionId(),
                        e.serial(),
                        e.version(),
                        e.suite(),
                        e.alert(),
                        e.result(),
                        e.dataText()
                    }) {
                w.write(',');
                w.write(field(v));
            }
            w.write("\r\n");
        }
    }

    /** RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String field(String v) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(',') < 0
                && v.indexOf('"') < 0
                && v.indexOf('\n') < 0
                && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
