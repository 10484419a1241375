package io.tidewatch.cli.report;

/**
 * Text made safe for HTML element content and quoted attribute values. Everything in the report that came from
 * data (hosts, classes, reasons, titles) goes through here: a reason is attacker-influenced text.
 */
final class HtmlText {

    private HtmlText() {
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters have no business in a report and some are invalid in HTML.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
