package org.hrsnn.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A kind of readout state taken from a network once per input window. Each is a variable of the network
 * itself, observed without any filter of the readout's own, so whatever memory a readout finds in it is
 * the network's:
 * <ul>
 *   <li>{@code COUNTS}: spikes of each neuron within the current window (no carry-over from earlier
 *       windows);</li>
 *   <li>{@code VOLTAGE}: each neuron's membrane potential at the window's end (the reset value while
 *       refractory);</li>
 *   <li>{@code ADAPTATION}: each neuron's threshold increase beta * b at the window's end; zero for
 *       neurons without an adaptive threshold (their b would be a spike filter of the readout's own).</li>
 * </ul>
 */
public enum StateKind {
    COUNTS, VOLTAGE, ADAPTATION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "voltage+counts" (kinds joined by '+', any case, no repeats) into kinds in the given order. */
    public static List<StateKind> parseAll(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("state kinds are missing; allowed: counts, voltage, adaptation, joined by '+'");
        List<StateKind> out = new ArrayList<>();
        for (String part : text.split("\\+")) {
            StateKind k;
            try {
                k = valueOf(part.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown state kind '" + part.trim() + "'; allowed: counts, voltage, adaptation, joined by '+'");
            }
            if (out.contains(k)) throw new IllegalArgumentException("state kind '" + k.label() + "' given twice in '" + text + "'");
            out.add(k);
        }
        return List.copyOf(out);
    }

    public static String labels(List<StateKind> kinds) {
        return String.join("+", kinds.stream().map(StateKind::label).toList());
    }
}
