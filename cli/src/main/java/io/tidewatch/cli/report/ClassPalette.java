package io.tidewatch.cli.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One colour per attack class, the same in every chart and table of a report, so a class is recognised at a
 * glance. Benign traffic is a quiet grey; attack colours are Tableau 10 (distinguishable, colour-blind aware).
 */
final class ClassPalette {

    static final Color BENIGN = new Color(0x9AA5B1);
    static final Color UNLABELLED = new Color(0xC3CAD2);
    static final Color INK = new Color(0x1F2933);
    static final Color ACCENT = new Color(0x0B5CAD);
    private static final Color[] ATTACK = {
        new Color(0xE15759), new Color(0xF28E2B), new Color(0x4E79A7), new Color(0x59A14F), new Color(0xB07AA1),
        new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F),
    };

    private final Map<String, Color> colours = new LinkedHashMap<>();

    ClassPalette(List<String> attackClasses) {
        for (String c : attackClasses) {
            colours.putIfAbsent(c, ATTACK[colours.size() % ATTACK.length]);
        }
    }

    Color of(String attackClass) {
        if (attackClass.equals("benign")) {
            return BENIGN;
        }
        if (attackClass.equals(DetectionQuality.ALL_ATTACKS)) {
            return INK;
        }
        Color c = colours.get(attackClass);
        return c != null ? c : UNLABELLED;
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static String css(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
