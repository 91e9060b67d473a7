// Tests for RefineryHTTP.
