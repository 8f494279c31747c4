package org.swisscheese.tracker.domain.reliability;

/**
 * The IEC 61508 low-demand safety integrity level a PFD upper bound falls in. Managers compare barriers by band
 * rather than by a raw probability, and the band must come from the conservative upper bound: a barrier that has
 * simply not been asked often enough must not be promoted by its point estimate.
 */
public enum SilBand {
    /** PFD 1e-1 or worse: no risk reduction an integrity level can be claimed for. */
    NONE,
    /** PFD in [1e-2, 1e-1). */
    SIL_1,
    /** PFD in [1e-3, 1e-2). */
    SIL_2,
    /** PFD in [1e-4, 1e-3). */
    SIL_3,
    /** PFD in [1e-5, 1e-4), and also below 1e-5: the standard has no level above 4. */
    SIL_4;

    /**
     * The band for a PFD (meant to be the one-sided upper bound). Lower ends are inclusive, as in the standard's
     * tables, so exactly 1e-2 is SIL 1 and exactly 1e-1 is no band.
     */
    public static SilBand ofPfd(double pfd) {
        if (Double.isNaN(pfd) || pfd < 0 || pfd > 1) {
            throw new IllegalArgumentException("a PFD is a probability, got " + pfd);
        }
        if (pfd >= 1e-1) {
            return NONE;
        }
        if (pfd >= 1e-2) {
            return SIL_1;
        }
        if (pfd >= 1e-3) {
            return SIL_2;
        }
        if (pfd >= 1e-4) {
            return SIL_3;
        }
        return SIL_4;
    }

    /** 1 to 4, or 0 for {@link #NONE}: for sorting and display. */
    public int level() {
        return ordinal();
    }
}
