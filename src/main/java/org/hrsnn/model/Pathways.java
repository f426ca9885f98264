package org.hrsnn.model;

/** The four recurrent pathways, named source-then-target: ee is E to E, ei is E to I, ie is I to E, ii is I to I. */
public record Pathways(Pathway ee, Pathway ei, Pathway ie, Pathway ii) {
    public Pathways {
        Check.nested("ee", ee, p -> {});
        Check.nested("ei", ei, p -> {});
        Check.nested("ie", ie, p -> {});
        Check.nested("ii", ii, p -> {});
    }
}
